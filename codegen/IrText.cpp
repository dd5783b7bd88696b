#include "codegen/IrText.h"

#include "codegen/BuildAst.h"
#include "polyhedral/Dump.h"

#include <fmt/format.h>

#include <set>
#include <sstream>

namespace polyallo::codegen {

namespace {

void collectCallees(const core::Function& fn, const core::Module& module,
                    std::set<std::string>& out) {
  if (!out.insert(fn.name()).second) {
    return;
  }
  std::vector<const std::vector<core::StmtPtr>*> todo = {&fn.body()};
  while (!todo.empty()) {
    const auto* stmts = todo.back();
    todo.pop_back();
    for (const auto& s : *stmts) {
      if (s->kind == core::StmtKind::Call) {
        if (const core::Function* callee = module.findFunction(s->callee)) {
          collectCallees(*callee, module, out);
        }
      }
      todo.push_back(&s->body);
      todo.push_back(&s->orelse);
    }
  }
}

std::string indent(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    out += prefix + line + "\n";
  }
  return out;
}

} // namespace

std::string irText(const poly::ModuleModel& model, const std::string& function,
                   const poly::ScheduleMap& schedules) {
  const core::Function* top = model.module().findFunction(function);
  require(top != nullptr, ErrorKind::UnknownName,
          fmt::format("no function '{}' in module '{}'", function, model.module().name()));
  std::set<std::string> reachable;
  collectCallees(*top, model.module(), reachable);
  std::string out;
  for (const poly::FunctionModel* extracted : model.calleesFirst()) {
    if (!reachable.count(extracted->fn->name())) {
      continue;
    }
    auto it = schedules.find(extracted->fn->name());
    bool given = it != schedules.end();
    const poly::FunctionModel* fn =
        given && it->second.rewritten ? it->second.rewritten.get() : extracted;
    std::vector<std::string> params;
    for (const auto& p : fn->fn->params()) {
      params.push_back(fmt::format("{}: {} ({})", p->name, p->typeStr(), core::roleName(p->role)));
    }
    out += fmt::format("func {}({})\n", fn->fn->name(), fmt::join(params, ", "));
    for (const auto& a : fn->arrays()) {
      if (a->role == core::ArrayRole::Local) {
        out += fmt::format("  local {}: {}\n", a->name, a->typeStr());
      }
    }
    for (const poly::Statement& st : fn->statements) {
      out += fmt::format("  {:<4} {}\n", st.name, poly::statementText(st));
    }
    const isl::schedule& schedule = given ? it->second.tree : fn->schedule;
    out += indent(str(buildLoopAst(*fn, schedule)), "  ");
    out += "\n";
  }
  return out;
}

} // namespace polyallo::codegen

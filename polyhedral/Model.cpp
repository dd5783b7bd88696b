#include "polyhedral/Model.h"

#include "polyhedral/Extract.h"
#include "polyhedral/IslShim.h"

#include <fmt/format.h>
#include <functional>
#include <set>

namespace polyallo::poly {

const BandNames* bandNames(const isl::id& markId) {
  return std::any_cast<BandNames>(idPayload(markId));
}

std::string LoopAttrs::str() const {
  std::vector<std::string> parts;
  if (pipelineII > 0) {
    parts.push_back(fmt::format("pipeline II={}{}", pipelineII, rewind ? " rewind" : ""));
  }
  if (unroll == 0) {
    parts.push_back("unroll");
  } else if (unroll > 0) {
    parts.push_back(fmt::format("unroll {}", unroll));
  }
  if (parallel) {
    parts.push_back("parallel");
  }
  if (dataflow) {
    parts.push_back("dataflow");
  }
  if (unfold) {
    parts.push_back("unfold");
  }
  if (guardTail > 0) {
    parts.push_back(fmt::format("guarded tail of {}", guardTail));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string BandNames::loopsText() const {
  std::vector<std::string> parts;
  for (size_t m = 0; m < loops.size(); ++m) {
    std::string a = attrsOf(m).str();
    parts.push_back(a.empty() ? loops[m] : fmt::format("{} [{}]", loops[m], a));
  }
  return fmt::format("loops {}", fmt::join(parts, ", "));
}

isl::id makeBandMark(isl::ctx ctx, BandNames names) {
  std::string name = names.band;
  return isl::id(ctx, name, std::any(std::move(names)));
}

std::vector<std::shared_ptr<core::ArrayDecl>> FunctionModel::arrays() const {
  std::vector<std::shared_ptr<core::ArrayDecl>> all = fn->arrays();
  all.insert(all.end(), buffers.begin(), buffers.end());
  return all;
}

std::shared_ptr<core::ArrayDecl> FunctionModel::findArray(const std::string& name) const {
  for (const auto& a : arrays()) {
    if (a->name == name) {
      return a;
    }
  }
  return nullptr;
}

std::shared_ptr<core::ArrayDecl> FunctionModel::array(const std::string& name,
                                                      const std::string& primitive,
                                                      const SourceLoc& loc) const {
  if (std::shared_ptr<core::ArrayDecl> found = findArray(name)) {
    return found;
  }
  std::vector<std::string> names;
  for (const auto& a : arrays()) {
    names.push_back(a->name);
  }
  throw Error(ErrorKind::UnknownName,
              fmt::format("{}: function '{}' has no array '{}'; its arrays are {}", primitive,
                          fn->name(), name, fmt::join(names, ", ")),
              loc);
}

void FunctionModel::indexAccesses() {
  isl::ctx ctx = context.ctx();
  domain = isl::union_set::empty(ctx);
  taggedReads = taggedMayWrites = taggedMustWrites = isl::union_map::empty(ctx);
  for (const auto& s : statements) {
    domain = domain.unite(isl::union_set(s.domain));
  }
  for (const Reference& r : refs) {
    isl::space stmtSpace = statements[static_cast<size_t>(r.statement)].domain.space();
    isl::space tagSpace = stmtSpace.add_named_tuple(isl::id(ctx, r.tag), 0);
    isl::union_map tagged(r.access.preimage_domain(tagSpace.domain_map_multi_aff()));
    if (!r.write) {
      taggedReads = taggedReads.unite(tagged);
    } else {
      taggedMayWrites = taggedMayWrites.unite(tagged);
      if (r.must) {
        taggedMustWrites = taggedMustWrites.unite(tagged);
      }
    }
  }
  reads = taggedReads.domain_factor_domain();
  mayWrites = taggedMayWrites.domain_factor_domain();
  mustWrites = taggedMustWrites.domain_factor_domain();
}

const Statement& FunctionModel::statement(const std::string& name) const {
  int i = statementIndex(name);
  require(i >= 0, ErrorKind::UnknownName,
          fmt::format("function '{}' has no statement '{}'", fn->name(), name));
  return statements[i];
}

int FunctionModel::statementIndex(const std::string& name) const {
  for (size_t i = 0; i < statements.size(); ++i) {
    if (statements[i].name == name) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

const FunctionModel& ModuleModel::function(const std::string& name) const {
  for (const auto& f : functions_) {
    if (f.fn->name() == name) {
      return f;
    }
  }
  std::string names;
  for (const auto& f : functions_) {
    names += (names.empty() ? "" : ", ") + f.fn->name();
  }
  throw Error(ErrorKind::UnknownName, fmt::format("module '{}' has no function '{}'; functions: {}",
                                                  module_->name(), name, names));
}

std::vector<const FunctionModel*> ModuleModel::calleesFirst() const {
  std::vector<const FunctionModel*> out;
  for (const auto& name : calleesFirst_) {
    out.push_back(&function(name));
  }
  return out;
}

namespace {

/// Functions ordered callees first; a call cycle is an error.
std::vector<const core::Function*> calleesFirst(const core::Module& module) {
  std::vector<const core::Function*> order;
  std::set<const core::Function*> done, active;
  std::function<void(const core::Function&, const SourceLoc&)> visit = [&](const core::Function& f,
                                                                           const SourceLoc& from) {
    if (done.count(&f)) {
      return;
    }
    require(
        !active.count(&f), ErrorKind::InvalidCall,
        fmt::format("function '{}' is called recursively; recursion is not supported", f.name()),
        from);
    active.insert(&f);
    std::function<void(const std::vector<core::StmtPtr>&)> walk =
        [&](const std::vector<core::StmtPtr>& stmts) {
          for (const auto& s : stmts) {
            if (s->kind == core::StmtKind::Call) {
              const core::Function* callee = module.findFunction(s->callee);
              require(callee != nullptr, ErrorKind::UnknownName,
                      fmt::format("call to unknown function '{}'", s->callee), s->loc);
              visit(*callee, s->loc);
            }
            walk(s->body);
            walk(s->orelse);
          }
        };
    walk(f.body());
    active.erase(&f);
    done.insert(&f);
    order.push_back(&f);
  };
  for (const auto& f : module.functions()) {
    visit(*f, f->loc());
  }
  return order;
}

} // namespace

ModuleModel extract(const core::Module& module, const ExtractOptions& options) {
  ModuleModel model;
  model.module_ = &module;
  model.ctx_ = std::make_unique<IslContext>(options.maxOperations);
  isl::ctx ctx = model.ctx_->get();
  std::vector<const core::Function*> order = calleesFirst(module);
  std::map<std::string, FunctionModel> done;
  for (const core::Function* f : order) {
    std::map<std::string, const FunctionModel*> callees;
    for (const auto& [name, fm] : done) {
      callees[name] = &fm;
    }
    FunctionModel fm;
    model.ctx_->withBudget(fmt::format("extracting function '{}'", f->name()),
                           [&] { fm = extractStatements(ctx, module, *f, callees); });
    model.ctx_->withBudget(fmt::format("computing the dependences of function '{}'", f->name()),
                           [&] { fm.deps = computeDependences(fm, fm.schedule); });
    done.emplace(f->name(), std::move(fm));
    model.calleesFirst_.push_back(f->name());
  }
  // Keep the module's declaration order.
  for (const auto& f : module.functions()) {
    model.functions_.push_back(std::move(done.at(f->name())));
  }
  return model;
}

} // namespace polyallo::poly

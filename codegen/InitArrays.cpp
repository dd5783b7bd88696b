#include "codegen/InitArrays.h"

#include "codegen/Simulator.h"
#include "core/Diagnostics.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace polyallo::codegen {
namespace {

using DeclPtr = std::shared_ptr<core::ArrayDecl>;

DeclPtr paramNamed(const core::Function& fn, const std::string& name) {
  for (const DeclPtr& p : fn.params()) {
    if (p->name == name) {
      return p;
    }
  }
  return nullptr;
}

} // namespace

std::map<std::string, Buffer> initArrays(const poly::ModuleModel& model, const core::Function& fn) {
  const core::Function* init = model.module().findFunction(kInitKernel);
  if (init == nullptr || init == &fn) {
    return {};
  }
  std::vector<Buffer> buffers;
  std::vector<DeclPtr> params = init->params();
  for (const DeclPtr& p : params) {
    DeclPtr target = paramNamed(fn, p->name);
    std::vector<std::string> names;
    for (const DeclPtr& q : fn.params()) {
      names.push_back(q->name);
    }
    require(target != nullptr, ErrorKind::InvalidArgument,
            fmt::format("{} initialises '{}', which is no parameter of kernel '{}' (its "
                        "parameters are {}); name init_array's parameters like the kernel's",
                        kInitKernel, p->name, fn.name(), fmt::join(names, ", ")),
            p->loc);
    require(target->typeStr() == p->typeStr(), ErrorKind::InvalidArgument,
            fmt::format("{} initialises '{}' as {}, but kernel '{}' takes it as {}; declare "
                        "both with the same element type and shape",
                        kInitKernel, p->name, p->typeStr(), fn.name(), target->typeStr()),
            p->loc);
    buffers.emplace_back(p->type, arrayShape(*p));
  }
  std::vector<Buffer*> pointers;
  for (Buffer& b : buffers) {
    pointers.push_back(&b);
  }
  Simulator(model).run(kInitKernel, {}, pointers);
  std::map<std::string, Buffer> out;
  for (size_t k = 0; k < params.size(); ++k) {
    out.emplace(params[k]->name, std::move(buffers[k]));
  }
  return out;
}

std::vector<Buffer> withInitArrays(const poly::ModuleModel& model, const core::Function& fn,
                                   std::vector<Buffer> inputs) {
  std::map<std::string, Buffer> init = initArrays(model, fn);
  std::vector<DeclPtr> params = fn.params();
  for (size_t k = 0; k < params.size(); ++k) {
    if (auto it = init.find(params[k]->name); it != init.end()) {
      inputs.at(k) = std::move(it->second);
    }
  }
  return inputs;
}

} // namespace polyallo::codegen

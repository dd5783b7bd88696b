// Helpers of the poly::Schedule tests: a module with its model, the loop
// nest text of a scheduled function, and a check that a schedule computes
// exactly what the unscheduled program computes on the CPU simulator.
//
//   Program p("gemm", [](Module& m) { buildIntGemm(m, 8); });
//   poly::Schedule s(p.model, "gemm");
//   s.reorder({"k", "j"});
//   EXPECT_THAT(loopNest(s), ...);
//   expectSameResults(s, {});          // every argument and result, bit for bit
#pragma once

#include "codegen/BuildAst.h"
#include "codegen/Simulator.h"
#include "common/ErrorTesting.h"
#include "common/SimTesting.h"
#include "core/Module.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace polyallo::testing {

/// A module built by `build` and its polyhedral model. Not copyable (the
/// model points into the module).
struct Program {
  core::Module module;
  poly::ModuleModel model;
  Program(std::string name, const std::function<void(core::Module&)>& build)
      : module(std::move(name)) {
    build(module);
    model = poly::extract(module);
  }
};

/// The loop nest text of `function` (default: the schedule's own) under `s`.
inline std::string loopNest(const poly::Schedule& s, const std::string& function = "") {
  const std::string& name = function.empty() ? s.function() : function;
  return codegen::str(codegen::buildLoopAst(s.model().function(name), s.tree(name)));
}

/// The loop nest text of `function`'s initial schedule.
inline std::string initialLoopNest(const poly::ModuleModel& model, const std::string& function) {
  const poly::FunctionModel& fn = model.function(function);
  return codegen::str(codegen::buildLoopAst(fn, fn.schedule));
}

/// Every For of `node`'s subtree, outermost first (depth-first).
inline void collectLoops(const codegen::LoopNode& node, std::vector<const codegen::LoopNode*>& out) {
  if (node.kind == codegen::LoopNode::Kind::For) {
    out.push_back(&node);
  }
  for (const auto& c : node.children) {
    collectLoops(c, out);
  }
  for (const auto& c : node.orelse) {
    collectLoops(c, out);
  }
}

/// Runs `function` of `model` under `schedules` (missing functions at their
/// initial schedule) on buffers for every parameter, filled from `seed`.
/// Returns every buffer after the run (arguments may be updated in place).
inline std::vector<codegen::Buffer> simulate(const poly::ModuleModel& model,
                                             const std::map<std::string, isl::schedule>& schedules,
                                             const std::string& function,
                                             const std::map<std::string, int64_t>& params,
                                             uint64_t seed,
                                             std::vector<codegen::Buffer>* inputs = nullptr) {
  codegen::Simulator sim(model, ubsanOptions(), schedules);
  std::vector<codegen::Buffer> buffers;
  for (const auto& decl : model.function(function).fn->params()) {
    std::vector<int64_t> shape;
    for (const core::Expr& extent : decl->shape) {
      shape.push_back(codegen::evaluateExtent(extent, params));
    }
    buffers.emplace_back(decl->type, shape);
    buffers.back().fillRandom(seed + buffers.size());
  }
  std::vector<codegen::Buffer*> args;
  for (auto& b : buffers) {
    args.push_back(&b);
  }
  if (inputs != nullptr) {
    *inputs = buffers;
  }
  sim.run(function, params, args);
  return buffers;
}

/// Simulates the schedule's function (default) under `s.trees()` and under
/// the initial schedules, on the same seeded inputs, and expects every
/// buffer to be bit-identical afterwards. Also expects the run to have
/// changed some output (so an empty kernel cannot pass by accident).
inline void expectSameResults(const poly::Schedule& s,
                              const std::map<std::string, int64_t>& params = {},
                              const std::string& function = "", uint64_t seed = 20240601) {
  const std::string& name = function.empty() ? s.function() : function;
  std::vector<codegen::Buffer> inputs;
  std::vector<codegen::Buffer> want = simulate(s.model(), {}, name, params, seed, &inputs);
  std::vector<codegen::Buffer> got = simulate(s.model(), s.trees(), name, params, seed);
  ASSERT_EQ(want.size(), got.size());
  bool changed = false;
  for (size_t k = 0; k < want.size(); ++k) {
    changed = changed || !(want[k] == inputs[k]);
  }
  EXPECT_TRUE(changed) << "the kernel computed nothing: the comparison would prove nothing";
  const auto decls = s.model().function(name).fn->params();
  for (size_t k = 0; k < want.size(); ++k) {
    EXPECT_TRUE(want[k] == got[k])
        << "array '" << decls[k]->name << "' differs (max |diff| "
        << codegen::maxAbsDiff(want[k], got[k]) << ") under\n"
        << loopNest(s, name);
  }
}

} // namespace polyallo::testing

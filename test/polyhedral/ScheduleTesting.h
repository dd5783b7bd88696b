// Helpers of the poly::Schedule tests: small kernels, a module with its
// model, the loop nest of a scheduled function (as text and as For nodes),
// and a check that a schedule computes exactly what the unscheduled program
// computes on the CPU simulator.
//
//   Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 8); });
//   poly::Schedule s(p.model, "gemm");
//   s.reorder({"k", "j"});
//   EXPECT_EQ(Nest(s).iterators(), (Names{"C_init0", "C_init1", "i", "k", "j"}));
//   expectSameResults(s);          // every argument and result, bit for bit
#pragma once

#include "codegen/BuildAst.h"
#include "codegen/Simulator.h"
#include "common/ErrorTesting.h"
#include "common/SimTesting.h"
#include "core/Module.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>
#include <isl/schedule.h>

#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace polyallo::testing {

using Names = std::vector<std::string>;

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

// ---- kernels ---------------------------------------------------------------

/// `name`: B[i] = A[i] * 3 + i for i in range(lb, ub) (arrays of `ub` elements).
inline void buildAffine1d(core::Module& m, const std::string& name, int64_t lb, int64_t ub) {
  using namespace core;
  Function& f = m.function(name);
  Array A = f.arg("A", Int(32), {ub});
  Array B = f.result("B", Int(32), {ub});
  f.for_("i", lb, ub, [&](Expr i) { B(i) = A(i) * 3 + i; });
}

/// `name`: B[i, j] = A[i, j] * 3 + i - j over [rows] x [cols] (loops i, j).
inline void buildElementwise(core::Module& m, const std::string& name, int64_t rows, int64_t cols) {
  using namespace core;
  Function& f = m.function(name);
  Array A = f.arg("A", Int(32), {rows, cols});
  Array B = f.result("B", Int(32), {rows, cols});
  f.grid({"i", "j"}, {rows, cols}, [&](Expr i, Expr j) { B(i, j) = A(i, j) * 3 + i - j; });
}

/// `name`: C = 0; C[i, j] += A[i, k] * B[k, j] over [n]^3 on int32 (loops
/// i, j, k in band S_i_j_k_1; the fill is band S_C_init0_C_init1_0).
inline void buildIntGemm(core::Module& m, const std::string& name, int64_t n) {
  using namespace core;
  Function& f = m.function(name);
  Array A = f.arg("A", Int(32), {n, n});
  Array B = f.arg("B", Int(32), {n, n});
  Array C = f.result("C", Int(32), {n, n}, 0);
  f.grid({"i", "j", "k"}, {n, n, n}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
}

// ---- loop nests --------------------------------------------------------------

/// The loop nest text of `function` (default: the schedule's own) under `s`.
inline std::string loopNest(const poly::Schedule& s, const std::string& function = "") {
  const std::string& name = function.empty() ? s.function() : function;
  return codegen::str(codegen::buildLoopAst(s.functionModel(name), s.tree(name)));
}

/// The loop AST of one function under a schedule, with its For nodes in
/// depth-first (program) order.
class Nest {
public:
  explicit Nest(const poly::Schedule& s, const std::string& function = "")
      : root_(codegen::buildLoopAst(s.functionModel(function.empty() ? s.function() : function),
                                    s.tree(function.empty() ? s.function() : function))),
        text_(codegen::str(root_)) {
    collect(root_);
  }
  Nest(const Nest&) = delete;
  Nest& operator=(const Nest&) = delete;

  const codegen::LoopNode& root() const { return root_; }
  const std::string& text() const { return text_; }
  /// Every loop's iterator, outermost first.
  Names iterators() const {
    Names out;
    for (const auto* l : loops_) {
      out.push_back(l->iterator);
    }
    return out;
  }
  /// The only loop with this iterator; nullptr (and a test failure) if there
  /// is none or more than one.
  const codegen::LoopNode* loop(const std::string& iterator) const {
    const codegen::LoopNode* found = nullptr;
    for (const auto* l : loops_) {
      if (l->iterator == iterator) {
        if (found != nullptr) {
          ADD_FAILURE() << "two loops named " << iterator << " in\n" << text_;
          return nullptr;
        }
        found = l;
      }
    }
    if (found == nullptr) {
      ADD_FAILURE() << "no loop named " << iterator << " in\n" << text_;
    }
    return found;
  }
  /// How many nodes of `kind` the nest holds.
  size_t count(codegen::LoopNode::Kind kind) const { return countIn(root_, kind); }

private:
  void collect(const codegen::LoopNode& node) {
    if (node.kind == codegen::LoopNode::Kind::For) {
      loops_.push_back(&node);
    }
    for (const auto& c : node.children) {
      collect(c);
    }
    for (const auto& c : node.orelse) {
      collect(c);
    }
  }
  static size_t countIn(const codegen::LoopNode& node, codegen::LoopNode::Kind kind) {
    size_t n = node.kind == kind ? 1 : 0;
    for (const auto& c : node.children) {
      n += countIn(c, kind);
    }
    for (const auto& c : node.orelse) {
      n += countIn(c, kind);
    }
    return n;
  }

  codegen::LoopNode root_;
  std::string text_;
  std::vector<const codegen::LoopNode*> loops_;
};

/// A loop's constant [first, end) with step 1, or nothing when a bound is
/// not a constant (a min, an expression of outer loops, a parameter).
inline std::optional<std::pair<int64_t, int64_t>> constantRange(const codegen::LoopNode& loop) {
  codegen::AstExprPtr end = codegen::exclusiveUpperBound(loop);
  if (!end || !loop.init || loop.init->kind != codegen::AstExpr::Kind::Int ||
      end->kind != codegen::AstExpr::Kind::Int || codegen::constantStep(loop) != 1) {
    return std::nullopt;
  }
  return std::make_pair(loop.init->value, end->value);
}

inline std::optional<std::pair<int64_t, int64_t>> range(int64_t first, int64_t end) {
  return std::make_pair(first, end);
}

/// isl's own equality of two trees (mark ids compare by identity).
inline bool plainEqual(const isl::schedule& a, const isl::schedule& b) {
  return isl_schedule_plain_is_equal(a.get(), b.get()) == isl_bool_true;
}

/// isl's text of a tree (mark names, not their payloads).
inline std::string treeText(const isl::schedule& tree) {
  std::ostringstream out;
  out << tree.root();
  return out.str();
}

// ---- simulation --------------------------------------------------------------

/// Runs `function` of `model` under `schedules` (missing functions at their
/// initial schedule) on buffers for every parameter, filled from `seed`.
/// Returns every buffer after the run (arguments may be updated in place);
/// `inputs`, if given, receives them as they were before it.
inline std::vector<codegen::Buffer>
simulate(const poly::ModuleModel& model, const poly::ScheduleMap& schedules,
         const std::string& function, const std::map<std::string, int64_t>& params, uint64_t seed,
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
  if (inputs != nullptr) {
    *inputs = buffers;
  }
  std::vector<codegen::Buffer*> args;
  for (auto& b : buffers) {
    args.push_back(&b);
  }
  sim.run(function, params, args);
  return buffers;
}

/// Simulates `function` (default: the schedule's) under `s.trees()` and
/// under the initial schedules, on the same seeded inputs, and expects every
/// buffer to be bit-identical afterwards (floats too: use it where the
/// schedule keeps the order of each reduction). Also expects the run to
/// change some buffer, so a kernel that computes nothing cannot pass.
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
    EXPECT_TRUE(want[k] == got[k]) << "array '" << decls[k]->name << "' differs (max |diff| "
                                   << codegen::maxAbsDiff(want[k], got[k]) << ") under\n"
                                   << loopNest(s, name);
  }
}

} // namespace polyallo::testing

// Helpers of the codegen tests: one-statement kernels whose results are checked against hand-computed
// values.
#pragma once

#include "codegen/Simulator.h"
#include "common/SimTesting.h"
#include "core/Module.h"
#include "polyhedral/Model.h"

#include <gtest/gtest.h>

#include <functional>

namespace polyallo::testing {

/// Runs (under ubsanOptions) `R[i] = op(X[i], Y[i])` for every i (X: tx,
/// Y: ty, R: tr; R is the assignment's target, so op's value is cast to tr).
/// `set(buffer, i, value)` stores an input, `get(buffer, i)` reads R.
template <class T, class Set, class Get>
std::vector<T> runBinaryWith(core::ElemType tx, core::ElemType ty, core::ElemType tr,
                             const std::function<core::Expr(core::Expr, core::Expr)>& op,
                             const std::vector<T>& x, const std::vector<T>& y, Set set, Get get) {
  EXPECT_EQ(x.size(), y.size());
  auto n = static_cast<int64_t>(x.size());
  core::Module m("binary");
  core::Function& f = m.function("f");
  core::Array X = f.arg("X", tx, {n});
  core::Array Y = f.arg("Y", ty, {n});
  core::Array R = f.result("R", tr, {n});
  f.for_("i", 0, n, [&](core::Expr i) { R(i) = op(X(i), Y(i)); });
  poly::ModuleModel model = poly::extract(m);
  codegen::Simulator sim(model, ubsanOptions());
  codegen::Buffer bx(tx, {n}), by(ty, {n}), br(tr, {n});
  for (size_t i = 0; i < x.size(); ++i) {
    set(bx, i, x[i]);
    set(by, i, y[i]);
  }
  sim.run("f", {}, {&bx, &by, &br});
  std::vector<T> out;
  for (size_t i = 0; i < x.size(); ++i) {
    out.push_back(get(br, i));
  }
  return out;
}

/// runBinaryWith on bit patterns (Buffer::setBits / getBits).
inline std::vector<uint64_t> runBinaryBits(core::ElemType tx, core::ElemType ty, core::ElemType tr,
                                           const std::function<core::Expr(core::Expr, core::Expr)>& op,
                                           const std::vector<uint64_t>& x,
                                           const std::vector<uint64_t>& y) {
  return runBinaryWith(
      tx, ty, tr, op, x, y, [](codegen::Buffer& b, size_t i, uint64_t v) { b.setBits(i, v); },
      [](const codegen::Buffer& b, size_t i) { return b.getBits(i); });
}

/// runBinaryWith on values (Buffer::setDouble / getDouble).
inline std::vector<double> runBinary(core::ElemType tx, core::ElemType ty, core::ElemType tr,
                                     const std::function<core::Expr(core::Expr, core::Expr)>& op,
                                     const std::vector<double>& x, const std::vector<double>& y) {
  return runBinaryWith(
      tx, ty, tr, op, x, y, [](codegen::Buffer& b, size_t i, double v) { b.setDouble(i, v); },
      [](const codegen::Buffer& b, size_t i) { return b.getDouble(i); });
}

/// `R[i] = op(X[i])` on values.
inline std::vector<double> runUnary(core::ElemType tx, core::ElemType tr,
                                    const std::function<core::Expr(core::Expr)>& op,
                                    const std::vector<double>& x) {
  return runBinary(
      tx, tx, tr, [&](core::Expr a, core::Expr) { return op(a); }, x, x);
}

} // namespace polyallo::testing

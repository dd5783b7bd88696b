// Helpers shared by the codegen tests: a private compile cache and
// one-statement kernels whose results are checked against hand-computed
// values.
#pragma once

#include "codegen/Simulator.h"
#include "core/Module.h"
#include "polyhedral/Model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <unistd.h>

namespace polyallo::testing {

/// A cache directory of this user's tests (not $HOME/.cache).
inline std::string testCacheDir() {
  return (std::filesystem::temp_directory_path() /
          ("polyallo-test-cache-" + std::to_string(static_cast<long>(getuid()))))
      .string();
}

inline codegen::SimOptions testOptions() {
  codegen::SimOptions o;
  o.cacheDir = testCacheDir();
  return o;
}

/// testOptions() plus UBSan in trap mode (no runtime library needed): any
/// undefined behaviour in the emitted C, including out-of-range float to
/// integer casts, kills the test with SIGILL instead of passing unnoticed.
inline codegen::SimOptions ubsanOptions() {
  codegen::SimOptions o = testOptions();
  o.flags = {"-O2", "-fsanitize=undefined", "-fsanitize=float-cast-overflow",
             "-fsanitize-undefined-trap-on-error"};
  return o;
}

/// Runs (under ubsanOptions) `R[i] = op(X[i], Y[i])` for every i (X: tx, Y: ty, R: tr; R is the
/// assignment's target, so op's value is cast to tr) on inputs given as bit
/// patterns (Buffer::setBits) and returns R's bit patterns (getBits).
inline std::vector<uint64_t>
runBinaryBits(core::ElemType tx, core::ElemType ty, core::ElemType tr,
              const std::function<core::Expr(core::Expr, core::Expr)>& op,
              const std::vector<uint64_t>& x, const std::vector<uint64_t>& y) {
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
    bx.setBits(i, x[i]);
    by.setBits(i, y[i]);
  }
  sim.run("f", {}, {&bx, &by, &br});
  std::vector<uint64_t> out;
  for (size_t i = 0; i < x.size(); ++i) {
    out.push_back(br.getBits(i));
  }
  return out;
}

/// As runBinaryBits, with values (Buffer::setDouble / getDouble).
inline std::vector<double> runBinary(core::ElemType tx, core::ElemType ty, core::ElemType tr,
                                     const std::function<core::Expr(core::Expr, core::Expr)>& op,
                                     const std::vector<double>& x, const std::vector<double>& y) {
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
    bx.setDouble(i, x[i]);
    by.setDouble(i, y[i]);
  }
  sim.run("f", {}, {&bx, &by, &br});
  std::vector<double> out;
  for (size_t i = 0; i < x.size(); ++i) {
    out.push_back(br.getDouble(i));
  }
  return out;
}

/// `R[i] = op(X[i])` on values.
inline std::vector<double> runUnary(core::ElemType tx, core::ElemType tr,
                                    const std::function<core::Expr(core::Expr)>& op,
                                    const std::vector<double>& x) {
  return runBinary(
      tx, tx, tr, [&](core::Expr a, core::Expr) { return op(a); }, x, x);
}

} // namespace polyallo::testing

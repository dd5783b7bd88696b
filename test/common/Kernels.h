// Small kernels built with the C++ API, shared by the polyhedral and end-to-end tests.
#pragma once

#include "core/Module.h"

namespace polyallo::testing {

using namespace polyallo::core;

/// C = 0; C[i, j] += A[i, k] * B[k, j] over [N] x [N] x [N] (N symbolic).
inline void buildGemm(Module& m, Expr N) {
  Function& f = m.function("gemm");
  Array A = f.arg("A", Float32(), {N, N});
  Array B = f.arg("B", Float32(), {N, N});
  Array C = f.result("C", Float32(), {N, N}, 0.0);
  f.grid({"i", "j", "k"}, {N, N, N}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
}

/// PolyBench's jacobi-2d: a time loop around two 5-point sweeps.
inline void buildJacobi2d(Module& m, Expr T, Expr N) {
  Function& f = m.function("jacobi_2d");
  Array A = f.arg("A", Float64(), {N, N});
  Array B = f.arg("B", Float64(), {N, N});
  f.for_("t", 0, T, [&](Expr t) {
    (void)t;
    f.for_("i", 1, N - 1, [&](Expr i) {
      f.for_("j", 1, N - 1, [&](Expr j) {
        B(i, j) = 0.2 * (A(i, j) + A(i, j - 1) + A(i, j + 1) + A(i + 1, j) + A(i - 1, j));
      });
    });
    f.for_("i2", 1, N - 1, [&](Expr i) {
      f.for_("j2", 1, N - 1, [&](Expr j) {
        A(i, j) = 0.2 * (B(i, j) + B(i, j - 1) + B(i, j + 1) + B(i + 1, j) + B(i - 1, j));
      });
    });
  });
}

} // namespace polyallo::testing

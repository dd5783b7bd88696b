// PolyBench's jacobi-2d with the C++ builder API: a time loop around two
// 5-point sweeps, simulated and compared with a naive reference.
//
//   for t in range(T):
//       for i, j in allo.grid(N - 2, N - 2):
//           B[i+1, j+1] = 0.2 * (A[i+1, j+1] + A[i+1, j] + A[i+1, j+2] + A[i+2, j+1] + A[i, j+1])
//       for i, j in allo.grid(N - 2, N - 2):
//           A[i+1, j+1] = 0.2 * (B[i+1, j+1] + B[i+1, j] + B[i+1, j+2] + B[i+2, j+1] + B[i, j+1])
#include "codegen/Simulator.h"
#include "core/Module.h"
#include "polyhedral/Model.h"

#include <cstdio>
#include <vector>

using namespace polyallo;
using namespace polyallo::core;

int main() {
  try {
    const int64_t T = 20, N = 30;
    Module module("jacobi");
    Function& f = module.function("jacobi_2d");
    Array A = f.arg("A", Float64(), {N, N});
    Array B = f.arg("B", Float64(), {N, N});
    f.for_("t", 0, T, [&](Expr) {
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
    poly::ModuleModel model = poly::extract(module);

    codegen::Buffer a(Float64(), {N, N}), b(Float64(), {N, N});
    a.fillRandom(7);
    b.fillRandom(8);
    std::vector<double> ra(static_cast<const double*>(a.data()),
                           static_cast<const double*>(a.data()) + N * N);
    std::vector<double> rb(static_cast<const double*>(b.data()),
                           static_cast<const double*>(b.data()) + N * N);
    codegen::Simulator(model).run("jacobi_2d", {}, {&a, &b});

    for (int64_t t = 0; t < T; ++t) {
      for (int64_t i = 1; i < N - 1; ++i) {
        for (int64_t j = 1; j < N - 1; ++j) {
          rb[i * N + j] = 0.2 * (ra[i * N + j] + ra[i * N + j - 1] + ra[i * N + j + 1] +
                                 ra[(i + 1) * N + j] + ra[(i - 1) * N + j]);
        }
      }
      for (int64_t i = 1; i < N - 1; ++i) {
        for (int64_t j = 1; j < N - 1; ++j) {
          ra[i * N + j] = 0.2 * (rb[i * N + j] + rb[i * N + j - 1] + rb[i * N + j + 1] +
                                 rb[(i + 1) * N + j] + rb[(i - 1) * N + j]);
        }
      }
    }
    bool same = true;
    for (int64_t e = 0; e < N * N; ++e) {
      same &= static_cast<const double*>(a.data())[e] == ra[e];
      same &= static_cast<const double*>(b.data())[e] == rb[e];
    }
    std::printf("jacobi-2d T=%lld N=%lld: %s\n", static_cast<long long>(T),
                static_cast<long long>(N), same ? "MATCH" : "MISMATCH");
    return same ? 0 : 1;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}

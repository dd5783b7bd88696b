// The main job: GEMM written with the C++ builder API, extracted into the
// polyhedral model, dumped, simulated on the CPU and compared with a naive
// reference. Prints the verdict; exits 1 on a mismatch.
//
//   def gemm(A: float32[N, K], B: float32[K, M]) -> float32[N, M]:
//       C: float32[N, M] = 0.0
//       for i, j, k in allo.grid(N, M, K):
//           C[i, j] += A[i, k] * B[k, j]
//       return C
#include "codegen/BuildAst.h"
#include "codegen/Simulator.h"
#include "core/Module.h"
#include "polyhedral/Dump.h"
#include "polyhedral/Model.h"

#include <cstdio>
#include <vector>

using namespace polyallo;
using namespace polyallo::core;

int main() {
  try {
    // 1. The kernel, with symbolic sizes N, K, M.
    Module module("gemm");
    Expr N = module.param("N"), K = module.param("K"), M = module.param("M");
    Function& gemm = module.function("gemm");
    Array A = gemm.arg("A", Float32(), {N, K});
    Array B = gemm.arg("B", Float32(), {K, M});
    Array C = gemm.result("C", Float32(), {N, M}, 0.0);
    gemm.grid({"i", "j", "k"}, {N, M, K},
              [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });

    // 2. The polyhedral model: domains, accesses, schedule tree, dependences.
    poly::ModuleModel model = poly::extract(module);
    std::printf("%s\n", poly::dumpText(model).c_str());
    const poly::FunctionModel& fn = model.function("gemm");
    std::printf("loop nest:\n%s\n",
                codegen::str(codegen::buildLoopAst(fn, fn.schedule)).c_str());

    // 3. CPU simulation at N = 64, K = 48, M = 40 on seeded random inputs.
    const int64_t n = 64, k = 48, m = 40;
    codegen::Buffer a(Float32(), {n, k}), b(Float32(), {k, m}), c(Float32(), {n, m});
    a.fillRandom(1);
    b.fillRandom(2);
    codegen::Simulator sim(model);
    sim.run("gemm", {{"N", n}, {"K", k}, {"M", m}}, {&a, &b, &c});

    // 4. A naive reference in the same operation order: bit-exact in float32.
    const auto* pa = static_cast<const float*>(a.data());
    const auto* pb = static_cast<const float*>(b.data());
    std::vector<float> ref(static_cast<size_t>(n * m), 0.0f);
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t j = 0; j < m; ++j) {
        for (int64_t kk = 0; kk < k; ++kk) {
          ref[i * m + j] = ref[i * m + j] + pa[i * k + kk] * pb[kk * m + j];
        }
      }
    }
    const auto* pc = static_cast<const float*>(c.data());
    int64_t mismatches = 0;
    for (int64_t e = 0; e < n * m; ++e) {
      mismatches += pc[e] != ref[e];
    }
    std::printf("gemm %lldx%lldx%lld: simulated C vs naive reference: %s (%lld of %lld elements "
                "differ)\n",
                static_cast<long long>(n), static_cast<long long>(m), static_cast<long long>(k),
                mismatches == 0 ? "MATCH" : "MISMATCH", static_cast<long long>(mismatches),
                static_cast<long long>(n * m));
    return mismatches == 0 ? 0 : 1;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}

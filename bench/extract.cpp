// Compile-time benchmark: extraction + exact dependences of small kernels.
//
//   scripts/setup.sh build-bench -DPOLYALLO_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release
//   ./build-bench/bench_extract --benchmark_out=bench/results/extract.json
#include "core/Module.h"
#include "polyhedral/Model.h"

#include <benchmark/benchmark.h>

namespace {

using namespace polyallo::core;

void buildGemm(Module& m, int64_t n) {
  Function& f = m.function("gemm");
  Array A = f.arg("A", Float32(), {n, n});
  Array B = f.arg("B", Float32(), {n, n});
  Array C = f.result("C", Float32(), {n, n}, 0.0);
  f.grid({"i", "j", "k"}, {n, n, n}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
}

void buildJacobi2d(Module& m, int64_t steps, int64_t n) {
  Function& f = m.function("jacobi_2d");
  Array A = f.arg("A", Float64(), {n, n});
  Array B = f.arg("B", Float64(), {n, n});
  f.for_("t", 0, steps, [&](Expr) {
    f.grid({"i", "j"}, {n - 2, n - 2}, [&](Expr i, Expr j) {
      B(i + 1, j + 1) = 0.2 * (A(i + 1, j + 1) + A(i + 1, j) + A(i + 1, j + 2) + A(i + 2, j + 1) + A(i, j + 1));
    });
    f.grid({"i2", "j2"}, {n - 2, n - 2}, [&](Expr i, Expr j) {
      A(i + 1, j + 1) = 0.2 * (B(i + 1, j + 1) + B(i + 1, j) + B(i + 1, j + 2) + B(i + 2, j + 1) + B(i, j + 1));
    });
  });
}

void BM_ExtractGemm(benchmark::State& state) {
  for (auto _ : state) {
    Module m("gemm");
    buildGemm(m, state.range(0));
    auto model = polyallo::poly::extract(m);
    benchmark::DoNotOptimize(model.functions().size());
  }
}
BENCHMARK(BM_ExtractGemm)->Arg(32)->Arg(1024)->Unit(benchmark::kMillisecond);

void BM_ExtractJacobi2d(benchmark::State& state) {
  for (auto _ : state) {
    Module m("jacobi");
    buildJacobi2d(m, 100, state.range(0));
    auto model = polyallo::poly::extract(m);
    benchmark::DoNotOptimize(model.functions().size());
  }
}
BENCHMARK(BM_ExtractJacobi2d)->Arg(32)->Arg(1024)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();

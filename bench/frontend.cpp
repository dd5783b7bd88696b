// Compile-time benchmark of the frontend: lex + parse + lower + schedule
// script (allo::load), alone and followed by extraction.
//
//   scripts/setup.sh build-bench -DPOLYALLO_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release
//   ./build-bench/bench_frontend
#include "frontends/allo/Program.h"
#include "polyhedral/Model.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

namespace {

using namespace polyallo;

allo::Source gemmFile() {
  return allo::Source::fromFile(POLYALLO_SOURCE_DIR "/docs/examples/gemm.py");
}

/// `kernels` jacobi-2d-like kernels of 12 statements each, one schedule script line per kernel.
allo::Source generatedFile(int kernels) {
  std::string text = "import allo\nfrom allo.ir.types import float32\nN = 64\n";
  for (int k = 0; k < kernels; ++k) {
    std::string name = "stencil" + std::to_string(k);
    text += "\ndef " + name + "(A: float32[N, N], B: float32[N, N]):\n";
    for (int s = 0; s < 6; ++s) {
      text += "    for i, j in allo.grid(N - 2, N - 2):\n"
              "        B[i + 1, j + 1] = 0.2 * (A[i + 1, j + 1] + A[i + 1, j] + A[i + 1, j + 2]"
              " + A[i + 2, j + 1] + A[i, j + 1])\n"
              "    for i, j in allo.grid(N - 2, N - 2):\n"
              "        A[i + 1, j + 1] = B[i + 1, j + 1] * 0.5 + A[i + 1, j + 1] * 0.5\n";
    }
    text += "s" + std::to_string(k) + " = allo.customize(" + name + ")\n";
  }
  return allo::Source{"generated.py", text};
}

void BM_LoadGemm(benchmark::State& state) {
  allo::Source source = gemmFile();
  for (auto _ : state) {
    allo::Program p = allo::load(source);
    benchmark::DoNotOptimize(p.module.get());
  }
}
BENCHMARK(BM_LoadGemm)->Unit(benchmark::kMicrosecond);

void BM_LoadGenerated(benchmark::State& state) {
  allo::Source source = generatedFile(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    allo::Program p = allo::load(source);
    benchmark::DoNotOptimize(p.module.get());
  }
  state.SetComplexityN(state.range(0));
  state.counters["lines"] =
      static_cast<double>(std::count(source.text.begin(), source.text.end(), '\n'));
}
BENCHMARK(BM_LoadGenerated)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

void BM_LoadAndExtractGemm(benchmark::State& state) {
  allo::Source source = gemmFile();
  for (auto _ : state) {
    allo::Program p = allo::load(source);
    poly::ModuleModel model = poly::extract(*p.module);
    benchmark::DoNotOptimize(model.functions().size());
  }
}
BENCHMARK(BM_LoadAndExtractGemm)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();

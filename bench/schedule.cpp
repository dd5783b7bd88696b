// Compile-time benchmark of the schedule primitives: applying a script's
// steps (each validated and proven legal against the exact dependences) on
// an extracted model, for the PolyBench schedules of test/e2e/schedules, the
// memory primitives' buffers (buffer_at, reuse_at chains), and for a growing
// number of steps on one gemm.
//
//   scripts/setup.sh build-bench -DPOLYALLO_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release
//   ./build-bench/bench_schedule
#include "polyhedral/Schedule.h"
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"
#include "polyhedral/Model.h"

#include <benchmark/benchmark.h>

#include <string>

namespace {

using namespace polyallo;

/// Load, extraction and every step of the file's last schedule.
void BM_ScriptEndToEnd(benchmark::State& state, const char* file) {
  allo::Source source =
      allo::Source::fromFile(std::string(POLYALLO_SOURCE_DIR "/test/e2e/schedules/") + file);
  size_t steps = 0;
  for (auto _ : state) {
    allo::Program p = allo::load(source);
    poly::ModuleModel model = poly::extract(*p.module);
    poly::Schedule s = allo::applySchedule(p, model, p.schedules.size() - 1);
    steps = s.steps().size();
    benchmark::DoNotOptimize(s.trees().size());
  }
  state.counters["steps"] = static_cast<double>(steps);
}

/// The steps alone (the model is extracted once).
void BM_ScriptSteps(benchmark::State& state, const char* file) {
  allo::Source source =
      allo::Source::fromFile(std::string(POLYALLO_SOURCE_DIR "/test/e2e/schedules/") + file);
  allo::Program p = allo::load(source);
  poly::ModuleModel model = poly::extract(*p.module);
  for (auto _ : state) {
    poly::Schedule s = allo::applySchedule(p, model, p.schedules.size() - 1);
    benchmark::DoNotOptimize(s.trees().size());
  }
}

BENCHMARK_CAPTURE(BM_ScriptEndToEnd, atax, "atax.py")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptEndToEnd, 2mm, "2mm.py")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptEndToEnd, 3mm, "3mm.py")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptEndToEnd, buffer_at_systolic, "buffer_at_systolic.py")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptEndToEnd, reuse_blur_3d, "reuse_blur_3d.py")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptEndToEnd, reuse_jacobi_2d, "reuse_jacobi_2d.py")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptSteps, atax, "atax.py")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptSteps, reuse_blur_3d, "reuse_blur_3d.py")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptSteps, reuse_jacobi_2d, "reuse_jacobi_2d.py")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScriptSteps, 3mm, "3mm.py")->Unit(benchmark::kMillisecond);

/// N steps on gemm, alternating reorder("k", "j") and reorder("j", "k"): every
/// one re-proves the whole function legal, so the cost per step is the
/// legality check on a 3-deep reduction.
void BM_GemmReorders(benchmark::State& state) {
  allo::Source source = allo::Source::fromFile(POLYALLO_SOURCE_DIR "/docs/examples/gemm.py");
  allo::Program p = allo::load(source);
  poly::ModuleModel model = poly::extract(*p.module);
  int64_t n = state.range(0);
  for (auto _ : state) {
    poly::Schedule s(model, "gemm");
    for (int64_t k = 0; k < n; ++k) {
      s.reorder(k % 2 == 0 ? std::vector<std::string>{"k", "j"}
                           : std::vector<std::string>{"j", "k"});
    }
    benchmark::DoNotOptimize(s.steps().size());
  }
  state.SetComplexityN(n);
}
BENCHMARK(BM_GemmReorders)
    ->RangeMultiplier(4)
    ->Range(4, 256)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();

// Layout inference on generated call graphs (modules built with the C++
// builder API; no polyhedral model is needed): the time should grow linearly
// with the number of call edges.
//
//   chain  f0(A) calls f1(A) calls ... f{N-1}(A): a partition at each end, so
//          both travel the whole chain and meet on every array;
//   fan    top calls one kernel k(X, Y) N times, k(B0, B1), k(B1, B2), ...:
//          k's parameters join every buffer, each call site feeding back.
//
//   cmake -S . -B build-bench -DPOLYALLO_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-bench --target bench_layout && ./build-bench/bench_layout
#include "core/Module.h"
#include "layout/Infer.h"

#include <benchmark/benchmark.h>

#include <memory>
#include <string>

namespace {

using namespace polyallo;
using namespace polyallo::core;

poly::Step partition(const std::string& array, poly::PartitionType type, std::vector<int64_t> dims,
                     int64_t factor) {
  std::vector<int64_t> values = {static_cast<int64_t>(type), factor};
  values.insert(values.end(), dims.begin(), dims.end());
  return {"partition", "", {array}, values, false, {}};
}

std::unique_ptr<Module> chain(int64_t n) {
  auto m = std::make_unique<Module>("chain");
  Function* next = nullptr;
  for (int64_t k = n - 1; k >= 0; --k) {
    Function& f = m->function("f" + std::to_string(k));
    Array A = f.arg("A", Int(32), {16, 16});
    if (next != nullptr) {
      f.call(*next, {A});
    } else {
      f.grid({"i", "j"}, {16, 16}, [&](Expr i, Expr j) { A(i, j) = i + j; });
    }
    next = &f;
  }
  m->setTop("f0");
  return m;
}

std::unique_ptr<Module> fan(int64_t n) {
  auto m = std::make_unique<Module>("fan");
  Function& k = m->function("k");
  Array X = k.arg("X", Int(32), {16, 16});
  Array Y = k.arg("Y", Int(32), {16, 16});
  k.grid({"i", "j"}, {16, 16}, [&](Expr i, Expr j) { Y(i, j) = X(i, j) + 1; });
  Function& top = m->function("top");
  std::vector<Array> buffers = {top.arg("B0", Int(32), {16, 16})};
  for (int64_t c = 0; c < n; ++c) {
    buffers.push_back(top.local("B" + std::to_string(c + 1), Int(32), {16, 16}));
    top.call(k, {buffers[c], buffers[c + 1]});
  }
  m->setTop("top");
  return m;
}

void BM_InferChain(benchmark::State& state) {
  std::unique_ptr<Module> m = chain(state.range(0));
  std::string last = "f" + std::to_string(state.range(0) - 1) + ":A";
  std::vector<poly::Step> steps = {partition(last, poly::PartitionType::Cyclic, {1, 2}, 4),
                                   partition("f0:A", poly::PartitionType::Cyclic, {1}, 8)};
  size_t arrays = 0;
  for (auto _ : state) {
    layout::Layouts l = layout::infer(*m, steps);
    arrays = l.arrays.size();
    benchmark::DoNotOptimize(arrays);
  }
  state.counters["partitioned"] = static_cast<double>(arrays);
  state.SetComplexityN(state.range(0));
}

void BM_InferFan(benchmark::State& state) {
  std::unique_ptr<Module> m = fan(state.range(0));
  std::vector<poly::Step> steps = {partition("k:X", poly::PartitionType::Cyclic, {2}, 4),
                                   partition("top:B0", poly::PartitionType::Block, {1}, 2)};
  size_t arrays = 0;
  for (auto _ : state) {
    layout::Layouts l = layout::infer(*m, steps);
    arrays = l.arrays.at("top").size();
    benchmark::DoNotOptimize(arrays);
  }
  state.counters["partitioned"] = static_cast<double>(arrays);
  state.SetComplexityN(state.range(0));
}

BENCHMARK(BM_InferChain)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InferFan)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();

// CPU simulation of dataflow regions: functions whose unfolded loops make
// processing elements (PEs) that talk through streams. Each PE runs on a
// thread of its own (codegen/DataflowRuntime.h); results are checked against
// values computed by hand, deadlocks against the runtime's report.
#include "CodegenTesting.h"
#include "codegen/CEmitter.h"
#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <future>
#include <map>
#include <thread>

namespace polyallo {
namespace {

using namespace polyallo::core;
using codegen::Buffer;
using codegen::Simulator;
using polyallo::testing::throwsError;
using polyallo::testing::ubsanOptions;

/// sim.run on another thread; a hang (what the runtime's deadlock detection
/// exists to prevent) ends the test binary instead of blocking ctest.
void runWithin(const Simulator& sim, const std::string& fn, const std::vector<Buffer*>& args,
               const std::map<std::string, int64_t>& params = {}, int seconds = 60) {
  std::promise<void> done;
  auto future = done.get_future();
  std::thread worker([&] {
    try {
      sim.run(fn, params, args);
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  if (future.wait_for(std::chrono::seconds(seconds)) != std::future_status::ready) {
    std::fprintf(stderr, "DataflowSimTest: run '%s' did not return within %d s\n", fn.c_str(),
                 seconds);
    std::_Exit(1);
  }
  worker.join();
  future.get(); // rethrows
}

Function::LoopOptions unfolded() {
  Function::LoopOptions o;
  o.hints.unfold = true;
  o.bandLabel = "PE"; // PEs PE_0, PE_1, ...
  return o;
}

void set(Buffer& b, int64_t i, double v) { b.setDouble(static_cast<size_t>(i), v); }
double at(const Buffer& b, int64_t i) { return b.getDouble(static_cast<size_t>(i)); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

// for p in range(2) [unfold]:
//   if p == 0: for k: s.put(A[k])
//   if p == 1: for k: B[k] = s.get() + 1
TEST(DataflowSim, ProducerConsumerThroughAShallowFifo) {
  const int64_t n = 100;
  Module m("pipe");
  Function& f = m.function("top");
  Array A = f.arg("A", Int(32), {n});
  Array B = f.result("B", Int(32), {n});
  Array s = f.stream("s", Int(32), {}, 2);
  f.for_("p", 0, 2, unfolded(), [&](Expr p) {
    f.if_(p == 0, [&] { f.for_("k", 0, n, [&](Expr k) { s() = A(k); }); });
    f.if_(p == 1, [&] { f.for_("k", 0, n, [&](Expr k) { B(k) = s() + 1; }); });
  });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  const std::string& c = sim.source();
  EXPECT_TRUE(contains(c, "static void top_PE_0(")) << c;
  EXPECT_TRUE(contains(c, "static void top_PE_1("));
  EXPECT_TRUE(contains(c, "pa_fifo_init(&s[0], \"s\", sizeof(int32_t), 2,"));
  EXPECT_TRUE(contains(c, "pa_run_instances(pa_pes, 2,"));
  EXPECT_TRUE(contains(c, "pa_fifo_put(&s[0], &pa_put);"));
  EXPECT_TRUE(contains(c, "int32_t pa_get0 = pa_get_int32_t(&s[0]);"));

  Buffer a(Int(32), {n}), b(Int(32), {n});
  for (int64_t k = 0; k < n; ++k) {
    set(a, k, static_cast<double>(k * 7 - 300));
  }
  for (int run = 0; run < 3; ++run) { // the FIFOs start empty on every run
    runWithin(sim, "top", {&a, &b});
    for (int64_t k = 0; k < n; ++k) {
      ASSERT_EQ(at(b, k), static_cast<double>(k * 7 - 300 + 1)) << k;
    }
  }
}

// Size parameters reach every PE (and its private arrays); the PEs and
// FIFOs themselves must not depend on them.
TEST(DataflowSim, RegionsTakeModuleParameters) {
  Module m("param");
  Expr N = m.param("N");
  Function& f = m.function("top");
  Array A = f.arg("A", Int(16), {N});
  Array B = f.result("B", Int(16), {N});
  Array t = f.local("t", Int(16), {N});
  Array s = f.stream("s", Int(16), {2}, 3);
  f.for_("p", 0, 2, unfolded(), [&](Expr p) {
    f.if_(p == 0, [&] { f.for_("k", 0, N, [&](Expr k) { s(1) = A(k) * 2; }); });
    f.if_(p == 1, [&] {
      f.for_("k", 0, N, [&](Expr k) { t(N - 1 - k) = s(1); });
      f.for_("k", 0, N, [&](Expr k) { B(k) = t(k) - 1; });
    });
  });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  for (int64_t n : {1, 7, 40}) {
    Buffer a(Int(16), {n}), b(Int(16), {n});
    for (int64_t k = 0; k < n; ++k) {
      set(a, k, static_cast<double>(k + 3));
    }
    runWithin(sim, "top", {&a, &b}, {{"N", n}});
    for (int64_t k = 0; k < n; ++k) {
      EXPECT_EQ(at(b, k), static_cast<double>(2 * (n - 1 - k + 3) - 1)) << n << ": " << k;
    }
  }
}

TEST(DataflowSim, OrdinaryModulesDoNotCompileTheRuntime) {
  Module m("plain");
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {4});
  Array B = f.result("B", Int(32), {4});
  f.for_("k", 0, 4, [&](Expr k) { B(k) = A(k); });
  poly::ModuleModel model = poly::extract(m);
  std::string c = codegen::emitC(model);
  EXPECT_FALSE(contains(c, "pa_run_instances")) << c;
  EXPECT_FALSE(contains(c, "pthread"));
}

// A 1-D systolic chain: PE p gets a partial result from fifo[p], adds its
// weight times the input and passes the sum on through fifo[p + 1]; the last
// PE writes it and accumulates a total.
//   PE 0:      fifo[1].put(W[0] * X[k])
//   PE 1, 2:   fifo[p + 1].put(2 * fifo[p].get() + W[p] * X[k])
//   PE 3:      v = 2 * fifo[3].get() + W[3] * X[k];  Y[k] = v;  T[0] += v
TEST(DataflowSim, SystolicChainRelaysPartialSums) {
  const int64_t n = 16;
  Module m("chain");
  Function& f = m.function("top");
  Array X = f.arg("X", Int(32), {n});
  Array W = f.arg("W", Int(32), {4});
  Array Y = f.result("Y", Int(32), {n});
  Array T = f.result("T", Int(32), {1});
  Array fifo = f.stream("fifo", Int(32), {5}, 2);
  f.for_("p", 0, 4, unfolded(), [&](Expr p) {
    f.if_(p == 0, [&] { f.for_("k", 0, n, [&](Expr k) { fifo(1) = W(0) * X(k); }); });
    f.if_(p >= 1, [&] {
      f.if_(p <= 2,
            [&] { f.for_("k", 0, n, [&](Expr k) { fifo(p + 1) = 2 * fifo(p) + W(p) * X(k); }); });
    });
    f.if_(p == 3, [&] {
      f.for_("k", 0, n, [&](Expr k) {
        Y(k) = 2 * fifo(3) + W(3) * X(k);
        T(0) += Y(k);
      });
    });
  });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  EXPECT_EQ(count(sim.source(), "pa_fifo_init(&fifo["), 3u) << sim.source(); // fifo[1..3]
  EXPECT_TRUE(contains(sim.source(), "\"fifo[2]\""));

  Buffer x(Int(32), {n}), w(Int(32), {4}), y(Int(32), {n}), t(Int(32), {1});
  const int64_t weights[4] = {3, -1, 4, 2};
  for (int64_t p = 0; p < 4; ++p) {
    set(w, p, static_cast<double>(weights[p]));
  }
  for (int64_t k = 0; k < n; ++k) {
    set(x, k, static_cast<double>(k - 5));
  }
  runWithin(sim, "top", {&x, &w, &y, &t});
  // v = 8 W0 x + 4 W1 x + 2 W2 x + W3 x = (24 - 4 + 8 + 2) x = 30 x.
  int64_t total = 0;
  for (int64_t k = 0; k < n; ++k) {
    EXPECT_EQ(at(y, k), static_cast<double>(30 * (k - 5))) << k;
    total += 30 * (k - 5);
  }
  EXPECT_EQ(at(t, 0), static_cast<double>(total)); // 30 * (120 - 80) = 1200
}

// Two PEs that each put N values and then get N from the other: a cycle that
// only runs when each FIFO holds all N values.
void buildCycle(Module& m, int64_t n, int64_t depth) {
  Function& f = m.function("top");
  Array X = f.arg("X", Int(32), {n});
  Array Y = f.result("Y", Int(32), {n});
  Array Z = f.result("Z", Int(32), {n});
  Array ab = f.stream("fifo_ab", Int(32), {}, depth);
  Array ba = f.stream("fifo_ba", Int(32), {}, depth);
  // PE_0's private copy: a deadlocked PE leaves without freeing it, the
  // region does (LeakSanitizer checks under POLYALLO_SANITIZE).
  Array t = f.local("t", Int(32), {n});
  f.for_("p", 0, 2, unfolded(), [&](Expr p) {
    f.if_(p == 0, [&] {
      f.for_("k", 0, n, [&](Expr k) { t(k) = X(k); });
      f.for_("k", 0, n, [&](Expr k) { ab() = t(k); });
      f.for_("k", 0, n, [&](Expr k) { Y(k) = ba(); });
    });
    f.if_(p == 1, [&] {
      f.for_("k", 0, n, [&](Expr k) { ba() = X(k) * 2; });
      f.for_("k", 0, n, [&](Expr k) { Z(k) = ab() + 1; });
    });
  });
}

TEST(DataflowSim, ShallowCycleDeadlocksWithAReport) {
  const int64_t n = 5;
  Module m("cycle");
  buildCycle(m, n, 2);
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  Buffer x(Int(32), {n}), y(Int(32), {n}), z(Int(32), {n});
  x.fillRandom(3);
  for (int run = 0; run < 2; ++run) {
    EXPECT_TRUE(throwsError(
        [&] {
          runWithin(sim, "top", {&x, &y, &z});
        },
        ErrorKind::Deadlock,
        {"dataflow region 'top' deadlocked: ", "PE_0 waits to put on fifo_ab (full, depth 2",
         "PE_1 waits to put on fifo_ba (full, depth 2", "deepen"}));
  }
}

TEST(DataflowSim, DeepEnoughCycleRuns) {
  const int64_t n = 5;
  Module m("cycle");
  buildCycle(m, n, n);
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  Buffer x(Int(32), {n}), y(Int(32), {n}), z(Int(32), {n});
  for (int64_t k = 0; k < n; ++k) {
    set(x, k, static_cast<double>(10 * k + 1));
  }
  runWithin(sim, "top", {&x, &y, &z});
  for (int64_t k = 0; k < n; ++k) {
    EXPECT_EQ(at(y, k), static_cast<double>(2 * (10 * k + 1))) << k;
    EXPECT_EQ(at(z, k), static_cast<double>(10 * k + 1 + 1)) << k;
  }
}

// A local array and a local scalar used only inside the band: each PE has
// its own copies, so the PEs (running at once) never see each other's values.
TEST(DataflowSim, PrivateLocalsAreOnePerPe) {
  const int64_t n = 8;
  Module m("priv");
  Function& f = m.function("top");
  Array X = f.arg("X", Int(32), {n});
  Array Y = f.result("Y", Int(32), {2, n});
  Array S = f.result("S", Int(32), {2});
  Array t = f.local("t", Int(32), {n});
  Array acc = f.scalar("acc", Int(32));
  f.for_("p", 0, 2, unfolded(), [&](Expr p) {
    acc() = 0; // else PE 1 would read what PE 0 left (unfold refuses that)
    f.for_("k", 0, n, [&](Expr k) { t(k) = X(k) + p * 100; });
    f.for_("k", 0, n, [&](Expr k) {
      Y(p, k) = t(n - 1 - k) * 2;
      acc() += t(k);
    });
    S(p) = acc();
  });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  const std::string& c = sim.source();
  // Allocated by each PE's thread entry, never by the region function.
  EXPECT_EQ(count(c, "pa_c->t = (int32_t*)calloc("), 2u) << c;
  EXPECT_EQ(count(c, "int32_t acc[1] = {0};"), 2u);
  EXPECT_FALSE(contains(c, "int32_t* t = (int32_t*)calloc("));

  Buffer x(Int(32), {n}), y(Int(32), {2, n}), s(Int(32), {2});
  int64_t sum = 0;
  for (int64_t k = 0; k < n; ++k) {
    set(x, k, static_cast<double>(k * k));
    sum += k * k;
  }
  for (int run = 0; run < 2; ++run) {
    runWithin(sim, "top", {&x, &y, &s});
    for (int64_t p = 0; p < 2; ++p) {
      for (int64_t k = 0; k < n; ++k) {
        EXPECT_EQ(y.getDouble({p, k}),
                  static_cast<double>(2 * ((n - 1 - k) * (n - 1 - k) + p * 100)))
            << p << "," << k;
      }
      EXPECT_EQ(at(s, p), static_cast<double>(sum + n * p * 100)) << p;
    }
  }
}

// A PE of `top` calls `inner`, itself a region: a second pa_run_instances on
// the PE's thread.
TEST(DataflowSim, RegionCallsARegion) {
  const int64_t n = 12;
  Module m("nested");
  Function& inner = m.function("inner");
  {
    Array X = inner.arg("X", Int(32), {n});
    Array Y = inner.arg("Y", Int(32), {n});
    Array s = inner.stream("s", Int(32), {}, 1);
    inner.for_("q", 0, 2, unfolded(), [&](Expr q) {
      inner.if_(q == 0, [&] { inner.for_("k", 0, n, [&](Expr k) { s() = X(k) + 1; }); });
      inner.if_(q == 1, [&] { inner.for_("k", 0, n, [&](Expr k) { Y(k) = s(); }); });
    });
  }
  Function& top = m.function("top");
  Array A = top.arg("A", Int(32), {n});
  Array B = top.result("B", Int(32), {n});
  Array C = top.result("C", Int(32), {n});
  Array s = top.stream("s", Int(32), {}, 2);
  top.for_("p", 0, 2, unfolded(), [&](Expr p) {
    top.if_(p == 0, [&] {
      top.call(inner, {A, B});
      top.for_("k", 0, n, [&](Expr k) { s() = B(k); });
    });
    top.if_(p == 1, [&] { top.for_("k", 0, n, [&](Expr k) { C(k) = s() * 2; }); });
  });
  m.setTop("top");
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  EXPECT_EQ(count(sim.source(), "pa_run_instances(pa_pes,"), 2u) << sim.source();
  Buffer a(Int(32), {n}), b(Int(32), {n}), c(Int(32), {n});
  for (int64_t k = 0; k < n; ++k) {
    set(a, k, static_cast<double>(3 * k - 7));
  }
  runWithin(sim, "top", {&a, &b, &c});
  for (int64_t k = 0; k < n; ++k) {
    EXPECT_EQ(at(b, k), static_cast<double>(3 * k - 7 + 1)) << k;
    EXPECT_EQ(at(c, k), static_cast<double>(2 * (3 * k - 7 + 1))) << k;
  }
  Buffer y(Int(32), {n}); // the inner region alone
  runWithin(sim, "inner", {&a, &y});
  EXPECT_EQ(at(y, n - 1), static_cast<double>(3 * (n - 1) - 7 + 1));
}

// A deadlock of the inner region is reported as the inner region's.
TEST(DataflowSim, NestedRegionDeadlockNamesTheInnerRegion) {
  const int64_t n = 4;
  Module m("nested");
  Function& inner = m.function("inner");
  {
    Array X = inner.arg("X", Int(32), {n});
    Array Y = inner.arg("Y", Int(32), {n});
    Array s = inner.stream("s", Int(32), {}, 1);
    inner.for_("q", 0, 2, unfolded(), [&](Expr q) {
      inner.if_(q == 0, [&] { inner.for_("k", 0, n, [&](Expr k) { s() = X(k); }); });
      // Gets two elements fewer than its producer puts.
      inner.if_(q == 1, [&] { inner.for_("k", 2, n, [&](Expr k) { Y(k) = s(); }); });
    });
  }
  Function& top = m.function("top");
  Array A = top.arg("A", Int(32), {n});
  Array B = top.result("B", Int(32), {n});
  top.for_("p", 0, 1, unfolded(), [&](Expr) { top.call(inner, {A, B}); });
  m.setTop("top");
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  Buffer a(Int(32), {n}), b(Int(32), {n});
  EXPECT_TRUE(throwsError(
      [&] {
        runWithin(sim, "top", {&a, &b});
      },
      ErrorKind::Deadlock,
      {"dataflow region 'inner' deadlocked: ",
       "PE_0 waits to put on s (full, depth 1, its consumer PE_1 has "
       "finished)"}));
}

TEST(DataflowSim, SecondProducerIsRefused) {
  Module m("two");
  Function& f = m.function("top");
  Array A = f.arg("A", Int(32), {4});
  Array B = f.result("B", Int(32), {4});
  Array s = f.stream("s", Int(32), {}, 4);
  f.for_("p", 0, 3, unfolded(), [&](Expr p) {
    f.if_(p <= 1, [&] { f.for_("k", 0, 2, [&](Expr k) { s() = A(2 * p + k); }); });
    f.if_(p == 2, [&] { f.for_("k", 0, 4, [&](Expr k) { B(k) = s(); }); });
  });
  poly::ModuleModel model = poly::extract(m);
  EXPECT_TRUE(throwsError([&] { Simulator sim(model, ubsanOptions()); }, ErrorKind::InvalidSchedule,
                          {"FIFO s of function 'top' has two producers", "'PE_0' and 'PE_1'",
                           "single-producer single-consumer"}));
}

// Two gets in one expression pop in Python's order (left operand first).
TEST(DataflowSim, GetsInOneStatementPopLeftToRight) {
  const int64_t n = 6;
  Module m("order");
  Function& f = m.function("top");
  Array A = f.arg("A", Int(32), {2 * n});
  Array D = f.result("D", Int(32), {n});
  Array s = f.stream("s", Int(32), {}, 3);
  f.for_("p", 0, 2, unfolded(), [&](Expr p) {
    f.if_(p == 0, [&] { f.for_("k", 0, 2 * n, [&](Expr k) { s() = A(k); }); });
    f.if_(p == 1, [&] { f.for_("k", 0, n, [&](Expr k) { D(k) = s() * 1000 - s(); }); });
  });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, ubsanOptions());
  Buffer a(Int(32), {2 * n}), d(Int(32), {n});
  for (int64_t k = 0; k < 2 * n; ++k) {
    set(a, k, static_cast<double>(k));
  }
  runWithin(sim, "top", {&a, &d});
  for (int64_t k = 0; k < n; ++k) {
    EXPECT_EQ(at(d, k), static_cast<double>(2 * k * 1000 - (2 * k + 1))) << k;
  }
}

TEST(DataflowSim, StreamsOutsideARegionAreRefused) {
  Module m("seq");
  Function& f = m.function("top");
  Array A = f.arg("A", Int(32), {4});
  Array B = f.result("B", Int(32), {4});
  Array s = f.stream("s", Int(32), {}, 4);
  f.for_("k", 0, 4, [&](Expr k) { s() = A(k); });
  f.for_("k", 0, 4, [&](Expr k) { B(k) = s(); });
  poly::ModuleModel model = poly::extract(m);
  EXPECT_TRUE(throwsError([&] { (void)codegen::emitC(model); }, ErrorKind::InvalidSchedule,
                          {"function 'top' uses the stream 's'", "unfold"}));
}

} // namespace
} // namespace polyallo

// The dataflow runtime (bounded FIFOs, concurrent instances, deadlock
// detection) driven by hand-written C, as the dataflow emitter will write it.
#include "codegen/DataflowRuntime.h"
#include "codegen/CCompiler.h"
#include "common/SimTesting.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace polyallo {
namespace {

using codegen::CompiledLibrary;

/// The runtime plus `body`, compiled with UBSan in trap mode.
CompiledLibrary compileWithRuntime(const std::string& body) {
  codegen::CompilerOptions opts;
  opts.cacheDir = testing::testCacheDir();
  opts.flags = testing::ubsanOptions().flags;
  return CompiledLibrary::compile(codegen::dataflowRuntimeC() + body, opts);
}

/// f() on another thread; a hang (the bug this runtime exists to prevent)
/// ends the whole test binary after `seconds` instead of blocking ctest.
template <class F> auto within(int seconds, F f) -> decltype(f()) {
  std::promise<decltype(f())> promise;
  auto future = promise.get_future();
  std::thread worker([&] { promise.set_value(f()); });
  if (future.wait_for(std::chrono::seconds(seconds)) != std::future_status::ready) {
    std::fprintf(stderr, "DataflowRuntimeTest: the run did not return within %d s\n", seconds);
    std::_Exit(1);
  }
  worker.join();
  return future.get();
}

struct Outcome {
  int status = -1;
  std::string report;
};

/// Calls `int NAME(int32_t* data, int64_t param, char* report, size_t size)`.
Outcome runEntry(const CompiledLibrary& lib, const std::string& name, int32_t* data,
                 int64_t param) {
  using Entry = int (*)(int32_t*, int64_t, char*, size_t);
  auto entry = reinterpret_cast<Entry>(lib.symbol(name));
  return within(60, [&] {
    std::vector<char> report(1024, 'x');
    Outcome o;
    o.status = entry(data, param, report.data(), report.size());
    o.report = report.data();
    return o;
  });
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A producer computes values, a consumer transforms them, through a depth-2 FIFO.
const char* kPipe = R"(
typedef struct { pa_fifo* f; int32_t* out; int64_t n; } pipe_ctx;
static void producer(void* p) {
  pipe_ctx* c = (pipe_ctx*)p;
  int64_t i;
  for (i = 0; i < c->n; ++i) {
    int32_t v = (int32_t)(i * 7 - 3);
    pa_fifo_put(c->f, &v);
  }
}
static void consumer(void* p) {
  pipe_ctx* c = (pipe_ctx*)p;
  int64_t i;
  for (i = 0; i < c->n; ++i) {
    int32_t v;
    pa_fifo_get(c->f, &v);
    c->out[i] = v * 3 + (int32_t)i;
  }
}
int pipeline(int32_t* out, int64_t n, char* report, size_t size) {
  pa_fifo f;
  int32_t mem[2];
  pipe_ctx c;
  pa_instance insts[2];
  pa_fifo_init(&f, "pipe_f", sizeof(int32_t), 2, mem);
  c.f = &f; c.out = out; c.n = n;
  insts[0].name = "producer"; insts[0].fn = producer; insts[0].ctx = &c;
  insts[1].name = "consumer"; insts[1].fn = consumer; insts[1].ctx = &c;
  return pa_run_instances(insts, 2, report, size);
}
)";

TEST(DataflowRuntime, ProducerConsumerMatchesTheSequentialRun) {
  CompiledLibrary lib = compileWithRuntime(kPipe);
  std::vector<int32_t> out(1000, 0);
  for (int repeat = 0; repeat < 5; ++repeat) {
    Outcome o = runEntry(lib, "pipeline", out.data(), 1000);
    ASSERT_EQ(o.status, 0) << o.report;
    EXPECT_EQ(o.report, "");
    for (int32_t i = 0; i < 1000; ++i) {
      ASSERT_EQ(out[i], (i * 7 - 3) * 3 + i) << i;
    }
  }
}

// A loader, four PEs relaying x and a partial sum, and a drainer: out[n] =
// ((((0*3 + w0*x)*3 + w1*x)*3 + w2*x)*3 + w3*x), order-sensitive on purpose.
const char* kChain = R"(
#define PES 4
typedef struct { pa_fifo* x_in; pa_fifo* x_out; pa_fifo* s_in; pa_fifo* s_out;
                 int32_t w; int32_t* data; int64_t n; } pe_ctx;
static void loader(void* p) {
  pe_ctx* c = (pe_ctx*)p;
  int64_t i;
  for (i = 0; i < c->n; ++i) {
    int32_t zero = 0;
    pa_fifo_put(c->x_out, &c->data[i]);
    pa_fifo_put(c->s_out, &zero);
  }
}
static void pe(void* p) {
  pe_ctx* c = (pe_ctx*)p;
  int64_t i;
  for (i = 0; i < c->n; ++i) {
    int32_t x, s;
    pa_fifo_get(c->x_in, &x);
    if (c->x_out != NULL)
      pa_fifo_put(c->x_out, &x);
    pa_fifo_get(c->s_in, &s);
    s = s * 3 + c->w * x;
    pa_fifo_put(c->s_out, &s);
  }
}
static void drainer(void* p) {
  pe_ctx* c = (pe_ctx*)p;
  int64_t i;
  for (i = 0; i < c->n; ++i)
    pa_fifo_get(c->s_in, &c->data[c->n + i]);
}
/* data[0..n) = x, data[n..2n) = results. */
int chain(int32_t* data, int64_t n, char* report, size_t size) {
  pa_fifo fx[PES], fs[PES + 1];
  int32_t mx[PES][2], ms[PES + 1][2];
  pe_ctx ctx[PES + 2];
  pa_instance insts[PES + 2];
  static const char* xn[PES] = {"fifo_x[0]", "fifo_x[1]", "fifo_x[2]", "fifo_x[3]"};
  static const char* sn[PES + 1] = {"fifo_s[0]", "fifo_s[1]", "fifo_s[2]", "fifo_s[3]",
                                    "fifo_s[4]"};
  static const char* pn[PES] = {"PE_0", "PE_1", "PE_2", "PE_3"};
  int k;
  memset(ctx, 0, sizeof ctx);
  for (k = 0; k < PES; ++k)
    pa_fifo_init(&fx[k], xn[k], sizeof(int32_t), 2, mx[k]);
  for (k = 0; k <= PES; ++k)
    pa_fifo_init(&fs[k], sn[k], sizeof(int32_t), 2, ms[k]);
  ctx[0].x_out = &fx[0]; ctx[0].s_out = &fs[0];
  insts[0].name = "loader"; insts[0].fn = loader;
  for (k = 0; k < PES; ++k) {
    pe_ctx* c = &ctx[k + 1];
    c->x_in = &fx[k]; c->x_out = k + 1 < PES ? &fx[k + 1] : NULL;
    c->s_in = &fs[k]; c->s_out = &fs[k + 1]; c->w = 2 * k - 3;
    insts[k + 1].name = pn[k]; insts[k + 1].fn = pe;
  }
  ctx[PES + 1].s_in = &fs[PES];
  insts[PES + 1].name = "drainer"; insts[PES + 1].fn = drainer;
  for (k = 0; k < PES + 2; ++k) {
    ctx[k].data = data; ctx[k].n = n;
    insts[k].ctx = &ctx[k];
  }
  return pa_run_instances(insts, PES + 2, report, size);
}
)";

TEST(DataflowRuntime, SystolicChainMatchesTheSequentialRun) {
  CompiledLibrary lib = compileWithRuntime(kChain);
  const int64_t n = 500;
  std::vector<int32_t> data(2 * n, 0);
  for (int64_t i = 0; i < n; ++i) {
    data[i] = static_cast<int32_t>((i * 37) % 101 - 50);
  }
  Outcome o = runEntry(lib, "chain", data.data(), n);
  ASSERT_EQ(o.status, 0) << o.report;
  for (int64_t i = 0; i < n; ++i) {
    int32_t s = 0;
    for (int32_t k = 0; k < 4; ++k) {
      s = s * 3 + (2 * k - 3) * data[i];
    }
    ASSERT_EQ(data[n + i], s) << i;
  }
}

// Cyclic dependences: `param` is the depth of the A -> B data FIFO.
//  ctl: A puts three values on `ab`, then a go-token on `ctl`; B waits for the
//       token before reading `ab` (needs depth >= 3).
//  cross: A and B each put three values to the other before reading (needs >= 3 both ways).
const char* kCycles = R"(
typedef struct { pa_fifo* ab; pa_fifo* other; } cyc_ctx;
static void ctl_a(void* p) {
  cyc_ctx* c = (cyc_ctx*)p;
  int32_t i;
  for (i = 0; i < 3; ++i)
    pa_fifo_put(c->ab, &i);
  pa_fifo_put(c->other, &i);
}
static void ctl_b(void* p) {
  cyc_ctx* c = (cyc_ctx*)p;
  int32_t v, i;
  pa_fifo_get(c->other, &v);
  for (i = 0; i < 3; ++i)
    pa_fifo_get(c->ab, &v);
}
static void cross_a(void* p) {
  cyc_ctx* c = (cyc_ctx*)p;
  int32_t v, i;
  for (i = 0; i < 3; ++i)
    pa_fifo_put(c->ab, &i);
  for (i = 0; i < 3; ++i)
    pa_fifo_get(c->other, &v);
}
static void cross_b(void* p) {
  cyc_ctx* c = (cyc_ctx*)p;
  int32_t v, i;
  for (i = 0; i < 3; ++i)
    pa_fifo_put(c->other, &i);
  for (i = 0; i < 3; ++i)
    pa_fifo_get(c->ab, &v);
}
static int cycle(void (*a)(void*), void (*b)(void*), const char* other, int64_t depth,
                 char* report, size_t size) {
  pa_fifo ab, ot;
  int32_t mab[8], mot[8];
  cyc_ctx c;
  pa_instance insts[2];
  pa_fifo_init(&ab, "fifo_ab", sizeof(int32_t), depth, mab);
  pa_fifo_init(&ot, other, sizeof(int32_t), depth, mot);
  c.ab = &ab; c.other = &ot;
  insts[0].name = "A"; insts[0].fn = a; insts[0].ctx = &c;
  insts[1].name = "B"; insts[1].fn = b; insts[1].ctx = &c;
  return pa_run_instances(insts, 2, report, size);
}
int ctl(int32_t* unused, int64_t depth, char* report, size_t size) {
  (void)unused;
  return cycle(ctl_a, ctl_b, "fifo_ctl", depth, report, size);
}
int cross(int32_t* unused, int64_t depth, char* report, size_t size) {
  (void)unused;
  return cycle(cross_a, cross_b, "fifo_ba", depth, report, size);
}
)";

TEST(DataflowRuntime, TooShallowFifoInACycleIsADeadlock) {
  CompiledLibrary lib = compileWithRuntime(kCycles);
  for (int repeat = 0; repeat < 20; ++repeat) {
    Outcome o = runEntry(lib, "ctl", nullptr, 2);
    ASSERT_EQ(o.status, 1) << o.report;
    EXPECT_EQ(o.report, "deadlock: A waits to put on fifo_ab (full, depth 2, nothing was ever "
                        "taken from it); B waits to get from fifo_ctl (empty, depth 2, nothing "
                        "was ever put on it)");
  }
  // One more slot breaks the cycle.
  Outcome deep = runEntry(lib, "ctl", nullptr, 3);
  EXPECT_EQ(deep.status, 0) << deep.report;
}

TEST(DataflowRuntime, TwoFullFifosInACycleAreADeadlock) {
  CompiledLibrary lib = compileWithRuntime(kCycles);
  Outcome o = runEntry(lib, "cross", nullptr, 2);
  ASSERT_EQ(o.status, 1) << o.report;
  EXPECT_TRUE(contains(o.report, "A waits to put on fifo_ab (full, depth 2")) << o.report;
  EXPECT_TRUE(contains(o.report, "B waits to put on fifo_ba (full, depth 2")) << o.report;
  EXPECT_EQ(runEntry(lib, "cross", nullptr, 3).status, 0);
}

// An instance without FIFOs returns at once; the producer finishes long before
// the consumer has read its values. Neither is a deadlock.
const char* kEarly = R"(
typedef struct { pa_fifo* f; int32_t* out; } early_ctx;
static void idle(void* p) { ((early_ctx*)p)->out[0] = 1; }
static void burst(void* p) {
  int32_t i;
  for (i = 0; i < 5; ++i)
    pa_fifo_put(((early_ctx*)p)->f, &i);
}
static void slow(void* p) {
  early_ctx* c = (early_ctx*)p;
  int32_t i, v, sum = 0;
  for (i = 0; i < 5; ++i) {
    pa_fifo_get(c->f, &v);
    sum += v;
  }
  c->out[1] = sum;
}
int early(int32_t* out, int64_t unused, char* report, size_t size) {
  pa_fifo f;
  int32_t mem[8];
  early_ctx c;
  pa_instance insts[3];
  (void)unused;
  pa_fifo_init(&f, "fifo_early", sizeof(int32_t), 8, mem);
  c.f = &f; c.out = out;
  insts[0].name = "idle"; insts[0].fn = idle; insts[0].ctx = &c;
  insts[1].name = "burst"; insts[1].fn = burst; insts[1].ctx = &c;
  insts[2].name = "slow"; insts[2].fn = slow; insts[2].ctx = &c;
  return pa_run_instances(insts, 3, report, size);
}
)";

TEST(DataflowRuntime, InstancesFinishingEarlyAreNotADeadlock) {
  CompiledLibrary lib = compileWithRuntime(kEarly);
  for (int repeat = 0; repeat < 20; ++repeat) {
    std::vector<int32_t> out(2, 0);
    Outcome o = runEntry(lib, "early", out.data(), 0);
    ASSERT_EQ(o.status, 0) << o.report;
    EXPECT_EQ(out[0], 1);
    EXPECT_EQ(out[1], 0 + 1 + 2 + 3 + 4);
  }
}

TEST(DataflowRuntime, GetAfterTheProducerFinishedIsReported) {
  // pipe's consumer reads n values, its producer puts n: make them disagree
  // by running a consumer that reads one more.
  const std::string body = std::string(kPipe) + R"(
static void greedy(void* p) {
  pipe_ctx* c = (pipe_ctx*)p;
  int64_t i;
  for (i = 0; i <= c->n; ++i) {
    int32_t v;
    pa_fifo_get(c->f, &v);
  }
}
int overread(int32_t* out, int64_t n, char* report, size_t size) {
  pa_fifo f;
  int32_t mem[2];
  pipe_ctx c;
  pa_instance insts[2];
  pa_fifo_init(&f, "fifo_C[1]", sizeof(int32_t), 2, mem);
  c.f = &f; c.out = out; c.n = n;
  insts[0].name = "producer"; insts[0].fn = producer; insts[0].ctx = &c;
  insts[1].name = "greedy"; insts[1].fn = greedy; insts[1].ctx = &c;
  return pa_run_instances(insts, 2, report, size);
}
)";
  CompiledLibrary lib = compileWithRuntime(body);
  for (int repeat = 0; repeat < 20; ++repeat) {
    Outcome o = runEntry(lib, "overread", nullptr, 10);
    ASSERT_EQ(o.status, 1) << o.report;
    EXPECT_EQ(o.report, "deadlock: greedy waits to get from fifo_C[1] (empty, depth 2, its "
                        "producer producer has finished)");
  }
}

TEST(DataflowRuntime, TwoProducersOnOneFifoAreRefused) {
  const std::string body = std::string(kPipe) + R"(
int twice(int32_t* out, int64_t n, char* report, size_t size) {
  pa_fifo f;
  int32_t mem[4];
  pipe_ctx c;
  pa_instance insts[3];
  pa_fifo_init(&f, "fifo_shared", sizeof(int32_t), 4, mem);
  c.f = &f; c.out = out; c.n = n;
  insts[0].name = "P1"; insts[0].fn = producer; insts[0].ctx = &c;
  insts[1].name = "P2"; insts[1].fn = producer; insts[1].ctx = &c;
  insts[2].name = "C"; insts[2].fn = consumer; insts[2].ctx = &c;
  return pa_run_instances(insts, 3, report, size);
}
)";
  CompiledLibrary lib = compileWithRuntime(body);
  std::vector<int32_t> out(100, 0);
  Outcome o = runEntry(lib, "twice", out.data(), 100);
  ASSERT_EQ(o.status, 2) << o.report;
  EXPECT_TRUE(contains(o.report, "stream misuse: FIFO fifo_shared has two producers")) << o.report;
}

// A run inside an instance of another run (a PE that calls a function which
// is itself a dataflow region): each run has its own state, and the calling
// instance's identity (a __thread variable of its own thread) is untouched,
// so it can use its FIFOs after the inner run, however that ended.
const char* kNested = R"(
typedef struct { pa_fifo* f; int32_t* out; int64_t n; int inner; int inner_rc; } nest_ctx;
static void nest_a(void* p) {
  nest_ctx* c = (nest_ctx*)p;
  char inner_report[256];
  int64_t i;
  if (c->inner == 0)
    c->inner_rc = pipeline(c->out, c->n, inner_report, sizeof inner_report);
  else
    c->inner_rc = ctl(NULL, 2, inner_report, sizeof inner_report); /* deadlocks */
  for (i = 0; i < c->n; ++i)
    pa_fifo_put(c->f, &c->out[i]);
}
static void nest_b(void* p) {
  nest_ctx* c = (nest_ctx*)p;
  int64_t i;
  for (i = 0; i < c->n; ++i) {
    int32_t v;
    pa_fifo_get(c->f, &v);
    c->out[c->n + i] = v + 1;
  }
}
/* out[0..n): the inner pipeline's results (inner == 0), out[n..2n): them + 1.
   Returns the outer run's status, else 10 + the inner run's. */
static int nested(int32_t* out, int64_t n, int inner, char* report, size_t size) {
  pa_fifo f;
  int32_t mem[2];
  nest_ctx c;
  pa_instance insts[2];
  int rc;
  pa_fifo_init(&f, "fifo_outer", sizeof(int32_t), 2, mem);
  c.f = &f; c.out = out; c.n = n; c.inner = inner; c.inner_rc = -1;
  insts[0].name = "outer_a"; insts[0].fn = nest_a; insts[0].ctx = &c;
  insts[1].name = "outer_b"; insts[1].fn = nest_b; insts[1].ctx = &c;
  rc = pa_run_instances(insts, 2, report, size);
  return rc != 0 ? rc : 10 + c.inner_rc;
}
int nested_pipe(int32_t* out, int64_t n, char* report, size_t size) {
  return nested(out, n, 0, report, size);
}
int nested_deadlock(int32_t* out, int64_t n, char* report, size_t size) {
  return nested(out, n, 1, report, size);
}
)";

TEST(DataflowRuntime, RunsNestInsideAnInstance) {
  CompiledLibrary lib = compileWithRuntime(std::string(kPipe) + kCycles + kNested);
  const int64_t n = 200;
  for (int repeat = 0; repeat < 5; ++repeat) {
    std::vector<int32_t> out(2 * n, 0);
    Outcome o = runEntry(lib, "nested_pipe", out.data(), n);
    ASSERT_EQ(o.status, 10) << o.report; // both runs finished
    EXPECT_EQ(o.report, "");
    for (int32_t i = 0; i < n; ++i) {
      ASSERT_EQ(out[i], (i * 7 - 3) * 3 + i) << i;
      ASSERT_EQ(out[n + i], (i * 7 - 3) * 3 + i + 1) << i;
    }
  }
  // The inner run deadlocks; the outer one still completes.
  std::vector<int32_t> out(2 * 4, 5);
  Outcome o = runEntry(lib, "nested_deadlock", out.data(), 4);
  EXPECT_EQ(o.status, 11) << o.report;
  EXPECT_EQ(o.report, "");
  EXPECT_EQ(out[4 + 3], 6);
}

TEST(DataflowRuntime, TheReportIsTruncatedToItsBuffer) {
  CompiledLibrary lib = compileWithRuntime(kCycles);
  using Entry = int (*)(int32_t*, int64_t, char*, size_t);
  auto entry = reinterpret_cast<Entry>(lib.symbol("ctl"));
  char small[16];
  std::memset(small, 'x', sizeof small);
  EXPECT_EQ(within(60, [&] { return entry(nullptr, 2, small, sizeof small); }), 1);
  EXPECT_EQ(std::string(small), "deadlock: A wai");
  EXPECT_EQ(within(60, [&] { return entry(nullptr, 2, nullptr, 0); }), 1);
}

} // namespace
} // namespace polyallo

// The dataflow API (allo.dataflow): a @df.region() function is one core
// function whose @df.kernel functions are bands of unfolded loops; streams,
// get_pid, meta_if per processing element, and what the frontend refuses.
#include "common/ErrorTesting.h"
#include "common/SimTesting.h"
#include "frontends/allo/Program.h"
#include "polyhedral/Dump.h"
#include "polyhedral/Model.h"
#include "polyhedral/Unfold.h"

#include <gtest/gtest.h>
#include <memory>

#include <functional>

using namespace polyallo;
using polyallo::testing::throwsError;

namespace {

allo::Program loadText(const std::string& text) {
  return allo::load(allo::Source{"test.py", text});
}

allo::Program loadExample(const std::string& name) {
  return allo::load(
      allo::Source::fromFile(std::string(POLYALLO_SOURCE_DIR) + "/test/e2e/dataflow/" + name));
}

const core::Function& fn(const allo::Program& p, const std::string& name) {
  const core::Function* f = p.module->findFunction(name);
  if (!f) {
    throw std::runtime_error("no function " + name);
  }
  return *f;
}

std::string header() {
  return "import allo\nfrom allo.ir.types import int8, int16, int32, float32, Stream\n"
         "import allo.dataflow as df\nM = 4\n";
}

/// A region top(A: int32[4], B: int32[4]) whose one kernel has `body`
/// (indented by 8) and the given decorator arguments.
std::string region(const std::string& body, const std::string& streams = "",
                   const std::string& mapping = "mapping=[4], args=[A, B]") {
  return header() + "@df.region()\ndef top(A: int32[4], B: int32[4]):\n" + streams +
         "    @df.kernel(" + mapping + ")\n    def k(A: int32[4], B: int32[4]):\n" + body;
}

int64_t constant(const core::Expr& e) {
  int64_t v = -1;
  core::constantValue(e, v);
  return v;
}

/// Every statement of `body`, nested ones included, in order.
void walk(const std::vector<core::StmtPtr>& body,
          const std::function<void(const core::StmtNode&)>& fn) {
  for (const auto& s : body) {
    fn(*s);
    walk(s->body, fn);
    walk(s->orelse, fn);
  }
}

std::vector<std::string> names(const std::vector<std::shared_ptr<core::ArrayDecl>>& arrays) {
  std::vector<std::string> out;
  for (const auto& a : arrays) {
    out.push_back(a->name);
  }
  return out;
}

/// The meta_if chain under a band: If, If in its else branch, ...
size_t chainLength(const core::StmtNode& first) {
  size_t n = 0;
  for (const core::StmtNode* s = &first; s != nullptr;) {
    ++n;
    s = s->orelse.size() == 1 && s->orelse[0]->kind == core::StmtKind::If ? s->orelse[0].get()
                                                                          : nullptr;
  }
  return n;
}

/// The PEs hold isl objects: the model (their isl context) is declared
/// first so that it is destroyed last.
struct Pes {
  std::unique_ptr<poly::ModuleModel> model;
  std::vector<poly::PeInstance> pes;
  std::vector<poly::FifoLink> links;
};

Pes processingElements(const allo::Program& p, const std::string& function) {
  Pes out;
  out.model = std::make_unique<poly::ModuleModel>(poly::extract(*p.module));
  const poly::FunctionModel& fm = out.model->function(function);
  out.pes = poly::peInstances(fm, fm.schedule);
  out.links = poly::fifoLinks(fm, out.pes);
  return out;
}

} // namespace

// ---------------------------------------------------------------- regions

TEST(Dataflow, SystolicGemmIsOneBandOfUnfoldedLoops) {
  allo::Program p = loadExample("systolic_2x2.py");
  const core::Function& top = fn(p, "top");
  EXPECT_EQ(names(top.params()), (std::vector<std::string>{"A", "B", "C"}));
  auto fifo = top.findArray("fifo_A");
  ASSERT_NE(fifo, nullptr);
  EXPECT_TRUE(fifo->isStream());
  EXPECT_EQ(fifo->streamDepth, 4);
  EXPECT_EQ(fifo->typeStr(), "Stream[int8, 4][4, 4]");
  EXPECT_EQ(fifo->role, core::ArrayRole::Local);

  // One band "gemm" over i, j (both unfolded), the meta_if chain under it.
  ASSERT_EQ(top.body().size(), 1u);
  const core::StmtNode& i = *top.body()[0];
  ASSERT_EQ(i.kind, core::StmtKind::For);
  EXPECT_EQ(i.name, "i");
  EXPECT_EQ(i.bandLabel, "gemm");
  EXPECT_TRUE(i.hints.unfold);
  EXPECT_EQ(constant(i.ub), 4);
  ASSERT_EQ(i.body.size(), 1u);
  const core::StmtNode& j = *i.body[0];
  EXPECT_EQ(j.name, "j");
  EXPECT_TRUE(j.hints.unfold);
  ASSERT_EQ(j.body.size(), 1u);
  ASSERT_EQ(j.body[0]->kind, core::StmtKind::If);
  EXPECT_EQ(chainLength(*j.body[0]), 5u); // meta_if, four meta_elif, meta_else in the last else
  walk(top.body(), [](const core::StmtNode& s) {
    if (s.kind == core::StmtKind::If) {
      EXPECT_TRUE(core::isAffineCondition(s.cond)) << core::str(s.cond);
    }
  });
  // The locals of the one kernel: redeclarations in other branches get a suffix.
  for (const char* local : {"a", "a_1", "b", "b_1", "c"}) {
    EXPECT_NE(top.findArray(local), nullptr) << local;
  }

  // 4 x 4 PEs less the four corners (which have nothing to do); every FIFO
  // has one producer and one consumer.
  Pes pes = processingElements(p, "top");
  EXPECT_EQ(pes.pes.size(), 12u);
  EXPECT_EQ(pes.pes.front().name, "gemm_0_1");
  ASSERT_EQ(pes.links.size(), 12u);
  for (const auto& link : pes.links) {
    EXPECT_GE(link.producer, 0) << link.str();
    EXPECT_GE(link.consumer, 0) << link.str();
  }

  poly::ModuleModel model = poly::extract(*p.module);
  std::string dump = poly::dumpText(model);
  EXPECT_NE(dump.find("unfold"), std::string::npos) << dump;
  EXPECT_NE(dump.find("gemm"), std::string::npos);
}

TEST(Dataflow, OlderSpellingTakesTheKernelsParametersAsTheRegions) {
  allo::Program p = loadExample("systolic_4x4.py");
  const core::Function& top = fn(p, "top");
  EXPECT_EQ(names(top.params()), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(top.findArray("C")->typeStr(), "int16[4, 4]");
  EXPECT_EQ(top.findArray("fifo_B")->typeStr(), "Stream[int8, 4][6, 6]");
  const core::StmtNode& band = *top.body()[0];
  EXPECT_EQ(band.name, "pi");
  EXPECT_EQ(band.body[0]->name, "pj");
  Pes pes = processingElements(p, "top");
  EXPECT_EQ(pes.pes.size(), 32u);
  EXPECT_EQ(pes.links.size(), 40u);
  EXPECT_EQ(p.defaultKernel(), "top");
}

TEST(Dataflow, SpecExampleReadsTheSameInBothSpellings) {
  std::string constants = "M, N, K = 2, 2, 2\nP0, P1 = M + 2, N + 2\n";
  std::string body = R"(        i, j = df.get_pid()
        with allo.meta_if(i in {0, M + 1} and j in {0, N + 1}):
            pass
        with allo.meta_elif(j == 0):
            for k in range(K):
                fifo_A[i, j + 1].put(A[i - 1, k])
        with allo.meta_elif(i == 0):
            for k in range(K):
                fifo_B[i + 1, j].put(B[k, j - 1])
        with allo.meta_elif(i == M + 1 and j > 0):
            for k in range(K):
                b: float32 = fifo_B[i, j].get()
        with allo.meta_elif(j == N + 1 and i > 0):
            for k in range(K):
                a: float32 = fifo_A[i, j].get()
        with allo.meta_else():
            c: float32 = 0
            for k in range(K):
                a: float32 = fifo_A[i, j].get()
                b: float32 = fifo_B[i, j].get()
                c += a * b
                fifo_A[i, j + 1].put(a)
                fifo_B[i + 1, j].put(b)
            C[i - 1, j - 1] = c
)";
  std::string signature = "def top(A: float32[M, K], B: float32[K, N], C: float32[M, N]):\n";
  std::string kernel = "    def gemm(A: float32[M, K], B: float32[K, N], C: float32[M, N]):\n";
  allo::Program now = loadText(header() + constants + "@df.region()\n" + signature +
                               "    fifo_A: Stream[float32, 4][P0, P1]\n"
                               "    fifo_B: Stream[float32, 4][P0, P1]\n"
                               "    @df.kernel(mapping=[P0, P1], args=[A, B, C])\n" +
                               kernel + body);
  allo::Program older =
      loadText(header() + constants + "@df.region()\n" + signature +
               "    fifo_A = df.array(df.pipe(dtype=float32, depth=4), shape=(P0, P1))\n"
               "    fifo_B = df.array(df.pipe(dtype=float32, shape=(), depth=4), shape=(P0, P1))\n"
               "    @df.kernel(mapping=[P0, P1])\n" +
               kernel + body);
  poly::ModuleModel a = poly::extract(*now.module);
  poly::ModuleModel b = poly::extract(*older.module);
  EXPECT_EQ(poly::dumpText(a), poly::dumpText(b));
  EXPECT_EQ(processingElements(now, "top").pes.size(), 12u);
}

TEST(Dataflow, ProducerConsumerIsTwoBandsAndTheirLocalsStayApart) {
  allo::Program p = loadExample("producer_consumer.py");
  const core::Function& top = fn(p, "top");
  ASSERT_EQ(top.body().size(), 2u);
  EXPECT_EQ(top.body()[0]->bandLabel, "producer");
  EXPECT_EQ(top.body()[0]->name, "producer_pid0");
  EXPECT_EQ(top.body()[1]->bandLabel, "consumer");
  EXPECT_EQ(top.body()[1]->name, "consumer_pid0");
  EXPECT_TRUE(top.body()[1]->hints.unfold);
  EXPECT_EQ(constant(top.body()[1]->ub), 1);
  EXPECT_TRUE(top.findArray("pipe")->isScalar());
  EXPECT_EQ(top.findArray("pipe")->streamDepth, 4);
  // Both kernels declare `out`: the second one's is prefixed with its name.
  EXPECT_NE(top.findArray("out"), nullptr);
  EXPECT_NE(top.findArray("consumer_out"), nullptr);
  Pes pes = processingElements(p, "top");
  ASSERT_EQ(pes.pes.size(), 2u);
  ASSERT_EQ(pes.links.size(), 1u);
  EXPECT_EQ(pes.links[0].producer, 0);
  EXPECT_EQ(pes.links[0].consumer, 1);
}

TEST(Dataflow, ArgsBindKernelParametersByPosition) {
  allo::Program p = loadText(header() + "@df.region()\ndef top(X: int32[4], Y: int32[4]):\n"
                                        "    @df.kernel(mapping=[4], args=[Y, X])\n"
                                        "    def k(A: int32[4], B: int32[4]):\n"
                                        "        i = df.get_pid()\n"
                                        "        B[i] = A[i] + 1\n");
  const core::Function& top = fn(p, "top");
  EXPECT_EQ(names(top.params()), (std::vector<std::string>{"X", "Y"}));
  int assigns = 0;
  walk(top.body(), [&](const core::StmtNode& s) {
    if (s.kind == core::StmtKind::Assign) {
      ++assigns;
      EXPECT_EQ(s.target->name, "X");
      EXPECT_NE(core::str(s.value).find("Y["), std::string::npos) << core::str(s.value);
    }
  });
  EXPECT_EQ(assigns, 1);
  EXPECT_EQ(top.body()[0]->name, "i");
}

TEST(Dataflow, OlderSpellingBindsKernelParametersToRegionArraysByName) {
  allo::Program p = loadText(header() + "@df.region()\ndef top(A: int32[4], B: int32[4]):\n"
                                        "    @df.kernel(mapping=[2])\n"
                                        "    def k(B: int32[4]):\n"
                                        "        i = df.get_pid()\n"
                                        "        B[i] = i\n");
  EXPECT_EQ(names(fn(p, "top").params()), (std::vector<std::string>{"A", "B"}));
}

TEST(Dataflow, KernelsUseTheRegionsStreamsAndMayShareParameters) {
  allo::Program p =
      loadText(header() + "@df.region()\ndef top():\n"
                          "    pipe = df.pipe(dtype=int32, depth=2)\n"
                          "    @df.kernel(mapping=[1])\n"
                          "    def first(A: int32[4]):\n"
                          "        for i in range(4):\n            pipe.put(A[i])\n"
                          "    @df.kernel(mapping=[1])\n"
                          "    def second(A: int32[4], B: int32[4]):\n"
                          "        for i in range(4):\n            B[i] = pipe.get() + A[i]\n");
  EXPECT_EQ(names(fn(p, "top").params()), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(fn(p, "top").findArray("pipe")->streamDepth, 2);
}

TEST(Dataflow, GetWorksInsideExpressionsAndAsAStatement) {
  allo::Program p = loadText(region("        for i in range(4):\n"
                                    "            B[i] = pipe.get() * 2 + pipe.get()\n"
                                    "            pipe.get()\n"
                                    "            data = pipe.get()\n"
                                    "            pipe.put(data + A[i])\n",
                                    "    pipe: Stream[int32, 8]\n", "mapping=[1], args=[A, B]"));
  const core::Function& top = fn(p, "top");
  EXPECT_NE(top.findArray("pipe_drop"), nullptr);
  EXPECT_EQ(top.findArray("data")->type, core::Int(32));
}

TEST(Dataflow, MetaIfOverConstantsIsResolvedAtCompileTime) {
  allo::Program p = loadText(region("        i = df.get_pid()\n"
                                    "        with allo.meta_if(M > 2):\n            A[i] = 1\n"
                                    "        with allo.meta_else():\n            A[i] = 2\n"));
  walk(fn(p, "top").body(), [](const core::StmtNode& s) { EXPECT_NE(s.kind, core::StmtKind::If); });
}

TEST(Dataflow, MetaIfOverPidsKeepsOneBranchPerPe) {
  allo::Program p =
      loadText(region("        i = df.get_pid()\n"
                      "        with allo.meta_if(i in (0, 3)):\n            A[i] = 1\n"
                      "        with allo.meta_elif(not (i in [1])):\n"
                      "            A[i] = 2\n"
                      "        with allo.meta_elif(i == 1 or M < 0):\n"
                      "            A[i] = 3\n"
                      "        with allo.meta_else():\n            A[i] = 4\n"));
  const core::StmtNode& band = *fn(p, "top").body()[0];
  ASSERT_EQ(band.body.size(), 1u);
  EXPECT_EQ(chainLength(*band.body[0]), 3u);
  Pes pes = processingElements(p, "top");
  ASSERT_EQ(pes.pes.size(), 4u);
  for (const auto& pe : pes.pes) {
    int statements = 0;
    pe.domain.foreach_set([&](const isl::set&) { ++statements; });
    EXPECT_EQ(statements, 1) << pe.name; // each PE keeps one branch
  }
}

TEST(Dataflow, MultiDimensionalPidsAndOneByOneMappings) {
  allo::Program p = loadText(header() + "@df.region()\ndef top(A: int32[2, 3, 4]):\n"
                                        "    @df.kernel(mapping=[2, 3, 4], args=[A])\n"
                                        "    def k(A: int32[2, 3, 4]):\n"
                                        "        pk, pm, pn = df.get_pid()\n"
                                        "        A[pk, pm, pn] = pk * 100 + pm * 10 + pn\n"
                                        "    @df.kernel(mapping=[1])\n"
                                        "    def one():\n"
                                        "        x: int32 = 0\n");
  const core::Function& top = fn(p, "top");
  EXPECT_EQ(top.body()[0]->name, "pk");
  EXPECT_EQ(top.body()[0]->body[0]->body[0]->name, "pn");
  EXPECT_EQ(top.body()[1]->name, "one_pid0");
  EXPECT_EQ(processingElements(p, "top").pes.size(), 25u);
}

TEST(Dataflow, ARegionIsAnOrdinaryFunctionOfTheModule) {
  allo::Program p = loadText(header() + "@df.region()\ndef top(A: int32[4], B: int32[4]):\n"
                                        "    @df.kernel(mapping=[4], args=[A, B])\n"
                                        "    def k(A: int32[4], B: int32[4]):\n"
                                        "        i = df.get_pid()\n        B[i] = A[i]\n"
                                        "def main(X: int32[4], Y: int32[4]):\n    top(X, Y)\n"
                                        "s = allo.customize(top)\n");
  ASSERT_EQ(p.schedules.size(), 1u);
  EXPECT_EQ(p.schedules[0].function, "top");
  const core::Function& main = fn(p, "main");
  ASSERT_EQ(main.body().size(), 1u);
  EXPECT_EQ(main.body()[0]->callee, "top");
}

// ---------------------------------------------------------------- simulation

TEST(Dataflow, SystolicGemmsComputeTheProduct) {
  for (const char* file : {"systolic_2x2.py", "systolic_4x4.py"}) {
    SCOPED_TRACE(file);
    allo::Program p = loadExample(file);
    const core::Function& top = fn(p, "top");
    poly::ModuleModel model = poly::extract(*p.module);
    std::vector<codegen::Buffer> in = polyallo::testing::randomInputs(top);
    std::vector<codegen::Buffer> out = polyallo::testing::runOn(model, top, {}, in);
    int64_t m = in[0].shape()[0], k = in[0].shape()[1], n = in[1].shape()[1];
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        int16_t c = 0; // int16 wraps, as the kernel's accumulator does
        for (int64_t x = 0; x < k; ++x) {
          c = static_cast<int16_t>(
              c + static_cast<int16_t>(in[0].getDouble({i, x}) * in[1].getDouble({x, j})));
        }
        EXPECT_EQ(out[2].getDouble({i, j}), c) << i << ", " << j;
      }
    }
  }
}

TEST(Dataflow, ProducerConsumerAddsOne) {
  allo::Program p = loadExample("producer_consumer.py");
  const core::Function& top = fn(p, "top");
  poly::ModuleModel model = poly::extract(*p.module);
  std::vector<codegen::Buffer> in = polyallo::testing::randomInputs(top);
  std::vector<codegen::Buffer> out = polyallo::testing::runOn(model, top, {}, in);
  for (size_t e = 0; e < in[0].size(); ++e) {
    EXPECT_EQ(out[1].getDouble(e),
              static_cast<double>(static_cast<int32_t>(
                  static_cast<uint32_t>(static_cast<int32_t>(in[0].getDouble(e))) + 1u)));
  }
}

// ---------------------------------------------------------------- refusals

TEST(DataflowErrors, PutAndGetNeedAStream) {
  EXPECT_TRUE(throwsError([] { loadText(region("        A[0].put(1)\n")); },
                          ErrorKind::TypeMismatch,
                          {".put() is a method of streams", "'A' is an array (int32[4])"}));
  EXPECT_TRUE(throwsError([] { loadText(region("        B[0] = A.get()\n")); },
                          ErrorKind::TypeMismatch, {".get() is a method of streams", "A[...]"}));
  EXPECT_TRUE(throwsError([] { loadText(region("        B[0] = nothing.get()\n")); },
                          ErrorKind::UnknownName, {"unknown stream 'nothing'"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(region("        B[0] = B[1] + pipe.put(1)\n", "    pipe: Stream[int32, 2]\n"));
      },
      ErrorKind::Syntax, {"statement of its own"}));
}

TEST(DataflowErrors, AStreamIsNotAnArray) {
  std::string streams = "    fifo: Stream[int32, 2][4]\n    one: Stream[int32, 2]\n";
  EXPECT_TRUE(throwsError([&] { loadText(region("        B[0] = fifo[0]\n", streams)); },
                          ErrorKind::TypeMismatch, {"'fifo' is a stream", "fifo[...].get()"}));
  EXPECT_TRUE(throwsError([&] { loadText(region("        B[0] = one + 1\n", streams)); },
                          ErrorKind::TypeMismatch, {"'one' is a stream", "one.get()"}));
  EXPECT_TRUE(throwsError([&] { loadText(region("        fifo[1] = 3\n", streams)); },
                          ErrorKind::TypeMismatch, {"fifo[...].put(v)"}));
  EXPECT_TRUE(throwsError([&] { loadText(region("        one = 3\n", streams)); },
                          ErrorKind::TypeMismatch, {"one.put(v)"}));
  EXPECT_TRUE(throwsError([&] { loadText(region("        fifo[1] += 3\n", streams)); },
                          ErrorKind::TypeMismatch, {"fifo[...].put(v)"}));
  EXPECT_TRUE(throwsError([&] { loadText(region("        x: int32[4] = fifo\n", streams)); },
                          ErrorKind::TypeMismatch, {"'fifo' is a stream"}));
  EXPECT_TRUE(throwsError(
      [&] {
        loadText(header() + "def f(X: int32[4]):\n    pass\n" +
                 region("        f(fifo)\n", streams).substr(header().size()));
      },
      ErrorKind::InvalidCall, {"stream 'fifo'"}));
}

TEST(DataflowErrors, OneSubscriptPerDimensionNamesOneFifo) {
  std::string streams = "    fifo: Stream[int32, 2][4, 4]\n    one: Stream[int32, 2]\n";
  EXPECT_TRUE(throwsError([&] { loadText(region("        fifo[0].put(1)\n", streams)); },
                          ErrorKind::DimMismatch, {"takes 2 subscript(s)", "got 1"}));
  EXPECT_TRUE(
      throwsError([&] { loadText(region("        B[0] = fifo[0, 1, 2].get()\n", streams)); },
                  ErrorKind::DimMismatch, {"got 3"}));
  EXPECT_TRUE(throwsError([&] { loadText(region("        one[0].put(1)\n", streams)); },
                          ErrorKind::DimMismatch, {"one FIFO", "without subscripts"}));
}

TEST(DataflowErrors, StreamsLiveInTheBodyOfARegion) {
  EXPECT_TRUE(throwsError(
      [] { loadText(header() + "fifo: Stream[int32, 2]\ndef k(A: int32[4]):\n    pass\n"); },
      ErrorKind::Syntax, {"stream 'fifo' is declared at the top level"}));
  EXPECT_TRUE(throwsError([] { loadText(header() + "fifo = df.pipe(dtype=int32, depth=2)\n"); },
                          ErrorKind::Syntax, {"at the top level"}));
  EXPECT_TRUE(
      throwsError([] { loadText(header() + "def k(A: int32[4]):\n    fifo: Stream[int32, 2]\n"); },
                  ErrorKind::Syntax, {"not a dataflow region"}));
  EXPECT_TRUE(throwsError([] { loadText(region("        fifo = df.pipe(dtype=int32)\n")); },
                          ErrorKind::Syntax, {"inside @df.kernel 'k'", "region 'top'"}));
}

TEST(DataflowErrors, KernelsLiveInTheBodyOfARegion) {
  EXPECT_TRUE(throwsError(
      [] { loadText(header() + "@df.kernel(mapping=[1])\ndef k(A: int32[4]):\n    pass\n"); },
      ErrorKind::Syntax, {"outside a dataflow region"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(header() + "def f(A: int32[4]):\n    @df.kernel(mapping=[1])\n"
                            "    def k(B: int32[4]):\n        pass\n");
      },
      ErrorKind::Syntax, {"directly in the body of a @df.region()"}));
}

TEST(DataflowErrors, GetPidBelongsToAKernel) {
  EXPECT_TRUE(
      throwsError([] { loadText(header() + "def f(A: int32[4]):\n    i = df.get_pid()\n"); },
                  ErrorKind::Syntax, {"not a @df.kernel"}));
  EXPECT_TRUE(throwsError(
      [] { loadText(header() + "@df.region()\ndef top(A: int32[4]):\n    i = df.get_pid()\n"); },
      ErrorKind::Syntax, {"body of region 'top'"}));
  EXPECT_TRUE(throwsError([] { loadText(region("        i, j = df.get_pid()\n")); },
                          ErrorKind::DimMismatch, {"mapping [4]", "got 2 name(s)"}));
  EXPECT_TRUE(throwsError([] { loadText(region("        A[df.get_pid()] = 1\n")); },
                          ErrorKind::Syntax, {"i, j = df.get_pid()"}));
}

TEST(DataflowErrors, MetaIfConditionsDependOnlyOnPids) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(region("        i = df.get_pid()\n"
                        "        with allo.meta_if(A[i] > 0):\n            B[i] = 1\n"));
      },
      ErrorKind::NotConstant, {"reads 'A'", "df.get_pid()"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(region("        i = df.get_pid()\n        for k in range(2):\n"
                        "            with allo.meta_if(k == i):\n                B[i] = 1\n"));
      },
      ErrorKind::NotConstant, {"loop variable 'k'"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(region("        i = df.get_pid()\n"
                        "        with allo.meta_if(i * i == 1):\n            B[i] = 1\n"));
      },
      ErrorKind::NonAffine, {"affine"}));
}

TEST(DataflowErrors, KernelParametersMatchTheRegionsArrays) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(header() + "@df.region()\ndef top(A: int32[4]):\n"
                            "    @df.kernel(mapping=[1], args=[A])\n"
                            "    def k(A: int32[8]):\n        pass\n");
      },
      ErrorKind::TypeMismatch, {"int32[8]", "int32[4]", "must match"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(header() + "@df.region()\ndef top(A: int32[4]):\n"
                            "    @df.kernel(mapping=[1])\n"
                            "    def k(Z: int32[4]):\n        pass\n");
      },
      ErrorKind::UnknownName, {"names no array of region 'top'", "args="}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(header() + "@df.region()\ndef top(A: int32[4]):\n"
                            "    @df.kernel(mapping=[1], args=[A, A])\n"
                            "    def k(A: int32[4]):\n        pass\n");
      },
      ErrorKind::InvalidCall, {"1 parameter(s)", "lists 2"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(header() + "@df.region()\ndef top():\n"
                            "    @df.kernel(mapping=[1])\n    def k(A: int32[4]):\n        pass\n"
                            "    @df.kernel(mapping=[1])\n    def h(A: int8[4]):\n        pass\n");
      },
      ErrorKind::TypeMismatch, {"'A' of kernel 'h'"}));
}

TEST(DataflowErrors, RegionsHoldStreamsAndKernelsOnly) {
  EXPECT_TRUE(throwsError(
      [] { loadText(header() + "@df.region()\ndef top(A: int32[4]):\n    A[0] = 1\n"); },
      ErrorKind::Syntax, {"stream declarations", "move this statement into a kernel"}));
  EXPECT_TRUE(throwsError([] { loadText(region("        pass\n", "", "args=[A, B]")); },
                          ErrorKind::InvalidCall, {"needs mapping="}));
  EXPECT_TRUE(throwsError([] { loadText(region("        pass\n", "", "mapping=[0]")); },
                          ErrorKind::InvalidArgument, {"positive number"}));
  EXPECT_TRUE(
      throwsError([] { loadText(region("        pass\n", "    f: Stream[int32[4], 2]\n")); },
                  ErrorKind::NotImplemented, {"of arrays"}));
  EXPECT_TRUE(throwsError(
      [] { loadText(region("        pass\n", "    f = df.pipe(dtype=int32, depth=0)\n")); },
      ErrorKind::InvalidArgument, {"depth 0"}));
}

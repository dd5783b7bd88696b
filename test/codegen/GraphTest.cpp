// codegen::architectureDot: the DOT graph `polyallo graph` draws. Checked on
// the text (Graphviz is optional); when dot is on PATH, each graph must also
// render with dot -Tsvg without an error.
#include "codegen/Graph.h"
#include "common/ErrorTesting.h"
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"
#include "polyhedral/Model.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

namespace polyallo {
namespace {

using polyallo::testing::throwsError;

/// The systolic GEMM of the seed schedule, M x N = 2 x 3 PEs: A_buf relayed
/// along j (depth M + 1 = 3), B_buf along i (depth N + 1 = 4).
const char* kSystolic = R"(import allo
from allo.ir.types import int8, int16

M, N, K = 2, 3, 4


def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
buf_B = s.buffer_at(s.B, "j")
pe = s.unfold("PE", axis=[0, 1], factor=[M, N])
s.partition(s.A, dim=0)
s.partition(s.B, dim=1)
s.partition(s.C, dim=[0, 1])
s.to(buf_A, pe, axis=0, depth=M + 1)
s.to(buf_B, pe, axis=1, depth=N + 1)
)";

/// The graph of `kernel` (default: the program's) as `polyallo graph` makes it.
std::string graphOf(const std::string& text, const std::string& kernel = "") {
  allo::Program program = allo::load(allo::Source{"test.py", text});
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  std::string k = kernel.empty() ? program.defaultKernel() : kernel;
  return codegen::architectureDot(model, allo::scheduledTrees(program, model, k), k);
}

size_t count(const std::string& text, const std::string& pattern) {
  std::regex re(pattern);
  return static_cast<size_t>(
      std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

bool has(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

/// The text between `subgraph "cluster_<fn>" {` and its closing brace.
std::string cluster(const std::string& dot, const std::string& fn) {
  std::string open = "  subgraph \"cluster_" + fn + "\" {\n";
  size_t begin = dot.find(open);
  if (begin == std::string::npos) {
    return "";
  }
  size_t end = dot.find("\n  }\n", begin);
  return dot.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

/// When Graphviz's dot is on PATH: `dot` renders to SVG without an error.
void expectRenders(const std::string& dot) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    return; // optional: the text checks above are the test
  }
  auto dir =
      std::filesystem::temp_directory_path() /
      ("polyallo-graph-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "g.dot") << dot;
  std::string command = "dot -Tsvg '" + (dir / "g.dot").string() + "' -o '" +
                        (dir / "g.svg").string() + "' 2>'" + (dir / "err").string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << dot;
  std::stringstream err;
  err << std::ifstream(dir / "err").rdbuf();
  EXPECT_EQ(err.str(), "") << dot;
  EXPECT_GT(std::filesystem::file_size(dir / "g.svg"), 0u);
  std::filesystem::remove_all(dir);
}

TEST(Graph, SystolicRegionHasAPeGridFifosAndMemories) {
  std::string dot = graphOf(kSystolic);
  EXPECT_TRUE(has(dot, "digraph \"matmul\" {")) << dot;
  EXPECT_TRUE(has(dot, "subgraph \"cluster_matmul\" {")) << dot;
  EXPECT_TRUE(has(dot, "label=\"matmul: dataflow region, 6 PE(s), 7 FIFO(s)\"")) << dot;
  // One node per PE, labelled with its name.
  EXPECT_EQ(count(dot, R"(\n    "matmul/PE_\d_\d" \[shape="box")"), 6u) << dot;
  for (const char* pe : {"PE_0_0", "PE_0_1", "PE_0_2", "PE_1_0", "PE_1_1", "PE_1_2"}) {
    EXPECT_TRUE(has(dot, fmt::format("\"matmul/{}\" [shape=\"box\"", pe))) << pe;
    EXPECT_TRUE(has(dot, fmt::format("label=\"{}\"", pe))) << pe;
  }
  // A grid: one rank per row.
  EXPECT_TRUE(has(dot, R"({ rank=same; "matmul/PE_0_0"; "matmul/PE_0_1"; "matmul/PE_0_2"; })"));
  EXPECT_TRUE(has(dot, R"({ rank=same; "matmul/PE_1_0"; "matmul/PE_1_1"; "matmul/PE_1_2"; })"));
  // One edge per FIFO with its name and depth: A_buf along j, B_buf along i.
  EXPECT_EQ(count(dot, R"(\[label="[AB]_buf_fifo\[\d\]\[\d\] depth \d")"), 7u) << dot;
  EXPECT_TRUE(has(dot, R"("matmul/PE_0_0" -> "matmul/PE_0_1" [label="A_buf_fifo[0][1] depth 3")"));
  EXPECT_TRUE(has(dot, R"("matmul/PE_1_1" -> "matmul/PE_1_2" [label="A_buf_fifo[1][2] depth 3")"));
  EXPECT_TRUE(has(dot, R"("matmul/PE_0_2" -> "matmul/PE_1_2" [label="B_buf_fifo[1][2] depth 4")"));
  EXPECT_FALSE(has(dot, "unconnected")) << dot;
  // Arguments are memories.
  EXPECT_TRUE(has(dot, R"("matmul/mem/A" [shape="cylinder", label="A: int8[2, 4]")")) << dot;
  EXPECT_TRUE(has(dot, R"("matmul/mem/C" [shape="cylinder", label="C: int16[2, 3]")")) << dot;
  // A is relayed along j: only the j == 0 PEs load it; B along i: only row 0.
  EXPECT_EQ(count(dot, R"("matmul/mem/A" -> )"), 2u) << dot;
  EXPECT_TRUE(has(dot, R"("matmul/mem/A" -> "matmul/PE_0_0" [label="load")"));
  EXPECT_TRUE(has(dot, R"("matmul/mem/A" -> "matmul/PE_1_0" [label="load")"));
  EXPECT_EQ(count(dot, R"("matmul/mem/B" -> "matmul/PE_0_\d" \[label="load")"), 3u) << dot;
  EXPECT_EQ(count(dot, R"("matmul/mem/B" -> )"), 3u) << dot;
  // C[i, j] += ...: every PE loads and stores its element of C (one two-headed edge).
  EXPECT_EQ(count(dot, R"("matmul/PE_\d_\d" -> "matmul/mem/C" \[label="load/store", dir="both")"),
            6u)
      << dot;
  // Loaders and drainers are marked.
  EXPECT_TRUE(has(dot, "loader of A, B, C; drainer of C")) << dot;
  EXPECT_TRUE(has(dot, "tooltip=\"PE_1_1 (i = 1, j = 1), private A_buf, B_buf: loader of C; "
                       "drainer of C\""))
      << dot;
  EXPECT_TRUE(has(dot, "fillcolor=\"plum\"")) << dot;
  expectRenders(dot);
}

TEST(Graph, DataflowApiRegionMarksLoadersDrainersAndOpenFifos) {
  // pipe has no consumer, back no producer: both are drawn, dashed.
  std::string dot = graphOf(R"(import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

M = 4


@df.region()
def top(A: int32[M], B: int32[M]):
    pipe: Stream[int32, 2]
    back: Stream[int32, 3]

    @df.kernel(mapping=[1], args=[A])
    def producer(A: int32[M]):
        for i in range(M):
            pipe.put(A[i])

    @df.kernel(mapping=[1], args=[B])
    def consumer(B: int32[M]):
        for i in range(M):
            B[i] = back.get()
)");
  EXPECT_TRUE(has(dot, R"("top/producer_0" [shape="box", style="filled", fillcolor="lightblue")"))
      << dot;
  EXPECT_TRUE(has(dot, "loader of A")) << dot;
  EXPECT_TRUE(has(dot, R"("top/consumer_0" [shape="box", style="filled", fillcolor="lightsalmon")"))
      << dot;
  EXPECT_TRUE(has(dot, "drainer of B")) << dot;
  EXPECT_TRUE(has(dot, R"("top/mem/A" -> "top/producer_0" [label="load")")) << dot;
  EXPECT_TRUE(has(dot, R"("top/consumer_0" -> "top/mem/B" [label="store")")) << dot;
  EXPECT_EQ(count(dot, R"(\n    "top/unconnected/\d" \[.*label="unconnected")"), 2u) << dot;
  EXPECT_TRUE(has(
      dot,
      R"x("top/producer_0" -> "top/unconnected/1" [label="pipe depth 2 (no consumer)", style="dashed")x"))
      << dot;
  EXPECT_TRUE(has(
      dot,
      R"x("top/unconnected/0" -> "top/consumer_0" [label="back depth 3 (no producer)", style="dashed")x"))
      << dot;
  EXPECT_TRUE(has(dot, "subgraph \"cluster_legend\"")) << dot;
  expectRenders(dot);
}

TEST(Graph, PlainKernelIsOneNodeWithItsArrays) {
  std::string dot = graphOf(R"(import allo
from allo.ir.types import float32

def gemm(A: float32[4, 8], B: float32[8, 4]) -> float32[4, 4]:
    C: float32[4, 4] = 0.0
    for i, j, k in allo.grid(4, 4, 8):
        C[i, j] += A[i, k] * B[k, j]
    return C

s = allo.customize(gemm)
s.reorder("k", "j")
)");
  EXPECT_TRUE(has(dot, R"("gemm/body" [shape="box", label="gemm")")) << dot;
  EXPECT_EQ(count(dot, R"(shape="box")"), 1u) << dot;
  EXPECT_TRUE(has(dot, R"("gemm/mem/A" [shape="cylinder", label="A: float32[4, 8]")")) << dot;
  EXPECT_TRUE(has(dot, R"("gemm/mem/B" -> "gemm/body" [label="load")")) << dot;
  EXPECT_TRUE(has(dot, R"("gemm/body" -> "gemm/mem/C")")) << dot;
  EXPECT_FALSE(has(dot, "PE")) << dot;
  EXPECT_FALSE(has(dot, "cluster_legend")) << dot;
  expectRenders(dot);
}

TEST(Graph, TopCallingTwoRegionsHasAClusterPerFunction) {
  std::string dot = graphOf(R"(import allo
from allo.ir.types import int8, int16

M, N, K = 2, 2, 4


def mm1(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


def mm2(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


def top(A: int8[M, K], B: int8[K, N], C: int16[M, N], D: int16[M, N]):
    mm1(A, B, C)
    mm2(A, B, D)


s1 = allo.customize(mm1)
buf_A = s1.buffer_at(s1.A, "j")
pe = s1.unfold("PE", axis=[0, 1], factor=[M, N])
s1.to(buf_A, pe, axis=0, depth=M + 1)

s2 = allo.customize(mm2)
pe2 = s2.unfold("PE", axis=[0, 1], factor=[M, N])

s = allo.customize(top)
s.compose([s1, s2])
)");
  std::string top = cluster(dot, "top"), mm1 = cluster(dot, "mm1"), mm2 = cluster(dot, "mm2");
  ASSERT_FALSE(top.empty()) << dot;
  ASSERT_FALSE(mm1.empty()) << dot;
  ASSERT_FALSE(mm2.empty()) << dot;
  // The called functions are nodes in the caller's cluster ...
  EXPECT_TRUE(has(top, R"("top/call/S0" [shape="component", label="mm1")")) << top;
  EXPECT_TRUE(has(top, R"("top/call/S1" [shape="component", label="mm2")")) << top;
  EXPECT_TRUE(has(top, R"("top/mem/A" -> "top/call/S0" [label="load")")) << top;
  EXPECT_TRUE(has(top, R"("top/call/S1" -> "top/mem/D")")) << top;
  // ... and each region has its own cluster of PEs, which the call points to.
  EXPECT_EQ(count(mm1, R"(\n    "mm1/PE_\d_\d" \[shape="box")"), 4u) << mm1;
  EXPECT_EQ(count(mm2, R"(\n    "mm2/PE_\d_\d" \[shape="box")"), 4u) << mm2;
  EXPECT_TRUE(has(mm1, "A_buf_fifo[0][1] depth 3")) << mm1;
  EXPECT_TRUE(has(
      dot, R"("top/call/S0" -> "mm1/PE_0_0" [label="calls", style="dashed", lhead="cluster_mm1"])"))
      << dot;
  EXPECT_TRUE(has(
      dot, R"("top/call/S1" -> "mm2/PE_0_0" [label="calls", style="dashed", lhead="cluster_mm2"])"))
      << dot;
  // Another kernel of the file: only what it reaches.
  std::string alone = graphOf(R"(import allo
from allo.ir.types import int8

def f(A: int8[4]):
    for i in range(4):
        A[i] = A[i] + 1

def g(A: int8[4]):
    f(A)
)",
                              "f");
  EXPECT_TRUE(has(alone, "cluster_f")) << alone;
  EXPECT_FALSE(has(alone, "cluster_g")) << alone;
  expectRenders(dot);
}

TEST(Graph, UnknownKernelIsAnError) {
  allo::Program program = allo::load(allo::Source{"test.py", kSystolic});
  poly::ModuleModel model = poly::extract(*program.module);
  EXPECT_TRUE(throwsError([&] { codegen::architectureDot(model, {}, "nosuch"); },
                          ErrorKind::UnknownName, {"nosuch", "matmul"}));
}

TEST(Graph, DotStringsAreEscaped) {
  EXPECT_EQ(codegen::dotQuoted("A"), "\"A\"");
  EXPECT_EQ(codegen::dotQuoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
}

} // namespace
} // namespace polyallo

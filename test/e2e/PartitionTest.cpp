// partition from the script to the HLS C++: Allo's spellings become logged
// steps, layout inference spreads them over the calls, and each partitioned
// dim of each array gets its `#pragma HLS array_partition` (the csim oracle
// of HlsCsimTest cannot see pragmas: they sit under __SYNTHESIS__).
#include "codegen/HlsEmitter.h"
#include "common/ErrorTesting.h"
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"
#include "layout/Infer.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

struct Loaded {
  allo::Program program;
  std::unique_ptr<poly::ModuleModel> model;
};

Loaded loadFile(const std::string& path) {
  Loaded l{allo::load(allo::Source::fromFile(std::string(POLYALLO_SOURCE_DIR) + "/" + path)),
           nullptr};
  allo::rewriteKernels(l.program);
  l.model = std::make_unique<poly::ModuleModel>(poly::extract(*l.program.module));
  return l;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Partition, AlloSpellingsBecomeSteps) {
  Loaded l = loadFile("test/e2e/schedules/gemm_partition.py");
  poly::Schedule s = allo::kernelSchedule(l.program, *l.model, "gemm");
  std::vector<std::string> steps;
  for (const poly::Step& step : s.steps()) {
    steps.push_back(step.str());
  }
  EXPECT_EQ(steps, (std::vector<std::string>{
                       "partition(\"gemm:A\", partition_type=Cyclic, dim=2, factor=4)",
                       "partition(\"gemm:B\", partition_type=Block, dim=1, factor=4)",
                       "partition(\"gemm:C\", partition_type=Complete, dim=2)",
                       "reorder(\"k\", \"j\")", "pipeline(\"j\", initiation_interval=1)"}));
}

TEST(Partition, EachPartitionedDimGetsItsPragma) {
  Loaded l = loadFile("test/e2e/schedules/gemm_partition.py");
  poly::Schedule s = allo::kernelSchedule(l.program, *l.model, "gemm");
  std::string cpp = codegen::emitHls(s, "gemm").source;
  EXPECT_TRUE(contains(cpp, "#ifdef __SYNTHESIS__\n"
                            "#pragma HLS array_partition variable=A cyclic factor=4 dim=2\n"
                            "#pragma HLS array_partition variable=B block factor=4 dim=1\n"
                            "#pragma HLS array_partition variable=C complete dim=2\n"
                            "#endif\n"))
      << cpp;
  // The wrapper's on-chip copies are partitioned, its m_axi ports are not.
  size_t wrapper = cpp.find("extern \"C\" void gemm_top(");
  ASSERT_NE(wrapper, std::string::npos) << cpp;
  EXPECT_TRUE(contains(cpp.substr(wrapper),
                       "#pragma HLS array_partition variable=buf_A cyclic factor=4 dim=2\n"))
      << cpp;
  EXPECT_FALSE(contains(cpp.substr(wrapper), "variable=A ")) << cpp;
}

TEST(Partition, CallsCarryItToEveryArrayThatSharesTheMemory) {
  Loaded l = loadFile("test/e2e/schedules/partition_calls.py");
  poly::Schedule s = allo::kernelSchedule(l.program, *l.model, "top");
  layout::Layouts layouts = layout::infer(s);
  EXPECT_EQ(layouts.str(), "mm:A [cyclic(2), cyclic(4)]\n"
                           "mm:B [block(2), none]\n"
                           "mm:C [cyclic(2), cyclic(4)]\n"
                           "scale:A [none, complete]\n"
                           "scale:B [cyclic(2), cyclic(4)]\n"
                           "top:W [block(2), none]\n"
                           "top:X [none, complete]\n"
                           "top:Y [cyclic(2), cyclic(4)]\n"
                           "top:Z [cyclic(2), cyclic(4)]\n"
                           "top:scale_B [cyclic(2), cyclic(4)]\n");
  std::string cpp = codegen::emitHls(s).source;
  EXPECT_TRUE(contains(cpp, "#pragma HLS array_partition variable=scale_B cyclic factor=2 dim=1\n"
                            "#pragma HLS array_partition variable=scale_B cyclic factor=4 dim=2\n"))
      << cpp;
}

TEST(Partition, AScriptStopsAtTheStepWhoseLayoutsDoNotMeet) {
  std::string text = R"(import allo
from allo.ir.types import int32
def inc(A: int32[8], B: int32[8]):
    for i in range(8):
        B[i] = A[i] + 1
def top(X: int32[8]) -> int32[8]:
    Y: int32[8] = 0
    inc(X, Y)
    return Y
s_inc = allo.customize(inc)
s_inc.partition(s_inc.A, allo.Partition.Cyclic, 1, 2)
s = allo.customize(top)
s.compose(s_inc)
s.partition(s.Y, allo.Partition.Block, 1, 2)
s.partition(s.X, allo.Partition.Block, 1, 2)
)";
  allo::Program p = allo::load(allo::Source{"meet.py", text});
  poly::ModuleModel model = poly::extract(*p.module);
  std::optional<Error> e = testing::captureError([&] { allo::kernelSchedule(p, model, "top"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->loc().str(), "meet.py:15:3"); // Y alone is fine; X meets cyclic at inc's A
  EXPECT_TRUE(contains(e->message(), "dim 1 of 'top:X' do not meet")) << e->message();
}

} // namespace
} // namespace polyallo

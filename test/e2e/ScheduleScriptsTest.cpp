// Schedule scripts end to end: every test/e2e/schedules/*.py and every example
// of docs/primitives/examples/ is loaded, its
// script applied step by step (each step proven legal), and the scheduled
// kernel simulated against the unscheduled one as written (before the
// script's scalar_expand and reshape rewrite it) on the same random inputs.
// The schedules keep each reduction's order, so floats must match exactly.
// Each file's loop nest is checked for what its schedule promises.
#include "codegen/BuildAst.h"
#include "codegen/Simulator.h"
#include "common/SimTesting.h"
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"
#include "polyhedral/Model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace polyallo {
namespace {

using codegen::Buffer;

std::string schedulesDir() { return std::string(POLYALLO_SOURCE_DIR) + "/test/e2e/schedules"; }

struct Scheduled {
  allo::Program program;
  std::unique_ptr<poly::ModuleModel> model;
  poly::ScheduleMap trees;
};

Scheduled loadPath(const std::string& path) {
  Scheduled s{allo::load(allo::Source::fromFile(path)), nullptr, {}};
  allo::rewriteKernels(s.program); // as every polyallo command does
  s.model = std::make_unique<poly::ModuleModel>(poly::extract(*s.program.module));
  s.trees = allo::scheduledTrees(s.program, *s.model, s.program.defaultKernel());
  return s;
}

Scheduled load(const std::string& file) { return loadPath(schedulesDir() + "/" + file); }

std::string loopNest(const Scheduled& s, const std::string& function) {
  const poly::ScheduledFunction& f = s.trees.at(function);
  return codegen::str(
      codegen::buildLoopAst(f.rewritten ? *f.rewritten : s.model->function(function), f.tree));
}

TEST(ScheduleScripts, EveryScheduledFileMatchesTheUnscheduledProgram) {
  int files = 0;
  std::vector<std::filesystem::path> paths;
  for (const std::string& dir :
       {schedulesDir(), std::string(POLYALLO_SOURCE_DIR) + "/docs/primitives/examples"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      paths.push_back(entry.path());
    }
  }
  for (const std::filesystem::path& path : paths) {
    if (path.extension() != ".py") {
      continue;
    }
    SCOPED_TRACE(path.string());
    ++files;
    Scheduled s = loadPath(path.string());
    ASSERT_FALSE(s.trees.empty()) << "the file's kernel has no schedule";
    const core::Function& fn = *s.program.module->findFunction(s.program.defaultKernel());
    // The reference is the kernel as written, before the script's kernel
    // rewrites (scalar_expand, reshape). Random inputs depend on each
    // parameter's element count only: a reshaped one gets the same bytes.
    allo::Program written = allo::load(s.program.source);
    poly::ModuleModel writtenModel = poly::extract(*written.module);
    std::vector<Buffer> expected =
        testing::runOnRandomInputs(writtenModel, *written.module->findFunction(fn.name()), {});
    std::vector<Buffer> actual = testing::runOnRandomInputs(*s.model, fn, s.trees);
    ASSERT_EQ(expected.size(), actual.size());
    for (size_t k = 0; k < expected.size(); ++k) {
      EXPECT_TRUE(expected[k] == actual[k].reshaped(expected[k].shape()))
          << "parameter " << fn.params()[k]->name;
    }
  }
  EXPECT_GE(files, 15);
}

TEST(ScheduleScripts, AtaxReordersEachReductionOutwardAndPipelines) {
  Scheduled s = load("atax.py");
  std::string m = loopNest(s, "stage_M"), n = loopNest(s, "stage_N");
  EXPECT_NE(m.find("for r in range(0, 42):\n  for m in range(0, 38):  # pipeline II=1"),
            std::string::npos)
      << m;
  EXPECT_NE(n.find("for k in range(0, 38):\n  for n in range(0, 42):  # pipeline II=1"),
            std::string::npos)
      << n;
}

TEST(ScheduleScripts, TwoAndThreeMmPipelineTheReductionAndRunAsDataflow) {
  for (const char* file : {"2mm.py", "3mm.py"}) {
    SCOPED_TRACE(file);
    Scheduled s = load(file);
    allo::Program& p = s.program;
    poly::Schedule top = allo::applySchedule(p, *s.model, p.schedules.size() - 1);
    for (const char* mm : {"mm1", "mm2"}) {
      EXPECT_TRUE(top.isDataflow(mm)) << mm;
      std::string nest = loopNest(s, mm);
      EXPECT_NE(nest.find("# dataflow\n"), std::string::npos) << nest;
      EXPECT_NE(nest.find("  # pipeline II=1\n"), std::string::npos) << nest;
    }
    EXPECT_FALSE(top.isDataflow(p.defaultKernel()));
  }
}

TEST(ScheduleScripts, ComposedSubScheduleAppliesToBothCalls) {
  Scheduled s = load("compose_twice.py");
  std::string nest = loopNest(s, "matmul");
  EXPECT_NE(nest.find("  for k in range(0, 10):\n    for j_outer in range(0, 3):\n"
                      "      for j_inner in range(0, 4):  # pipeline II=1"),
            std::string::npos)
      << nest;
  // The composed steps are in the top schedule's log, retargeted to matmul.
  poly::Schedule top = allo::applySchedule(s.program, *s.model, 1);
  ASSERT_EQ(top.steps().size(), 3u);
  EXPECT_EQ(top.steps()[0].str(), "reorder(\"k\", \"j\")");
  EXPECT_EQ(top.steps()[0].function, "matmul");
}

TEST(ScheduleScripts, ComposeWithAnIdSchedulesOnlyThatInstance) {
  Scheduled s = load("compose_instance.py");
  EXPECT_NE(
      loopNest(s, "mm_FFN1").find("for k in range(0, 6):\n    for j in range(0, 8):  # pipeline"),
      std::string::npos)
      << loopNest(s, "mm_FFN1");
  EXPECT_NE(loopNest(s, "mm_FFN2").find("for j in range(0, 8):\n    for k in range(0, 6):\n"),
            std::string::npos)
      << loopNest(s, "mm_FFN2");
}

TEST(ScheduleScripts, SplittingAGuardedTailAgainKeepsConstantTripCounts) {
  Scheduled s = load("split_twice.py");
  std::string nest = loopNest(s, "k");
  EXPECT_NE(nest.find("for j_inner_inner in range(0, 2):  # guarded tail of 2\n"
                      "        if j_inner_inner <= "),
            std::string::npos)
      << nest;
  EXPECT_EQ(nest.find("min("), std::string::npos) << nest;
}

TEST(ScheduleScripts, IllegalStepIsRefusedAtItsLineWithAWitness) {
  std::string file = ::testing::TempDir() + "/seidel_reorder.py";
  std::ofstream(file) << "from allo.ir.types import float32\n"
                         "def seidel(A: float32[8, 8]):\n"
                         "    for t in range(2):\n"
                         "        for i in range(1, 7):\n"
                         "            for j in range(1, 7):\n"
                         "                A[i, j] = (A[i - 1, j - 1] + A[i - 1, j + 1] + "
                         "A[i + 1, j - 1] + A[i + 1, j + 1]) / 4.0\n"
                         "s = allo.customize(seidel)\n"
                         "s.reorder(\"j\", \"i\")\n";
  allo::Program p = allo::load(allo::Source::fromFile(file));
  poly::ModuleModel model = poly::extract(*p.module);
  try {
    allo::applySchedule(p, model, 0);
    FAIL() << "the reorder was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IllegalSchedule);
    EXPECT_EQ(e.loc().line, 8);
    EXPECT_NE(e.message().find("dependence S0["), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("on A["), std::string::npos) << e.message();
  }
}

} // namespace
} // namespace polyallo

// Golden files pin the emitted HLS C++ of gemm (docs/examples/gemm.py), so
// that a change to the output is reviewed, not accidental: the baseline, and
// with Allo's reorder("k", "j") + pipeline("j").
//
// After an intended change, regenerate and review the diff:
//   POLYALLO_UPDATE_GOLDEN=1 ./build/test_e2e --gtest_filter='HlsGolden*'
#include "codegen/HlsEmitter.h"
#include "frontends/allo/Program.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace polyallo {
namespace {

std::string goldenPath(const std::string& name) {
  return std::string(POLYALLO_SOURCE_DIR) + "/test/e2e/golden/" + name;
}

void expectGolden(const std::string& name, const std::string& actual) {
  if (std::getenv("POLYALLO_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(goldenPath(name), std::ios::binary) << actual;
    return;
  }
  std::ifstream in(goldenPath(name), std::ios::binary);
  ASSERT_TRUE(in) << goldenPath(name) << " is missing; run with POLYALLO_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual)
      << "the emitted HLS C++ changed; if intended, regenerate with POLYALLO_UPDATE_GOLDEN=1 and "
         "review the diff of "
      << goldenPath(name);
}

struct Gemm {
  allo::Program program = allo::load(
      allo::Source::fromFile(std::string(POLYALLO_SOURCE_DIR) + "/docs/examples/gemm.py"));
  poly::ModuleModel model = poly::extract(*program.module);
};

TEST(HlsGolden, GemmBaseline) {
  Gemm g;
  poly::Schedule s(g.model, "gemm");
  expectGolden("gemm_baseline.cpp", codegen::emitHls(s).source);
}

TEST(HlsGolden, GemmReorderPipeline) {
  Gemm g;
  poly::Schedule s(g.model, "gemm");
  s.reorder({"k", "j"}).pipeline("j");
  codegen::HlsSources out = codegen::emitHls(s, "gemm");
  expectGolden("gemm_reorder_pipeline.cpp", out.source);
}

} // namespace
} // namespace polyallo

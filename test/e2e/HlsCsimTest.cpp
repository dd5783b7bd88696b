// The HLS oracle end to end: every kernel file with a script (the scheduled
// scripts of test/e2e/schedules, docs/examples, docs/primitives/examples) is
// emitted as a Vitis HLS project under its schedule, compiled with g++ and
// our csim headers (-Wall -Wextra -Werror), run on random inputs, and its
// arrays compared bit for bit with the CPU simulation of the same schedule;
// once with plain array arguments (vhls), once through the m_axi wrapper
// (vitis_hls).
#include "common/HlsTesting.h"
#include "common/SimTesting.h"
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace polyallo {
namespace {

class HlsCsim : public ::testing::TestWithParam<std::string> {};

TEST_P(HlsCsim, MatchesTheCpuSimulationBitForBit) {
  allo::Program program = allo::load(allo::Source::fromFile(GetParam()));
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  std::string top = program.defaultKernel();
  poly::Schedule schedule = allo::kernelSchedule(program, model, top);
  const core::Function& fn = *program.module->findFunction(top);
  std::vector<codegen::Buffer> inputs = testing::randomInputs(fn, 11);
  std::vector<codegen::Buffer> cpu = testing::runOn(model, fn, schedule.trees(), inputs);
  for (bool axi : {false, true}) {
    SCOPED_TRACE(axi ? "vitis_hls (m_axi wrapper)" : "vhls");
    std::vector<codegen::Buffer> hls = testing::runHlsCsim(schedule, top, inputs, axi);
    ASSERT_EQ(hls.size(), cpu.size());
    for (size_t k = 0; k < cpu.size(); ++k) {
      EXPECT_TRUE(cpu[k] == hls[k]) << "array " << fn.params()[k]->name << " of " << top;
    }
  }
}

std::vector<std::string> kernelFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"/test/e2e/schedules", "/test/e2e/dataflow", "/docs/examples",
                          "/docs/primitives/examples"}) {
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(POLYALLO_SOURCE_DIR) + dir)) {
      if (e.path().extension() == ".py") {
        files.push_back(e.path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

INSTANTIATE_TEST_SUITE_P(KernelFiles, HlsCsim, ::testing::ValuesIn(kernelFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name =
                               std::filesystem::path(info.param).parent_path().filename().string() +
                               "_" + std::filesystem::path(info.param).stem().string();
                           for (char& c : name) {
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });

} // namespace
} // namespace polyallo

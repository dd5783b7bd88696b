// The PolyBench suite (bench/polybench/*.py) at MINI size, each kernel on
// the inputs of its own init_array: the scheduled program's arrays equal the
// unscheduled program's bit for bit (the schedules keep every reduction's
// order), also with DTYPE=float32 for the floating-point kernels, and the
// HLS C++ of the schedule, compiled with g++ against our csim headers,
// equals the CPU simulation bit for bit.
#include "codegen/InitArrays.h"
#include "common/HlsTesting.h"
#include "common/SimTesting.h"
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace polyallo {
namespace {

using codegen::Buffer;

class Polybench : public ::testing::TestWithParam<std::string> {};

/// Loads the kernel file with `defines`, simulates its kernel scheduled and
/// as written on init_array's inputs and expects equal arrays; with `csim`,
/// also expects the HLS C++ of the schedule to leave the same arrays.
void checkKernel(const std::string& path, const std::map<std::string, std::string>& defines,
                 bool csim) {
  allo::LoadOptions options;
  options.defines = defines;
  allo::Program written = allo::load(allo::Source::fromFile(path), options);
  poly::ModuleModel writtenModel = poly::extract(*written.module);
  allo::Program program = allo::load(allo::Source::fromFile(path), options);
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  std::string top = program.defaultKernel();
  ASSERT_NE(program.scheduleOf(top), nullptr) << "the kernel has no schedule";
  const core::Function& writtenFn = *written.module->findFunction(top);
  const core::Function& fn = *program.module->findFunction(top);
  ASSERT_NE(written.module->findFunction(codegen::kInitKernel), nullptr) << "no init_array";
  // As `polyallo run` prepares them: init_array's arrays, random values for the rest.
  std::vector<Buffer> inputs =
      codegen::withInitArrays(writtenModel, writtenFn, testing::randomInputs(writtenFn));
  std::vector<Buffer> expected = testing::runOn(writtenModel, writtenFn, {}, inputs);
  poly::Schedule schedule = allo::kernelSchedule(program, model, top);
  std::vector<Buffer> actual = testing::runOn(model, fn, schedule.trees(), inputs);
  ASSERT_EQ(expected.size(), actual.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    EXPECT_TRUE(expected[k] == actual[k]) << "array " << fn.params()[k]->name;
  }
  if (csim) {
    std::vector<Buffer> hls = testing::runHlsCsim(schedule, top, inputs);
    ASSERT_EQ(hls.size(), actual.size());
    for (size_t k = 0; k < actual.size(); ++k) {
      EXPECT_TRUE(actual[k] == hls[k]) << "HLS csim, array " << fn.params()[k]->name;
    }
  }
}

TEST_P(Polybench, ScheduledEqualsUnscheduledAndHlsCsimMatchesAtMini) {
  checkKernel(GetParam(), {{"SIZE", "MINI"}}, true);
}

TEST_P(Polybench, Float32InstanceMatchesTooAtMini) {
  allo::Program p = allo::load(allo::Source::fromFile(GetParam()));
  auto dtype = p.constants.find("DTYPE");
  ASSERT_NE(dtype, p.constants.end()) << "no DTYPE constant";
  if (!dtype->second.value.type.isFloat()) {
    GTEST_SKIP() << "an integer kernel (PolyBench's own type)";
  }
  checkKernel(GetParam(), {{"SIZE", "MINI"}, {"DTYPE", "float32"}}, false);
}

std::vector<std::string> kernelFiles() {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(POLYALLO_SOURCE_DIR) + "/bench/polybench")) {
    if (e.path().extension() == ".py") {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(PolybenchSuite, HasAllThirtyKernels) { EXPECT_EQ(kernelFiles().size(), 30U); }

INSTANTIATE_TEST_SUITE_P(Kernels, Polybench, ::testing::ValuesIn(kernelFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = std::filesystem::path(info.param).stem().string();
                           for (char& c : name) {
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return "k" + name; // gtest names cannot start with a digit
                         });

} // namespace
} // namespace polyallo

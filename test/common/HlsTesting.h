// The HLS oracle of the tests: build a kernel's Vitis HLS project, compile
// its testbench with g++ and our csim headers (-Wall -Wextra -Werror), run it
// on given inputs, and read back every array it wrote, to compare bit for bit
// with the CPU simulation.
#pragma once

#include "codegen/Buffer.h"
#include "codegen/HlsProject.h"
#include "codegen/Npy.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace polyallo::testing {

/// The arrays of `top` after its HLS C++ ran on `inputs` (one Buffer per
/// parameter, in order); with `axi`, through the vitis_hls m_axi wrapper. Fails the test (and
/// returns nothing) when the project does not compile or the testbench fails.
inline std::vector<codegen::Buffer> runHlsCsim(const poly::Schedule& schedule,
                                               const std::string& top,
                                               const std::vector<codegen::Buffer>& inputs,
                                               bool axi = false) {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("polyallo-hls-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  fs::create_directories(dir / "out");
  codegen::HlsProjectOptions options;
  options.top = top;
  options.axi = axi;
  for (const auto& [path, text] : codegen::hlsProject(schedule, options)) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path, std::ios::binary) << text;
  }
  const core::Function& fn = *schedule.model().function(top).fn;
  auto params = fn.params();
  for (size_t k = 0; k < params.size(); ++k) {
    codegen::writeNpy((dir / "data" / (params[k]->name + ".npy")).string(), inputs.at(k));
  }
  std::string log = (dir / "log.txt").string();
  std::string build = "cd '" + dir.string() +
                      "' && g++ -std=c++17 -O1 -Wall -Wextra -Werror -ffp-contract=off -I csim "
                      "-I . -o testbench kernel.cpp testbench.cpp > log.txt 2>&1 && "
                      "./testbench data out >> log.txt 2>&1";
  if (std::system(build.c_str()) != 0) {
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ADD_FAILURE() << "the HLS project of '" << top << "' in " << dir << " failed:\n" << text;
    return {};
  }
  std::vector<codegen::Buffer> outputs;
  for (size_t k = 0; k < params.size(); ++k) {
    outputs.push_back(codegen::readNpy((dir / "out" / (params[k]->name + ".npy")).string(),
                                       inputs[k].type(), inputs[k].shape(), params[k]->name));
  }
  fs::remove_all(dir);
  return outputs;
}

} // namespace polyallo::testing

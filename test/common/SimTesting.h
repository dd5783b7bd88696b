// Simulator options shared by the tests: a private compile cache, and UBSan
// in trap mode for the emitted C.
#pragma once

#include "codegen/Simulator.h"

#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

namespace polyallo::testing {

/// A cache directory of this user's tests (not $HOME/.cache).
inline std::string testCacheDir() {
  return (std::filesystem::temp_directory_path() /
          ("polyallo-test-cache-" + std::to_string(static_cast<long>(getuid()))))
      .string();
}

inline codegen::SimOptions testOptions() {
  codegen::SimOptions o;
  o.cacheDir = testCacheDir();
  return o;
}

/// testOptions() plus UBSan in trap mode (no runtime library needed): any
/// undefined behaviour in the emitted C, including out-of-range float to
/// integer casts, kills the test with SIGILL instead of passing unnoticed.
inline codegen::SimOptions ubsanOptions() {
  codegen::SimOptions o = testOptions();
  o.flags = {"-O2", "-fsanitize=undefined", "-fsanitize=float-cast-overflow",
             "-fsanitize-undefined-trap-on-error"};
  return o;
}

/// `fn`'s parameters, each filled with seeded random values.
inline std::vector<codegen::Buffer> randomInputs(const core::Function& fn, uint64_t seed = 7) {
  std::vector<codegen::Buffer> buffers;
  for (const auto& p : fn.params()) {
    buffers.emplace_back(p->type, codegen::arrayShape(*p));
    buffers.back().fillRandom(seed++);
  }
  return buffers;
}

/// `inputs` after a run of `fn` (UBSan on) under `trees` (a schedule of
/// `model`; empty: program order).
inline std::vector<codegen::Buffer> runOn(const poly::ModuleModel& model, const core::Function& fn,
                                          const poly::ScheduleMap& trees,
                                          std::vector<codegen::Buffer> buffers) {
  std::vector<codegen::Buffer*> pointers;
  for (codegen::Buffer& b : buffers) {
    pointers.push_back(&b);
  }
  codegen::Simulator(model, ubsanOptions(), trees).run(fn.name(), {}, pointers);
  return buffers;
}

/// `fn`'s parameters after a run under `trees` on randomInputs(fn, seed).
inline std::vector<codegen::Buffer> runOnRandomInputs(const poly::ModuleModel& model,
                                                      const core::Function& fn,
                                                      const poly::ScheduleMap& trees,
                                                      uint64_t seed = 7) {
  return runOn(model, fn, trees, randomInputs(fn, seed));
}

} // namespace polyallo::testing

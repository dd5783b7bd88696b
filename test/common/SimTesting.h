// Simulator options shared by the tests: a private compile cache, and UBSan
// in trap mode for the emitted C.
#pragma once

#include "codegen/Simulator.h"

#include <filesystem>
#include <string>
#include <unistd.h>

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

} // namespace polyallo::testing

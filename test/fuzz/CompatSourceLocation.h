// Force-included (-include) into every source of fuzz_frontend only.
//
// libFuzzer needs Clang, and Debian 12's default Clang (14) with its libstdc++ (12)
// has no std::source_location: libstdc++ defines it only when the compiler provides
// __builtin_source_location, which Clang has from version 15 on. Until then this
// stand-in, built on the __builtin_FILE/LINE/COLUMN/FUNCTION that Clang 14 does have,
// fills the gap. With a Clang or libstdc++ that has the real one it defines nothing.
#pragma once

#include <source_location>

#ifndef __cpp_lib_source_location
namespace std {
struct source_location {
  static constexpr source_location current(const char* file = __builtin_FILE(),
                                           const char* function = __builtin_FUNCTION(),
                                           unsigned line = __builtin_LINE(),
                                           unsigned column = __builtin_COLUMN()) noexcept {
    source_location loc;
    loc.file_ = file;
    loc.function_ = function;
    loc.line_ = line;
    loc.column_ = column;
    return loc;
  }
  constexpr const char* file_name() const noexcept { return file_; }
  constexpr const char* function_name() const noexcept { return function_; }
  constexpr unsigned line() const noexcept { return line_; }
  constexpr unsigned column() const noexcept { return column_; }

private:
  const char* file_ = "";
  const char* function_ = "";
  unsigned line_ = 0;
  unsigned column_ = 0;
};
} // namespace std
#endif

// A kernel file's text, and diagnostics rendered against it.
//
//   gemm.py:7:15: error: unknown array 'D'; the arrays of gemm are A, B, C
//       C[i, j] += D[i, k] * B[k, j]
//                  ^
#pragma once

#include "core/Diagnostics.h"

#include <string>

namespace polyallo::allo {

struct Source {
  std::string path; // as given by the user; SourceLoc::file of everything parsed from it
  std::string text;

  /// Reads `path`; Error(LoadFailed) when it cannot be read.
  static Source fromFile(const std::string& path);
  /// Line `line` (1-based) without its newline; "" when out of range.
  std::string line(int line) const;
};

/// "file:line:col: error: message", then the source line and a caret under
/// the column when `error` points into `source` (otherwise the first line only).
std::string renderError(const Error& error, const Source& source);

} // namespace polyallo::allo

#include "core/Diagnostics.h"

#include <fmt/format.h>

namespace polyallo {

std::string SourceLoc::str() const {
  if (!known()) {
    return "<unknown>";
  }
  if (col <= 0) {
    return fmt::format("{}:{}", file, line); // a line of a data file (a target description)
  }
  return fmt::format("{}:{}:{}", file, line, col);
}

const char* errorKindName(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::InvalidType: return "invalid-type";
  case ErrorKind::InvalidShape: return "invalid-shape";
  case ErrorKind::DimMismatch: return "dim-mismatch";
  case ErrorKind::TypeMismatch: return "type-mismatch";
  case ErrorKind::NonAffine: return "non-affine";
  case ErrorKind::InvalidLoop: return "invalid-loop";
  case ErrorKind::UnknownName: return "unknown-name";
  case ErrorKind::Redefinition: return "redefinition";
  case ErrorKind::InvalidCall: return "invalid-call";
  case ErrorKind::OutOfBounds: return "out-of-bounds";
  case ErrorKind::Syntax: return "syntax";
  case ErrorKind::NotConstant: return "not-constant";
  case ErrorKind::NotImplemented: return "not-implemented";
  case ErrorKind::IslQuota: return "isl-quota";
  case ErrorKind::InvalidSchedule: return "invalid-schedule";
  case ErrorKind::IllegalSchedule: return "illegal-schedule";
  case ErrorKind::CompileFailed: return "compile-failed";
  case ErrorKind::LoadFailed: return "load-failed";
  case ErrorKind::InvalidArgument: return "invalid-argument";
  case ErrorKind::Deadlock: return "deadlock";
  case ErrorKind::Usage: return "usage";
  case ErrorKind::Internal: return "internal";
  }
  return "unknown";
}

Error::Error(ErrorKind kind, std::string message, SourceLoc loc)
    : std::runtime_error(loc.known() ? fmt::format("{}: error: {}", loc.str(), message)
                                     : fmt::format("error: {}", message)),
      kind_(kind), loc_(std::move(loc)), message_(std::move(message)) {}

std::string Error::formatted() const { return what(); }

} // namespace polyallo

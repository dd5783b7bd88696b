// Diagnostics: source locations and the one error type the library throws.
//
// Every rule a user can break has its own ErrorKind (Dahlia's Errors.scala):
// the message states the rule and what would be legal. Library code never
// exits or aborts on user input; it throws polyallo::Error.
#pragma once

#include <cstdint>
#include <source_location>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace polyallo {

/// Where a user wrote something: a kernel file position, or a C++ call site
/// of the builder API. A default-constructed location is "unknown".
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;

  static SourceLoc from(const std::source_location& loc) {
    return {loc.file_name(), static_cast<int>(loc.line()), static_cast<int>(loc.column())};
  }
  bool known() const { return line > 0; }
  /// "file:line:col", "file:line" when col is 0 (or "<unknown>").
  std::string str() const;
};

/// One kind per rule. Every kind but Usage and Internal is the user's to fix
/// in their input: the polyallo command exits with 1 for those, 2 for Usage,
/// 3 for Internal.
enum class ErrorKind {
  // builder / IR construction
  InvalidType,  // element type out of range (width, fraction bits)
  InvalidShape, // non-positive extent, non-affine shape
  DimMismatch,  // wrong number of subscripts / iterators
  TypeMismatch, // operand or argument types do not fit
  NonAffine,    // an affine expression was required
  InvalidLoop,  // bad step, name clash, unbalanced builder scopes
  UnknownName,  // unknown array, loop, function, parameter
  Redefinition, // a name defined twice
  InvalidCall,  // argument count, shape or type mismatch at a call
  OutOfBounds,  // an affine access can leave its array
  // kernel files and schedule scripts (frontends/)
  Syntax,         // the text is not in the accepted Python subset
  NotConstant,    // a compile-time constant was required (meta_if, shapes, factors)
  NotImplemented, // a feature a later version implements; refused, never ignored
  // polyhedral
  IslQuota, // an isl computation exceeded its operation budget
  // schedule primitives
  InvalidSchedule, // the loops named do not fit the primitive (not one band, not nested, ...)
  IllegalSchedule, // the step would break a dependence of the original program
  // simulation
  CompileFailed,   // the system C compiler rejected emitted code
  LoadFailed,      // dlopen / dlsym failed
  InvalidArgument, // wrong buffers or parameter values given to a run, bad .npy data
  Deadlock,        // the PEs of a dataflow region all wait on FIFOs (or misuse one) at run time
  // the polyallo command
  Usage,    // bad command line (exit code 2)
  Internal, // a bug in polyallo
};

const char* errorKindName(ErrorKind kind);

/// The exception every polyallo library function throws on bad input.
class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, std::string message, SourceLoc loc = {});

  ErrorKind kind() const { return kind_; }
  const SourceLoc& loc() const { return loc_; }
  /// The message without location prefix.
  const std::string& message() const { return message_; }
  /// "file:line:col: error: message" (location omitted when unknown).
  std::string formatted() const;

private:
  ErrorKind kind_;
  SourceLoc loc_;
  std::string message_;
};

/// Throws Error(kind, message, loc) when `ok` is false.
inline void require(bool ok, ErrorKind kind, const std::string& message,
                    const SourceLoc& loc = {}) {
  if (!ok) {
    throw Error(kind, message, loc);
  }
}

/// The same, building the message only when it is thrown: for checks on hot
/// paths (per element, per access) whose message lists names or types.
///   require(i < n, ErrorKind::InvalidArgument, [&] { return fmt::format(...); });
template <class MakeMessage>
requires std::is_invocable_r_v<std::string, MakeMessage&>
void require(bool ok, ErrorKind kind, MakeMessage&& message, const SourceLoc& loc = {}) {
  if (!ok) {
    throw Error(kind, message(), loc);
  }
}

} // namespace polyallo

// The target description of the QoR estimator (codegen/Estimate.h): operator latencies
// and DSP costs per operation and element type, memory latencies and ports, loop and
// call overheads, for one FPGA part at one clock. It is a small text file of
// `key = value` lines (`#` comments), the built-in one codegen/targets/u280.txt
// (an Alveo U280 at 300 MHz), compiled into the library:
//
//   # float64
//   dadd.latency = 7        ->  target.op(OpKind::DAdd) == {latency 7, dsp 3}
//   dadd.dsp = 3
//
// A file is complete: every key of the built-in target is given once, values are
// non-negative integers (clock.mhz a positive number, part any text). A mistake is
// Error(InvalidArgument) located at the line, `u280.txt:12: error: ...`.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace polyallo::codegen {

/// The operators the estimator costs (docs/hls.md lists which expression maps to which).
enum class OpKind {
  FAdd,
  FMul,
  FDiv,
  FSqrt,
  FExp,
  FLog,
  FCmp,
  FMath, // float32
  DAdd,
  DMul,
  DDiv,
  DSqrt,
  DExp,
  DLog,
  DCmp,
  DMath, // float64
  FConv,
  FpExt, // int <-> float, float32 <-> float64
  IAlu,
  IMul18,
  IMul32,
  IMul64,
  IDiv32,
  IDiv64, // integers and fixed point
  Count
};

/// The key prefix of an operator: "dadd".
const char* opKindName(OpKind kind);

struct OpCost {
  int64_t latency = 0; // cycles from operands to result
  int64_t dsp = 0;     // DSP slices of one operator instance
};

struct Target {
  std::string name = "builtin"; // the file it came from
  std::string part;
  double clockMHz = 0;
  int64_t dspAvailable = 0, bramAvailable = 0; // the part's DSP slices and BRAM18K blocks
  int64_t bramReadLatency = 0, bramWriteLatency = 0, bramPorts = 0, bramBlockBits = 0;
  int64_t fifoReadLatency = 0, fifoWriteLatency = 0;
  int64_t loopOverhead = 0, callOverhead = 0;
  std::array<OpCost, static_cast<size_t>(OpKind::Count)> ops{};

  const OpCost& op(OpKind kind) const { return ops[static_cast<size_t>(kind)]; }

  /// Parses a target file's text; `file` names it in errors.
  static Target parse(const std::string& text, const std::string& file);
  /// Reads and parses the file at `path` (Error(InvalidArgument) if unreadable).
  static Target load(const std::string& path);
  /// codegen/targets/u280.txt, compiled in.
  static const Target& builtin();
};

/// The text of codegen/targets/u280.txt (generated at build time).
const char* builtinTargetText();

} // namespace polyallo::codegen

// `polyallo run --polybench-dump`: the arrays a kernel leaves, printed as
// PolyBench's print_array prints them (DUMP_ARRAYS on stderr), so a run can
// be diffed with PolyBench's own reference build.
//
//   POLYBENCH_DUMP = ("y",)                 # module constant: what and how
//
//   ==BEGIN DUMP_ARRAYS==
//   begin dump: y
//   0.00 0.01 ... (a newline before every element whose counter % 20 == 0)
//   end   dump: y
//   ==END   DUMP_ARRAYS==
//
// Each entry of POLYBENCH_DUMP names a parameter and PolyBench's line-break
// counter for it:
//   "NAME"                      every element; counter = row-major index
//   ("NAME", s0, s1, ...)       every element; counter = i0*s0 + i1*s1 + ...
//   ("NAME", "lower", s0, s1)   elements with j <= i; counter = i*s0 + j*s1
//   ("NAME", "upper")           elements with j >= i; counter = elements printed so far
//   ("NAME", "after")           every element; the newline follows the element
//                               whose row-major index % 20 == 0 (trisolv)
//   "FINISH"                    ==END DUMP_ARRAYS== here rather than last (fdtd-2d
//                               prints it after its first array)
// Without POLYBENCH_DUMP every array parameter is printed, row-major.
#pragma once

#include "codegen/Buffer.h"
#include "frontends/allo/Program.h"

#include <ostream>
#include <vector>

namespace polyallo::cli {

/// The module constant that says what --polybench-dump prints.
inline constexpr const char* kPolybenchDump = "POLYBENCH_DUMP";

/// One array to print: which parameter, which elements, where lines break.
struct DumpEntry {
  size_t param = 0; // index into fn.params()
  enum class Part { All, Lower, Upper, NewlineAfter, Finish } part = Part::All;
  std::vector<int64_t> strides; // empty: row-major (All) or a running count (Upper)
};

/// What POLYBENCH_DUMP of `program` asks to print of kernel `fn`. Throws
/// Error(InvalidArgument), located at the constant, for an entry that names
/// no parameter of `fn` or breaks the forms above.
std::vector<DumpEntry> polybenchDumpEntries(const allo::Program& program, const core::Function& fn);

/// Prints `buffers` (the arguments of `fn`, in its parameter order) as
/// `entries` say.
void writePolybenchDump(std::ostream& out, const std::vector<DumpEntry>& entries,
                        const core::Function& fn, const std::vector<codegen::Buffer>& buffers);

} // namespace polyallo::cli

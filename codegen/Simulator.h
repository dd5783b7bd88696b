// The CPU simulator: emit C for a module (CEmitter.h), compile and load it
// (CCompiler.h), and run its functions on host Buffers.
//
//   poly::ModuleModel model = poly::extract(module);
//   codegen::Simulator sim(model);                  // initial schedules, cc -O2
//   codegen::Buffer A(core::Float32(), {32, 32}), B(...), C(...);
//   A.fillRandom(1);
//   sim.run("gemm", {{"N", 32}}, {&A, &B, &C});
//
// run() checks everything the C code would otherwise trust: every module
// parameter given and >= 1, the argument count, element types and shapes
// (the shape expressions evaluated with the parameter values), and distinct
// buffers (the emitted pointers are `restrict`).
#pragma once

#include "codegen/Buffer.h"
#include "codegen/CCompiler.h"
#include "polyhedral/Model.h"

#include <map>
#include <string>
#include <vector>

namespace polyallo::codegen {

/// Compiler, flags and cache directory of a simulation (see CCompiler.h).
using SimOptions = CompilerOptions;

class Simulator {
public:
  /// Emits C for `model` (a function missing from `schedules` uses its
  /// initial schedule), compiles and loads it. `model` must outlive the
  /// simulator. Throws Error(CompileFailed) / Error(LoadFailed).
  explicit Simulator(const poly::ModuleModel& model, SimOptions options = {},
                     const poly::ScheduleMap& schedules = {});

  /// Runs `function` on `args` (its params(): arguments, then returned
  /// arrays), with the module parameter values `params`. Throws
  /// Error(UnknownName) for an unknown function and Error(InvalidArgument)
  /// with what was expected for wrong parameters or buffers. Error(Deadlock)
  /// when the PEs of a dataflow region (one the function is or calls) all
  /// wait on FIFOs, naming each PE, its FIFO and whether it was full or
  /// empty; also when a FIFO was misused at run time.
  void run(const std::string& function, const std::map<std::string, int64_t>& params,
           const std::vector<Buffer*>& args) const;

  /// The emitted C source.
  const std::string& source() const { return source_; }
  /// True if the shared object came from the compile cache.
  bool fromCache() const { return library_.fromCache(); }
  const CompiledLibrary& library() const { return library_; }

private:
  const poly::ModuleModel* model_;
  std::string source_;
  CompiledLibrary library_;
};

/// The value of an array extent (an affine expression of module parameters)
/// for the given parameter values; Error(InvalidArgument) for a parameter
/// not in `params`.
int64_t evaluateExtent(const core::Expr& extent, const std::map<std::string, int64_t>& params);

/// The extents of `array`, whose shape uses no module parameter.
std::vector<int64_t> arrayShape(const core::ArrayDecl& array);

} // namespace polyallo::codegen

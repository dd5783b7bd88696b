// A loaded kernel file: its kernels as a core::Module, the schedules its
// script created, what the script asked for (print, build) and the notes on
// what was skipped.
//
//   Program p = load(Source::fromFile("gemm.py"));
//   p.module->findFunction("gemm");      // the lowered kernel
//   p.schedules[0].function;              // "gemm" (s = allo.customize(gemm))
//   p.notes;                              // "skipped NumPy set-up: np_A = ..."
#pragma once

#include "core/Module.h"
#include "frontends/allo/Primitives.h"
#include "frontends/allo/Source.h"
#include "frontends/allo/Value.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace polyallo::allo {

/// One line the loader has to say about the file (a statement it skipped).
struct Note {
  SourceLoc loc;
  std::string text;
  /// "file:line: note: text"
  std::string str() const;
};

/// A schedule created by `s = allo.customize(f)`.
struct ScriptSchedule {
  std::string variable; // the name it is bound to ("s"); "" if none
  std::string function; // the customized function (a template instance's name)
  std::string kernel;   // the def it instantiates ("k" for k[float32, 16])
  SourceLoc loc;
  std::vector<PrimitiveCall> steps; // the primitives applied to it, in order
};

/// What the script asks for, in script order.
struct ScriptAction {
  enum Kind { PrintModule, Build } kind = PrintModule;
  size_t schedule = 0;
  size_t steps = 0;   // how many steps the schedule had at that point
  std::string target; // Build: "llvm", "vhls", "vitis_hls"
  /// Build to an HLS target: the project folder (default "<function>.prj")
  /// and the Vitis HLS steps its run_hls.tcl runs (from mode=).
  std::string project;
  std::vector<std::string> hlsSteps;
  SourceLoc loc;
};

struct LoadOptions {
  /// Module constants overriding the file's (`-D N=64`): name -> expression text.
  std::map<std::string, std::string> defines;
};

struct Program {
  Source source;
  std::unique_ptr<core::Module> module;
  std::vector<Note> notes;
  std::vector<ScriptSchedule> schedules;
  std::vector<ScriptAction> actions;
  /// Every kernel instance lowered, in definition order of their functions.
  std::vector<std::string> kernels;
  /// The module constants (numbers, strings, types and tuples of them) as the
  /// file left them, after -D, with where each was last assigned.
  struct Constant {
    Value value;
    SourceLoc loc;
  };
  std::map<std::string, Constant> constants;
  /// What it was loaded with: load(source, options) gives the kernels as
  /// written again (before rewriteKernels).
  LoadOptions options;
  /// Whether rewriteKernels (ScriptSchedules.h) has rewritten `module` already.
  bool kernelsRewritten = false;

  /// The kernel `polyallo run` simulates by default: the one the last
  /// s.build() built, else the last customized one, else the last kernel.
  std::string defaultKernel() const;
  /// The schedule of `function` (the last one the script created), or null.
  const ScriptSchedule* scheduleOf(const std::string& function) const;
};

/// Parses `source`, lowers its kernels and runs its schedule script. Throws
/// polyallo::Error (with the location in the file) at the first problem.
Program load(const Source& source, const LoadOptions& options = {});

} // namespace polyallo::allo

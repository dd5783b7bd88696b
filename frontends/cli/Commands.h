// The polyallo subcommands. Each returns the process exit code and throws
// polyallo::Error for problems in the input.
// Each first applies the script's kernel rewrites (scalar_expand, reshape)
// to the program's module (allo::rewriteKernels), hence the non-const Program.
#pragma once

#include "frontends/allo/Program.h"
#include "frontends/cli/Args.h"

#include <iosfwd>

namespace polyallo::cli {

int dumpCommand(const Args& args, allo::Program& program, std::ostream& out);
int runCommand(const Args& args, allo::Program& program, std::ostream& out, std::ostream& err);
int verifyCommand(const Args& args, allo::Program& program, std::ostream& out);
int buildCommand(const Args& args, allo::Program& program, std::ostream& out);
/// The QoR estimate of the kernel under its schedule (codegen/Estimate.h).
int estimateCommand(const Args& args, allo::Program& program, std::ostream& out);
/// Notes (SVG asked for, Graphviz missing) go to `err`.
int graphCommand(const Args& args, allo::Program& program, std::ostream& out, std::ostream& err);

} // namespace polyallo::cli

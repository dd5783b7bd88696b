// The polyallo subcommands. Each returns the process exit code and throws
// polyallo::Error for problems in the input.
#pragma once

#include "frontends/allo/Program.h"
#include "frontends/cli/Args.h"

#include <iosfwd>

namespace polyallo::cli {

int dumpCommand(const Args& args, const allo::Program& program, std::ostream& out);
int runCommand(const Args& args, const allo::Program& program, std::ostream& out);
int verifyCommand(const Args& args, const allo::Program& program, std::ostream& out);
int buildCommand(const Args& args, const allo::Program& program, std::ostream& out);

} // namespace polyallo::cli

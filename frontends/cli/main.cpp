// The polyallo command: parse the command line, load the kernel file, run
// the subcommand. Errors become `file:line:col: error: ...` with the source
// line and a caret; exit codes 1 (input), 2 (usage), 3 (internal).
#include "frontends/allo/Program.h"
#include "frontends/cli/Args.h"
#include "frontends/cli/Commands.h"

#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>

using namespace polyallo;

namespace {

int exitCode(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::Usage:
    return 2;
  case ErrorKind::Internal:
    return 3;
  default:
    return 1;
  }
}

int run(const cli::Args& args, std::optional<allo::Source>& source) {
  if (args.version) {
    std::cout << "polyallo " << POLYALLO_VERSION << "\n";
    return 0;
  }
  if (args.help) {
    std::cout << cli::helpText(args.command);
    return 0;
  }
  source = allo::Source::fromFile(args.file);
  allo::LoadOptions options;
  options.defines = args.defines;
  allo::Program program = allo::load(*source, options);
  for (const allo::Note& note : program.notes) {
    std::cerr << note.str() << "\n";
  }
  if (args.command == "dump") {
    return cli::dumpCommand(args, program, std::cout);
  }
  if (args.command == "run") {
    return cli::runCommand(args, program, std::cout, std::cerr);
  }
  if (args.command == "verify") {
    return cli::verifyCommand(args, program, std::cout);
  }
  if (args.command == "estimate") {
    return cli::estimateCommand(args, program, std::cout);
  }
  if (args.command == "graph") {
    return cli::graphCommand(args, program, std::cout, std::cerr);
  }
  return cli::buildCommand(args, program, std::cout);
}

} // namespace

int main(int argc, char** argv) {
  std::optional<allo::Source> source;
  try {
    cli::Args args = cli::parseArgs(std::vector<std::string>(argv + 1, argv + argc));
    return run(args, source);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Usage) {
      std::cerr << "polyallo: " << e.message();
    } else {
      std::cerr << (source ? allo::renderError(e, *source) : e.formatted()) << "\n";
    }
    return exitCode(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "polyallo: internal error: " << e.what() << "\n";
    return 3;
  }
}

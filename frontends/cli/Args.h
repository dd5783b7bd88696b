// Command-line parsing for the polyallo command: one subcommand, its
// options and positional arguments, each subcommand's help text.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace polyallo::cli {

struct Args {
  std::string command; // "dump", "run", "build", "verify", "graph", "estimate"; "" = --help
  std::string file;
  bool help = false;
  bool version = false;
  bool json = false;
  bool steps = false;         // dump --steps
  bool polybenchDump = false; // run --polybench-dump
  std::string kernel;
  std::vector<std::pair<std::string, std::string>> inputs;  // NAME=file.npy
  std::vector<std::pair<std::string, std::string>> outputs; // NAME=file.npy
  std::map<std::string, std::string> defines;               // -D NAME=VALUE
  uint64_t seed = 0;
  std::string target;
  std::string outDir;     // build -o DIR; graph -o FILE (.dot or .svg)
  std::string part;       // build --part (HLS targets)
  double clockMHz = 0.0;  // build --clock-mhz (HLS targets); 0 = the default
  std::string targetFile; // estimate --target-file
};

/// Parses argv; Error(Usage) with the subcommand's usage line for a mistake.
Args parseArgs(const std::vector<std::string>& argv);

/// The help text of `command` ("" = the overview).
std::string helpText(const std::string& command);

} // namespace polyallo::cli

#include "frontends/cli/Args.h"

#include "core/Diagnostics.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

namespace polyallo::cli {

namespace {

const char* kOverview = R"(usage: polyallo <command> [options] FILE

Allo kernels and schedules, checked with isl, simulated on the CPU.

commands:
  dump FILE [--json]        the polyhedral model: domains, accesses, schedule tree, dependences
  dump FILE --steps         the schedule tree and loop nest after each schedule step
  run FILE [options]        simulate the scheduled kernel and compare with the unscheduled one
  verify FILE               prove every schedule step legal; the witness of the first that is not
  build FILE --target T -o DIR
                            write a Vitis HLS project (T = vhls: plain arrays; T = vitis_hls:
                            an extern "C" m_axi top), C (T = c) or the IR (T = ir)
  graph FILE [-o arch.svg|arch.dot]
                            the architecture as a Graphviz graph: PEs, FIFOs, memories, calls
  estimate FILE [--json]    QoR estimate: latency, II and why, DSP, BRAM (a U280 at 300 MHz)

options of every command:
  -D NAME=VALUE             override the module constant NAME (like -D in C)
  -h, --help                this text, or a command's: polyallo run --help
  --version                 the version

exit codes: 0 success, 1 an error in the input (or a mismatch), 2 a usage error,
3 an internal error.
)";

const char* kDump = R"(usage: polyallo dump FILE [--json | --steps] [-D NAME=VALUE ...]

Prints the polyhedral model of every kernel in FILE: arrays, statements with their
iteration domains and tagged accesses, the schedule tree, and the flow, anti and
output dependences, in isl notation. --json prints the same as JSON.
--steps prints, for each schedule of the script, the schedule tree and the loop
nest before the first step and after every step (Allo's print(s.module)).
)";

const char* kVerify = R"(usage: polyallo verify FILE [-D NAME=VALUE ...]

Replays every schedule of FILE step by step and proves each step legal against the
exact dependences of the original program (no dependence may have its sink run at
or before its source), then proves the final schedule of every function again.
Prints one line per step; for the first illegal step, the dependence it breaks and
a witness pair of instances, and exits 1.
)";

const char* kRun = R"(usage: polyallo run FILE [--kernel K] [--input NAME=a.npy ...] [--seed S]
                    [--output NAME=c.npy ...] [--polybench-dump] [-D NAME=VALUE ...]

Simulates kernel K (default: the kernel the script builds or customizes last) on the
CPU, once with its schedule and once unscheduled, on the same inputs, and compares
every array. Arrays without --input come from the file's `init_array` kernel when it
has one (PolyBench's inputs: init_array runs on zeroed arrays and hands the arrays it
leaves to K by parameter name), else get seeded random values (--seed, default 0).
Prints the verdict and the largest absolute difference; exits 1 on a mismatch.
Integer and fixed-point results must be bit-exact; floating-point results may differ
by a relative 1e-5 (float32) or 1e-12 (float64) when a schedule reorders a reduction.
--output writes an array of the scheduled run as a NumPy .npy file.
--polybench-dump prints the arrays of the scheduled run on stderr as PolyBench's
print_array does (==BEGIN DUMP_ARRAYS== ...): the arrays and line breaks the module
constant POLYBENCH_DUMP names, else every array parameter.
)";

const char* kBuild =
    R"(usage: polyallo build FILE --target vhls|vitis_hls|c|ir -o DIR [--kernel K]
                      [--part P] [--clock-mhz F] [-D NAME=VALUE ...]

--target vhls       DIR/kernel.h, kernel.cpp (one function per kernel, labelled loops,
                    pragmas from the schedule), testbench.cpp (reads DIR/data/NAME.npy,
                    writes DIR/out/NAME.npy), run_hls.tcl (Vitis HLS; xcu280, 300 MHz),
                    Makefile (`make csim` builds with g++ and DIR/csim/, our headers)
--target vitis_hls  the same, with an extern "C" K_top wrapper: m_axi ports, on-chip
                    copies of the arrays (load_A / store_C)
--part P            the FPGA part in run_hls.tcl (default xcu280-fsvh2892-2L-e)
--clock-mhz F       the clock in run_hls.tcl (default 300)

--target c   DIR/kernel.c: the C the CPU simulation compiles (every kernel of FILE)
--target ir  DIR/ir.txt: the loop nests of K and its callees, and DIR/model.txt,
             DIR/model.json: the polyhedral model of every kernel
)";

const char* kGraph =
    R"(usage: polyallo graph FILE [--kernel K] [-o FILE.svg | -o FILE.dot] [-D NAME=VALUE ...]

Draws the architecture of kernel K (default: the kernel the script builds or customizes
last) under its schedule, as a Graphviz graph: one cluster per function (K and the
dataflow regions it calls); in a dataflow region one node per processing element (a
grid for 2-D PEs) and one edge per FIFO with its name and depth; argument arrays as
memories with "load" and "store" edges (the PEs that load are the loaders, those that
store the drainers: coloured); calls as edges to the callee's cluster. A FIFO that no
PE puts into or gets from ends at a red dashed "unconnected" node.

-o FILE.dot   write the DOT text
-o FILE.svg   render it with Graphviz's dot -Tsvg; without dot on PATH, write FILE.dot
              instead and say so (apt install graphviz)
without -o    print the DOT text
)";

const char* kEstimate =
    R"(usage: polyallo estimate FILE [--kernel K] [--json] [--target-file F] [-D NAME=VALUE ...]

Estimates kernel K (default: the kernel the script builds or customizes last) under its
schedule, on the loop nest the HLS C++ has: per loop its trip count, iteration latency,
initiation interval and what bounds it (the II asked for, a recurrence through an array,
the ports of a bank), and latency; per function latency in cycles, DSP and BRAM18K.
ScaleHLS's model; docs/hls.md ("Estimating QoR") gives the formulas.

--json           the same as JSON
--target-file F  operator latencies and costs from F instead of the built-in target
                 (codegen/targets/u280.txt: an Alveo U280 at 300 MHz); F gives every key
)";

[[noreturn]] void usage(const std::string& command, const std::string& what) {
  throw Error(ErrorKind::Usage, fmt::format("{}\n{}", what, helpText(command)));
}

std::pair<std::string, std::string>
splitAssignment(const std::string& command, const std::string& option, const std::string& text) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    usage(command, fmt::format("{} takes NAME=VALUE, got '{}'", option, text));
  }
  return {text.substr(0, eq), text.substr(eq + 1)};
}

} // namespace

std::string helpText(const std::string& command) {
  if (command == "dump") {
    return kDump;
  }
  if (command == "run") {
    return kRun;
  }
  if (command == "build") {
    return kBuild;
  }
  if (command == "verify") {
    return kVerify;
  }
  if (command == "graph") {
    return kGraph;
  }
  if (command == "estimate") {
    return kEstimate;
  }
  return kOverview;
}

Args parseArgs(const std::vector<std::string>& argv) {
  Args a;
  size_t k = 0;
  if (argv.empty()) {
    usage("", "a command is required");
  }
  if (argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    a.help = true;
    return a;
  }
  if (argv[0] == "--version") {
    a.version = true;
    return a;
  }
  a.command = argv[k++];
  if (a.command != "dump" && a.command != "run" && a.command != "build" && a.command != "verify" &&
      a.command != "graph" && a.command != "estimate") {
    usage("", fmt::format("unknown command '{}'; the commands are dump, run, build, verify, graph, "
                          "estimate",
                          a.command));
  }
  auto value = [&](const std::string& option) -> std::string {
    if (k >= argv.size()) {
      usage(a.command, fmt::format("{} needs a value", option));
    }
    return argv[k++];
  };
  auto allowed = [&](const std::string& option, std::initializer_list<const char*> commands) {
    for (const char* c : commands) {
      if (a.command == c) {
        return;
      }
    }
    usage(a.command, fmt::format("'{}' is not an option of '{}'", option, a.command));
  };
  while (k < argv.size()) {
    std::string arg = argv[k++];
    if (arg == "-h" || arg == "--help") {
      a.help = true;
    } else if (arg == "--json") {
      allowed(arg, {"dump", "estimate"});
      a.json = true;
    } else if (arg == "--steps") {
      allowed(arg, {"dump"});
      a.steps = true;
    } else if (arg == "--polybench-dump") {
      allowed(arg, {"run"});
      a.polybenchDump = true;
    } else if (arg == "--kernel") {
      allowed(arg, {"run", "build", "graph", "estimate"});
      a.kernel = value(arg);
    } else if (arg == "--input") {
      allowed(arg, {"run"});
      a.inputs.push_back(splitAssignment(a.command, arg, value(arg)));
    } else if (arg == "--output") {
      allowed(arg, {"run"});
      a.outputs.push_back(splitAssignment(a.command, arg, value(arg)));
    } else if (arg == "--seed") {
      allowed(arg, {"run"});
      std::string s = value(arg);
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), a.seed);
      if (ec != std::errc() || end != s.data() + s.size()) {
        usage(a.command, fmt::format("--seed takes a non-negative integer, got '{}'", s));
      }
    } else if (arg == "--target") {
      allowed(arg, {"build"});
      a.target = value(arg);
    } else if (arg == "--part") {
      allowed(arg, {"build"});
      a.part = value(arg);
    } else if (arg == "--clock-mhz") {
      allowed(arg, {"build"});
      std::string v = value(arg);
      char* end = nullptr;
      a.clockMHz = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(a.clockMHz > 0.0 && a.clockMHz <= 2000.0)) {
        usage(a.command,
              fmt::format("--clock-mhz takes a frequency in MHz (e.g. 300), got '{}'", v));
      }
    } else if (arg == "--target-file") {
      allowed(arg, {"estimate"});
      a.targetFile = value(arg);
    } else if (arg == "-o") {
      allowed(arg, {"build", "graph"});
      a.outDir = value(arg);
    } else if (arg == "-D" || (arg.size() > 2 && arg.compare(0, 2, "-D") == 0)) {
      auto [name, v] = splitAssignment(a.command, "-D", arg == "-D" ? value(arg) : arg.substr(2));
      a.defines[name] = v;
    } else if (!arg.empty() && arg[0] == '-') {
      usage(a.command, fmt::format("unknown option '{}'", arg));
    } else if (a.file.empty()) {
      a.file = arg;
    } else {
      usage(a.command, fmt::format("one FILE is expected, got '{}' and '{}'", a.file, arg));
    }
  }
  if (a.help) {
    return a;
  }
  if (a.file.empty()) {
    usage(a.command, "FILE is required");
  }
  if (a.json && a.steps) {
    usage(a.command, "--json and --steps are two different dumps; choose one");
  }
  if (a.command == "build") {
    if (a.target != "c" && a.target != "ir" && a.target != "vhls" && a.target != "vitis_hls") {
      usage(a.command, a.target.empty() ? "--target is required"
                                        : fmt::format("unknown target '{}'; the targets are vhls, "
                                                      "vitis_hls, c, ir",
                                                      a.target));
    }
    if (a.outDir.empty()) {
      usage(a.command, "-o DIR is required");
    }
  }
  if (a.command == "graph" && !a.outDir.empty()) {
    auto endsWith = [&](const char* suffix) {
      std::string s(suffix);
      return a.outDir.size() > s.size() &&
             a.outDir.compare(a.outDir.size() - s.size(), s.size(), s) == 0;
    };
    if (!endsWith(".dot") && !endsWith(".svg")) {
      usage(a.command, fmt::format("-o takes a file ending in .dot or .svg, got '{}'", a.outDir));
    }
  }
  return a;
}

} // namespace polyallo::cli

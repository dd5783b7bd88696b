#include "frontends/cli/Commands.h"

#include "codegen/BuildAst.h"
#include "codegen/CEmitter.h"
#include "codegen/Estimate.h"
#include "codegen/Graph.h"
#include "codegen/HlsProject.h"
#include "codegen/InitArrays.h"
#include "codegen/IrText.h"
#include "codegen/Npy.h"
#include "codegen/Simulator.h"
#include "frontends/allo/ScriptSchedules.h"
#include "frontends/cli/PolybenchDump.h"
#include "layout/Infer.h"
#include "polyhedral/Dump.h"
#include "polyhedral/Legality.h"
#include "polyhedral/Model.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

// <unistd.h> declares it only with _GNU_SOURCE; POSIX asks programs to declare it.
extern char** environ; // NOLINT(readability-redundant-declaration)

namespace polyallo::cli {

namespace {

using codegen::Buffer;
using DeclPtr = std::shared_ptr<core::ArrayDecl>;

const core::Function& kernelToRun(const Args& args, const allo::Program& program) {
  std::string name = args.kernel.empty() ? program.defaultKernel() : args.kernel;
  require(!name.empty(), ErrorKind::UnknownName,
          fmt::format("{} defines no kernel (a def whose parameters all have type annotations, "
                      "e.g. def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:)",
                      program.source.path));
  const core::Function* fn = program.module->findFunction(name);
  require(fn != nullptr, ErrorKind::UnknownName,
          fmt::format("{} has no kernel '{}'; its kernels are {}", program.source.path, name,
                      fmt::join(program.kernels, ", ")));
  return *fn;
}

DeclPtr paramNamed(const core::Function& fn, const std::string& name, const char* option) {
  std::vector<std::string> names;
  for (const DeclPtr& p : fn.params()) {
    if (p->name == name) {
      return p;
    }
    names.push_back(p->name);
  }
  throw Error(ErrorKind::UnknownName,
              fmt::format("{} {}: kernel '{}' has no parameter '{}'; its parameters are {}", option,
                          name, fn.name(), name, fmt::join(names, ", ")));
}

/// splitmix64 of the seed and the parameter's position: every array gets its own stream.
uint64_t arraySeed(uint64_t seed, size_t index) {
  uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (index + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Comparison {
  double maxAbs = 0.0;
  bool exact = true;
  bool withinTolerance = true;
};

/// Ints and fixed point must be bit-exact; floats may differ by a relative
/// 1e-5 (float32) / 1e-12 (float64), for schedules that reorder reductions.
Comparison compare(const Buffer& expected, const Buffer& actual) {
  Comparison c;
  c.exact = expected == actual;
  c.maxAbs = codegen::maxAbsDiff(expected, actual);
  if (c.exact) {
    c.maxAbs = 0.0;
    return c;
  }
  if (!expected.type().isFloat()) {
    c.withinTolerance = false;
    return c;
  }
  double rtol = expected.type().kind == core::TypeKind::Float32 ? 1e-5 : 1e-12;
  for (size_t k = 0; k < expected.size(); ++k) {
    double e = expected.getDouble(k), a = actual.getDouble(k);
    if (std::isnan(e) != std::isnan(a) || std::abs(e - a) > rtol * std::max(1.0, std::abs(e))) {
      c.withinTolerance = false;
    }
  }
  return c;
}

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  require(out.good(), ErrorKind::InvalidArgument, fmt::format("cannot write '{}'", path.string()));
}

/// Writes the HLS project of `schedule` into `dir`; returns the files, relative to it.
std::vector<std::string> writeProject(const std::filesystem::path& dir,
                                      const poly::Schedule& schedule,
                                      const codegen::HlsProjectOptions& options) {
  std::vector<std::string> written;
  for (const auto& [path, text] : codegen::hlsProject(schedule, options)) {
    std::error_code ec;
    std::filesystem::create_directories((dir / path).parent_path(), ec);
    require(!ec, ErrorKind::InvalidArgument,
            fmt::format("cannot create directory '{}': {}", (dir / path).parent_path().string(),
                        ec.message()));
    writeFile(dir / path, text);
    written.push_back(path);
  }
  return written;
}

/// The kernel's parameters before a run, and where each value came from:
/// a .npy file, seeded random values, or zeros for a returned array.
struct RunInputs {
  std::vector<Buffer> buffers;
  std::vector<std::string> origin;
};

size_t paramIndex(const core::Function& fn, const std::string& name, const char* option) {
  DeclPtr p = paramNamed(fn, name, option);
  std::vector<DeclPtr> params = fn.params();
  return static_cast<size_t>(std::find(params.begin(), params.end(), p) - params.begin());
}

RunInputs prepareInputs(const Args& args, const poly::ModuleModel& model,
                        const core::Function& fn) {
  RunInputs in;
  std::map<std::string, Buffer> initialised = codegen::initArrays(model, fn);
  std::vector<DeclPtr> params = fn.params();
  for (size_t k = 0; k < params.size(); ++k) {
    try {
      in.buffers.emplace_back(params[k]->type, codegen::arrayShape(*params[k]));
    } catch (const Error& e) {
      throw Error(e.kind(), fmt::format("array '{}': {}", params[k]->name, e.message()),
                  params[k]->loc);
    }
    bool returned = params[k]->role == core::ArrayRole::Returned;
    if (auto init = initialised.find(params[k]->name); init != initialised.end()) {
      in.buffers.back() = init->second;
      in.origin.push_back(codegen::kInitKernel);
    } else {
      in.origin.push_back(returned ? "output" : fmt::format("random (seed {})", args.seed));
      if (!returned) {
        in.buffers.back().fillRandom(arraySeed(args.seed, k));
      }
    }
  }
  for (const auto& [name, path] : args.inputs) {
    size_t k = paramIndex(fn, name, "--input");
    require(params[k]->role != core::ArrayRole::Returned, ErrorKind::InvalidArgument,
            fmt::format("--input {}: '{}' is returned by kernel '{}', not an input", name, name,
                        fn.name()));
    in.buffers[k] = codegen::readNpy(path, params[k]->type, codegen::arrayShape(*params[k]), name);
    in.origin[k] = path;
  }
  return in;
}

/// `inputs` after running `fn` under `schedules` (copies: the inputs stay as they are).
std::vector<Buffer> simulate(const poly::ModuleModel& model, const core::Function& fn,
                             const poly::ScheduleMap& schedules,
                             const std::vector<Buffer>& inputs) {
  std::vector<Buffer> buffers = inputs;
  std::vector<Buffer*> pointers;
  for (Buffer& b : buffers) {
    pointers.push_back(&b);
  }
  codegen::Simulator(model, {}, schedules).run(fn.name(), {}, pointers);
  return buffers;
}

/// `buffers` viewed in the shapes of `fn`'s parameters (reshape keeps the bytes).
std::vector<Buffer> viewedAs(const std::vector<Buffer>& buffers, const core::Function& fn) {
  std::vector<Buffer> out;
  std::vector<DeclPtr> params = fn.params();
  for (size_t k = 0; k < buffers.size(); ++k) {
    out.push_back(buffers[k].reshaped(codegen::arrayShape(*params[k])));
  }
  return out;
}

std::string runHeader(const allo::Program& program, const core::Function& fn) {
  const allo::ScriptSchedule* sched = program.scheduleOf(fn.name());
  if (!sched) {
    return fmt::format("kernel {}: the file has no schedule for it, so the scheduled program is "
                       "the unscheduled one\n",
                       fn.name());
  }
  return fmt::format("kernel {}: schedule '{}' ({} step(s)) compared with the unscheduled "
                     "program\n",
                     fn.name(), sched->variable.empty() ? "customize" : sched->variable,
                     sched->steps.size());
}

/// "schedule 's' of gemm (gemm.py:12:5)"
std::string scheduleTitle(const allo::ScriptSchedule& sched) {
  return fmt::format("schedule '{}' of {} ({})",
                     sched.variable.empty() ? "customize" : sched.variable, sched.function,
                     sched.loc.str());
}

/// The trees `after` changed with respect to `before`, then the loop nests
/// of `function` and its callees.
std::string stepText(const poly::ModuleModel& model, const std::string& function,
                     const poly::ScheduleMap& before, const poly::ScheduleMap& after) {
  std::string out;
  for (const auto& [name, scheduled] : after) {
    const isl::set& context = model.function(name).context;
    std::string text = poly::scheduleText(scheduled.tree, context);
    auto old = before.find(name);
    if (old == before.end() || poly::scheduleText(old->second.tree, context) != text) {
      out += fmt::format("  tree of {}\n{}", name, text);
    }
  }
  out += codegen::irText(model, function, after);
  return out;
}

/// What one script call added to the log: `reorder("k", "j")`, or for a
/// compose the steps it replayed.
std::string stepsSince(const allo::PrimitiveCall& call, const poly::Schedule& now, size_t logged) {
  std::vector<std::string> added;
  for (size_t k = logged; k < now.steps().size(); ++k) {
    added.push_back(now.steps()[k].str());
  }
  if (call.name != "compose") {
    return added.empty() ? call.name : added.back();
  }
  return fmt::format("compose, replaying {} on {}",
                     added.empty() ? "no step" : fmt::format("{}", fmt::join(added, ", ")),
                     now.steps().empty() ? "?" : now.steps().back().function);
}

/// After a partition (or a compose, which may replay some): the layout of
/// every partitioned array, "  layout gemm:A [none, cyclic(4)]".
std::string layoutText(const allo::PrimitiveCall& call, const poly::Schedule& now) {
  if (call.name != "partition" && call.name != "compose") {
    return "";
  }
  std::string out, line;
  std::istringstream lines(layout::infer(now).str());
  while (std::getline(lines, line)) {
    out += "  layout " + line + "\n";
  }
  return out;
}

/// Written as it goes, so the steps before a failing one are printed
/// before its error.
void printSteps(const allo::Program& program, const poly::ModuleModel& model, std::ostream& out) {
  if (program.schedules.empty()) {
    out << "the script customizes no kernel: there are no schedule steps\n";
  }
  for (size_t k = 0; k < program.schedules.size(); ++k) {
    const allo::ScriptSchedule& sched = program.schedules[k];
    out << fmt::format("{}{}\n\nbefore any step\n", k == 0 ? "" : "\n", scheduleTitle(sched));
    poly::ScheduleMap previous = poly::Schedule(model, sched.function).trees();
    out << stepText(model, sched.function, {}, previous) << std::flush;
    size_t n = 0, logged = 0;
    allo::applySchedule(program, model, k, SIZE_MAX,
                        [&](const allo::PrimitiveCall& call, const poly::Schedule& now) {
                          out << fmt::format("\nstep {}: {} ({})\n", ++n,
                                             stepsSince(call, now, logged), call.loc.str())
                              << layoutText(call, now)
                              << stepText(model, sched.function, previous, now.trees())
                              << std::flush;
                          previous = now.trees();
                          logged = now.steps().size();
                        });
  }
}

/// Runs Graphviz's `dot -Tsvg IN -o OUT`. False when dot is not on PATH
/// (posix_spawnp says ENOENT): rendering is optional, the DOT text is not.
bool renderSvg(const std::filesystem::path& in, const std::filesystem::path& out) {
  std::vector<std::string> words = {"dot", "-Tsvg", in.string(), "-o", out.string()};
  std::vector<char*> argv;
  for (std::string& w : words) {
    argv.push_back(w.data());
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "dot", nullptr, nullptr, argv.data(), environ);
  if (rc == ENOENT) {
    return false;
  }
  require(rc == 0, ErrorKind::Internal,
          fmt::format("cannot run Graphviz's dot: {}", std::strerror(rc)));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  // The DOT is ours and the output file writable: a failure is our bug.
  require(WIFEXITED(status) && WEXITSTATUS(status) == 0, ErrorKind::Internal,
          fmt::format("Graphviz's dot -Tsvg failed on {} (status {})", in.string(), status));
  return true;
}

} // namespace

int dumpCommand(const Args& args, allo::Program& program, std::ostream& out) {
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  if (args.steps) {
    printSteps(program, model, out);
  } else {
    out << (args.json ? poly::dumpJson(model) : poly::dumpText(model));
  }
  return 0;
}

int verifyCommand(const Args&, allo::Program& program, std::ostream& out) {
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  for (size_t k = 0; k < program.schedules.size(); ++k) {
    const allo::ScriptSchedule& sched = program.schedules[k];
    out << scheduleTitle(sched) << "\n";
    size_t n = 0, logged = 0;
    std::optional<poly::Schedule> result;
    try {
      result =
          allo::applySchedule(program, model, k, SIZE_MAX,
                              [&](const allo::PrimitiveCall& call, const poly::Schedule& now) {
                                out << fmt::format("  step {} {} ({}): legal\n", ++n,
                                                   stepsSince(call, now, logged), call.loc.str());
                                logged = now.steps().size();
                              });
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::IllegalSchedule) {
        throw;
      }
      out << fmt::format("  step {} ({}): ILLEGAL\n    {}\n", n + 1, e.loc().str(), e.message());
      out << "verdict: ILLEGAL\n";
      return 1;
    }
    // Each step was checked as it was applied; prove the end result once more.
    for (const auto& [name, scheduled] : result->trees()) {
      const poly::FunctionModel& fn = result->functionModel(name);
      if (std::optional<poly::Violation> v = poly::findViolation(model, fn, scheduled.tree)) {
        out << fmt::format("  final schedule of {}: ILLEGAL: {}\nverdict: ILLEGAL\n", name,
                           v->str());
        return 1;
      }
    }
    out << fmt::format("  proved: the final schedule respects every flow, anti and output "
                       "dependence of {} function(s)\n",
                       result->trees().size());
  }
  out << fmt::format("verdict: {}\n", program.schedules.empty()
                                          ? "LEGAL (the script customizes no kernel)"
                                          : "LEGAL");
  return 0;
}

int runCommand(const Args& args, allo::Program& program, std::ostream& out, std::ostream& err) {
  // The reference is the kernel as written. A script that rewrites its
  // kernels (scalar_expand, reshape) leaves another program in `program`;
  // the written one is loaded again from the same text, so the comparison
  // checks the rewrites too.
  std::optional<allo::Program> written;
  if (allo::rewritesKernels(program)) {
    written = allo::load(program.source, program.options);
  }
  allo::rewriteKernels(program);
  const core::Function& fn = kernelToRun(args, program);
  poly::ModuleModel model = poly::extract(*program.module);
  std::optional<poly::ModuleModel> writtenModel;
  if (written) {
    writtenModel = poly::extract(*written->module);
  }
  const poly::ModuleModel& referenceModel = writtenModel ? *writtenModel : model;
  const core::Function& writtenFn = *referenceModel.module().findFunction(fn.name());
  poly::ScheduleMap schedules = allo::scheduledTrees(program, model, fn.name());
  for (const allo::ScriptAction& action : program.actions) {
    if (action.kind == allo::ScriptAction::Build && action.target != "llvm") {
      // The script asked for an HLS project: written where Allo writes it.
      codegen::HlsProjectOptions options;
      options.top = program.schedules[action.schedule].function;
      options.axi = action.target == "vitis_hls";
      options.steps = action.hlsSteps;
      writeProject(action.project,
                   allo::applySchedule(program, model, action.schedule, action.steps), options);
      out << fmt::format("wrote the {} project {} ({})\n", action.target, action.project,
                         action.loc.str());
    }
    if (action.kind == allo::ScriptAction::PrintModule) {
      out << codegen::irText(
          model, program.schedules[action.schedule].function,
          allo::applySchedule(program, model, action.schedule, action.steps).trees());
    }
  }
  // Inputs and outputs have the shapes written in the kernel; a reshaped
  // parameter takes the same bytes in its new shape.
  RunInputs inputs = prepareInputs(args, referenceModel, writtenFn);
  std::vector<DumpEntry> dump = polybenchDumpEntries(program, writtenFn); // checked on every run
  for (const auto& [name, path] : args.outputs) {
    paramIndex(fn, name, "--output"); // a wrong name fails before the simulations
  }
  std::vector<Buffer> reference = simulate(referenceModel, writtenFn, {}, inputs.buffers);
  std::vector<Buffer> scheduled =
      viewedAs(simulate(model, fn, schedules, viewedAs(inputs.buffers, fn)), writtenFn);

  out << runHeader(program, fn);
  std::vector<DeclPtr> params = writtenFn.params();
  bool match = true;
  for (size_t k = 0; k < params.size(); ++k) {
    Comparison c = compare(reference[k], scheduled[k]);
    match = match && c.withinTolerance;
    out << fmt::format("  {:<8} {:<20} {:<24} max abs error {}{}\n", params[k]->name,
                       params[k]->typeStr(), inputs.origin[k], c.maxAbs,
                       c.exact             ? " (bit-exact)"
                       : c.withinTolerance ? " (within tolerance)"
                                           : " MISMATCH");
  }
  for (const auto& [name, path] : args.outputs) {
    codegen::writeNpy(path, scheduled[paramIndex(fn, name, "--output")]);
  }
  out << fmt::format("verdict: {}\n", match ? "MATCH" : "MISMATCH");
  if (args.polybenchDump) {
    writePolybenchDump(err, dump, writtenFn, scheduled);
  }
  return match ? 0 : 1;
}

int buildCommand(const Args& args, allo::Program& program, std::ostream& out) {
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  std::string kernel = args.kernel.empty() ? program.defaultKernel() : args.kernel;
  poly::ScheduleMap schedules = allo::scheduledTrees(program, model, kernel);
  std::filesystem::path dir(args.outDir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  require(!ec, ErrorKind::InvalidArgument,
          fmt::format("cannot create directory '{}': {}", args.outDir, ec.message()));
  std::vector<std::string> written;
  if (!args.kernel.empty()) {
    kernelToRun(args, program); // the C holds every kernel, but a wrong name is still a mistake
  }
  if (args.target == "vhls" || args.target == "vitis_hls") {
    codegen::HlsProjectOptions options;
    options.top = kernelToRun(args, program).name();
    options.axi = args.target == "vitis_hls";
    if (!args.part.empty()) {
      options.part = args.part;
    }
    if (args.clockMHz > 0.0) {
      options.clockMHz = args.clockMHz;
    }
    written = writeProject(args.outDir, allo::kernelSchedule(program, model, options.top), options);
  } else if (args.target == "c") {
    writeFile(dir / "kernel.c", codegen::emitC(model, schedules));
    written.push_back("kernel.c");
  } else {
    const core::Function& fn = kernelToRun(args, program);
    writeFile(dir / "ir.txt", codegen::irText(model, fn.name(), schedules));
    writeFile(dir / "model.txt", poly::dumpText(model));
    writeFile(dir / "model.json", poly::dumpJson(model));
    written = {"ir.txt", "model.txt", "model.json"};
  }
  for (const std::string& f : written) {
    out << (dir / f).string() << "\n";
  }
  return 0;
}

int graphCommand(const Args& args, allo::Program& program, std::ostream& out, std::ostream& err) {
  allo::rewriteKernels(program);
  const core::Function& fn = kernelToRun(args, program);
  poly::ModuleModel model = poly::extract(*program.module);
  poly::ScheduleMap schedules = allo::scheduledTrees(program, model, fn.name());
  std::string dot = codegen::architectureDot(model, schedules, fn.name());
  if (args.outDir.empty()) {
    out << dot;
    return 0;
  }
  std::filesystem::path path(args.outDir);
  if (path.extension() == ".dot") {
    writeFile(path, dot);
    out << path.string() << "\n";
    return 0;
  }
  writeFile(path, ""); // an unwritable place is the user's error, not dot's
  // dot reads the text from a temporary file, removed whatever happens.
  std::filesystem::path text = std::filesystem::temp_directory_path() /
                               fmt::format("polyallo-graph-{}.dot", static_cast<long>(getpid()));
  writeFile(text, dot);
  std::error_code ignored;
  bool rendered = false;
  try {
    rendered = renderSvg(text, path);
  } catch (...) {
    std::filesystem::remove(text, ignored);
    std::filesystem::remove(path, ignored);
    throw;
  }
  std::filesystem::remove(text, ignored);
  if (rendered) {
    out << path.string() << "\n";
    return 0;
  }
  std::filesystem::remove(path, ignored);
  std::filesystem::path fallback = std::filesystem::path(path).replace_extension(".dot");
  writeFile(fallback, dot);
  err << fmt::format("graphviz's dot is not installed; wrote {} (apt install graphviz to render "
                     "SVG)\n",
                     fallback.string());
  out << fallback.string() << "\n";
  return 0;
}

int estimateCommand(const Args& args, allo::Program& program, std::ostream& out) {
  // The target first: a malformed file is reported before any isl work.
  codegen::Target target =
      args.targetFile.empty() ? codegen::Target::builtin() : codegen::Target::load(args.targetFile);
  allo::rewriteKernels(program);
  const core::Function& fn = kernelToRun(args, program);
  poly::ModuleModel model = poly::extract(*program.module);
  poly::Schedule schedule = allo::kernelSchedule(program, model, fn.name());
  codegen::Estimate e = codegen::estimate(schedule, fn.name(), target);
  out << (args.json ? codegen::estimateJson(e) : codegen::estimateText(e));
  return 0;
}

} // namespace polyallo::cli

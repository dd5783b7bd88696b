#include "frontends/cli/Commands.h"

#include "codegen/CEmitter.h"
#include "codegen/IrText.h"
#include "codegen/Npy.h"
#include "codegen/Simulator.h"
#include "polyhedral/Dump.h"
#include "polyhedral/Model.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>

namespace polyallo::cli {

namespace {

using codegen::Buffer;
using DeclPtr = std::shared_ptr<core::ArrayDecl>;

/// The schedules the script's steps produce, per function. The compute
/// primitives do not exist yet, so every schedule is still the initial one.
std::map<std::string, isl::schedule> scriptSchedules(const allo::Program&,
                                                     const poly::ModuleModel&) {
  return {};
}

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

std::vector<int64_t> shapeOf(const core::ArrayDecl& a) {
  std::vector<int64_t> shape;
  for (const auto& e : a.shape) {
    shape.push_back(codegen::evaluateExtent(e, {}));
  }
  return shape;
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

RunInputs prepareInputs(const Args& args, const core::Function& fn) {
  RunInputs in;
  std::vector<DeclPtr> params = fn.params();
  for (size_t k = 0; k < params.size(); ++k) {
    try {
      in.buffers.emplace_back(params[k]->type, shapeOf(*params[k]));
    } catch (const Error& e) {
      throw Error(e.kind(), fmt::format("array '{}': {}", params[k]->name, e.message()),
                  params[k]->loc);
    }
    bool returned = params[k]->role == core::ArrayRole::Returned;
    in.origin.push_back(returned ? "output" : fmt::format("random (seed {})", args.seed));
    if (!returned) {
      in.buffers.back().fillRandom(arraySeed(args.seed, k));
    }
  }
  for (const auto& [name, path] : args.inputs) {
    size_t k = paramIndex(fn, name, "--input");
    require(params[k]->role != core::ArrayRole::Returned, ErrorKind::InvalidArgument,
            fmt::format("--input {}: '{}' is returned by kernel '{}', not an input", name, name,
                        fn.name()));
    in.buffers[k] = codegen::readNpy(path, params[k]->type, shapeOf(*params[k]), name);
    in.origin[k] = path;
  }
  return in;
}

/// `inputs` after running `fn` under `schedules` (copies: the inputs stay as they are).
std::vector<Buffer> simulate(const poly::ModuleModel& model, const core::Function& fn,
                             const std::map<std::string, isl::schedule>& schedules,
                             const std::vector<Buffer>& inputs) {
  std::vector<Buffer> buffers = inputs;
  std::vector<Buffer*> pointers;
  for (Buffer& b : buffers) {
    pointers.push_back(&b);
  }
  codegen::Simulator(model, {}, schedules).run(fn.name(), {}, pointers);
  return buffers;
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

} // namespace

int dumpCommand(const Args& args, const allo::Program& program, std::ostream& out) {
  poly::ModuleModel model = poly::extract(*program.module);
  out << (args.json ? poly::dumpJson(model) : poly::dumpText(model));
  return 0;
}

int runCommand(const Args& args, const allo::Program& program, std::ostream& out) {
  const core::Function& fn = kernelToRun(args, program);
  poly::ModuleModel model = poly::extract(*program.module);
  std::map<std::string, isl::schedule> schedules = scriptSchedules(program, model);
  for (const allo::ScriptAction& action : program.actions) {
    if (action.kind == allo::ScriptAction::PrintModule) {
      out << codegen::irText(model, program.schedules[action.schedule].function, schedules);
    }
  }
  RunInputs inputs = prepareInputs(args, fn);
  for (const auto& [name, path] : args.outputs) {
    paramIndex(fn, name, "--output"); // a wrong name fails before the simulations
  }
  std::vector<Buffer> reference = simulate(model, fn, {}, inputs.buffers);
  std::vector<Buffer> scheduled = simulate(model, fn, schedules, inputs.buffers);

  out << runHeader(program, fn);
  std::vector<DeclPtr> params = fn.params();
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
  return match ? 0 : 1;
}

int buildCommand(const Args& args, const allo::Program& program, std::ostream& out) {
  require(args.target != "vhls", ErrorKind::NotImplemented,
          "not implemented yet: --target vhls (the Vitis HLS backend)");
  poly::ModuleModel model = poly::extract(*program.module);
  std::map<std::string, isl::schedule> schedules = scriptSchedules(program, model);
  std::filesystem::path dir(args.outDir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  require(!ec, ErrorKind::InvalidArgument,
          fmt::format("cannot create directory '{}': {}", args.outDir, ec.message()));
  std::vector<std::string> written;
  if (!args.kernel.empty()) {
    kernelToRun(args, program); // the C holds every kernel, but a wrong name is still a mistake
  }
  if (args.target == "c") {
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

} // namespace polyallo::cli

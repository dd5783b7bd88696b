// The PolyBench runner: for every kernel of bench/polybench at one dataset
// size, compile time (parse -> schedule -> HLS emit), the QoR estimate of the
// kernel as written (baseline) and under its schedule (optimized), DSP and
// BRAM, the CPU simulation time of the scheduled program against the same
// kernel as naive C (its loops as written) compiled with gcc -O3, and whether
// the scheduled result equals the unscheduled one. Writes
// OUT/polybench.md (a table) and OUT/polybench.json.
//
//   scripts/bench-polybench.sh [SIZES]   (builds build-bench, runs this)
//   ./build-bench/bench_polybench [--sizes MINI,SMALL] [--out bench/results]
//                                 [--kernels atax,2mm] [--command TEXT]
#include "codegen/Estimate.h"
#include "codegen/HlsProject.h"
#include "codegen/InitArrays.h"
#include "codegen/Simulator.h"
#include "core/Json.h"
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"
#include "polyhedral/Schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

namespace {

using namespace polyallo;
using codegen::Buffer;
using Clock = std::chrono::steady_clock;

/// Allo's published U280 latencies (cycles), the targets to beat.
const std::map<std::string, double> kAlloCycles = {{"atax", 4.9e3},
                                                   {"correlation", 498.7e3},
                                                   {"jacobi-2d", 58.8e3},
                                                   {"symm", 405.7e3},
                                                   {"trmm", 492.6e3}};

struct Row {
  std::string kernel;
  double compileMs = 0;
  int64_t baseline = 0, optimized = 0; // estimated cycles
  std::string worstII;                 // the largest II of a pipelined loop and why
  int64_t dsp = 0, bram = 0;
  int64_t dspAvailable = 0, bramAvailable = 0; // the part's
  double simMs = 0, naiveMs = 0;
  std::string verdict;
  std::string error; // a kernel that failed: why
};

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// The median of `runs` timings of `f`, in milliseconds.
template <typename F> double medianMs(int runs, F&& f) {
  std::vector<double> times;
  for (int k = 0; k < runs; ++k) {
    Clock::time_point t0 = Clock::now();
    f();
    times.push_back(msSince(t0));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

allo::LoadOptions sized(const std::string& size) {
  allo::LoadOptions options;
  options.defines["SIZE"] = size;
  return options;
}

/// `fn`'s parameters as `polyallo run` prepares them: init_array's arrays,
/// seeded random values for the rest.
std::vector<Buffer> inputsOf(const poly::ModuleModel& model, const core::Function& fn) {
  std::vector<Buffer> inputs;
  uint64_t seed = 1;
  for (const auto& p : fn.params()) {
    inputs.emplace_back(p->type, codegen::arrayShape(*p));
    inputs.back().fillRandom(seed++);
  }
  return codegen::withInitArrays(model, fn, std::move(inputs));
}

/// Runs `fn` of an already compiled simulator on copies of `inputs`: the
/// median time of the runs (at least 3, until 200 ms) and the arrays left.
std::pair<double, std::vector<Buffer>>
timedRuns(const codegen::Simulator& sim, const std::string& fn, const std::vector<Buffer>& inputs) {
  std::vector<double> times;
  std::vector<Buffer> out;
  double total = 0;
  while (times.size() < 3 || (total < 200 && times.size() < 50)) {
    out = inputs;
    std::vector<Buffer*> pointers;
    for (Buffer& b : out) {
      pointers.push_back(&b);
    }
    Clock::time_point t0 = Clock::now();
    sim.run(fn, {}, pointers);
    times.push_back(msSince(t0));
    total += times.back();
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], out};
}

/// "exact", "within tolerance" (floats reordered by a schedule: relative
/// 1e-5 for float32, 1e-12 for float64), else "MISMATCH (array ...)".
std::string verdict(const core::Function& fn, const std::vector<Buffer>& expected,
                    const std::vector<Buffer>& actual) {
  std::string result = "exact";
  for (size_t k = 0; k < expected.size(); ++k) {
    Buffer a = actual[k].reshaped(expected[k].shape());
    if (expected[k] == a) {
      continue;
    }
    bool f32 = expected[k].type().kind == core::TypeKind::Float32;
    double tolerance = f32 ? 1e-5 : 1e-12;
    for (size_t i = 0; i < a.size(); ++i) {
      double x = expected[k].getDouble(i), y = a.getDouble(i);
      if (!expected[k].type().isFloat() ||
          std::fabs(x - y) > tolerance * std::max(1.0, std::fabs(x))) {
        return "MISMATCH (" + fn.params()[k]->name + ")";
      }
    }
    result = "within tolerance";
  }
  return result;
}

/// The pipelined loop with the largest II and its reason ("" when none is).
std::string worstII(const codegen::Estimate& e) {
  const codegen::LoopEstimate* worst = nullptr;
  for (const codegen::LoopEstimate& l : e.loops) {
    if (l.ii > 0 && (worst == nullptr || l.ii > worst->ii)) {
      worst = &l;
    }
  }
  return worst == nullptr ? "" : worst->iiReason;
}

Row measure(const std::string& path, const std::string& size) {
  Row row;
  row.kernel = std::filesystem::path(path).stem().string();
  allo::Source source = allo::Source::fromFile(path);
  allo::LoadOptions options = sized(size);
  // Compile time: what `polyallo build --target vhls` does, without writing files.
  row.compileMs = medianMs(3, [&] {
    allo::Program p = allo::load(source, options);
    allo::rewriteKernels(p);
    poly::ModuleModel m = poly::extract(*p.module);
    std::string top = p.defaultKernel();
    codegen::HlsProjectOptions hls;
    hls.top = top;
    codegen::hlsProject(allo::kernelSchedule(p, m, top), hls);
  });
  allo::Program written = allo::load(source, options);
  poly::ModuleModel writtenModel = poly::extract(*written.module);
  allo::Program program = allo::load(source, options);
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  std::string top = program.defaultKernel();
  poly::Schedule schedule = allo::kernelSchedule(program, model, top);

  codegen::Estimate baseline = codegen::estimate(poly::Schedule(writtenModel, top), top);
  codegen::Estimate optimized = codegen::estimate(schedule, top);
  row.baseline = baseline.top().latency;
  row.optimized = optimized.top().latency;
  row.dsp = optimized.top().dsp;
  row.bram = optimized.top().bram;
  row.dspAvailable = optimized.dspAvailable;
  row.bramAvailable = optimized.bramAvailable;
  row.worstII = worstII(optimized);

  const core::Function& writtenFn = *written.module->findFunction(top);
  std::vector<Buffer> inputs = inputsOf(writtenModel, writtenFn);
  codegen::Simulator naive(writtenModel, codegen::SimOptions{"gcc", {"-O3"}, ""});
  codegen::Simulator scheduled(model, {}, schedule.trees());
  auto [naiveMs, expected] = timedRuns(naive, top, inputs);
  auto [simMs, actual] = timedRuns(scheduled, top, inputs);
  row.naiveMs = naiveMs;
  row.simMs = simMs;
  row.verdict = verdict(writtenFn, expected, actual);
  return row;
}

std::string kilo(double cycles) {
  return cycles >= 1e6   ? fmt::format("{:.2f}M", cycles / 1e6)
         : cycles >= 1e3 ? fmt::format("{:.1f}K", cycles / 1e3)
                         : fmt::format("{:.0f}", cycles);
}

std::string jsonString(const std::string& s) { return Json::quote(s); }

/// The first line of /proc/cpuinfo's "model name", the core count and memory.
std::string machine() {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line, model = "unknown CPU";
  while (std::getline(cpu, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  std::ifstream mem("/proc/meminfo");
  std::string key;
  double kb = 0;
  mem >> key >> kb;
  return fmt::format("{}, {} cores, {:.0f} GiB", model, std::thread::hardware_concurrency(),
                     kb / 1024 / 1024);
}

std::string commit() {
  std::string out;
  if (FILE* p = popen("git -C " POLYALLO_SOURCE_DIR " rev-parse --short HEAD 2>/dev/null", "r")) {
    std::array<char, 64> buf{};
    while (std::fgets(buf.data(), buf.size(), p) != nullptr) {
      out += buf.data();
    }
    pclose(p);
  }
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) {
    out.pop_back();
  }
  return out.empty() ? "unknown" : out;
}

/// "2000 (22%)": a count and its share of what the part has.
std::string share(int64_t used, int64_t available) {
  return fmt::format("{} ({:.0f}%)", used,
                     100.0 * static_cast<double>(used) / static_cast<double>(available));
}

std::string mdTable(const std::vector<Row>& rows) {
  std::ostringstream md;
  md << "| kernel | compile ms | baseline cycles | optimized cycles | speedup | largest II | "
        "DSP | BRAM18K | CPU sim ms | gcc -O3 ms | verdict |\n";
  md << "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |\n";
  for (const Row& r : rows) {
    if (!r.error.empty()) {
      md << fmt::format("| {} | | | | | | | | | | FAILED: {} |\n", r.kernel, r.error);
      continue;
    }
    md << fmt::format("| {} | {:.0f} | {} | {} | {:.1f}x | {} | {} | {} | {:.2f} | {:.2f} | {} |\n",
                      r.kernel, r.compileMs, kilo(static_cast<double>(r.baseline)),
                      kilo(static_cast<double>(r.optimized)),
                      static_cast<double>(r.baseline) / static_cast<double>(r.optimized),
                      r.worstII.empty() ? "-" : r.worstII, share(r.dsp, r.dspAvailable),
                      share(r.bram, r.bramAvailable), r.simMs, r.naiveMs, r.verdict);
  }
  return md.str();
}

std::string jsonRows(const std::vector<Row>& rows) {
  std::ostringstream js;
  js << "[";
  for (size_t k = 0; k < rows.size(); ++k) {
    const Row& r = rows[k];
    js << (k ? ",\n    " : "\n    ") << "{\"kernel\": " << jsonString(r.kernel);
    if (!r.error.empty()) {
      js << ", \"error\": " << jsonString(r.error) << "}";
      continue;
    }
    js << fmt::format(", \"compile_ms\": {:.1f}, \"baseline_cycles\": {}, \"optimized_cycles\": "
                      "{}, \"largest_ii\": {}, \"dsp\": {}, \"bram18k\": {}, \"cpu_sim_ms\": "
                      "{:.3f}, \"gcc_O3_ms\": {:.3f}, \"verdict\": {}",
                      r.compileMs, r.baseline, r.optimized, jsonString(r.worstII), r.dsp, r.bram,
                      r.simMs, r.naiveMs, jsonString(r.verdict));
    if (auto a = kAlloCycles.find(r.kernel); a != kAlloCycles.end()) {
      js << fmt::format(", \"allo_cycles\": {:.0f}", a->second);
    }
    js << "}";
  }
  return js.str() + "]";
}

/// polybench.md: one table per size and Allo's targets beside ours at every
/// size; polybench.json: the same numbers.
void writeResults(const std::vector<std::pair<std::string, std::vector<Row>>>& bySize,
                  const std::string& dir, const std::string& command, double seconds) {
  std::ostringstream md;
  md << "# PolyBench/C 4.2.1 on polyallo\n\n"
     << fmt::format("command: `{}`  \ncommit: {}  \nmachine: {}  \nthe whole run: {:.0f} s\n\n",
                    command, commit(), machine(), seconds);
  md << "Compile time: parse -> schedule -> HLS C++ in memory (median of 3). Cycles: "
        "`polyallo estimate` (docs/hls.md; U280 at 300 MHz) of the kernel as written "
        "(baseline: no pragmas) and under its schedule (optimized), whose DSP and BRAM18K "
        "are shown with their share of the part's. CPU: the scheduled program in the simulator (cc "
        "-O2) against the "
        "kernel's loops as written compiled with gcc -O3 (median of at least 3 runs on "
        "init_array's inputs). Verdict: the scheduled result against the unscheduled one.\n";
  md << "\n## Allo's published U280 latencies beside ours\n\n"
     << "Issue 8 quotes Allo's published U280 results without a dataset size; ours are shown at "
        "every size run.\n\n"
     << "| kernel | Allo (paper) |";
  for (const auto& [size, rows] : bySize) {
    md << " polyallo at " << size << " |";
  }
  md << "\n| --- | ---: |";
  for (size_t k = 0; k < bySize.size(); ++k) {
    md << " ---: |";
  }
  md << "\n";
  for (const auto& [kernel, cycles] : kAlloCycles) {
    md << fmt::format("| {} | {} |", kernel, kilo(cycles));
    for (const auto& [size, rows] : bySize) {
      auto r = std::find_if(rows.begin(), rows.end(),
                            [&](const Row& x) { return x.kernel == kernel && x.error.empty(); });
      md << " " << (r == rows.end() ? "-" : kilo(static_cast<double>(r->optimized))) << " |";
    }
    md << "\n";
  }
  std::ostringstream js;
  js << "{\"command\": " << jsonString(command) << ", \"commit\": " << jsonString(commit())
     << ", \"machine\": " << jsonString(machine()) << ", \"sizes\": {";
  for (size_t k = 0; k < bySize.size(); ++k) {
    md << "\n## " << bySize[k].first << "\n\n" << mdTable(bySize[k].second);
    js << (k ? ",\n  " : "\n  ") << jsonString(bySize[k].first) << ": "
       << jsonRows(bySize[k].second);
  }
  js << "\n}}\n";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/polybench.md") << md.str();
  std::ofstream(dir + "/polybench.json") << js.str();
  std::cout << md.str();
}

} // namespace

int main(int argc, char** argv) {
  std::string sizes = "MINI,SMALL", out = POLYALLO_SOURCE_DIR "/bench/results", only;
  std::string command = "bench_polybench";
  for (int k = 1; k + 1 < argc; k += 2) {
    std::string a = argv[k], v = argv[k + 1];
    if (a == "--sizes") {
      sizes = v;
    } else if (a == "--out") {
      out = v;
    } else if (a == "--kernels") {
      only = "," + v + ",";
    } else if (a == "--command") {
      command = v;
    } else {
      std::cerr << "usage: bench_polybench [--sizes MINI,SMALL] [--out DIR] [--kernels a,b] "
                   "[--command TEXT]\n";
      return 2;
    }
  }
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(POLYALLO_SOURCE_DIR "/bench/polybench")) {
    std::string stem = e.path().stem().string();
    if (e.path().extension() == ".py" &&
        (only.empty() || only.find("," + stem + ",") != std::string::npos)) {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::pair<std::string, std::vector<Row>>> bySize;
  int failed = 0;
  Clock::time_point start = Clock::now();
  std::istringstream list(sizes);
  for (std::string size; std::getline(list, size, ',');) {
    bySize.emplace_back(size, std::vector<Row>{});
    for (const std::string& f : files) {
      std::cerr << "measuring " << f << " at " << size << "\n";
      try {
        bySize.back().second.push_back(measure(f, size));
      } catch (const std::exception& e) {
        Row r;
        r.kernel = std::filesystem::path(f).stem().string();
        r.error = e.what();
        bySize.back().second.push_back(r);
        ++failed;
      }
    }
  }
  writeResults(bySize, out, command, msSince(start) / 1000);
  return failed == 0 ? 0 : 1;
}

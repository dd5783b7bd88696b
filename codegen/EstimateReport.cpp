// The printers of codegen/Estimate.h: a text table and JSON.
#include "codegen/Estimate.h"

#include "core/Json.h"

#include <fmt/format.h>

#include <tuple>

namespace polyallo::codegen {

namespace {

/// "12", or "12 (x4 entries: 48 in all)" when the loop starts more than once.
std::string trips(const LoopEstimate& l) {
  if (l.entries <= 1) {
    return fmt::format("{}", l.iterations);
  }
  if (l.iterations % l.entries == 0) {
    return fmt::format("{} x {}", l.iterations / l.entries, l.entries);
  }
  return fmt::format("{} in {} entries", l.iterations, l.entries);
}

} // namespace

std::string estimateText(const Estimate& e) {
  std::string out = fmt::format("QoR estimate of {} on {}\n\n", e.kernel, e.target);
  out += fmt::format("{:<48} {:>16} {:>8} {:>12}  {}\n", "loop", "trip count", "iter lat",
                     "latency", "II and why");
  std::string function;
  for (const LoopEstimate& l : e.loops) {
    if (l.function != function) {
      function = l.function;
      out += fmt::format("{}:\n", function);
    }
    std::string name = std::string(static_cast<size_t>(2 * l.depth + 2), ' ') + l.label;
    std::string why = l.mode == "in a pipeline" ? "unrolled in the pipeline"
                      : l.ii > 0                ? l.iiReason
                                                : l.mode;
    std::string latency = l.mode == "in a pipeline" ? "-" : fmt::format("{}", l.latency);
    std::string iterLat = l.mode == "in a pipeline" ? "-" : fmt::format("{}", l.iterationLatency);
    out += fmt::format("{:<48} {:>16} {:>8} {:>12}  {}\n", name, trips(l), iterLat, latency, why);
  }
  if (e.loops.empty()) {
    out += "  (no loops)\n";
  }
  out += fmt::format("\n{:<28} {:>14} {:>8} {:>8}\n", "function", "latency", "DSP", "BRAM18K");
  for (const FunctionEstimate& f : e.functions) {
    out += fmt::format("{:<28} {:>14} {:>8} {:>8}{}\n", f.name, f.latency, f.dsp, f.bram,
                       f.notes.empty() ? "" : "  " + f.notes);
  }
  const FunctionEstimate& top = e.top();
  for (auto [used, available, what] : {std::tuple{top.dsp, e.dspAvailable, "DSP slices"},
                                       std::tuple{top.bram, e.bramAvailable, "BRAM18K blocks"}}) {
    if (used > available) {
      out += fmt::format("{} does not fit: it needs {} {}, the part has {} ({:.0f}%)\n", e.kernel,
                         used, what, available,
                         100.0 * static_cast<double>(used) / static_cast<double>(available));
    }
  }
  return out;
}

std::string estimateJson(const Estimate& e) {
  auto jsonString = [](const std::string& s) { return Json::quote(s); };
  std::string out =
      fmt::format("{{\n  \"kernel\": {},\n  \"target\": {},\n  \"part_dsp\": {},\n  "
                  "\"part_bram18k\": {},\n  \"functions\": [",
                  jsonString(e.kernel), jsonString(e.target), e.dspAvailable, e.bramAvailable);
  for (size_t k = 0; k < e.functions.size(); ++k) {
    const FunctionEstimate& f = e.functions[k];
    out += fmt::format("{}\n    {{\"name\": {}, \"latency\": {}, \"dsp\": {}, \"bram18k\": {}, "
                       "\"notes\": {}}}",
                       k == 0 ? "" : ",", jsonString(f.name), f.latency, f.dsp, f.bram,
                       jsonString(f.notes));
  }
  out += "\n  ],\n  \"loops\": [";
  for (size_t k = 0; k < e.loops.size(); ++k) {
    const LoopEstimate& l = e.loops[k];
    out += fmt::format("{}\n    {{\"function\": {}, \"label\": {}, \"depth\": {}, \"mode\": {}, "
                       "\"entries\": {}, \"iterations\": {}, \"iteration_latency\": {}, "
                       "\"ii\": {}, \"asked_ii\": {}, \"ii_reason\": {}, \"latency\": {}, "
                       "\"total_cycles\": {}}}",
                       k == 0 ? "" : ",", jsonString(l.function), jsonString(l.label), l.depth,
                       jsonString(l.mode), l.entries, l.iterations, l.iterationLatency, l.ii,
                       l.askedII, jsonString(l.iiReason), l.latency, l.totalCycles);
  }
  out += "\n  ]\n}\n";
  return out;
}

} // namespace polyallo::codegen

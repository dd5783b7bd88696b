// estimate(): every function the kernel reaches, callees first (a call costs its callee's
// latency), each body by codegen/FunctionEstimator.h; a dataflow region of PEs takes its
// slowest PE; DSP from the operators each body needs at once, BRAM from the arrays it
// declares (codegen/ArrayStorage.h).
#include "codegen/Estimate.h"

#include "codegen/BuildAst.h"
#include "codegen/FunctionEstimator.h"
#include "layout/Infer.h"
#include "polyhedral/Unfold.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace polyallo::codegen {

namespace {

int64_t dspOf(const OpCounts& ops, const Target& target) {
  int64_t dsp = 0;
  for (const auto& [kind, count] : ops) {
    dsp += count * target.op(kind).dsp;
  }
  return dsp;
}

} // namespace

Estimate estimate(const poly::Schedule& schedule, const std::string& function,
                  const Target& target) {
  const poly::ModuleModel& model = schedule.model();
  require(model.module().params().empty(), ErrorKind::NotImplemented,
          fmt::format("not implemented yet: a QoR estimate for a module with symbolic sizes ({}); "
                      "give them constant values",
                      fmt::join(model.module().params(), ", ")));
  model.function(function); // Error(UnknownName) listing the functions
  layout::Layouts layouts = layout::infer(schedule);
  Estimate out;
  out.kernel = function;
  out.target = fmt::format("{}, {} at {} MHz", target.name, target.part, target.clockMHz);
  out.dspAvailable = target.dspAvailable;
  out.bramAvailable = target.bramAvailable;
  std::map<std::string, FunctionEstimate> done;
  std::map<std::string, int64_t> internalBram; // locals of a function and of its callees
  std::map<std::string, int64_t> internalDsp;
  std::map<std::string, std::vector<LoopEstimate>> loopsOf;
  const std::map<std::string, layout::LayoutType> none;
  for (const poly::FunctionModel* extracted : model.calleesFirst()) {
    const std::string& name = extracted->fn->name();
    const poly::FunctionModel& fm = schedule.functionModel(name);
    const isl::schedule& tree = schedule.tree(name);
    auto own = layouts.arrays.find(name);
    const auto& fnLayouts = own != layouts.arrays.end() ? own->second : none;
    FunctionEstimate fe;
    fe.name = name;
    std::set<std::string> calleeNames;
    for (const poly::Statement& st : fm.statements) {
      if (st.stmt->kind == core::StmtKind::Call) {
        calleeNames.insert(st.stmt->callee);
      }
    }
    int64_t dsp = 0, locals = 0, params = 0, cycles = 0;
    for (const std::string& c : calleeNames) {
      dsp += internalDsp.at(c); // one instance per callee, shared by its calls
      locals += internalBram.at(c);
    }
    auto estimateBody = [&](const isl::schedule& body, const std::string& hlsName, bool dataflow,
                            std::string& notes) {
      LoopNode ast;
      model.isl().withBudget(fmt::format("estimating function '{}'", hlsName),
                             [&] { ast = buildLoopAst(fm, body); });
      FunctionEstimator fe2(fm, body, fnLayouts, target, done, hlsName, loopsOf[name]);
      int64_t c = 0;
      model.isl().withBudget(fmt::format("estimating function '{}'", hlsName),
                             [&] { c = fe2.run(ast, dataflow, notes); });
      dsp += dspOf(fe2.operators(), target);
      return std::pair<int64_t, FunctionEstimator>(c, std::move(fe2));
    };
    std::string notes;
    if (poly::hasUnfoldedBand(tree)) {
      std::vector<poly::PeInstance> pes;
      model.isl().withBudget(fmt::format("finding the processing elements of '{}'", name),
                             [&] { pes = poly::peInstances(fm, tree); });
      for (const poly::PeInstance& pe : pes) {
        std::string peNotes;
        auto [c, est] = estimateBody(pe.tree, name + "_" + pe.name, false, peNotes);
        cycles = std::max(cycles, c + target.callOverhead);
        for (const auto& a : pe.privates) {
          locals += est.bramBlocks(*a);
        }
      }
      notes = fmt::format("dataflow region: the slowest of {} processing elements", pes.size());
      FunctionEstimator arrays(fm, tree, fnLayouts, target, done, name, loopsOf[name]);
      for (const auto& a : fm.fn->params()) {
        params += arrays.bramBlocks(*a);
      }
    } else {
      auto [c, est] = estimateBody(tree, name, schedule.isDataflow(name), notes);
      cycles = c;
      for (const auto& a : fm.arrays()) {
        (a->role == core::ArrayRole::Local ? locals : params) += est.bramBlocks(*a);
      }
    }
    fe.latency = cycles + target.callOverhead;
    fe.dsp = dsp;
    fe.bram = params + locals;
    fe.notes = notes;
    internalBram[name] = locals;
    internalDsp[name] = dsp;
    done[name] = fe;
    if (name == function) {
      break;
    }
  }
  // Only the kernel and what it calls.
  std::set<std::string> reachable = {function};
  for (bool grew = true; grew;) {
    grew = false;
    for (const poly::FunctionModel* fm : model.calleesFirst()) {
      if (reachable.count(fm->fn->name()) == 0) {
        continue;
      }
      for (const poly::Statement& st : schedule.functionModel(fm->fn->name()).statements) {
        if (st.stmt->kind == core::StmtKind::Call && reachable.insert(st.stmt->callee).second) {
          grew = true;
        }
      }
    }
  }
  for (const poly::FunctionModel* fm : model.calleesFirst()) {
    const std::string& name = fm->fn->name();
    if (reachable.count(name) == 0 || done.count(name) == 0) {
      continue;
    }
    out.functions.push_back(done.at(name));
    for (const LoopEstimate& l : loopsOf[name]) {
      out.loops.push_back(l);
    }
  }
  return out;
}

} // namespace polyallo::codegen

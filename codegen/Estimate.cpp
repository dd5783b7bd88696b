#include "codegen/Estimate.h"

#include "codegen/BuildAst.h"
#include "codegen/CarriedFlows.h"
#include "codegen/LoopCounts.h"
#include "codegen/StatementTiming.h"
#include "layout/BankConflicts.h"
#include "layout/Infer.h"
#include "polyhedral/IslShim.h"
#include "polyhedral/Unfold.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace polyallo::codegen {

namespace {

using layout::PartitionKind;
using OpCounts = std::map<OpKind, int64_t>;

int64_t ceilDiv(int64_t a, int64_t b) { return b <= 0 ? a : (a + b - 1) / b; }

void takeMax(OpCounts& into, const OpCounts& from) {
  for (const auto& [k, n] : from) {
    into[k] = std::max(into[k], n);
  }
}

std::vector<int64_t> extents(const core::ArrayDecl& a) {
  std::vector<int64_t> out;
  for (const core::Expr& e : a.shape) {
    int64_t n = 0;
    require(core::constantValue(e, n), ErrorKind::NotImplemented,
            fmt::format("not implemented yet: a QoR estimate for array '{}' of non-constant shape",
                        a.name));
    out.push_back(n);
  }
  return out;
}

/// Where a statement of one pipelined iteration writes and reads, from its start.
struct StatementWindow {
  int64_t writeEnd = 0;
  std::map<std::string, int64_t> latestRead;
  std::map<std::string, std::string> readPath;
};

/// One iteration of a pipelined loop (its inner loops unrolled).
struct Iteration {
  int64_t latency = 0;
  OpCounts ops;                              // operators of one iteration
  std::map<int, StatementWindow> statements; // by statement index
};

class FunctionEstimator {
public:
  FunctionEstimator(const poly::FunctionModel& fm, const isl::schedule& tree,
                    const std::map<std::string, layout::LayoutType>& layouts, const Target& target,
                    const std::map<std::string, FunctionEstimate>& callees, std::string hlsName,
                    std::vector<LoopEstimate>& rows)
      : fm_(fm), tree_(tree), layouts_(layouts), target_(target), callees_(callees),
        name_(std::move(hlsName)), rows_(rows) {}

  /// Cycles of the whole body (summed over its one execution) and its operators.
  int64_t run(const LoopNode& ast, bool dataflow, std::string& notes) {
    counts_ = countExecutions(ast);
    sites_ = poly::bandSites(tree_);
    const std::vector<LoopNode>* body = &ast.children;
    while (body->size() == 1 && (*body)[0].kind == LoopNode::Kind::Mark &&
           poly::bandNames(*(*body)[0].markId) == nullptr) {
      body = &(*body)[0].children; // function-level marks (dataflow, inline)
    }
    if (!dataflow) {
      return sequence(*body, 0);
    }
    int64_t slowest = 0;
    for (size_t k = 0; k < body->size(); ++k) {
      slowest = std::max(slowest, sequence(*body, 0, k, k + 1));
    }
    notes = fmt::format("dataflow: the slowest of {} stages", body->size());
    return slowest;
  }

  OpCounts operators() const { return ops_; }

  Storage storage(const core::ArrayDecl& a) const {
    if (a.isStream()) {
      return Storage::Fifo;
    }
    std::vector<int64_t> ext = extents(a);
    int64_t elements = 1;
    for (int64_t e : ext) {
      elements *= e;
    }
    if (elements <= 1) {
      return Storage::Register;
    }
    auto l = layouts_.find(a.name);
    if (l == layouts_.end()) {
      return Storage::Bram;
    }
    for (size_t d = 0; d < ext.size(); ++d) {
      if (ext[d] > 1 && l->second.dims[d].kind != PartitionKind::Complete) {
        return Storage::Bram;
      }
    }
    return Storage::Register;
  }

  /// BRAM18K blocks of `a`: per bank ceil(bits / block bits).
  int64_t bramBlocks(const core::ArrayDecl& a) const {
    if (storage(a) != Storage::Bram) {
      return 0;
    }
    std::vector<int64_t> ext = extents(a);
    int64_t elements = 1, banks = 1;
    auto l = layouts_.find(a.name);
    for (size_t d = 0; d < ext.size(); ++d) {
      elements *= ext[d];
      if (l != layouts_.end()) {
        const layout::DimPartition& p = l->second.dims[d];
        banks *= p.kind == PartitionKind::Complete ? ext[d]
                 : p.kind == PartitionKind::None   ? 1
                                                   : p.factor;
      }
    }
    int64_t bits = ceilDiv(elements, banks) * a.type.width;
    return ceilDiv(bits, target_.bramBlockBits) * banks;
  }

private:
  /// A node under a branch that never runs has no count: zero.
  const NodeCount& count(const LoopNode& n) const {
    static const NodeCount kNever;
    auto c = counts_.find(&n);
    return c == counts_.end() ? kNever : c->second;
  }
  int64_t entries(const LoopNode& n) const { return count(n).entries; }

  bool isCall(const LoopNode& n) const {
    return n.kind == LoopNode::Kind::User &&
           fm_.statements.at(static_cast<size_t>(n.statement)).stmt->kind == core::StmtKind::Call;
  }

  const FunctionEstimate& callee(const LoopNode& n) const {
    return callees_.at(fm_.statements.at(static_cast<size_t>(n.statement)).stmt->callee);
  }

  SegmentSchedule newSegment() const {
    return SegmentSchedule(target_, [this](const core::ArrayDecl& a) { return storage(a); });
  }

  /// Cycles of `list` summed over all its executions; loops get their rows.
  /// (Nodes from..to of it: the AST's own nodes, whose addresses key the counts.)
  int64_t sequence(const std::vector<LoopNode>& list, int depth, size_t from = 0,
                   size_t to = SIZE_MAX) {
    int64_t total = 0;
    to = std::min(to, list.size());
    for (size_t k = from; k < to;) {
      const LoopNode& n = list[k];
      if (n.kind == LoopNode::Kind::User && !isCall(n)) {
        SegmentSchedule seg = newSegment();
        int64_t runs = entries(n);
        for (; k < to && list[k].kind == LoopNode::Kind::User && !isCall(list[k]); ++k) {
          seg.add(fm_.statements.at(static_cast<size_t>(list[k].statement)));
        }
        total += seg.length() * runs;
        takeMax(ops_, seg.peakOperators());
        continue;
      }
      ++k;
      switch (n.kind) {
      case LoopNode::Kind::User: // a call: the callee's latency each time
        total += callee(n).latency * entries(n);
        break;
      case LoopNode::Kind::Block:
      case LoopNode::Kind::Mark:
        total += sequence(n.children, depth);
        break;
      case LoopNode::Kind::If: // each branch costs what it runs
        total += sequence(n.children, depth) + sequence(n.orelse, depth);
        break;
      case LoopNode::Kind::For:
        total += loop(n, depth);
        break;
      }
    }
    return total;
  }

  LoopEstimate row(const LoopNode& n, int depth) const {
    LoopEstimate r;
    r.function = name_;
    r.label = n.band.empty() ? fmt::format("l_{}", n.iterator)
                             : fmt::format("l_{}_{}", n.band, n.iterator);
    r.depth = depth;
    const NodeCount& c = count(n);
    r.entries = c.entries;
    r.iterations = c.iterations;
    return r;
  }

  int64_t loop(const LoopNode& n, int depth) {
    if (n.attrs.pipelineII > 0) {
      return pipelined(n, depth);
    }
    size_t at = rows_.size();
    rows_.push_back(row(n, depth));
    const NodeCount& c = count(n);
    int64_t body = sequence(n.children, depth + 1);
    int64_t overhead = target_.loopOverhead * c.entries;
    LoopEstimate& r = rows_[at];
    r.mode = "sequential";
    r.iterationLatency = c.iterations > 0 ? body / c.iterations : 0;
    r.totalCycles = body + overhead;
    if (n.attrs.unroll >= 0 && c.iterations > 0) {
      int64_t factor = n.attrs.unroll == 0 ? c.maxTrip : n.attrs.unroll;
      r.mode = n.attrs.unroll == 0 ? "unrolled" : fmt::format("unrolled {}", factor);
      int64_t rounds = unrolledRounds(c, n.attrs.unroll);
      if (straightLine(n.children) && carried(n).empty()) {
        // the copies run side by side; the banks serve them in turn
        r.iterationLatency += portStall(n.children, factor);
        r.totalCycles = rounds * r.iterationLatency + overhead;
      } else {
        r.iterationLatency *= factor;
      }
    }
    r.latency = r.entries > 0 ? r.totalCycles / r.entries : 0;
    return r.totalCycles;
  }

  static int64_t unrolledRounds(const NodeCount& c, int unroll) {
    auto r = c.unrolledIterations.find(unroll);
    return r == c.unrolledIterations.end() ? 0 : r->second;
  }

  /// Extra cycles when `factor` copies of a straight-line body share the banks.
  int64_t portStall(const std::vector<LoopNode>& body, int64_t factor) const {
    SegmentSchedule seg = newSegment();
    for (const LoopNode& s : body) {
      seg.add(fm_.statements.at(static_cast<size_t>(s.statement)));
    }
    int64_t stall = 0;
    std::map<std::string, int64_t> accesses;
    for (const StatementTime& t : seg.statements()) {
      for (const auto& [array, n] : t.accesses) {
        accesses[array] += n;
      }
    }
    for (const auto& [array, n] : accesses) {
      int64_t banks = 1;
      auto l = layouts_.find(array);
      std::vector<int64_t> ext = extents(*fm_.findArray(array));
      for (size_t d = 0; l != layouts_.end() && d < ext.size(); ++d) {
        const layout::DimPartition& p = l->second.dims[d];
        banks *= p.kind == PartitionKind::Complete ? ext[d]
                 : p.kind == PartitionKind::None   ? 1
                                                   : p.factor;
      }
      stall = std::max(stall, ceilDiv(ceilDiv(n * factor, banks), target_.bramPorts) - 1);
    }
    return stall;
  }

  static bool straightLine(const std::vector<LoopNode>& list) {
    return std::all_of(list.begin(), list.end(),
                       [](const LoopNode& n) { return n.kind == LoopNode::Kind::User; }) &&
           !list.empty();
  }

  const poly::BandSite* site(const LoopNode& n) const {
    for (const poly::BandSite& s : sites_) {
      if (s.names.band == n.band && n.bandMember >= 0 &&
          static_cast<size_t>(n.bandMember) < s.names.loops.size()) {
        return &s;
      }
    }
    return nullptr;
  }

  std::vector<CarriedFlow> carried(const LoopNode& n, int unroll = -1) const {
    const poly::BandSite* s = site(n);
    if (s == nullptr) {
      return {};
    }
    return carriedFlows(fm_, tree_, *s, static_cast<size_t>(n.bandMember), unroll);
  }

  int64_t pipelined(const LoopNode& n, int depth) {
    LoopEstimate r = row(n, depth);
    const NodeCount& c = count(n);
    r.mode = "pipelined";
    r.askedII = n.attrs.pipelineII;
    int64_t copies = n.attrs.unroll > 0 ? n.attrs.unroll : 1;
    Iteration it = iteration(n.children);
    std::vector<CarriedFlow> flows = carried(n, n.attrs.unroll);
    if (copies > 1) {
      bool chained = !carried(n).empty() && flows.size() < carried(n).size();
      it.latency *= chained ? copies : 1;
      for (auto& [k, count] : it.ops) {
        count *= copies;
      }
      r.mode = fmt::format("pipelined, unrolled {}", copies);
    }
    r.iterationLatency = it.latency;
    r.ii = r.askedII;
    r.iiReason = r.askedII > 1 ? fmt::format("II {}: asked for", r.askedII) : "II 1";
    for (const CarriedFlow& f : flows) {
      auto src = it.statements.find(f.source);
      auto dst = it.statements.find(f.sink);
      if (src == it.statements.end() || dst == it.statements.end() ||
          dst->second.latestRead.count(f.array) == 0) {
        continue;
      }
      int64_t cycles = src->second.writeEnd - dst->second.latestRead.at(f.array);
      int64_t ii = ceilDiv(cycles, f.distance);
      if (ii > r.ii) {
        r.ii = ii;
        r.iiReason = fmt::format(
            "II {}: recurrence on {} ({} -> {}: {} cycles from reading {} to writing it ({}), "
            "distance {})",
            ii, f.array, fm_.statements[static_cast<size_t>(f.source)].name,
            fm_.statements[static_cast<size_t>(f.sink)].name, cycles, f.array,
            dst->second.readPath.at(f.array), f.distance);
      }
    }
    for (const layout::PipelinedLoop& p : bankUse()) {
      if (p.band != n.band || site(n) == nullptr ||
          p.loop != site(n)->names.loops[static_cast<size_t>(n.bandMember)]) {
        continue;
      }
      for (const layout::ArrayBankUse& a : p.arrays) {
        if (a.minII > r.ii) {
          r.ii = a.minII;
          std::string bank =
              a.witness ? fmt::format(" bank [{}]", fmt::join(a.witness->bank, ", ")) : "";
          r.iiReason = fmt::format("II {}: ports of {}{} ({} accesses in one iteration, {} ports)",
                                   a.minII, a.array, bank, a.accesses, a.ports);
        }
      }
    }
    int64_t rounds = copies > 1 ? unrolledRounds(c, n.attrs.unroll) : c.iterations;
    // Summed over entries: sum_e (iterLat + II * (trip_e - 1) + overhead).
    r.totalCycles = rounds == 0
                        ? target_.loopOverhead * c.entries
                        : c.entries * (it.latency - r.ii + target_.loopOverhead) + r.ii * rounds;
    r.latency = c.entries > 0 ? r.totalCycles / c.entries : 0;
    for (auto& [k, count] : it.ops) {
      count = ceilDiv(count, r.ii);
    }
    takeMax(ops_, it.ops);
    rows_.push_back(r);
    addInnerRows(n.children, depth + 1);
    return r.totalCycles;
  }

  /// Rows for the loops HLS unrolls inside a pipelined one.
  void addInnerRows(const std::vector<LoopNode>& list, int depth) {
    for (const LoopNode& n : list) {
      if (n.kind == LoopNode::Kind::For) {
        LoopEstimate r = row(n, depth);
        r.mode = "in a pipeline";
        rows_.push_back(r);
        addInnerRows(n.children, depth + 1);
      } else {
        addInnerRows(n.children, depth);
        addInnerRows(n.orelse, depth);
      }
    }
  }

  /// One iteration of a pipelined loop: segments and unrolled loops in turn.
  Iteration iteration(const std::vector<LoopNode>& list) {
    Iteration out;
    for (size_t k = 0; k < list.size();) {
      const LoopNode& n = list[k];
      int64_t start = out.latency;
      if (n.kind == LoopNode::Kind::User && !isCall(n)) {
        SegmentSchedule seg = newSegment();
        for (; k < list.size() && list[k].kind == LoopNode::Kind::User && !isCall(list[k]); ++k) {
          const StatementTime& t =
              seg.add(fm_.statements.at(static_cast<size_t>(list[k].statement)));
          StatementWindow w{start + t.end, {}, t.readPath};
          for (const auto& [array, at] : t.latestRead) {
            w.latestRead[array] = start + at;
          }
          merge(out.statements, list[k].statement, w);
          for (OpKind op : t.ops) {
            ++out.ops[op];
          }
        }
        out.latency += seg.length();
        continue;
      }
      ++k;
      Iteration inner;
      int64_t copies = 1;
      bool chained = false;
      if (n.kind == LoopNode::Kind::User) { // a call
        inner.latency = callee(n).latency;
      } else if (n.kind == LoopNode::Kind::If) { // both branches are built
        inner = iteration(n.children);
        Iteration other = iteration(n.orelse);
        inner.latency = std::max(inner.latency, other.latency);
        for (const auto& [op, count] : other.ops) {
          inner.ops[op] += count;
        }
        for (const auto& [s, w] : other.statements) {
          merge(inner.statements, s, w);
        }
      } else if (n.kind == LoopNode::Kind::For) { // unrolled: copies side by side or chained
        inner = iteration(n.children);
        copies = std::max<int64_t>(count(n).maxTrip, 1);
        chained = !carried(n).empty();
      } else {
        inner = iteration(n.children);
      }
      int64_t chain = chained ? (copies - 1) * inner.latency : 0;
      for (auto [s, w] : inner.statements) {
        w.writeEnd += start + chain;
        for (auto& [array, at] : w.latestRead) {
          at += start;
        }
        merge(out.statements, s, w);
      }
      for (const auto& [op, count] : inner.ops) {
        out.ops[op] += count * copies;
      }
      out.latency += inner.latency + chain;
    }
    return out;
  }

  static void merge(std::map<int, StatementWindow>& into, int s, const StatementWindow& w) {
    auto [it, fresh] = into.emplace(s, w);
    if (fresh) {
      return;
    }
    it->second.writeEnd = std::max(it->second.writeEnd, w.writeEnd);
    for (const auto& [array, at] : w.latestRead) {
      auto known = it->second.latestRead.find(array);
      if (known == it->second.latestRead.end() || at < known->second) {
        it->second.latestRead[array] = at;
        it->second.readPath[array] = w.readPath.at(array);
      }
    }
  }

  const std::vector<layout::PipelinedLoop>& bankUse() {
    if (!bankUse_) {
      bankUse_ = layout::bankConflicts(fm_, tree_, layouts_, static_cast<int>(target_.bramPorts));
    }
    return *bankUse_;
  }

  const poly::FunctionModel& fm_;
  const isl::schedule& tree_;
  const std::map<std::string, layout::LayoutType>& layouts_;
  const Target& target_;
  const std::map<std::string, FunctionEstimate>& callees_;
  std::string name_;
  std::vector<LoopEstimate>& rows_;
  std::map<const LoopNode*, NodeCount> counts_;
  std::vector<poly::BandSite> sites_;
  std::optional<std::vector<layout::PipelinedLoop>> bankUse_;
  OpCounts ops_;
};

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

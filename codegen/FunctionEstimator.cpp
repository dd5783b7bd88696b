#include "codegen/FunctionEstimator.h"

#include "polyhedral/IslShim.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::codegen {

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return b <= 0 ? a : (a + b - 1) / b; }

void takeMax(OpCounts& into, const OpCounts& from) {
  for (const auto& [k, n] : from) {
    into[k] = std::max(into[k], n);
  }
}

bool straightLine(const std::vector<LoopNode>& list) {
  return std::all_of(list.begin(), list.end(),
                     [](const LoopNode& n) { return n.kind == LoopNode::Kind::User; }) &&
         !list.empty();
}

int64_t unrolledRounds(const NodeCount& c, int unroll) {
  auto r = c.unrolledIterations.find(unroll);
  return r == c.unrolledIterations.end() ? 0 : r->second;
}

} // namespace

int64_t FunctionEstimator::run(const LoopNode& ast, bool dataflow, std::string& notes) {
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

/// A node under a branch that never runs has no count: zero.
const NodeCount& FunctionEstimator::count(const LoopNode& n) const {
  static const NodeCount kNever;
  auto c = counts_.find(&n);
  return c == counts_.end() ? kNever : c->second;
}

bool FunctionEstimator::isCall(const LoopNode& n) const {
  return n.kind == LoopNode::Kind::User &&
         fm_.statements.at(static_cast<size_t>(n.statement)).stmt->kind == core::StmtKind::Call;
}

const FunctionEstimate& FunctionEstimator::callee(const LoopNode& n) const {
  return callees_.at(fm_.statements.at(static_cast<size_t>(n.statement)).stmt->callee);
}

SegmentSchedule FunctionEstimator::newSegment() const {
  return SegmentSchedule(target_,
                         [this](const core::ArrayDecl& a) { return storageOf(a, layouts_); });
}

BodyContext FunctionEstimator::bodyContext() const {
  return BodyContext{fm_, target_,
                     [this](const core::ArrayDecl& a) { return storageOf(a, layouts_); },
                     [this](const LoopNode& n) { return count(n).maxTrip; },
                     [this](const LoopNode& n) { return callee(n).latency; }};
}

/// Cycles of `list` summed over all its executions; loops get their rows.
/// (Nodes from..to of it: the AST's own nodes, whose addresses key the counts.)
int64_t FunctionEstimator::sequence(const std::vector<LoopNode>& list, int depth, size_t from,
                                    size_t to) {
  int64_t total = 0;
  to = std::min(to, list.size());
  for (size_t k = from; k < to;) {
    const LoopNode& n = list[k];
    if (n.kind == LoopNode::Kind::User && !isCall(n)) {
      SegmentSchedule seg = newSegment();
      int64_t runs = entries(n);
      for (; k < to && list[k].kind == LoopNode::Kind::User && !isCall(list[k]); ++k) {
        const poly::Statement& st = fm_.statements.at(static_cast<size_t>(list[k].statement));
        seg.add(st, instanceValues(st, list[k].args, {}));
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

LoopEstimate FunctionEstimator::row(const LoopNode& n, int depth) const {
  LoopEstimate r;
  r.function = name_;
  r.label =
      n.band.empty() ? fmt::format("l_{}", n.iterator) : fmt::format("l_{}_{}", n.band, n.iterator);
  r.depth = depth;
  const NodeCount& c = count(n);
  r.entries = c.entries;
  r.iterations = c.iterations;
  return r;
}

int64_t FunctionEstimator::loop(const LoopNode& n, int depth) {
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

/// Extra cycles when `factor` copies of a straight-line body share the banks.
int64_t FunctionEstimator::portStall(const std::vector<LoopNode>& body, int64_t factor) const {
  SegmentSchedule seg = newSegment();
  for (const LoopNode& s : body) {
    const poly::Statement& st = fm_.statements.at(static_cast<size_t>(s.statement));
    seg.add(st, instanceValues(st, s.args, {}));
  }
  int64_t stall = 0;
  std::map<std::string, int64_t> accesses;
  for (const StatementTime& t : seg.statements()) {
    for (const auto& [array, n] : t.accesses) {
      accesses[array] += n;
    }
  }
  for (const auto& [array, n] : accesses) {
    int64_t banks = banksOf(*fm_.findArray(array), layouts_);
    stall = std::max(stall, ceilDiv(ceilDiv(n * factor, banks), target_.bramPorts) - 1);
  }
  return stall;
}

const poly::BandSite* FunctionEstimator::site(const LoopNode& n) const {
  for (const poly::BandSite& s : sites_) {
    if (s.names.band == n.band && n.bandMember >= 0 &&
        static_cast<size_t>(n.bandMember) < s.names.loops.size()) {
      return &s;
    }
  }
  return nullptr;
}

std::vector<CarriedFlow> FunctionEstimator::carried(const LoopNode& n, int unroll) const {
  const poly::BandSite* s = site(n);
  if (s == nullptr) {
    return {};
  }
  return carriedFlows(fm_, tree_, *s, static_cast<size_t>(n.bandMember), unroll);
}

int64_t FunctionEstimator::pipelined(const LoopNode& n, int depth) {
  LoopEstimate r = row(n, depth);
  const NodeCount& c = count(n);
  r.mode = "pipelined";
  r.askedII = n.attrs.pipelineII;
  int64_t copies = n.attrs.unroll > 0 ? n.attrs.unroll : 1;
  if (copies > 1) {
    r.mode = fmt::format("pipelined, unrolled {}", copies);
  }
  IterationTiming it = pipelinedIteration(n, bodyContext());
  r.iterationLatency = it.latency;
  r.ii = r.askedII;
  r.iiReason = r.askedII > 1 ? fmt::format("II {}: asked for", r.askedII) : "II 1";
  Recurrence rec = recurrence(n, it, carried(n, n.attrs.unroll), fm_);
  if (rec.ii > r.ii) {
    r.ii = rec.ii;
    r.iiReason = rec.reason;
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
void FunctionEstimator::addInnerRows(const std::vector<LoopNode>& list, int depth) {
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

const std::vector<layout::PipelinedLoop>& FunctionEstimator::bankUse() {
  if (!bankUse_) {
    bankUse_ = layout::bankConflicts(fm_, tree_, layouts_, static_cast<int>(target_.bramPorts));
  }
  return *bankUse_;
}

} // namespace polyallo::codegen

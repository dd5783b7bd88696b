#include "codegen/PipelineIteration.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace polyallo::codegen {

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return b <= 0 ? a : (a + b - 1) / b; }

int64_t saturatingMul(int64_t a, int64_t b) {
  return a != 0 && b > kMaxInstances / a ? kMaxInstances + 1 : a * b;
}

/// Expands a body into one schedule, copy by copy; a call ends the current segment.
class Expander {
public:
  explicit Expander(const BodyContext& ctx) : ctx_(ctx) { segment_.emplace(newSegment()); }

  /// The copies of `loop`'s body: `copies` of them, the iterator advancing by its step
  /// from `first`.
  void copies(const LoopNode& loop, int64_t copies, const Affine& first, IteratorValues& at,
              int64_t repeat) {
    int64_t step = constantStep(loop);
    int64_t size = saturatingMul(copies, count(loop.children));
    if (size > budget_ || step <= 0) { // one copy stands for all, one after another
      at[loop.iterator] = Affine::unknown();
      nodes(loop.children, at, repeat * copies);
    } else {
      for (int64_t k = 0; k < copies; ++k) {
        at[loop.iterator] = first + Affine::of(k * step);
        Affine runs = evalAst(loop.cond, at);
        if (runs.isConstant() && runs.constant == 0) {
          break; // past the bound (copies is the most over all entries)
        }
        nodes(loop.children, at, repeat);
      }
    }
    at.erase(loop.iterator);
  }

  IterationTiming finish() {
    out_.latency = offset_ + segment_->length();
    return std::move(out_);
  }

private:
  SegmentSchedule newSegment() const { return SegmentSchedule(ctx_.target, ctx_.storage); }

  static bool isCall(const poly::Statement& st) { return st.stmt->kind == core::StmtKind::Call; }

  /// Statement instances `list` expands into (saturating above kMaxInstances).
  int64_t count(const std::vector<LoopNode>& list) const {
    int64_t n = 0;
    for (const LoopNode& c : list) {
      switch (c.kind) {
      case LoopNode::Kind::User:
        ++n;
        break;
      case LoopNode::Kind::For:
        n += saturatingMul(std::max<int64_t>(ctx_.maxTrip(c), 0), count(c.children));
        break;
      default:
        n += count(c.children) + count(c.orelse);
      }
      n = std::min(n, kMaxInstances + 1);
    }
    return n;
  }

  void nodes(const std::vector<LoopNode>& list, IteratorValues& at, int64_t repeat) {
    for (const LoopNode& n : list) {
      switch (n.kind) {
      case LoopNode::Kind::User:
        user(n, at, repeat);
        break;
      case LoopNode::Kind::Block:
      case LoopNode::Kind::Mark:
        nodes(n.children, at, repeat);
        break;
      case LoopNode::Kind::If: { // the branch that runs when decided, else both
        Affine c = evalAst(n.ifCond, at);
        if (!c.isConstant() || c.constant != 0) {
          nodes(n.children, at, repeat);
        }
        if (!c.isConstant() || c.constant == 0) {
          nodes(n.orelse, at, repeat);
        }
        break;
      }
      case LoopNode::Kind::For: // unrolled: every copy
        copies(n, ctx_.maxTrip(n), evalAst(n.init, at), at, repeat);
        break;
      }
    }
  }

  void user(const LoopNode& n, const IteratorValues& at, int64_t repeat) {
    const poly::Statement& st = ctx_.fm.statements.at(static_cast<size_t>(n.statement));
    if (isCall(st)) { // after everything before it, and everything after it waits
      offset_ += segment_->length() + ctx_.callLatency(n) * repeat;
      segment_.emplace(newSegment());
      return;
    }
    StatementTime t = segment_->add(st, instanceValues(st, n.args, at), repeat);
    for (OpKind op : t.ops) {
      ++out_.ops[op];
    }
    t.start += offset_;
    t.end += offset_;
    for (ReadTime& r : t.reads) {
      r.latest += offset_;
    }
    out_.instances.push_back({n.statement, std::move(t)});
    --budget_;
  }

  const BodyContext& ctx_;
  std::optional<SegmentSchedule> segment_;
  int64_t offset_ = 0;
  int64_t budget_ = kMaxInstances;
  IterationTiming out_;
};

} // namespace

IterationTiming pipelinedIteration(const LoopNode& loop, const BodyContext& ctx) {
  Expander e(ctx);
  IteratorValues at;
  int64_t copies = std::max(loop.attrs.unroll, 1);
  e.copies(loop, copies, Affine::var(loop.iterator), at, 1);
  return e.finish();
}

Recurrence recurrence(const LoopNode& loop, const IterationTiming& it,
                      const std::vector<CarriedFlow>& flows, const poly::FunctionModel& fm) {
  Recurrence best;
  int64_t shift = std::max<int64_t>(constantStep(loop), 1) * std::max(loop.attrs.unroll, 1);
  for (const CarriedFlow& f : flows) {
    std::vector<const StatementTime*> writes;
    std::vector<std::pair<const Instance*, const ReadTime*>> reads;
    for (const Instance& i : it.instances) {
      if (i.statement == f.source && i.time.written == f.array) {
        writes.push_back(&i.time);
      }
      if (i.statement == f.sink) {
        for (const ReadTime& r : i.time.reads) {
          if (r.array == f.array && r.exposed) {
            reads.push_back({&i, &r});
          }
        }
      }
    }
    for (const StatementTime* w : writes) {
      for (const auto& [sink, r] : reads) {
        std::optional<int64_t> d = carriedDistance(w->writtenAt, r->at, loop.iterator, shift);
        if (!d) {
          continue; // never the same element
        }
        int64_t distance = std::max(*d, f.distance);
        int64_t cycles = w->end - r->latest;
        int64_t ii = ceilDiv(cycles, distance);
        if (ii > best.ii) {
          best.ii = ii;
          best.reason = fmt::format(
              "II {}: recurrence on {} ({} -> {}: {} cycles from reading {} to writing {} ({}), "
              "distance {})",
              ii, f.array, fm.statements[static_cast<size_t>(f.source)].name,
              fm.statements[static_cast<size_t>(f.sink)].name, cycles, f.array + str(r->at),
              f.array + str(w->writtenAt), r->path, distance);
        }
      }
    }
  }
  return best;
}

} // namespace polyallo::codegen

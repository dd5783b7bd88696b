#include "codegen/StatementTiming.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::codegen {

namespace {

using core::BinOp;
using core::ElemType;
using core::ExprKind;
using core::MathFn;

/// A read below an expression node: how long from its start to the node's value.
struct ReadPath {
  std::string array;
  int64_t cycles = 0;
  std::vector<std::string> ops; // "read 2", "dadd 7", ...
};

/// An expression's value: when it is ready, and the reads it waited for.
struct Value {
  int64_t ready = 0;
  std::vector<ReadPath> reads;
};

OpKind mulKind(int width) {
  return width <= 18 ? OpKind::IMul18 : width <= 32 ? OpKind::IMul32 : OpKind::IMul64;
}

OpKind mathKind(MathFn fn, const ElemType& t) {
  bool f64 = t.kind == core::TypeKind::Float64;
  switch (fn) {
  case MathFn::Exp:
    return f64 ? OpKind::DExp : OpKind::FExp;
  case MathFn::Log:
    return f64 ? OpKind::DLog : OpKind::FLog;
  case MathFn::Sqrt:
    return f64 ? OpKind::DSqrt : OpKind::FSqrt;
  case MathFn::Abs:
    return OpKind::IAlu; // a sign bit
  case MathFn::Floor:
  case MathFn::Ceil:
    return t.isFloat() ? OpKind::FConv : OpKind::IAlu;
  default:
    return f64 ? OpKind::DMath : OpKind::FMath;
  }
}

class ExprTimer {
public:
  ExprTimer(const Target& target, const SegmentSchedule::StorageOf& storage,
            const std::map<std::string, int64_t>& writeEnd, StatementTime& out,
            std::vector<std::pair<OpKind, std::pair<int64_t, int64_t>>>& busy)
      : target_(target), storage_(storage), writeEnd_(writeEnd), out_(out), busy_(busy) {}

  /// `address`: subscript arithmetic, free (only its reads take time).
  Value eval(const core::Expr& e, bool address = false) {
    const core::ExprNode& n = *e;
    switch (n.kind) {
    case ExprKind::Const:
    case ExprKind::Var:
    case ExprKind::Param:
      return {};
    case ExprKind::Read:
      return read(n);
    case ExprKind::Unary:
      return op(n, OpKind::IAlu, address); // a float negation flips the sign bit
    case ExprKind::Binary:
      return op(n, address ? OpKind::IAlu : binaryOpKind(n.binop, n.ops[0].type()), address);
    case ExprKind::Select:
      return op(n, OpKind::IAlu, address);
    case ExprKind::Call:
      return op(n, address ? OpKind::IAlu : mathKind(n.fn, n.ops[0].type()), address);
    case ExprKind::Cast:
      return op(n, address ? OpKind::IAlu : castKind(n.ops[0].type(), n.type), address);
    }
    return {};
  }

  int64_t latencyOf(const core::ArrayDecl& a, bool write) const {
    switch (storage_(a)) {
    case Storage::Register:
      return 0;
    case Storage::Fifo:
      return write ? target_.fifoWriteLatency : target_.fifoReadLatency;
    case Storage::Bram:
      break;
    }
    return write ? target_.bramWriteLatency : target_.bramReadLatency;
  }

  void countAccess(const core::ArrayDecl& a) {
    if (storage_(a) == Storage::Bram) {
      ++out_.accesses[a.name];
    }
  }

private:
  static OpKind castKind(const ElemType& from, const ElemType& to) {
    if (from.isFloat() && to.isFloat()) {
      return from.kind == to.kind ? OpKind::IAlu : OpKind::FpExt;
    }
    return from.isFloat() || to.isFloat() ? OpKind::FConv : OpKind::IAlu;
  }

  Value read(const core::ExprNode& n) {
    Value v;
    for (const core::Expr& index : n.ops) {
      merge(v, eval(index, true));
    }
    int64_t start = v.ready;
    if (auto w = writeEnd_.find(n.array->name); w != writeEnd_.end()) {
      start = std::max(start, w->second);
    }
    int64_t latency = latencyOf(*n.array, false);
    countAccess(*n.array);
    v.ready = start + latency;
    v.reads.push_back({n.array->name, latency, {fmt::format("read {}", latency)}});
    out_.start = std::min(out_.start, start);
    return v;
  }

  Value op(const core::ExprNode& n, OpKind kind, bool address = false) {
    Value v;
    for (const core::Expr& operand : n.ops) {
      merge(v, eval(operand, address));
    }
    int64_t latency = address ? 0 : target_.op(kind).latency;
    if (!address && kind != OpKind::IAlu) {
      out_.ops.push_back(kind);
      busy_.push_back({kind, {v.ready, v.ready + std::max<int64_t>(latency, 1)}});
    }
    v.ready += latency;
    if (latency > 0) {
      for (ReadPath& r : v.reads) {
        r.cycles += latency;
        r.ops.push_back(fmt::format("{} {}", opKindName(kind), latency));
      }
    }
    return v;
  }

  /// Operands: the value is ready when the last one is; each read's path then
  /// includes the wait for the slower operands (it could start later instead).
  static void merge(Value& into, Value from) {
    into.ready = std::max(into.ready, from.ready);
    for (ReadPath& r : from.reads) {
      into.reads.push_back(std::move(r));
    }
  }

  const Target& target_;
  const SegmentSchedule::StorageOf& storage_;
  const std::map<std::string, int64_t>& writeEnd_;
  StatementTime& out_;
  std::vector<std::pair<OpKind, std::pair<int64_t, int64_t>>>& busy_;
};

} // namespace

OpKind binaryOpKind(BinOp op, const ElemType& type) {
  bool f32 = type.kind == core::TypeKind::Float32;
  bool f64 = type.kind == core::TypeKind::Float64;
  switch (op) {
  case BinOp::Add:
  case BinOp::Sub:
    return f64 ? OpKind::DAdd : f32 ? OpKind::FAdd : OpKind::IAlu;
  case BinOp::Mul:
    return f64 ? OpKind::DMul : f32 ? OpKind::FMul : mulKind(type.width);
  case BinOp::Div:
  case BinOp::FloorDiv:
  case BinOp::Mod:
    return f64   ? OpKind::DDiv
           : f32 ? OpKind::FDiv
                 : (type.width <= 32 ? OpKind::IDiv32 : OpKind::IDiv64);
  case BinOp::Pow:
    return f64 ? OpKind::DMath : OpKind::FMath;
  case BinOp::Min:
  case BinOp::Max:
  case BinOp::Eq:
  case BinOp::Ne:
  case BinOp::Lt:
  case BinOp::Le:
  case BinOp::Gt:
  case BinOp::Ge:
    return f64 ? OpKind::DCmp : f32 ? OpKind::FCmp : OpKind::IAlu;
  default:
    return OpKind::IAlu; // shifts, bit operations, and / or
  }
}

const StatementTime& SegmentSchedule::add(const poly::Statement& st) {
  StatementTime t;
  t.start = INT64_MAX;
  const core::StmtNode& s = *st.stmt;
  require(s.kind == core::StmtKind::Assign, ErrorKind::Internal,
          "the QoR estimator timed a call as straight-line code");
  ExprTimer timer(target_, storage_, writeEnd_, t, busy_);
  Value v = timer.eval(s.value);
  for (const core::Expr& g : st.guards) { // a data-dependent if: its condition, then the write
    Value guard = timer.eval(g);
    v.ready = std::max(v.ready, guard.ready);
    for (ReadPath& r : guard.reads) {
      v.reads.push_back(std::move(r));
    }
  }
  for (const core::Expr& index : s.indices) {
    Value address = timer.eval(index, true);
    v.ready = std::max(v.ready, address.ready);
    for (ReadPath& r : address.reads) {
      v.reads.push_back(std::move(r));
    }
  }
  const std::string& target = s.target->name;
  int64_t writeStart = v.ready;
  if (auto a = accessEnd_.find(target); a != accessEnd_.end()) {
    writeStart = std::max(writeStart, a->second);
  }
  int64_t writeLatency = timer.latencyOf(*s.target, true);
  timer.countAccess(*s.target);
  t.written = target;
  t.end = writeStart + writeLatency;
  t.start = std::min(t.start, writeStart);
  for (const ReadPath& r : v.reads) {
    int64_t latest = writeStart - r.cycles;
    auto known = t.latestRead.find(r.array);
    if (known == t.latestRead.end() || latest < known->second) {
      t.latestRead[r.array] = latest;
      std::vector<std::string> ops = r.ops;
      ops.push_back(fmt::format("write {}", writeLatency));
      t.readPath[r.array] = fmt::format("{}", fmt::join(ops, ", "));
    }
  }
  for (const auto& [array, latest] : t.latestRead) {
    accessEnd_[array] = std::max(accessEnd_[array], latest + 1);
  }
  writeEnd_[target] = std::max(writeEnd_[target], t.end);
  accessEnd_[target] = std::max(accessEnd_[target], t.end);
  length_ = std::max(length_, t.end);
  times_.push_back(std::move(t));
  return times_.back();
}

std::map<OpKind, int64_t> SegmentSchedule::peakOperators() const {
  std::map<OpKind, int64_t> peak;
  for (const auto& [kind, span] : busy_) {
    int64_t overlapping = 0;
    for (const auto& [other, otherSpan] : busy_) {
      if (other == kind && otherSpan.first <= span.first && span.first < otherSpan.second) {
        ++overlapping;
      }
    }
    peak[kind] = std::max(peak[kind], overlapping);
  }
  return peak;
}

} // namespace polyallo::codegen

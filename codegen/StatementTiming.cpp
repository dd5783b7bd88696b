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
  Subscript at;
  int64_t cycles = 0;
  std::vector<std::string> ops; // "read 2", "dadd 7", ...
  bool exposed = true, forwarded = false;
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
            const ElementTimes& elements, const VarValues& at, int64_t repeat, StatementTime& out,
            std::vector<std::pair<OpKind, std::pair<int64_t, int64_t>>>& busy)
      : target_(target), storage_(storage), elements_(elements), at_(at), repeat_(repeat),
        out_(out), busy_(busy) {}

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
      return (write ? target_.fifoWriteLatency : target_.fifoReadLatency) * repeat_;
    case Storage::Bram:
      break;
    }
    return (write ? target_.bramWriteLatency : target_.bramReadLatency) * repeat_;
  }

  void countAccess(const core::ArrayDecl& a) {
    if (storage_(a) == Storage::Bram) {
      out_.accesses[a.name] += repeat_;
    }
  }

  Subscript subscript(const std::vector<core::Expr>& indices) const {
    Subscript out;
    for (const core::Expr& index : indices) {
      out.push_back(evalIndex(index, at_));
    }
    return out;
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
    const std::string& array = n.array->name;
    Subscript at = subscript(n.ops);
    if (std::optional<int64_t> value = elements_.forwarded(array, at)) {
      v.ready = std::max(v.ready, *value); // the written value, no memory access
      v.reads.push_back({array, std::move(at), 0, {"forwarded 0"}, false, true});
      return v;
    }
    int64_t start = std::max(v.ready, elements_.writesBefore(array, at));
    int64_t latency = latencyOf(*n.array, false);
    countAccess(*n.array);
    v.ready = start + latency;
    bool exposed = !elements_.written(array, at);
    v.reads.push_back(
        {array, std::move(at), latency, {fmt::format("read {}", latency)}, exposed, false});
    out_.start = std::min(out_.start, start);
    return v;
  }

  Value op(const core::ExprNode& n, OpKind kind, bool address = false) {
    Value v;
    for (const core::Expr& operand : n.ops) {
      merge(v, eval(operand, address));
    }
    int64_t latency = address ? 0 : target_.op(kind).latency * repeat_;
    if (!address && kind != OpKind::IAlu) {
      out_.ops.insert(out_.ops.end(), static_cast<size_t>(repeat_), kind);
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
  const ElementTimes& elements_;
  const VarValues& at_;
  int64_t repeat_;
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

const StatementTime& SegmentSchedule::add(const poly::Statement& st, const VarValues& at,
                                          int64_t repeat) {
  StatementTime t;
  t.start = INT64_MAX;
  const core::StmtNode& s = *st.stmt;
  require(s.kind == core::StmtKind::Assign, ErrorKind::Internal,
          "the QoR estimator timed a call as straight-line code");
  ExprTimer timer(target_, storage_, elements_, at, std::max<int64_t>(repeat, 1), t, busy_);
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
  Subscript writtenAt = timer.subscript(s.indices);
  int64_t writeStart = std::max(v.ready, elements_.accessesBefore(target, writtenAt));
  int64_t writeLatency = timer.latencyOf(*s.target, true);
  timer.countAccess(*s.target);
  t.written = target;
  t.end = writeStart + writeLatency;
  t.start = std::min(t.start, writeStart);
  for (ReadPath& r : v.reads) {
    r.ops.push_back(fmt::format("write {}", writeLatency));
    int64_t latest = writeStart - r.cycles;
    if (!r.forwarded) {
      elements_.noteRead(r.array, r.at, latest + 1);
    }
    t.reads.push_back(
        {r.array, std::move(r.at), latest, fmt::format("{}", fmt::join(r.ops, ", ")), r.exposed});
  }
  elements_.noteWrite(target, writtenAt, v.ready, t.end);
  t.writtenAt = std::move(writtenAt);
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

namespace polyallo::codegen {

std::pair<ElementTimes::Linear, std::vector<int64_t>> ElementTimes::split(const Subscript& at) {
  std::pair<Linear, std::vector<int64_t>> out;
  for (const Affine& a : at) {
    out.first.push_back(a.coef);
    out.second.push_back(a.constant);
  }
  return out;
}

int64_t ElementTimes::endBefore(const std::string& array, const Subscript& at,
                                int64_t Times::*end) const {
  auto a = arrays_.find(array);
  if (a == arrays_.end()) {
    return 0;
  }
  if (!isKnown(at)) {
    return a->second.all.*end;
  }
  auto [linear, constants] = split(at);
  int64_t latest = a->second.unknown.*end;
  for (const auto& [key, group] : a->second.groups) {
    if (key != linear) {
      latest = std::max(latest, group.any.*end);
    } else if (auto e = group.elements.find(constants); e != group.elements.end()) {
      latest = std::max(latest, e->second.*end);
    }
  }
  return latest;
}

int64_t ElementTimes::writesBefore(const std::string& array, const Subscript& at) const {
  return endBefore(array, at, &Times::writeEnd);
}

int64_t ElementTimes::accessesBefore(const std::string& array, const Subscript& at) const {
  return endBefore(array, at, &Times::accessEnd);
}

std::optional<int64_t> ElementTimes::forwarded(const std::string& array,
                                               const Subscript& at) const {
  auto a = arrays_.find(array);
  if (a == arrays_.end() || !isKnown(at)) {
    return std::nullopt;
  }
  auto [linear, constants] = split(at);
  auto own = a->second.groups.find(linear);
  if (own == a->second.groups.end()) {
    return std::nullopt;
  }
  auto e = own->second.elements.find(constants);
  if (e == own->second.elements.end() || e->second.seq == 0 ||
      a->second.unknown.seq > e->second.seq) {
    return std::nullopt;
  }
  for (const auto& [key, group] : a->second.groups) {
    if (key != linear && group.any.seq > e->second.seq) {
      return std::nullopt; // a later write may have touched it
    }
  }
  return e->second.valueReady;
}

bool ElementTimes::written(const std::string& array, const Subscript& at) const {
  auto a = arrays_.find(array);
  if (a == arrays_.end() || !isKnown(at)) {
    return false;
  }
  auto [linear, constants] = split(at);
  auto own = a->second.groups.find(linear);
  if (own == a->second.groups.end()) {
    return false;
  }
  auto e = own->second.elements.find(constants);
  return e != own->second.elements.end() && e->second.seq > 0;
}

void ElementTimes::raise(Times& t, int64_t writeEnd, int64_t accessEnd, int64_t valueReady,
                         int64_t seq) {
  t.writeEnd = std::max(t.writeEnd, writeEnd);
  t.accessEnd = std::max(t.accessEnd, accessEnd);
  if (seq > 0) {
    t.valueReady = valueReady;
    t.seq = seq;
  }
}

void ElementTimes::noteRead(const std::string& array, const Subscript& at, int64_t end) {
  ArrayTimes& a = arrays_[array];
  raise(a.all, 0, end, 0, 0);
  if (!isKnown(at)) {
    raise(a.unknown, 0, end, 0, 0);
    return;
  }
  auto [linear, constants] = split(at);
  Group& g = a.groups[linear];
  raise(g.any, 0, end, 0, 0);
  raise(g.elements[constants], 0, end, 0, 0);
}

void ElementTimes::noteWrite(const std::string& array, const Subscript& at, int64_t valueReady,
                             int64_t end) {
  ArrayTimes& a = arrays_[array];
  int64_t seq = ++a.writes;
  raise(a.all, end, end, valueReady, seq);
  if (!isKnown(at)) {
    raise(a.unknown, end, end, valueReady, seq);
    return;
  }
  auto [linear, constants] = split(at);
  Group& g = a.groups[linear];
  raise(g.any, end, end, valueReady, seq);
  raise(g.elements[constants], end, end, valueReady, seq);
}

VarValues instanceValues(const poly::Statement& st, const std::vector<AstExprPtr>& args,
                         const IteratorValues& at) {
  VarValues out;
  for (size_t d = 0; d < st.loops.size() && d < args.size(); ++d) {
    out[st.loops[d]->var.get()] = evalAst(args[d], at);
  }
  return out;
}

} // namespace polyallo::codegen

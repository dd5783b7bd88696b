#include "codegen/LoopCounts.h"

#include "core/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::codegen {

namespace {

/// Iterations a condition that is not an upper bound may run before we give up.
constexpr int64_t kMaxScannedIterations = int64_t{1} << 32;

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

class Counter {
public:
  std::map<const LoopNode*, NodeCount> counts;

  void nodes(const std::vector<LoopNode>& list, int64_t mult) {
    for (const LoopNode& n : list) {
      node(n, mult);
    }
  }

private:
  void node(const LoopNode& n, int64_t mult) {
    NodeCount& c = counts[&n];
    c.entries += mult;
    switch (n.kind) {
    case LoopNode::Kind::Block:
    case LoopNode::Kind::Mark:
      nodes(n.children, mult);
      return;
    case LoopNode::Kind::User:
      return;
    case LoopNode::Kind::If:
      nodes(eval(n.ifCond) != 0 ? n.children : n.orelse, mult);
      return;
    case LoopNode::Kind::For:
      loop(n, c, mult);
      return;
    }
  }

  void loop(const LoopNode& n, NodeCount& c, int64_t mult) {
    int64_t lb = eval(n.init);
    int64_t step = constantStep(n);
    require(
        step > 0, ErrorKind::NotImplemented,
        fmt::format("the QoR estimator needs a constant positive step on loop '{}'", n.iterator));
    std::vector<int64_t> values; // only when the condition is not a bound
    int64_t trip = 0;
    if (AstExprPtr ub = exclusiveUpperBound(n)) {
      int64_t end = eval(ub);
      trip = end > lb ? (end - lb + step - 1) / step : 0;
    } else {
      for (int64_t v = lb; holds(n, v); v += step) {
        require(++trip < kMaxScannedIterations, ErrorKind::NotImplemented,
                fmt::format("the QoR estimator cannot bound loop '{}'", n.iterator));
      }
    }
    c.iterations += mult * trip;
    c.maxTrip = std::max(c.maxTrip, trip);
    if (n.attrs.unroll >= 0) {
      int64_t factor = n.attrs.unroll == 0 ? std::max<int64_t>(trip, 1) : n.attrs.unroll;
      c.unrolledIterations[n.attrs.unroll] += mult * ((trip + factor - 1) / factor);
    }
    if (trip == 0) {
      return;
    }
    if (!innerDependsOn(n)) {
      env_[n.iterator] = lb;
      nodes(n.children, mult * trip);
    } else {
      for (int64_t k = 0; k < trip; ++k) {
        env_[n.iterator] = lb + k * step;
        nodes(n.children, mult);
      }
    }
    env_.erase(n.iterator);
  }

  bool holds(const LoopNode& n, int64_t v) {
    env_[n.iterator] = v;
    bool ok = eval(n.cond) != 0;
    env_.erase(n.iterator);
    return ok;
  }

  /// Whether a bound or condition below `loop` mentions its iterator.
  bool innerDependsOn(const LoopNode& loop) {
    auto known = depends_.find(&loop);
    if (known != depends_.end()) {
      return known->second;
    }
    bool found = false;
    std::vector<const LoopNode*> work;
    for (const LoopNode& c : loop.children) {
      work.push_back(&c);
    }
    while (!work.empty() && !found) {
      const LoopNode* n = work.back();
      work.pop_back();
      found = mentions(n->init, loop.iterator) || mentions(n->cond, loop.iterator) ||
              mentions(n->inc, loop.iterator) || mentions(n->ifCond, loop.iterator);
      for (const LoopNode& c : n->children) {
        work.push_back(&c);
      }
      for (const LoopNode& c : n->orelse) {
        work.push_back(&c);
      }
    }
    depends_[&loop] = found;
    return found;
  }

  static bool mentions(const AstExprPtr& e, const std::string& id) {
    if (!e) {
      return false;
    }
    if (e->kind == AstExpr::Kind::Id) {
      return e->name == id;
    }
    return std::any_of(e->args.begin(), e->args.end(),
                       [&](const AstExprPtr& a) { return mentions(a, id); });
  }

  int64_t eval(const AstExprPtr& e) {
    switch (e->kind) {
    case AstExpr::Kind::Int:
      return e->value;
    case AstExpr::Kind::Id: {
      auto v = env_.find(e->name);
      require(
          v != env_.end(), ErrorKind::NotImplemented,
          fmt::format("the QoR estimator needs constant sizes; the loop nest uses '{}'", e->name));
      return v->second;
    }
    case AstExpr::Kind::Op:
      break;
    }
    auto arg = [&](size_t k) { return eval(e->args.at(k)); };
    switch (e->op) {
    case AstOp::Add:
      return arg(0) + arg(1);
    case AstOp::Sub:
      return arg(0) - arg(1);
    case AstOp::Mul:
      return arg(0) * arg(1);
    case AstOp::Minus:
      return -arg(0);
    case AstOp::Div:
    case AstOp::FdivQ:
      return floorDiv(arg(0), arg(1));
    case AstOp::PdivQ:
      return arg(0) / arg(1);
    case AstOp::PdivR:
    case AstOp::ZdivR:
      return arg(0) % arg(1);
    case AstOp::Min:
    case AstOp::Max: {
      int64_t best = arg(0);
      for (size_t k = 1; k < e->args.size(); ++k) {
        best = e->op == AstOp::Min ? std::min(best, arg(k)) : std::max(best, arg(k));
      }
      return best;
    }
    case AstOp::Select:
    case AstOp::Cond:
      return arg(0) != 0 ? arg(1) : arg(2);
    case AstOp::Eq:
      return arg(0) == arg(1);
    case AstOp::Le:
      return arg(0) <= arg(1);
    case AstOp::Lt:
      return arg(0) < arg(1);
    case AstOp::Ge:
      return arg(0) >= arg(1);
    case AstOp::Gt:
      return arg(0) > arg(1);
    case AstOp::And:
    case AstOp::AndThen:
      return arg(0) != 0 && arg(1) != 0;
    case AstOp::Or:
    case AstOp::OrElse:
      return arg(0) != 0 || arg(1) != 0;
    }
    return 0;
  }

  std::map<std::string, int64_t> env_;
  std::map<const LoopNode*, bool> depends_;
};

} // namespace

std::map<const LoopNode*, NodeCount> countExecutions(const LoopNode& root) {
  Counter c;
  c.counts[&root].entries = 1;
  c.nodes(root.children, 1);
  return std::move(c.counts);
}

} // namespace polyallo::codegen

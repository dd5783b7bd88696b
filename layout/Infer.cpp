#include "layout/Infer.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace polyallo::layout {

namespace {

using core::ArrayDecl;
using core::StmtNode;

/// Where one dim's requirement came from: the partition steps (indices into
/// the log; several when the layout is the meet of different requests) and
/// the call it last came through (null: a step on this very array).
struct Origin {
  std::vector<size_t> steps;
  const StmtNode* via = nullptr;
};

struct Edge {
  size_t to = 0;
  const StmtNode* call = nullptr;
};

/// One array of one function.
struct Node {
  std::string function;
  const ArrayDecl* decl = nullptr;
  std::vector<int64_t> extents; // 0 = symbolic
  LayoutType layout;
  std::vector<Origin> origins; // per dim
  std::vector<Edge> edges;
  bool queued = false;
};

DimPartition requested(const poly::PartitionRequest& r) {
  switch (static_cast<poly::PartitionType>(r.type)) {
  case poly::PartitionType::Block:
    return DimPartition::block(r.factor);
  case poly::PartitionType::Cyclic:
    return DimPartition::cyclic(r.factor);
  default:
    return DimPartition::complete();
  }
}

class Inference {
public:
  Inference(const core::Module& module, const std::vector<poly::Step>& steps, ArrayLookup lookup)
      : module_(module), steps_(steps), lookup_(std::move(lookup)) {}

  Layouts run() {
    for (const auto& fn : module_.functions()) {
      functions_.emplace(fn->name(), fn.get());
    }
    for (const auto& fn : module_.functions()) {
      addCalls(*fn, fn->body());
    }
    for (size_t k = 0; k < steps_.size(); ++k) {
      if (steps_[k].primitive == "partition") {
        addRequirement(k);
      }
    }
    propagate();
    Layouts out;
    for (const Node& n : nodes_) {
      if (n.layout.partitioned()) {
        out.arrays[n.function][n.decl->name] = n.layout;
      }
    }
    return out;
  }

private:
  size_t node(const std::string& function, const ArrayDecl* decl) {
    auto [it, added] = index_.emplace(decl, nodes_.size());
    if (added) {
      Node n;
      n.function = function;
      n.decl = decl;
      for (const core::Expr& e : decl->shape) {
        int64_t v = 0;
        n.extents.push_back(core::constantValue(e, v) ? v : 0);
      }
      n.layout = LayoutType::unpartitioned(decl->rank());
      n.origins.resize(decl->rank());
      nodes_.push_back(std::move(n));
    }
    return it->second;
  }

  /// An edge each way between every array argument and its parameter.
  void addCalls(const core::Function& fn, const std::vector<core::StmtPtr>& body) {
    for (const core::StmtPtr& s : body) {
      if (s->kind == core::StmtKind::Call) {
        auto found = functions_.find(s->callee);
        const core::Function* callee = found == functions_.end() ? nullptr : found->second;
        require(callee != nullptr, ErrorKind::Internal,
                fmt::format("layout inference: call to unknown function '{}'", s->callee), s->loc);
        std::vector<std::shared_ptr<ArrayDecl>> params = callee->params();
        for (size_t i = 0; i < s->args.size() && i < params.size(); ++i) {
          if (s->args[i]->rank() == 0) {
            continue; // scalars have no banks
          }
          size_t a = node(fn.name(), s->args[i].get());
          size_t p = node(callee->name(), params[i].get());
          nodes_[a].edges.push_back({p, s.get()});
          nodes_[p].edges.push_back({a, s.get()});
        }
      }
      addCalls(fn, s->body);
      addCalls(fn, s->orelse);
    }
  }

  void addRequirement(size_t k) {
    poly::PartitionRequest r = poly::partitionRequest(steps_[k]);
    std::shared_ptr<ArrayDecl> decl = lookup_(r.function, r.array);
    require(
        decl != nullptr, ErrorKind::UnknownName,
        fmt::format("{}: function '{}' has no array '{}'", steps_[k].str(), r.function, r.array),
        r.loc);
    size_t n = node(r.function, decl.get());
    Origin origin{{k}, nullptr};
    for (size_t d : r.dimsOf(decl->rank())) {
      meetInto(n, d, requested(r), origin);
    }
    enqueue(n);
  }

  void enqueue(size_t n) {
    if (!nodes_[n].queued && nodes_[n].layout.partitioned()) {
      nodes_[n].queued = true;
      worklist_.push_back(n);
    }
  }

  /// Every array's layout flows to its neighbours until nothing changes.
  void propagate() {
    while (!worklist_.empty()) {
      size_t n = worklist_.front();
      worklist_.pop_front();
      nodes_[n].queued = false;
      for (const Edge& e : nodes_[n].edges) {
        bool changed = false;
        for (size_t d = 0; d < nodes_[n].layout.dims.size(); ++d) {
          if (nodes_[n].layout.dims[d].kind != PartitionKind::None) {
            Origin from{nodes_[n].origins[d].steps, e.call};
            changed = meetInto(e.to, d, nodes_[n].layout.dims[d], from) || changed;
          }
        }
        if (changed) {
          enqueue(e.to);
        }
      }
    }
  }

  /// Meets `incoming` into dim `d` of node `m`; whether it got finer.
  bool meetInto(size_t m, size_t d, const DimPartition& incoming, const Origin& from) {
    Node& node = nodes_[m];
    DimPartition old = node.layout.dims[d];
    std::optional<DimPartition> met = meet(old, incoming, node.extents[d]);
    if (!met) {
      mismatch(node, d, incoming, from);
    }
    if (*met == old) {
      return false;
    }
    Origin& origin = node.origins[d];
    if (*met == normalize(incoming, node.extents[d])) {
      origin = from;
    } else { // a third layout, finer than both: both steps made it
      for (size_t k : from.steps) {
        if (std::find(origin.steps.begin(), origin.steps.end(), k) == origin.steps.end()) {
          origin.steps.push_back(k);
        }
      }
      origin.via = from.via;
    }
    node.layout.dims[d] = *met;
    return true;
  }

  /// "partition(...) at f.py:9:3 through the call mm(X, W, Y) at f.py:5:5"
  std::string describe(const Origin& o) const {
    std::vector<std::string> steps;
    for (size_t k : o.steps) {
      steps.push_back(fmt::format("{} at {}", steps_[k].str(), steps_[k].loc.str()));
    }
    std::string text = fmt::format("{}", fmt::join(steps, " and "));
    if (o.via == nullptr) {
      return text + " on this array";
    }
    std::vector<std::string> args;
    for (const auto& a : o.via->args) {
      args.push_back(a->name);
    }
    return fmt::format("{} through the call {}({}) at {}", text, o.via->callee,
                       fmt::join(args, ", "), o.via->loc.str());
  }

  [[noreturn]] void mismatch(const Node& node, size_t d, const DimPartition& incoming,
                             const Origin& from) const {
    const Origin& held = node.origins[d];
    size_t last = std::max(*std::max_element(held.steps.begin(), held.steps.end()),
                           *std::max_element(from.steps.begin(), from.steps.end()));
    throw Error(
        ErrorKind::InvalidSchedule,
        fmt::format("partition: the layouts required of dim {} of '{}:{}' do not meet: {}, from "
                    "{}, and {}, from {}; only Partition.Complete serves both (every element "
                    "its own register): partition the arrays alike, or ask for "
                    "Partition.Complete on dim {} explicitly",
                    d + 1, node.function, node.decl->name, node.layout.dims[d].str(),
                    describe(held), normalize(incoming, node.extents[d]).str(), describe(from),
                    d + 1),
        steps_[last].loc);
  }

  const core::Module& module_;
  const std::vector<poly::Step>& steps_;
  ArrayLookup lookup_;
  std::unordered_map<std::string, const core::Function*> functions_; // by name, for calls
  std::vector<Node> nodes_;
  std::unordered_map<const ArrayDecl*, size_t> index_;
  std::deque<size_t> worklist_;
};

} // namespace

const LayoutType* Layouts::find(const std::string& function, const std::string& array) const {
  auto f = arrays.find(function);
  if (f == arrays.end()) {
    return nullptr;
  }
  auto a = f->second.find(array);
  return a == f->second.end() ? nullptr : &a->second;
}

std::string Layouts::str() const {
  std::string out;
  for (const auto& [function, byArray] : arrays) {
    for (const auto& [array, layout] : byArray) {
      out += fmt::format("{}:{} {}\n", function, array, layout.str());
    }
  }
  return out;
}

Layouts infer(const poly::Schedule& schedule) {
  return infer(schedule.model().module(), schedule.steps(),
               [&schedule](const std::string& function, const std::string& name) {
                 return schedule.functionModel(function).findArray(name);
               });
}

Layouts infer(const core::Module& module, const std::vector<poly::Step>& steps,
              const ArrayLookup& lookup) {
  ArrayLookup find =
      lookup ? lookup : [&module](const std::string& function, const std::string& name) {
        const core::Function* fn = module.findFunction(function);
        return fn ? fn->findArray(name) : nullptr;
      };
  return Inference(module, steps, std::move(find)).run();
}

} // namespace polyallo::layout

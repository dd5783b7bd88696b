#include "codegen/Graph.h"

#include "core/Diagnostics.h"
#include "polyhedral/Unfold.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace polyallo::codegen {

namespace {

using DeclPtr = std::shared_ptr<core::ArrayDecl>;

/// A function as the schedule leaves it: the rewritten model when a memory
/// primitive made one (its buffers and FIFOs are what the hardware has).
struct Scheduled {
  const poly::FunctionModel* fm = nullptr;
  isl::schedule tree;
};

Scheduled scheduled(const poly::ModuleModel& model, const poly::ScheduleMap& schedules,
                    const std::string& name) {
  const poly::FunctionModel& extracted = model.function(name);
  auto it = schedules.find(name);
  if (it == schedules.end()) {
    return {&extracted, extracted.schedule};
  }
  return {it->second.rewritten ? it->second.rewritten.get() : &extracted, it->second.tree};
}

/// The call statements of `fm`: statement index -> callee.
std::map<int, std::string> callsOf(const poly::FunctionModel& fm) {
  std::map<int, std::string> calls;
  for (size_t s = 0; s < fm.statements.size(); ++s) {
    const core::StmtPtr& stmt = fm.statements[s].stmt;
    if (stmt && stmt->kind == core::StmtKind::Call) {
      calls[static_cast<int>(s)] = stmt->callee;
    }
  }
  return calls;
}

/// ` [key="value", ...]`, every value quoted.
std::string attrs(const std::vector<std::pair<std::string, std::string>>& list) {
  std::string out = " [";
  for (size_t k = 0; k < list.size(); ++k) {
    out += fmt::format("{}{}={}", k ? ", " : "", list[k].first, dotQuoted(list[k].second));
  }
  return out + "]";
}

/// "A: int8[2, 4]"
std::string memoryLabel(const core::ArrayDecl& a) {
  return fmt::format("{}: {}{}", a.name, a.typeStr(),
                     a.role == core::ArrayRole::Local ? " (local)" : "");
}

/// Something drawn as one node that runs statement instances: a PE, a call,
/// or a function's own loops.
struct Unit {
  std::string id, label, what; // `what`: the start of the tooltip
  isl::union_set domain;
  std::set<std::string> loads, stores; // memories it reads / writes
  std::set<std::string> calls;         // callees of its call statements
};

/// PE roles, in legend order: which memories a PE touches.
enum class Role { Loader, Drainer, Both, Compute };

Role roleOf(const Unit& u) {
  if (!u.loads.empty() && !u.stores.empty()) {
    return Role::Both;
  }
  return !u.loads.empty() ? Role::Loader : !u.stores.empty() ? Role::Drainer : Role::Compute;
}

const char* roleColour(Role r) {
  switch (r) {
  case Role::Loader:
    return "lightblue";
  case Role::Drainer:
    return "lightsalmon";
  case Role::Both:
    return "plum";
  case Role::Compute:
    break;
  }
  return "white";
}

const char* roleLegend(Role r) {
  switch (r) {
  case Role::Loader:
    return "loader (loads from memory)";
  case Role::Drainer:
    return "drainer (stores to memory)";
  case Role::Both:
    return "loader and drainer";
  case Role::Compute:
    break;
  }
  return "compute only (FIFOs)";
}

/// "loader of A, B; drainer of C"
std::string roleText(const Unit& u) {
  std::vector<std::string> parts;
  if (!u.loads.empty()) {
    parts.push_back(fmt::format("loader of {}", fmt::join(u.loads, ", ")));
  }
  if (!u.stores.empty()) {
    parts.push_back(fmt::format("drainer of {}", fmt::join(u.stores, ", ")));
  }
  if (!u.calls.empty()) {
    parts.push_back(fmt::format("calls {}", fmt::join(u.calls, ", ")));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

class Drawer {
public:
  Drawer(const poly::ModuleModel& model, const poly::ScheduleMap& schedules)
      : model_(model), schedules_(schedules) {}

  std::string draw(const std::string& kernel) {
    model_.function(kernel); // Error(UnknownName) listing the functions
    clusters(kernel);
    out_ += fmt::format("digraph {} {{\n", dotQuoted(kernel));
    // remincross=false: dot's second crossing minimisation over clusters
    // shuffles the columns of a PE grid (Graphviz 2.42); without it a row
    // stays in the order its invisible edges give.
    out_ += "  compound=true;\n  rankdir=TB;\n  remincross=false;\n";
    out_ += "  node [fontname=\"Helvetica\", fontsize=11];\n";
    out_ += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (const std::string& name : clustered_) {
      drawFunction(name);
    }
    // After every cluster, so each node is declared in its own cluster first.
    out_ += late_;
    drawLegend();
    out_ += "}\n";
    return out_;
  }

private:
  /// Functions with a cluster, kernel first: those reached through calls
  /// that are dataflow regions or call others (to reach regions below them).
  void clusters(const std::string& kernel) {
    std::deque<std::string> queue{kernel};
    std::set<std::string> seen;
    while (!queue.empty()) {
      std::string name = queue.front();
      queue.pop_front();
      if (!seen.insert(name).second) {
        continue;
      }
      clustered_.push_back(name);
      for (const auto& [s, callee] : callsOf(*scheduled(model_, schedules_, name).fm)) {
        Scheduled c = scheduled(model_, schedules_, callee);
        if (poly::hasUnfoldedBand(c.tree) || !callsOf(*c.fm).empty()) {
          queue.push_back(callee);
        }
      }
    }
  }

  bool isClustered(const std::string& name) const {
    return std::find(clustered_.begin(), clustered_.end(), name) != clustered_.end();
  }

  void node(const std::string& id, const std::vector<std::pair<std::string, std::string>>& a) {
    out_ += fmt::format("    {}{};\n", dotQuoted(id), attrs(a));
  }

  void edge(std::string& out, const std::string& from, const std::string& to,
            const std::vector<std::pair<std::string, std::string>>& a) {
    const char* indent = &out == &late_ ? "  " : "    ";
    out += fmt::format("{}{} -> {}{};\n", indent, dotQuoted(from), dotQuoted(to), attrs(a));
  }

  /// Which memories each unit loads and stores, and which functions it
  /// calls: the references whose statement instances lie in its domain.
  void classify(const poly::FunctionModel& fm, const std::set<std::string>& memories,
                const std::map<int, std::string>& calls, Unit& u) {
    for (const poly::Reference& r : fm.refs) {
      bool touched = memories.count(r.array) != 0 || calls.count(r.statement) != 0;
      if (!touched || r.stream != poly::StreamOp::None ||
          u.domain.intersect(isl::union_set(r.access.domain())).is_empty()) {
        continue;
      }
      if (memories.count(r.array) != 0) {
        (r.write ? u.stores : u.loads).insert(r.array);
      }
      if (auto c = calls.find(r.statement); c != calls.end()) {
        u.calls.insert(c->second);
      }
    }
    // A call whose callee touches no caller array still calls it.
    for (const auto& [s, callee] : calls) {
      if (!u.domain.intersect(isl::union_set(fm.statements[s].domain)).is_empty()) {
        u.calls.insert(callee);
      }
    }
  }

  void drawFunction(const std::string& name) {
    Scheduled sf = scheduled(model_, schedules_, name);
    const poly::FunctionModel& fm = *sf.fm;
    std::vector<poly::PeInstance> pes = poly::peInstances(fm, sf.tree);
    std::vector<poly::FifoLink> links = poly::fifoLinks(fm, pes);
    std::map<int, std::string> calls = callsOf(fm);
    bool region = !pes.empty();

    // Memories: the arguments; outside a region also the local arrays, which
    // calls pass between them (a region's non-stream locals are private to
    // one PE each, and local scalars are registers).
    std::vector<DeclPtr> memories;
    std::set<std::string> memoryNames;
    for (const DeclPtr& a : fm.arrays()) {
      bool local = a->role == core::ArrayRole::Local;
      if (a->isStream() || (local && (region || a->isScalar()))) {
        continue;
      }
      memories.push_back(a);
      memoryNames.insert(a->name);
    }

    std::vector<Unit> units;
    if (region) {
      for (const poly::PeInstance& pe : pes) {
        Unit u{name + "/" + pe.name, pe.name, pe.name, pe.domain, {}, {}, {}};
        std::vector<std::string> at;
        for (size_t d = 0; d < pe.loops.size() && d < pe.coords.size(); ++d) {
          at.push_back(fmt::format("{} = {}", pe.loops[d], pe.coords[d]));
        }
        u.what += fmt::format(" ({})", fmt::join(at, ", "));
        std::vector<std::string> privates;
        for (const DeclPtr& p : pe.privates) {
          privates.push_back(p->name);
        }
        if (!privates.empty()) {
          u.what += fmt::format(", private {}", fmt::join(privates, ", "));
        }
        units.push_back(std::move(u));
      }
    } else {
      isl::union_set own = isl::union_set::empty(fm.context.ctx());
      for (size_t s = 0; s < fm.statements.size(); ++s) {
        if (calls.count(static_cast<int>(s)) == 0) {
          own = own.unite(isl::union_set(fm.statements[s].domain));
        }
      }
      if (!own.is_empty() || calls.empty()) {
        units.push_back({name + "/body", name, "the loops of " + name, own, {}, {}, {}});
      }
      for (const auto& [s, callee] : calls) {
        const poly::Statement& st = fm.statements[s];
        units.push_back({fmt::format("{}/call/{}", name, st.name),
                         callee,
                         fmt::format("{} calls {} ({})", name, callee, st.stmt->loc.str()),
                         isl::union_set(st.domain),
                         {},
                         {},
                         {}});
      }
    }
    for (Unit& u : units) {
      classify(fm, memoryNames, region ? calls : std::map<int, std::string>{}, u);
    }

    out_ += fmt::format("  subgraph {} {{\n", dotQuoted("cluster_" + name));
    out_ += fmt::format("    label={};\n    style=\"rounded\";\n",
                        dotQuoted(region ? fmt::format("{}: dataflow region, {} PE(s), {} FIFO(s)",
                                                       name, pes.size(), links.size())
                                         : name));
    for (const DeclPtr& a : memories) {
      std::vector<std::pair<std::string, std::string>> at = {
          {"shape", "cylinder"},
          {"label", memoryLabel(*a)},
          {"tooltip", fmt::format("{} {}: {}", core::roleName(a->role), a->name, a->typeStr())}};
      if (a->role == core::ArrayRole::Local) {
        at.emplace_back("style", "dashed");
      }
      node(memoryId(name, a->name), at);
    }
    for (size_t k = 0; k < units.size(); ++k) {
      const Unit& u = units[k];
      std::string tip = roleText(u);
      tip = tip.empty() ? u.what : u.what + ": " + tip;
      if (region) {
        Role r = roleOf(u);
        roles_.insert(r);
        std::vector<std::pair<std::string, std::string>> a = {{"shape", "box"},
                                                              {"style", "filled"},
                                                              {"fillcolor", roleColour(r)},
                                                              {"label", u.label},
                                                              {"tooltip", tip}};
        if (pes[k].coords.size() == 2) {
          // One group per column: dot lines a group up vertically.
          a.emplace_back("group", fmt::format("{}/{}/{}", name, pes[k].band, pes[k].coords[1]));
        }
        node(u.id, a);
      } else {
        bool call = u.id != name + "/body";
        node(u.id, {{"shape", call ? "component" : "box"}, {"label", u.label}, {"tooltip", tip}});
      }
    }
    if (!units.empty()) {
      anchor_[name] = units.front().id;
    }
    if (region) {
      grid(name, pes, links);
    }

    std::string edges;
    for (size_t k = 0; k < links.size(); ++k) {
      fifoEdge(edges, name, fm, pes, links[k], k);
    }
    // A unit that loads and stores one array (C[i, j] += ...) gets one
    // two-headed edge: half the lines through the memory node.
    std::set<std::string> stored;
    for (const Unit& u : units) {
      for (const std::string& a : u.loads) {
        if (u.stores.count(a) == 0) {
          edge(edges, memoryId(name, a), u.id, {{"label", "load"}, {"color", "steelblue"}});
        }
      }
      for (const std::string& a : u.stores) {
        stored.insert(a);
        if (u.loads.count(a) != 0) {
          edge(edges, u.id, memoryId(name, a),
               {{"label", "load/store"}, {"dir", "both"}, {"color", "darkorchid"}});
        } else {
          edge(edges, u.id, memoryId(name, a), {{"label", "store"}, {"color", "firebrick"}});
        }
      }
    }
    // Argument inputs above the units, outputs below them; locals between
    // their writers and readers, where dot puts them.
    std::vector<std::string> inputs, outputs;
    for (const DeclPtr& a : memories) {
      if (a->role == core::ArrayRole::Local) {
        continue;
      }
      (stored.count(a->name) != 0 ? outputs : inputs).push_back(dotQuoted(memoryId(name, a->name)));
    }
    for (const auto& [rank, ids] : {std::pair{"min", inputs}, std::pair{"max", outputs}}) {
      if (!ids.empty() && !units.empty()) {
        out_ += fmt::format("    {{ rank={}; {}; }}\n", rank, fmt::join(ids, "; "));
      }
    }
    out_ += edges;
    calledBy(name, units);
    out_ += "  }\n";
  }

  static std::string memoryId(const std::string& fn, const std::string& array) {
    return fn + "/mem/" + array;
  }

  /// One rank per row of a band whose PEs have two coordinates (one rank
  /// for a band with one), kept in column order by invisible edges. None
  /// where a FIFO already joins the two PEs: Graphviz 2.42's dot loses a
  /// labelled edge between two nodes of one rank that another edge joins
  /// too ("in routesplines, illegal values of prev 1 and next 1").
  void grid(const std::string& fn, const std::vector<poly::PeInstance>& pes,
            const std::vector<poly::FifoLink>& links) {
    std::set<std::pair<std::string, std::string>> joined;
    for (const poly::FifoLink& l : links) {
      if (l.producer >= 0 && l.consumer >= 0) {
        std::string a = fn + "/" + pes[static_cast<size_t>(l.producer)].name;
        std::string b = fn + "/" + pes[static_cast<size_t>(l.consumer)].name;
        joined.insert({a, b});
        joined.insert({b, a});
      }
    }
    auto invisible = [&](const std::string& from, const std::string& to) {
      if (joined.count({from, to}) == 0) {
        edge(out_, from, to, {{"style", "invis"}});
      }
    };
    std::map<std::string, std::map<int64_t, std::map<int64_t, std::string>>> bands;
    for (const poly::PeInstance& pe : pes) {
      if (pe.coords.size() == 1) {
        bands[pe.band][0][pe.coords[0]] = fn + "/" + pe.name;
      } else if (pe.coords.size() == 2) {
        bands[pe.band][pe.coords[0]][pe.coords[1]] = fn + "/" + pe.name;
      }
    }
    for (const auto& [band, rows] : bands) {
      const std::map<int64_t, std::string>* above = nullptr;
      for (const auto& [r, row] : rows) {
        out_ += "    { rank=same;";
        for (const auto& [c, id] : row) {
          out_ += " " + dotQuoted(id) + ";";
        }
        out_ += " }\n";
        const std::string* left = nullptr;
        for (const auto& [c, id] : row) {
          if (left) {
            invisible(*left, id);
          }
          left = &id;
          if (above) {
            if (auto up = above->find(c); up != above->end()) {
              invisible(up->second, id);
            }
          }
        }
        above = &row;
      }
    }
  }

  void fifoEdge(std::string& edges, const std::string& fn, const poly::FunctionModel& fm,
                const std::vector<poly::PeInstance>& pes, const poly::FifoLink& link, size_t k) {
    DeclPtr decl = fm.findArray(link.stream);
    std::string label =
        fmt::format("{} depth {}", link.str(), decl ? decl->streamDepth : int64_t{0});
    auto end = [&](int pe, const char* missing) {
      if (pe >= 0) {
        return fn + "/" + pes[static_cast<size_t>(pe)].name;
      }
      std::string id = fmt::format("{}/unconnected/{}", fn, k);
      node(id, {{"shape", "box"},
                {"style", "dashed"},
                {"color", "red"},
                {"fontsize", "8"},
                {"label", "unconnected"},
                {"tooltip", fmt::format("no PE {} {}", missing, link.str())}});
      return id;
    };
    std::string from = end(link.producer, "puts into");
    std::string to = end(link.consumer, "gets from");
    if (link.producer >= 0 && link.consumer >= 0) {
      edge(edges, from, to, {{"label", label}, {"penwidth", "2"}});
    } else {
      edge(edges, from, to,
           {{"label", label + (link.producer < 0 ? " (no producer)" : " (no consumer)")},
            {"style", "dashed"},
            {"color", "red"}});
    }
  }

  /// Edges from the units that call a clustered function to that cluster;
  /// in a region, a node per callee that has no cluster of its own.
  void calledBy(const std::string& fn, const std::vector<Unit>& units) {
    std::set<std::string> declared;
    for (const Unit& u : units) {
      for (const std::string& callee : u.calls) {
        if (isClustered(callee) && callee != fn) {
          continue; // drawn by the edges below, once every cluster exists
        }
        std::string id = fmt::format("{}/callee/{}", fn, callee);
        if (declared.insert(callee).second) {
          node(id, {{"shape", "component"}, {"label", callee}});
        }
        edge(out_, u.id, id, {{"label", "calls"}, {"style", "dashed"}});
      }
    }
    for (const Unit& u : units) {
      std::set<std::string> targets = u.calls;
      if (u.id.find("/call/") != std::string::npos) {
        targets.insert(u.label);
      }
      for (const std::string& callee : targets) {
        if (!isClustered(callee) || callee == fn) {
          continue;
        }
        std::string head = anchorOf(callee);
        std::vector<std::pair<std::string, std::string>> a = {
            {"label", "calls"}, {"style", "dashed"}, {"lhead", "cluster_" + callee}};
        edge(late_, u.id, head, a);
      }
    }
  }

  /// The first node of `fn`'s cluster, for an edge that ends at the cluster.
  std::string anchorOf(const std::string& fn) {
    auto it = anchor_.find(fn);
    if (it != anchor_.end()) {
      return it->second;
    }
    // Not drawn yet: its units' first node is predictable.
    Scheduled sf = scheduled(model_, schedules_, fn);
    std::vector<poly::PeInstance> pes = poly::peInstances(*sf.fm, sf.tree);
    if (!pes.empty()) {
      return fn + "/" + pes.front().name;
    }
    bool ownLoops = false;
    std::map<int, std::string> calls = callsOf(*sf.fm);
    for (size_t s = 0; s < sf.fm->statements.size(); ++s) {
      ownLoops = ownLoops || calls.count(static_cast<int>(s)) == 0;
    }
    if (ownLoops || calls.empty()) {
      return fn + "/body";
    }
    return fmt::format("{}/call/{}", fn, sf.fm->statements[calls.begin()->first].name);
  }

  void drawLegend() {
    if (roles_.empty()) {
      return;
    }
    out_ += "  subgraph \"cluster_legend\" {\n    label=\"PEs\";\n    style=\"dotted\";\n";
    for (Role r : roles_) {
      node(fmt::format("legend/{}", static_cast<int>(r)), {{"shape", "box"},
                                                           {"style", "filled"},
                                                           {"fillcolor", roleColour(r)},
                                                           {"label", roleLegend(r)}});
    }
    out_ += "  }\n";
  }

  const poly::ModuleModel& model_;
  const poly::ScheduleMap& schedules_;
  std::vector<std::string> clustered_;
  std::map<std::string, std::string> anchor_;
  std::set<Role> roles_;
  std::string out_, late_;
};

} // namespace

std::string dotQuoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string architectureDot(const poly::ModuleModel& model, const poly::ScheduleMap& schedules,
                            const std::string& kernel) {
  return Drawer(model, schedules).draw(kernel);
}

} // namespace polyallo::codegen

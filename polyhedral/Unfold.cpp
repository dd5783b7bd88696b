#include "polyhedral/Unfold.h"

#include "polyhedral/IslShim.h"
#include "polyhedral/TreeEdit.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace polyallo::poly {

namespace {

std::string fnName(const FunctionModel& fm) { return fm.fn != nullptr ? fm.fn->name() : "?"; }

/// Where a region's own mistakes are reported: its definition.
SourceLoc locOf(const FunctionModel& fm) { return fm.fn != nullptr ? fm.fn->loc() : SourceLoc{}; }

/// The arrays each statement touches.
std::map<int, std::set<std::string>> arraysByStatement(const FunctionModel& fm) {
  std::map<int, std::set<std::string>> out;
  for (const Reference& r : fm.refs) {
    out[r.statement].insert(r.array);
  }
  return out;
}

int statementOf(const FunctionModel& fm, const isl::set& s) {
  return fm.statementIndex(tupleName(s));
}

/// The points of `s` (lexicographic order), or nullopt when it is not a
/// bounded set of constants.
std::optional<std::vector<std::vector<int64_t>>> points(const isl::set& s) {
  unsigned n = s.tuple_dim();
  for (unsigned d = 0; d < n; ++d) {
    if (!s.dim_min_val(static_cast<int>(d)).is_int() ||
        !s.dim_max_val(static_cast<int>(d)).is_int()) {
      return std::nullopt;
    }
  }
  // isl enumerates points of parameter-free sets only (a module with size
  // parameters puts them in every set): drop them, unless the points differ
  // between parameter values.
  isl::set box = s.project_out_all_params();
  if (!box.intersect_params(s.params()).is_subset(s)) {
    return std::nullopt;
  }
  std::vector<std::vector<int64_t>> out;
  box.foreach_point([&](const isl::point& p) {
    isl::set one = p.as_set();
    std::vector<int64_t> c;
    for (unsigned d = 0; d < n; ++d) {
      c.push_back(one.dim_min_val(static_cast<int>(d)).num_si());
    }
    out.push_back(std::move(c));
  });
  std::sort(out.begin(), out.end());
  return out;
}

/// Statement instance -> the values of the unfolded loops of `site`.
isl::union_map coordinates(const isl::schedule& tree, const BandSite& site,
                           const std::vector<size_t>& unfolded) {
  std::vector<isl::union_pw_aff> members;
  for (size_t m : unfolded) {
    members.push_back(bandMember(tree, site, m));
  }
  return isl::union_map::from(makeBand(site.domain, members)).intersect_domain(site.domain);
}

/// `map` restricted to accesses of the arrays `names`.
isl::union_map onArrays(const FunctionModel& fm, const isl::union_map& map,
                        const std::set<std::string>& names) {
  isl::union_set extents = isl::union_set::empty(fm.context.ctx());
  fm.arrayExtents.foreach_set([&](const isl::set& s) {
    if (names.count(tupleName(s)) != 0) {
      extents = extents.unite(isl::union_set(s));
    }
  });
  return map.intersect_range(extents);
}

} // namespace

std::vector<size_t> unfoldedMembers(const BandNames& names) {
  std::vector<size_t> members;
  for (size_t m = 0; m < names.loops.size(); ++m) {
    if (names.attrsOf(m).unfold) {
      members.push_back(m);
    }
  }
  return members;
}

bool hasUnfoldedBand(const isl::schedule& tree) {
  for (const BandSite& site : bandSites(tree)) {
    if (!unfoldedMembers(site.names).empty()) {
      return true;
    }
  }
  return false;
}

namespace {

/// A plain read of another array into `buffer` (a load copy), or a plain
/// read of `buffer` into another non-stream array (a store copy).
bool copiesOf(const core::StmtNode& st, const core::ArrayDecl& buffer) {
  if (st.kind != core::StmtKind::Assign || st.value->kind != core::ExprKind::Read ||
      st.target->isStream() || st.value->array->isStream()) {
    return false;
  }
  return (st.target.get() == &buffer) != (st.value->array.get() == &buffer);
}

/// Pairs of instances of the copies of one buffer that may share its array.
isl::union_map copyPairs(const FunctionModel& fm, PendingRelays pending) {
  isl::union_map pairs = isl::union_map::empty(fm.context.ctx());
  for (const auto& buffer : fm.buffers) {
    bool relayed = std::any_of(fm.statements.begin(), fm.statements.end(), [&](const Statement& s) {
      return s.stmt->kind == core::StmtKind::Assign && s.stmt->target == buffer &&
             s.stmt->value->kind == core::ExprKind::Read && s.stmt->value->array->isStream();
    });
    if (!relayed && pending == PendingRelays::Refused) {
      continue;
    }
    isl::union_set copies = isl::union_set::empty(fm.context.ctx());
    for (const Statement& s : fm.statements) {
      if (copiesOf(*s.stmt, *buffer)) {
        copies = copies.unite(isl::union_set(s.domain));
      }
    }
    pairs = pairs.unite(isl::union_map::from_domain_and_range(copies, copies));
  }
  return pairs;
}

std::vector<PeInstance> instancesOf(const FunctionModel& fm, const isl::schedule& tree) {
  std::vector<PeInstance> pes;
  // Which band each array is used by (non-stream locals must stay in one).
  std::map<std::string, std::string> localOwner;
  auto touched = arraysByStatement(fm);
  for (const BandSite& site : bandSites(tree)) {
    std::vector<size_t> unfolded = unfoldedMembers(site.names);
    if (unfolded.empty()) {
      continue;
    }
    std::vector<std::string> loops;
    for (size_t m : unfolded) {
      loops.push_back(site.names.loops[m]);
    }
    isl::union_map coords = coordinates(tree, site, unfolded);
    isl::set values = coords.range().as_set().intersect_params(fm.context);
    auto grid = points(values);
    require(grid.has_value(), ErrorKind::InvalidSchedule,
            fmt::format("the unfolded loops {} of band '{}' in function '{}' need constant "
                        "bounds: one processing element per iteration",
                        fmt::join(loops, ", "), site.names.band, fnName(fm)),
            locOf(fm));
    for (const auto& point : *grid) {
      PeInstance pe;
      pe.band = site.names.band;
      pe.loops = loops;
      pe.coords = point;
      pe.name = pe.band;
      for (int64_t c : point) {
        pe.name += fmt::format("_{}", c);
      }
      pe.domain = coords.intersect_range(isl::union_set(fixDims(values, point))).domain();
      pe.tree = intersectDomain(tree, pe.domain);
      pes.push_back(std::move(pe));
    }
    site.domain.foreach_set([&](const isl::set& s) {
      for (const std::string& a : touched[statementOf(fm, s)]) {
        auto decl = fm.findArray(a);
        if (decl == nullptr || decl->role != core::ArrayRole::Local || decl->isStream()) {
          continue;
        }
        auto [it, fresh] = localOwner.emplace(a, site.names.band);
        require(fresh || it->second == site.names.band, ErrorKind::InvalidSchedule,
                fmt::format("the local array '{}' of function '{}' is used by the processing "
                            "elements of bands '{}' and '{}'; PEs share data only through "
                            "streams (Stream[T, depth]) or the function's arguments",
                            a, fnName(fm), it->second, site.names.band),
                locOf(fm));
      }
    });
  }
  if (pes.empty()) {
    return pes;
  }
  for (PeInstance& pe : pes) {
    std::set<std::string> used;
    pe.domain.foreach_set([&](const isl::set& s) {
      const auto& t = touched[statementOf(fm, s)];
      used.insert(t.begin(), t.end());
    });
    for (const auto& a : fm.arrays()) {
      if (used.count(a->name) == 0) {
        continue;
      }
      bool isPrivate = a->role == core::ArrayRole::Local && !a->isStream();
      (isPrivate ? pe.privates : pe.shared).push_back(a);
    }
  }
  return pes;
}

} // namespace

std::vector<PeInstance> peInstances(const FunctionModel& fm, const isl::schedule& tree) {
  std::vector<PeInstance> pes = instancesOf(fm, tree);
  if (!pes.empty()) {
    if (std::optional<std::string> why = sharingViolation(fm, tree)) {
      throw Error(
          ErrorKind::InvalidSchedule,
          fmt::format("the processing elements of function '{}' share data: {}", fnName(fm), *why),
          locOf(fm));
    }
  }
  return pes;
}

std::optional<std::string> sharingViolation(const FunctionModel& fm, const isl::schedule& tree,
                                            PendingRelays pending) {
  // Which instances share a PE, from the unfolded loops' values (symbolic:
  // no enumeration of the PEs).
  isl::union_map samePe = isl::union_map::empty(fm.context.ctx());
  isl::union_set covered = isl::union_set::empty(fm.context.ctx());
  std::vector<std::pair<std::string, isl::union_map>> bands; // band name, coordinates
  for (const BandSite& site : bandSites(tree)) {
    std::vector<size_t> unfolded = unfoldedMembers(site.names);
    if (!unfolded.empty()) {
      isl::union_map coords = coordinates(tree, site, unfolded);
      samePe = samePe.unite(coords.apply_range(coords.reverse()));
      covered = covered.unite(site.domain);
      bands.emplace_back(site.names.band, coords);
    }
  }
  isl::union_set outside = fm.domain.subtract(covered);
  if (!outside.is_empty()) {
    return fmt::format("{} lies outside every unfolded band; in a dataflow region every "
                       "statement belongs to a PE: put it in a kernel of its own",
                       islStr(outside));
  }
  auto peName = [&](const isl::set& instance) {
    for (const auto& [band, coords] : bands) {
      isl::union_set at = isl::union_set(instance).apply(coords);
      if (!at.is_empty()) {
        isl::set point = at.as_set();
        std::string name = band;
        for (unsigned d = 0; d < point.tuple_dim(); ++d) {
          name += fmt::format("_{}", point.dim_min_val(static_cast<int>(d)).num_si());
        }
        return name;
      }
    }
    return std::string("?");
  };
  auto describe = [&](const isl::union_map& bad, const isl::union_map& first,
                      const isl::union_map& second, const char* firstDoes, const char* secondDoes) {
    isl::map pair = isl::map(bad.map_list().at(0).sample());
    isl::set source = pair.domain(), sink = pair.range();
    isl::union_set element =
        isl::union_set(source).apply(first).intersect(isl::union_set(sink).apply(second));
    return fmt::format("{} (in {}) {} {}, which {} (in {}) {}; PEs share data only through "
                       "streams",
                       pointText(source), peName(source), firstDoes,
                       element.is_empty() ? "?" : pointText(element.set_list().at(0)),
                       pointText(sink), peName(sink), secondDoes);
  };
  std::set<std::string> shared, privates;
  for (const auto& a : fm.arrays()) {
    if (a->isStream()) {
      continue;
    }
    bool isPrivate = a->role == core::ArrayRole::Local;
    (isPrivate ? privates : shared).insert(a->name);
  }
  // Shared arrays: any element two PEs touch, one of them writing it.
  isl::union_map writes = onArrays(fm, fm.mayWrites, shared);
  isl::union_map touches = onArrays(fm, fm.reads.unite(fm.mayWrites), shared);
  isl::union_map conflicts =
      writes.apply_range(touches.reverse()).subtract(samePe).subtract(copyPairs(fm, pending));
  if (!conflicts.is_empty()) {
    return describe(conflicts, writes, touches, "writes", "also accesses");
  }
  // Private locals: each PE has its own copy, so a PE must never read a
  // value another PE wrote (value-based: the last writer of each read).
  isl::union_map privateReads = onArrays(fm, fm.reads, privates);
  isl::union_map flow = isl::union_access_info(privateReads)
                            .set_must_source(onArrays(fm, fm.mustWrites, privates))
                            .set_may_source(onArrays(fm, fm.mayWrites, privates))
                            .set_schedule(tree)
                            .compute_flow()
                            .may_dependence()
                            .subtract(samePe);
  if (!flow.is_empty()) {
    return describe(flow, fm.mayWrites, privateReads, "writes", "reads in its own copy");
  }
  return std::nullopt;
}

std::string FifoLink::str() const {
  std::string s = stream;
  for (int64_t i : index) {
    s += fmt::format("[{}]", i);
  }
  return s;
}

std::vector<FifoLink> fifoLinks(const FunctionModel& fm, const std::vector<PeInstance>& pes) {
  std::map<std::pair<std::string, std::vector<int64_t>>, FifoLink> links;
  for (size_t p = 0; p < pes.size(); ++p) {
    for (const Reference& r : fm.refs) {
      if (r.stream == StreamOp::None || !r.write) {
        continue; // a stream access has a read and a write reference: take one
      }
      isl::union_set touched = pes[p].domain.apply(isl::union_map(r.access));
      if (touched.is_empty()) {
        continue;
      }
      auto elements = points(touched.as_set());
      require(elements.has_value(), ErrorKind::InvalidSchedule,
              fmt::format("PE '{}' of function '{}' uses elements of stream '{}' that depend on "
                          "data or parameters; index streams with constants and PE "
                          "coordinates",
                          pes[p].name, fnName(fm), r.array),
              locOf(fm));
      for (const auto& index : *elements) {
        FifoLink& link = links[{r.array, index}];
        link.stream = r.array;
        link.index = index;
        bool put = r.stream == StreamOp::Put;
        int& end = put ? link.producer : link.consumer;
        require(end < 0 || end == static_cast<int>(p), ErrorKind::InvalidSchedule,
                fmt::format("FIFO {} of function '{}' has two {}: PEs '{}' and '{}'; a stream "
                            "is single-producer single-consumer, give each pair its own FIFO",
                            link.str(), fnName(fm), put ? "producers" : "consumers",
                            pes[static_cast<size_t>(std::max(end, 0))].name, pes[p].name),
                locOf(fm));
        end = static_cast<int>(p);
      }
    }
  }
  std::vector<FifoLink> out;
  out.reserve(links.size());
  for (auto& [key, link] : links) {
    out.push_back(std::move(link));
  }
  return out;
}

} // namespace polyallo::poly

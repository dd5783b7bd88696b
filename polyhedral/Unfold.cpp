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

std::vector<size_t> unfoldedMembers(const BandNames& names) {
  std::vector<size_t> members;
  for (size_t m = 0; m < names.loops.size(); ++m) {
    if (names.attrsOf(m).unfold) {
      members.push_back(m);
    }
  }
  return members;
}

std::string fnName(const FunctionModel& fm) { return fm.fn != nullptr ? fm.fn->name() : "?"; }

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
  std::vector<std::vector<int64_t>> out;
  s.foreach_point([&](const isl::point& p) {
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

} // namespace

bool hasUnfoldedBand(const isl::schedule& tree) {
  for (const BandSite& site : bandSites(tree)) {
    if (!unfoldedMembers(site.names).empty()) {
      return true;
    }
  }
  return false;
}

std::vector<PeInstance> peInstances(const FunctionModel& fm, const isl::schedule& tree) {
  std::vector<PeInstance> pes;
  isl::union_set covered = isl::union_set::empty(fm.context.ctx());
  // Which band each array is used by (non-stream locals must stay in one).
  std::map<std::string, std::string> localOwner;
  auto touched = arraysByStatement(fm);
  for (const BandSite& site : bandSites(tree)) {
    std::vector<size_t> unfolded = unfoldedMembers(site.names);
    if (unfolded.empty()) {
      continue;
    }
    std::vector<isl::union_pw_aff> members;
    std::vector<std::string> loops;
    for (size_t m : unfolded) {
      members.push_back(bandMember(tree, site, m));
      loops.push_back(site.names.loops[m]);
    }
    isl::union_map coords =
        isl::union_map::from(makeBand(site.domain, members)).intersect_domain(site.domain);
    isl::set values = coords.range().as_set().intersect_params(fm.context);
    auto grid = points(values);
    require(grid.has_value(), ErrorKind::InvalidSchedule,
            fmt::format("the unfolded loops {} of band '{}' in function '{}' need constant "
                        "bounds: one processing element per iteration",
                        fmt::join(loops, ", "), site.names.band, fnName(fm)));
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
    covered = covered.unite(site.domain);
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
                            a, fnName(fm), it->second, site.names.band));
      }
    });
  }
  if (pes.empty()) {
    return pes;
  }
  isl::union_set outside = fm.domain.subtract(covered);
  require(outside.is_empty(), ErrorKind::InvalidSchedule,
          fmt::format("function '{}' is a dataflow region (it has unfolded loops), but {} lies "
                      "outside every unfolded band; put it in a kernel of its own",
                      fnName(fm), islStr(outside)));
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
                          pes[p].name, fnName(fm), r.array));
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
                            pes[static_cast<size_t>(std::max(end, 0))].name, pes[p].name));
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

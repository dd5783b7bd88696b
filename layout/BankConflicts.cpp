#include "layout/BankConflicts.h"

#include "polyhedral/IslShim.h"
#include "polyhedral/TreeEdit.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::layout {

namespace {

/// The constant extents of `decl`; Error(NotConstant) otherwise.
std::vector<int64_t> extentsOf(const core::ArrayDecl& decl) {
  std::vector<int64_t> extents;
  for (const core::Expr& e : decl.shape) {
    int64_t v = 0;
    require(core::constantValue(e, v), ErrorKind::NotConstant,
            fmt::format("bank conflicts: array '{}' is {}; its bank map needs constant extents "
                        "(give the module parameters constant values)",
                        decl.name, decl.typeStr()));
    extents.push_back(v);
  }
  return extents;
}

/// { A[e] -> [[bank] -> [direction, e]] } from the bank map
/// { A[e] -> [bank, offset] } of a rank-`rank` array.
isl::map bankedAccess(const isl::map& bankMap, size_t rank, int direction) {
  isl::ctx ctx = bankMap.ctx();
  auto n = static_cast<unsigned>(rank);
  isl::space flat = isl::space::unit(ctx).add_unnamed_tuple(2 * n);
  isl::multi_aff all = flat.identity_multi_aff_on_domain();
  isl::aff_list banks(ctx, static_cast<int>(n));
  for (unsigned d = 0; d < n; ++d) {
    banks = banks.add(all.at(static_cast<int>(d)));
  }
  isl::map bankOf = bankMap.apply_range(isl::multi_aff(flat.add_unnamed_tuple(n), banks).as_map());

  isl::space array = bankMap.domain().space();
  isl::multi_aff element = array.identity_multi_aff_on_domain();
  isl::aff_list tagged(ctx, static_cast<int>(n + 1));
  tagged = tagged.add(array.zero_aff_on_domain().add_constant(direction));
  for (unsigned d = 0; d < n; ++d) {
    tagged = tagged.add(element.at(static_cast<int>(d)));
  }
  return bankOf.range_product(isl::multi_aff(array.add_unnamed_tuple(n + 1), tagged).as_map());
}

/// The instances below the band at `site` -> the iteration of its member `m`
/// they belong to: the prefix schedule up to and including that member, with
/// `unroll` consecutive iterations as one (0: the whole loop is one).
isl::union_map iterations(const isl::schedule& tree, const poly::BandSite& site, size_t m,
                          int unroll) {
  isl::schedule_node band = poly::nodeAt(tree, site.path).child(0);
  isl::multi_union_pw_aff t = band.prefix_schedule_multi_union_pw_aff();
  std::vector<isl::union_pw_aff> members = poly::bandMembers(tree, site);
  for (size_t k = 0; k < m; ++k) {
    t = t.flat_range_product(isl::multi_union_pw_aff(members[k]));
  }
  if (unroll != 0) {
    isl::union_pw_aff self = members[m];
    if (unroll > 1) {
      poly::MemberRange range = poly::memberRange(self, site.domain);
      self = poly::floorDiv(poly::normalizedMember(self, site.domain, range), unroll);
    }
    t = t.flat_range_product(isl::multi_union_pw_aff(self));
  }
  return isl::union_map::from(t).intersect_domain(site.domain);
}

/// How many rounds of "drop the smallest access of every (iteration, bank)"
/// leave `accesses` non-empty: the most accesses of one bank in one
/// iteration. `last` receives the last non-empty remainder.
int64_t mostAccesses(const isl::map& accesses, isl::map& last) {
  int64_t rounds = 0;
  for (isl::map rest = accesses; !rest.is_empty(); ++rounds) {
    last = rest;
    rest = rest.subtract(rest.lexmin()).coalesce();
  }
  return rounds;
}

/// The first (iteration, bank) pair in `crowded`'s domain, with what
/// `accesses` puts on it and an instance of `perIteration` (t -> S) in it.
BankWitness witnessOf(const std::string& array, const isl::map& crowded, const isl::map& accesses,
                      const isl::union_map& perIteration) {
  isl::set pair = crowded.domain().lexmin();
  isl::map iterationBank = pair.unwrap();
  BankWitness w;
  isl::multi_val bank = iterationBank.range().sample_point().multi_val();
  for (int d = 0; d < static_cast<int>(bank.size()); ++d) {
    w.bank.push_back(bank.at(d).num_si());
  }
  isl::union_set instances = perIteration.intersect_domain(iterationBank.domain()).range();
  w.instance = poly::pointText(instances.lexmin().set_list().at(0));
  std::vector<std::vector<int64_t>> points;
  accesses.intersect_domain(pair).range().foreach_point([&](const isl::point& p) {
    isl::multi_val v = p.multi_val();
    std::vector<int64_t> coords;
    for (int d = 0; d < static_cast<int>(v.size()); ++d) {
      coords.push_back(v.at(d).num_si());
    }
    points.push_back(coords);
  });
  std::sort(points.begin(), points.end());
  for (const auto& coords : points) {
    std::vector<int64_t> element(coords.begin() + 1, coords.end());
    std::string text = fmt::format("{}[{}]", array, fmt::join(element, ", "));
    (coords[0] == 0 ? w.reads : w.writes).push_back(text);
  }
  return w;
}

/// The bank use of `array` in one iteration, from its affine references in
/// `refs` below `site` (`perIteration`: t -> S).
ArrayBankUse arrayUse(const poly::FunctionModel& fm, const std::string& array,
                      const std::vector<const poly::Reference*>& refs,
                      const isl::union_map& perIteration, const LayoutType& layout, int ports) {
  ArrayBankUse use;
  use.array = array;
  use.ports = ports;
  std::shared_ptr<core::ArrayDecl> decl = fm.findArray(array);
  std::vector<int64_t> extents = extentsOf(*decl);
  isl::map banks = bankMap(fm.domain.ctx(), array, extents, layout);
  std::optional<isl::union_map> all;
  for (const poly::Reference* ref : refs) {
    if (!ref->affine) {
      use.dataDependent.push_back(ref->tag);
      continue;
    }
    isl::union_map r =
        perIteration.apply_range(isl::union_map(ref->access))
            .apply_range(isl::union_map(bankedAccess(banks, extents.size(), ref->write ? 1 : 0)));
    all = all ? all->unite(r) : r;
  }
  if (!all || all->is_empty()) {
    return use;
  }
  // { [t -> bank] -> [direction, element] }, for the parameter values the function allows.
  isl::map accesses = all->uncurry().as_map().intersect_params(fm.context).coalesce();
  isl::map crowded;
  use.accesses = mostAccesses(accesses, crowded);
  use.minII = std::max<int64_t>(1, (use.accesses + ports - 1) / ports);
  if (use.accesses > ports) {
    use.witness = witnessOf(array, crowded, accesses, perIteration);
  }
  return use;
}

} // namespace

std::string BankWitness::str(const std::string& array) const {
  std::vector<std::string> parts;
  if (!reads.empty()) {
    parts.push_back(fmt::format("reads of {}", fmt::join(reads, ", ")));
  }
  if (!writes.empty()) {
    parts.push_back(fmt::format("writes of {}", fmt::join(writes, ", ")));
  }
  return fmt::format("in the iteration of {}, bank [{}] of {} serves {}", instance,
                     fmt::join(bank, ", "), array, fmt::join(parts, " and "));
}

int64_t PipelinedLoop::minII() const {
  int64_t ii = 1;
  for (const ArrayBankUse& a : arrays) {
    ii = std::max(ii, a.minII);
  }
  return ii;
}

std::vector<PipelinedLoop> bankConflicts(const poly::FunctionModel& fm, const isl::schedule& tree,
                                         const std::map<std::string, LayoutType>& layouts,
                                         int ports) {
  require(ports >= 1, ErrorKind::InvalidArgument,
          fmt::format("bank conflicts: a bank has at least 1 port, not {}", ports));
  std::vector<PipelinedLoop> out;
  for (const poly::BandSite& site : poly::bandSites(tree)) {
    for (size_t m = 0; m < site.names.loops.size(); ++m) {
      poly::LoopAttrs attrs = site.names.attrsOf(m);
      if (attrs.pipelineII <= 0) {
        continue;
      }
      PipelinedLoop loop{site.names.band, site.names.loops[m], attrs.pipelineII, {}};
      isl::union_map perIteration = iterations(tree, site, m, attrs.unroll).reverse();
      // The references below the loop, per array (0-d arrays are registers).
      std::map<std::string, std::vector<const poly::Reference*>> refs;
      for (const poly::Reference& ref : fm.refs) {
        std::shared_ptr<core::ArrayDecl> decl = fm.findArray(ref.array);
        if (decl && !decl->isScalar() &&
            !isl::union_map(ref.access).intersect_domain(site.domain).is_empty()) {
          refs[ref.array].push_back(&ref);
        }
      }
      for (const auto& [array, arrayRefs] : refs) {
        LayoutType layout = LayoutType::unpartitioned(fm.findArray(array)->rank());
        if (auto given = layouts.find(array); given != layouts.end()) {
          layout = given->second;
        }
        loop.arrays.push_back(arrayUse(fm, array, arrayRefs, perIteration, layout, ports));
      }
      out.push_back(std::move(loop));
    }
  }
  return out;
}

} // namespace polyallo::layout

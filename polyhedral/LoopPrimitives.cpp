// The loop primitives: split, tile, reorder, fuse (Schedule.h). Each
// rewrites the members of one band with isl's operations on its partial
// schedule and re-inserts the band under a mark with the new loop names.
#include "polyhedral/IslShim.h"
#include "polyhedral/Schedule.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::poly {

namespace {

/// The names with one attribute entry per loop.
BandNames normalized(BandNames names) {
  names.attrs.resize(names.loops.size());
  return names;
}

std::string quoted(const std::vector<std::string>& names) {
  std::vector<std::string> q;
  for (const auto& n : names) {
    q.push_back("'" + n + "'");
  }
  return fmt::format("{}", fmt::join(q, ", "));
}

} // namespace

isl::schedule Schedule::withBand(const Loop& loop, const isl::multi_union_pw_aff& partial,
                                 const BandNames& names) const {
  isl::schedule_node mark = nodeAt(trees_.at(loop.function), loop.band.path);
  TreeNode t = capture(mark);
  t.mark = makeBandMark(mark.ctx(), names);
  t.children.at(0).partial = partial;
  return replaceSubtree(mark, t).schedule();
}

void Schedule::applySplit(const Step& step) {
  Loop loop = findLoop(step, step.names.at(0));
  int64_t factor = step.values.at(0);
  const isl::schedule& tree = trees_.at(loop.function);
  std::vector<isl::union_pw_aff> list = bandMembers(tree, loop.band);
  const isl::union_set& domain = loop.band.domain;
  MemberRange range = memberRange(list[loop.member], domain);
  std::optional<int64_t> extent = range.trips();
  require(
      factor >= 1 && (!extent || factor <= *extent), ErrorKind::InvalidArgument,
      [&] {
        return fmt::format("split factor {} does not fit loop '{}'{}; a factor from 1 to {} "
                           "is legal",
                           factor, loop.name(),
                           extent ? fmt::format(" of {} iterations", *extent) : "",
                           extent ? fmt::format("{}", *extent) : "the trip count");
      },
      step.loc);
  // Count iterations from the loop's first value, as Halide does:
  // i = lb + stride * (f * outer + inner).
  isl::union_pw_aff shifted = normalizedMember(list[loop.member], domain, range);
  list[loop.member] = floorDiv(shifted, static_cast<long>(factor));
  list.insert(list.begin() + static_cast<long>(loop.member) + 1,
              modulo(shifted, static_cast<long>(factor)));

  BandNames names = normalized(loop.band.names);
  LoopAttrs inner = names.attrs[loop.member];
  require(
      inner.unroll <= factor, ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("split(\"{}\", {}) would leave unroll factor {} on {}.inner of {} "
                           "iterations (a split loop's marks move to its inner loop); split "
                           "by at least {} or unroll after splitting",
                           loop.name(), factor, inner.unroll, loop.name(), factor, inner.unroll);
      },
      step.loc);
  // A loop that is itself a guarded tail (i.inner split again) keeps its
  // guard on both new loops, so every loop keeps a constant trip count.
  bool guarded = inner.guardTail > 0 && !step.flag;
  bool remainder = !extent || *extent % factor != 0;
  inner.guardTail = (remainder || guarded) && !step.flag ? static_cast<int>(factor) : 0;
  LoopAttrs outer;
  outer.guardTail = guarded && extent ? static_cast<int>((*extent + factor - 1) / factor) : 0;
  names.loops[loop.member] = loop.name() + ".outer";
  names.attrs[loop.member] = outer;
  names.loops.insert(names.loops.begin() + static_cast<long>(loop.member) + 1,
                     loop.name() + ".inner");
  names.attrs.insert(names.attrs.begin() + static_cast<long>(loop.member) + 1, inner);
  commit(step, loop.function, withBand(loop, makeBand(domain, list), names), Check::Everything);
}

void Schedule::applyReorder(const Step& step) {
  require(!step.names.empty(), ErrorKind::InvalidArgument, "reorder needs the loops to permute",
          step.loc);
  std::vector<Loop> loops = findLoops(step, step.names);
  for (const Loop& l : loops) {
    require(
        l.function == loops[0].function && l.band.path == loops[0].band.path,
        ErrorKind::InvalidSchedule,
        [&] {
          return fmt::format(
              "reorder permutes the loops of one perfectly nested band, but '{}' is in band "
              "{} ({}) and '{}' in band {} ({}); loops with statements between them cannot "
              "be interchanged by reorder",
              loops[0].name(), loops[0].band.names.band, fmt::join(loops[0].band.names.loops, ", "),
              l.name(), l.band.names.band, fmt::join(l.band.names.loops, ", "));
        },
        step.loc);
  }
  std::vector<size_t> positions;
  for (const Loop& l : loops) {
    positions.push_back(l.member);
  }
  std::sort(positions.begin(), positions.end());
  const Loop& band = loops[0];
  std::vector<isl::union_pw_aff> before = bandMembers(trees_.at(band.function), band.band);
  std::vector<isl::union_pw_aff> after = before;
  BandNames old = normalized(band.band.names), names = old;
  for (size_t k = 0; k < loops.size(); ++k) {
    after[positions[k]] = before[loops[k].member];
    names.loops[positions[k]] = old.loops[loops[k].member];
    names.attrs[positions[k]] = old.attrs[loops[k].member];
  }
  commit(step, band.function, withBand(band, makeBand(band.band.domain, after), names), Check::Everything);
}

void Schedule::applyTile(const Step& step) {
  // Three steps under one log entry; apply() restores the trees if one fails.
  Loop x = findLoop(step, step.names.at(0)), y = findLoop(step, step.names.at(1));
  auto qualified = [](const Loop& l, const std::string& suffix) {
    return fmt::format("{}:{}:{}{}", l.function, l.band.names.band, l.name(), suffix);
  };
  require(
      x.function == y.function && x.band.path == y.band.path, ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("tile needs two loops of one band, the first outside the second; "
                           "'{}' is in band {} ({}) and '{}' in band {} ({}), with statements "
                           "between them",
                           x.name(), x.band.names.band, fmt::join(x.band.names.loops, ", "),
                           y.name(), y.band.names.band, fmt::join(y.band.names.loops, ", "));
      },
      step.loc);
  require(
      x.member != y.member, ErrorKind::InvalidArgument,
      [&] { return fmt::format("tile names loop '{}' twice; name two loops", x.name()); },
      step.loc);
  require(
      x.member < y.member, ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("tile needs two loops of one band, the first outside the second; "
                           "'{}' is inside '{}' (band {} has loops {}): name '{}' first",
                           x.name(), y.name(), x.band.names.band,
                           fmt::join(x.band.names.loops, ", "), y.name());
      },
      step.loc);
  Step sub = step;
  sub.primitive = "split";
  sub.names = {qualified(x, "")};
  sub.values = {step.values.at(0)};
  applySplit(sub);
  sub.names = {qualified(y, "")};
  sub.values = {step.values.at(1)};
  applySplit(sub);
  sub.primitive = "reorder";
  sub.values = {};
  sub.names = {qualified(x, ".outer"), qualified(y, ".outer"), qualified(x, ".inner"),
               qualified(y, ".inner")};
  applyReorder(sub);
}

void Schedule::applyFuse(const Step& step) {
  require(step.names.size() >= 2, ErrorKind::InvalidArgument,
          "fuse coalesces two or more nested loops, e.g. fuse(\"i\", \"j\")", step.loc);
  std::vector<Loop> loops = findLoops(step, step.names);
  const Loop& first = loops[0];
  for (size_t k = 1; k < loops.size(); ++k) {
    require(
        loops[k].function == first.function && loops[k].band.path == first.band.path &&
            loops[k].member == first.member + k,
        ErrorKind::InvalidSchedule,
        [&] {
          return fmt::format(
              "fuse coalesces consecutive nested loops of one band, outermost first; {} are "
              "not (band {} has loops {})",
              quoted(step.names), first.band.names.band, fmt::join(first.band.names.loops, ", "));
        },
        step.loc);
  }
  for (size_t k = 0; k + 1 < loops.size(); ++k) {
    std::string marks = first.band.names.attrsOf(loops[k].member).str();
    require(
        marks.empty(), ErrorKind::InvalidSchedule,
        [&] {
          return fmt::format("fuse would drop the marks of '{}' ({}): only the innermost "
                             "fused loop's marks carry over; fuse first, then mark the fused "
                             "loop",
                             loops[k].name(), marks);
        },
        step.loc);
  }
  const isl::union_set& domain = first.band.domain;
  std::vector<isl::union_pw_aff> list = bandMembers(trees_.at(first.function), first.band);
  // fused = sum over k of (iteration number of loop k) * (trip counts of the loops inside k):
  // exact when the fused loops span a box, which the check below proves.
  std::vector<int64_t> trips;
  isl::union_pw_aff fused;
  isl::val_list lows(domain.ctx(), 0), highs(domain.ctx(), 0);
  std::vector<isl::union_pw_aff> fusedMembers; // each counting its iterations from 0
  for (const Loop& l : loops) {
    MemberRange r = memberRange(list[l.member], domain);
    require(
        r.trips().has_value(), ErrorKind::InvalidSchedule,
        [&] {
          return fmt::format("fuse needs loops with constant bounds; the bounds of '{}' "
                             "depend on parameters",
                             l.name());
        },
        step.loc);
    trips.push_back(*r.trips());
    lows = lows.add(isl::val(domain.ctx(), 0));
    highs = highs.add(isl::val(domain.ctx(), *r.trips() - 1));
    fusedMembers.push_back(normalizedMember(list[l.member], domain, r));
  }
  isl::space boxSpace =
      domain.space().params().add_unnamed_tuple(static_cast<unsigned>(loops.size()));
  isl::set box = isl::set::universe(boxSpace)
                     .lower_bound(boxSpace.multi_val(lows))
                     .upper_bound(boxSpace.multi_val(highs));
  isl::union_set spanned =
      isl::union_map::from(makeBand(domain, fusedMembers)).intersect_domain(domain).range();
  require(
      isl::union_set(box).is_subset(spanned), ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("fuse needs loops whose bounds do not depend on each other; {} "
                           "do not span a rectangle",
                           quoted(step.names));
      },
      step.loc);
  int64_t scale = 1;
  for (size_t k = loops.size(); k-- > 0;) {
    isl::union_pw_aff term = scaled(fusedMembers[k], static_cast<long>(scale));
    fused = fused.is_null() ? term : fused.add(term);
    scale *= trips[k];
  }
  BandNames names = normalized(first.band.names);
  std::string name;
  for (const Loop& l : loops) {
    name += (name.empty() ? "" : "_") + l.name();
  }
  list[first.member] = fused;
  list.erase(list.begin() + static_cast<long>(first.member) + 1,
             list.begin() + static_cast<long>(first.member + loops.size()));
  names.loops[first.member] = name + "_fused";
  names.loops.erase(names.loops.begin() + static_cast<long>(first.member) + 1,
                    names.loops.begin() + static_cast<long>(first.member + loops.size()));
  names.attrs[first.member] = names.attrs[first.member + loops.size() - 1];
  names.attrs.erase(names.attrs.begin() + static_cast<long>(first.member) + 1,
                    names.attrs.begin() + static_cast<long>(first.member + loops.size()));
  commit(step, first.function, withBand(first, makeBand(domain, list), names), Check::Everything);
}

} // namespace polyallo::poly

// reuse_at (Schedule.h): a shift buffer for a window of an array that moves
// along one of its dimensions as a loop advances.
//
//   for y in range(6):                         for y in range(6):
//     for x in range(8):                         if y >= 1:   (shift, then load the new row)
//       B[y, x] = A[y, x] + A[y + 1, x]            for x_shift: A_reuse[0, x_shift] = A_reuse[1,
//       x_shift]
//                                     ->           for x_load:  A_reuse[1, x_load] = A[y + 1,
//                                     x_load]
//                                                else:        (the first iteration fills the
//                                                window)
//                                                  for y_load, x_load: A_reuse[y_load, x_load] =
//                                                  A[y_load, x_load]
//                                                for x in range(8):
//                                                  B[y, x] = A_reuse[0, x] + A_reuse[1, x]
//
// What one iteration of the loop reads is a box (isl's fixed box hull of the
// footprint, as for buffer_at) whose offset moves with the loop in exactly
// one dimension d: offset_d = c * loop + ..., the others fixed. Consecutive
// iterations are `shift = c * step` apart along d; the box is `distance + 1`
// wide there, and when it is wider than the shift consecutive windows overlap
// (the reuse). Each iteration but the first of each run of the loop moves
// the buffer by `shift` and loads the `shift` new rows; the first loads the
// whole window. The rows of the box are the buffer's dimension d, the other
// dimensions are the box's. A loop that writes the array is refused: the
// buffer would keep values the write replaced (Allo's issue #370 gave wrong
// results there).
#include "polyhedral/BufferGraft.h"
#include "polyhedral/IslShim.h"
#include "polyhedral/Schedule.h"

#include <fmt/format.h>

namespace polyallo::poly {

namespace {

/// The prefix values (outer loops, then the axis) at which the axis takes
/// its first value for its outer loops' values.
isl::set firstIterations(const isl::set& prefixes, int count) {
  isl::map outerToAxis = projection(prefixes.space(), 0, count - 1)
                             .as_map()
                             .intersect_domain(prefixes)
                             .reverse()
                             .apply_range(projection(prefixes.space(), count - 1, 1).as_map());
  return outerToAxis.lexmin().wrap().flatten();
}

} // namespace

void Schedule::applyReuseAt(const Step& step) {
  MemoryTarget target = memoryTarget(step);
  const Loop& axis = target.axis;
  const FunctionModel& fm = functionModel(axis.function);
  const core::ArrayDecl& array = *target.array;
  const std::string& call = target.call;
  const isl::schedule& tree = trees_.at(axis.function);
  isl::union_map reads = isl::union_map::empty(tree.ctx());
  for (int r : target.refs) {
    const Reference& ref = fm.refs[static_cast<size_t>(r)];
    require(!ref.write, ErrorKind::InvalidSchedule,
            fmt::format("{}: loop '{}' writes '{}' (at {}), so a window of it kept in a buffer "
                        "would go stale; reuse_at buffers arrays the loop only reads (buffer_at "
                        "buffers one it writes)",
                        call, axis.name(), array.name,
                        fm.statements[static_cast<size_t>(ref.statement)].stmt->loc.str()),
            step.loc);
    reads = reads.unite(isl::union_map(ref.access));
  }
  AxisPrefix prefix = axisPrefix(tree, axis.band, axis.member);
  int p = static_cast<int>(prefix.members.size());
  isl::map footprint = prefix.map.reverse().apply_range(reads).as_map();
  isl::fixed_box box = footprint.range_simple_fixed_box_hull();
  require(
      box.is_valid(), ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("{}: the elements of '{}' one iteration of '{}' reads ({}) fit in no "
                           "box of constant size, so there is no window to shift",
                           call, array.name, axis.name(), islStr(footprint));
      },
      step.loc);

  // The dimension the window moves along, and by how much per iteration.
  isl::multi_aff offset = box.offset();
  isl::multi_val size = box.size();
  std::vector<size_t> moving;
  int64_t slope = 0;
  bool linear = true; // the offset is c * axis + (terms without the axis)
  for (int k = 0; k < static_cast<int>(offset.size()); ++k) {
    AffTerms terms = affTerms(offset.at(k));
    isl::val c = terms.dims.at(static_cast<size_t>(p - 1));
    bool throughDivision = false;
    for (const isl::aff& arg : terms.divArguments) {
      throughDivision =
          throughDivision || !affTerms(arg).dims.at(static_cast<size_t>(p - 1)).is_zero();
    }
    if (!c.is_zero() || throughDivision) {
      moving.push_back(static_cast<size_t>(k));
      linear = !throughDivision && c.is_int();
      slope = linear ? c.get_num_si() : 0;
    }
  }
  require(
      moving.size() == 1, ErrorKind::InvalidSchedule,
      [&] {
        return moving.empty()
                   ? fmt::format("{}: every iteration of '{}' reads the same elements of "
                                 "'{}', so there is no window to shift; buffer_at holds "
                                 "them in one buffer",
                                 call, axis.name(), array.name)
                   : fmt::format("{}: the elements of '{}' one iteration of '{}' reads move "
                                 "along {} of its dimensions at once; reuse_at shifts a "
                                 "window along one dimension",
                                 call, array.name, axis.name(), moving.size());
      },
      step.loc);
  size_t d = moving[0];
  require(linear, ErrorKind::InvalidSchedule,
          fmt::format("{}: the window of '{}' moves by a step that is not a constant multiple of "
                      "'{}' (its offset {} divides the loop), so it cannot shift by the same "
                      "amount every iteration",
                      call, array.name, axis.name(), islStr(offset.at(static_cast<int>(d)))),
          step.loc);
  MemberRange range = memberRange(bandMember(tree, axis.band, axis.member), axis.band.domain);
  int64_t shift = slope * range.stride;
  int64_t width = size.at(static_cast<int>(d)).get_num_si();
  require(shift > 0, ErrorKind::InvalidSchedule,
          fmt::format("{}: the window of '{}' moves backwards (by {} element(s)) as '{}' advances; "
                      "reuse_at follows a window that moves forwards",
                      call, array.name, -shift, axis.name()),
          step.loc);
  require(width > shift, ErrorKind::InvalidSchedule,
          fmt::format("{}: one iteration of '{}' reads {} element(s) along dimension {} of '{}' "
                      "and the next starts {} further, so no element is read twice; buffer_at "
                      "buffers each iteration's elements",
                      call, axis.name(), width, d + 1, array.name, shift),
          step.loc);

  std::vector<int64_t> sizes;
  for (int k = 0; k < static_cast<int>(size.size()); ++k) {
    sizes.push_back(size.at(k).get_num_si());
  }
  BufferShape shape(footprint.space(), offset, sizes, d);
  ModelEdit edit(fm);
  std::shared_ptr<core::ArrayDecl> buffer =
      edit.addBuffer(freshArrayName(fm, array.name + "_reuse"), array, shape.sizes(), step.loc);
  shape.name(buffer->name);
  for (int s : statementsOf(fm, target.refs)) {
    shape.redirect(edit, fm.statements[static_cast<size_t>(s)], s, prefix.map, array, buffer);
  }

  // Copy instances [prefix..., position...]: the shift on every iteration
  // but the first of a run, the load of the new rows there and of the whole
  // window on the first.
  isl::set prefixes = prefix.map.range().as_set();
  isl::set first = firstIterations(prefixes, p);
  isl::set later = prefixes.subtract(first);
  int rank = static_cast<int>(shape.kept().size());
  int row = p + shape.position(d);
  std::vector<std::string> dimNames = prefix.loops, shiftLoops, loadLoops;
  for (size_t k : shape.kept()) {
    shiftLoops.push_back(copyLoopName(fm, target.refs, array, k, "_shift"));
    loadLoops.push_back(copyLoopName(fm, target.refs, array, k, "_load"));
  }
  auto copySpace = [&](const std::string& name) {
    return fm.context.space().add_named_tuple(isl::id(tree.ctx(), name),
                                              static_cast<unsigned>(p + rank));
  };
  auto window = [&](const isl::space& space) {
    isl::set all = isl::set::universe(space);
    for (int q = 0; q < rank; ++q) {
      all = all.intersect(between(space, p + q, 0, shape.sizes()[static_cast<size_t>(q)]));
    }
    return all;
  };
  std::vector<CopyNest> copies;
  {
    isl::space space = copySpace(edit.nextStatementName());
    isl::multi_aff project = projection(space, 0, p);
    isl::set domain = later.preimage(project)
                          .intersect(window(space))
                          .intersect(between(space, row, 0, width - shift))
                          .coalesce();
    isl::multi_aff dst = shape.bufferIndex(space);
    isl::aff moved = dst.at(row - p).add_constant(isl::val(tree.ctx(), static_cast<long>(shift)));
    std::vector<std::string> names = dimNames;
    names.insert(names.end(), shiftLoops.begin(), shiftLoops.end());
    edit.addCopy(domain, names, buffer, dst, buffer, dst.set_at(row - p, moved), step.loc);
    copies.push_back({domain, buffer->name + "_shift", shiftLoops, true});
  }
  {
    isl::space space = copySpace(edit.nextStatementName());
    isl::multi_aff project = projection(space, 0, p);
    isl::set extent = fm.arrayExtents.extract_set(footprint.space().range());
    isl::set domain =
        first.preimage(project)
            .unite(later.preimage(project).intersect(between(space, row, width - shift, width)))
            .intersect(window(space))
            .intersect(extent.preimage(shape.arrayIndex(space)))
            .coalesce();
    std::vector<std::string> names = dimNames;
    names.insert(names.end(), loadLoops.begin(), loadLoops.end());
    edit.addCopy(domain, names, buffer, shape.bufferIndex(space), target.array,
                 shape.arrayIndex(space), step.loc);
    copies.push_back({domain, buffer->name + "_load", loadLoops, true});
  }
  isl::schedule grafted = graftCopies(tree, axis.band, axis.member, copies);
  rewritten_[axis.function] = std::make_shared<const FunctionModel>(edit.finish(grafted));
  commit(step, axis.function, grafted, Check::ParallelMarks);
}

std::string Schedule::reuseAt(const std::string& array, const std::string& axis, Here here) {
  run({"reuse_at", "", {array, axis}, {}, false, {}}, here);
  return functionModel(steps_.back().function).buffers.back()->name;
}

} // namespace polyallo::poly

// buffer_at (Schedule.h): an on-chip buffer for one array inside one loop.
//
//   for i in range(32):                     for i in range(32):
//     for k in range(32):                     for j_init in range(32):  # pipeline II=1
//       for j in range(32):           ->        C_buf[j_init] = C[i, j_init]
//         C[i, j] += A[i, k] * B[k, j]        for k in range(32):
//                                               for j in range(32):
//                                                 C_buf[j] += A[i, k] * B[k, j]
//                                             for j_back in range(32):  # pipeline II=1
//                                               C[i, j_back] = C_buf[j_back]
//
// The elements of the array that one iteration of the loop touches, as a
// function of the loop and the loops around it (the prefix schedule), are
// its footprint; isl's simple fixed box hull of the footprint gives the
// buffer's shape (dimensions of size 1 dropped) and the offset every access
// under the loop is rewritten relative to. The copy statements are indexed
// by the prefix and the buffer position, like PPCG's copy statements: the
// load copies what the iteration reads (and what it may write without
// writing for sure, so that the store never writes garbage back); the store
// copies what it writes. memoryTarget, the validation buffer_at and reuse_at
// share, is here too.
#include "polyhedral/BufferGraft.h"
#include "polyhedral/IslShim.h"
#include "polyhedral/ModelEdit.h"
#include "polyhedral/Schedule.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::poly {

Schedule::MemoryTarget Schedule::memoryTarget(const Step& step) const {
  const std::string& primitive = step.primitive;
  MemoryTarget t{findLoop(step, step.names.at(1)), nullptr, {}, ""};
  const FunctionModel& fm = functionModel(t.axis.function, step.loc);
  std::string arrayName = step.names.at(0);
  if (size_t colon = arrayName.rfind(':'); colon != std::string::npos) {
    require(arrayName.substr(0, colon) == t.axis.function, ErrorKind::InvalidArgument,
            fmt::format("{}: the array '{}' and the loop '{}' belong to different functions; "
                        "name a loop of the array's function",
                        primitive, arrayName, step.names.at(1)),
            step.loc);
    arrayName = arrayName.substr(colon + 1);
  }
  t.array = fm.array(arrayName, primitive, step.loc);
  t.call = fmt::format("{}({}, \"{}\")", primitive, arrayName, t.axis.name());
  require(!t.array->isScalar(), ErrorKind::InvalidArgument,
          fmt::format("{}: '{}' is a scalar, which already lives in a register; buffer an array",
                      t.call, arrayName),
          step.loc);
  for (size_t r = 0; r < fm.refs.size(); ++r) {
    const Reference& ref = fm.refs[r];
    const Statement& st = fm.statements[static_cast<size_t>(ref.statement)];
    if (ref.array != arrayName ||
        t.axis.band.domain.intersect(isl::union_set(st.domain)).is_empty()) {
      continue;
    }
    require(st.stmt->kind != core::StmtKind::Call, ErrorKind::InvalidSchedule,
            fmt::format("{}: '{}' is passed to '{}' inside the loop, and the callee cannot see "
                        "the buffer; buffer it inside '{}' instead",
                        t.call, arrayName, st.stmt->callee, st.stmt->callee),
            step.loc);
    require(ref.affine, ErrorKind::InvalidSchedule,
            fmt::format("{}: a subscript of '{}' at {} depends on data, so its footprint is "
                        "unknown; {} needs affine subscripts",
                        t.call, arrayName, st.stmt->loc.str(), primitive),
            step.loc);
    t.refs.push_back(static_cast<int>(r));
  }
  require(!t.refs.empty(), ErrorKind::InvalidSchedule,
          fmt::format("{}: nothing inside loop '{}' accesses '{}'; buffer it at a loop whose body "
                      "uses it",
                      t.call, t.axis.name(), arrayName),
          step.loc);
  return t;
}

void Schedule::applyBufferAt(const Step& step) {
  MemoryTarget target = memoryTarget(step);
  const Loop& axis = target.axis;
  const FunctionModel& fm = functionModel(axis.function);
  const std::shared_ptr<core::ArrayDecl>& array = target.array;
  const std::string& arrayName = array->name;
  const std::string& call = target.call;
  const std::vector<int>& refs = target.refs;
  const isl::schedule& tree = trees_.at(axis.function);
  AxisPrefix prefix = axisPrefix(tree, axis.band, axis.member);
  isl::union_map all = isl::union_map::empty(tree.ctx()), load = all, store = all;
  for (int r : refs) {
    const Reference& ref = fm.refs[static_cast<size_t>(r)];
    isl::union_map access(ref.access);
    all = all.unite(access);
    if (!ref.write || !ref.must) {
      load = load.unite(access);
    }
    if (ref.write) {
      store = store.unite(access);
    }
  }
  isl::union_map toTime = prefix.map.reverse();
  isl::map footprint = toTime.apply_range(all).as_map();
  isl::fixed_box box = footprint.range_simple_fixed_box_hull();
  require(
      box.is_valid(), ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("{}: the elements of '{}' one iteration of '{}' touches ({}) fit "
                           "in no box of constant size; buffer it at a loop where they do",
                           call, arrayName, axis.name(), islStr(footprint));
      },
      step.loc);
  BufferShape shape(footprint.space(), box);
  ModelEdit edit(fm);
  std::shared_ptr<core::ArrayDecl> buffer =
      edit.addBuffer(freshArrayName(fm, arrayName + "_buf"), *array, shape.sizes(), step.loc);
  shape.name(buffer->name);

  // Every access under the loop moves to the buffer, relative to the offset.
  for (int s : statementsOf(fm, refs)) {
    shape.redirect(edit, fm.statements[static_cast<size_t>(s)], s, prefix.map, *array, buffer);
  }
  std::vector<CopyNest> copies;
  for (const auto& [footprintOf, suffix, toBuffer] :
       {std::tuple{load, "_init", true}, std::tuple{store, "_back", false}}) {
    if (footprintOf.is_empty()) {
      continue;
    }
    std::vector<std::string> dims = prefix.loops, loops;
    for (size_t k : shape.kept()) {
      loops.push_back(copyLoopName(fm, refs, *array, k, suffix));
    }
    dims.insert(dims.end(), loops.begin(), loops.end());
    isl::set domain =
        shape.copyDomain(toTime.apply_range(footprintOf).as_map(), edit.nextStatementName());
    if (toBuffer) {
      edit.addCopy(domain, dims, buffer, shape.bufferIndex(domain.space()), array,
                   shape.arrayIndex(domain.space()), step.loc);
    } else {
      edit.addCopy(domain, dims, array, shape.arrayIndex(domain.space()), buffer,
                   shape.bufferIndex(domain.space()), step.loc);
    }
    copies.push_back({domain, buffer->name + suffix, loops, toBuffer});
  }
  isl::schedule grafted = graftCopies(tree, axis.band, axis.member, copies);
  rewritten_[axis.function] = std::make_shared<const FunctionModel>(edit.finish(grafted));
  commit(step, axis.function, grafted, Check::ParallelMarks);
}

std::string Schedule::bufferAt(const std::string& array, const std::string& axis, Here here) {
  run({"buffer_at", "", {array, axis}, {}, false, {}}, here);
  return functionModel(steps_.back().function).buffers.back()->name;
}

} // namespace polyallo::poly

// The mark primitives: unroll, pipeline, parallel (loop attributes in the
// band's mark payload), dataflow and inline (a loop attribute, or a mark
// named after the primitive directly under a function's domain node).
// Marks never change the order of execution; only parallel has a legality
// condition: the loop carries no dependence.
#include "polyhedral/IslShim.h"
#include "polyhedral/Legality.h"
#include "polyhedral/Schedule.h"

#include <fmt/format.h>

namespace polyallo::poly {

namespace {

/// The function-level marks: a chain of marks right under the domain node.
bool hasFunctionMark(const isl::schedule& tree, const std::string& name) {
  isl::schedule_node node = tree.root();
  while (node.n_children() > 0) {
    node = node.child(0);
    if (!node.isa<isl::schedule_node_mark>() || bandNames(markId(node)) != nullptr) {
      return false;
    }
    if (markId(node).name() == name) {
      return true;
    }
  }
  return false;
}

} // namespace

void Schedule::applyMark(const Step& step) {
  Loop loop = findLoop(step, step.names.at(0));
  int64_t value = step.values.at(0);
  BandNames names = loop.band.names;
  names.attrs.resize(names.loops.size());
  LoopAttrs& attrs = names.attrs[loop.member];
  if (step.primitive == "unroll") {
    std::optional<int64_t> trip =
        memberRange(bandMember(trees_.at(loop.function), loop.band, loop.member), loop.band.domain)
            .trips();
    require(
        value >= 0 && (!trip || value <= *trip) && value <= (1 << 20), ErrorKind::InvalidArgument,
        [&] {
          return fmt::format("unroll factor {} does not fit loop '{}'{}; 0 unrolls fully, a "
                             "factor from 1 to {} partially",
                             value, loop.name(),
                             trip ? fmt::format(" of {} iterations", *trip) : "",
                             trip ? fmt::format("{}", *trip) : "the trip count");
        },
        step.loc);
    attrs.unroll = static_cast<int>(value);
  } else {
    require(
        value >= 1 && value <= (1 << 20), ErrorKind::InvalidArgument,
        [&] {
          return fmt::format("pipeline initiation interval {} is not a positive cycle count; "
                             "1 starts an iteration every cycle",
                             value);
        },
        step.loc);
    attrs.pipelineII = static_cast<int>(value);
    attrs.rewind = step.flag;
  }
  commit(step, loop.function, withNames(loop, names), Check::Nothing);
}

void Schedule::applyParallel(const Step& step) {
  Loop loop = findLoop(step, step.names.at(0));
  // The dependences between instances that share every loop outside this
  // one must also share this loop's value: otherwise the loop carries them.
  const FunctionModel& fn = functionModel(loop.function);
  if (std::optional<Violation> v =
          findCarried(fn, trees_.at(loop.function), loop.band.path, loop.member)) {
    std::string hint = scalarHint(*v, loop.name());
    throw Error(ErrorKind::IllegalSchedule,
                fmt::format("parallel(\"{}\") is illegal in function '{}': the loop carries the "
                            "{} dependence {} -> {} on {} (different iterations of '{}' touch "
                            "the same element); {}",
                            loop.name(), loop.function, v->kind, v->source, v->sink, v->element,
                            loop.name(),
                            hint.empty() ? "pipeline or unroll it instead"
                                         : hint + "; or pipeline or unroll the loop instead"),
                step.loc);
  }
  BandNames names = loop.band.names;
  names.attrs.resize(names.loops.size());
  names.attrs[loop.member].parallel = true;
  commit(step, loop.function, withNames(loop, names), Check::Nothing);
}

void Schedule::applyFunctionMark(const Step& step) {
  const std::string& target = step.names.at(0);
  if (trees_.count(target) != 0) {
    if (!hasFunctionMark(trees_.at(target), step.primitive)) {
      isl::schedule_node top = trees_.at(target).root().child(0);
      isl::id mark(top.ctx(), step.primitive);
      commit(step, target, top.insert_mark(mark).schedule(), Check::Nothing);
    }
    return;
  }
  auto functions = [&] {
    std::vector<std::string> names;
    for (const auto& [n, t] : trees_) {
      names.push_back(n);
    }
    return fmt::format("{}", fmt::join(names, ", "));
  };
  require(
      step.primitive == "dataflow", ErrorKind::UnknownName,
      [&] {
        return fmt::format("inline takes a function; the module has no function '{}' (its "
                           "functions are {})",
                           target, functions());
      },
      step.loc);
  Loop loop;
  try {
    loop = findBand(step, target);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::UnknownName) {
      throw;
    }
    // Not a loop either: say that a function would do as well.
    throw Error(ErrorKind::UnknownName,
                fmt::format("dataflow takes a function, a band or a loop; the module has no "
                            "function '{}' (its functions are {}), and {}",
                            target, functions(), e.message()),
                step.loc);
  }
  BandNames names = loop.band.names;
  names.attrs.resize(names.loops.size());
  names.attrs[loop.member].dataflow = true;
  commit(step, loop.function, withNames(loop, names), Check::Nothing);
}

bool Schedule::isDataflow(const std::string& function) const {
  return hasFunctionMark(tree(function), "dataflow");
}

bool Schedule::isInline(const std::string& function) const {
  return hasFunctionMark(tree(function), "inline");
}

} // namespace polyallo::poly

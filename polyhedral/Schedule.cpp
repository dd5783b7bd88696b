#include "polyhedral/Schedule.h"

#include "polyhedral/IslShim.h"
#include "polyhedral/Legality.h"

#include <fmt/format.h>

namespace polyallo::poly {

namespace {

std::vector<std::string> splitOn(const std::string& text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t k = 0; k <= text.size(); ++k) {
    if (k == text.size() || text[k] == sep) {
      parts.push_back(text.substr(start, k - start));
      start = k + 1;
    }
  }
  return parts;
}

/// The scalar (0-d array) an element like "acc[]" belongs to, or "".
std::string scalarOf(const std::string& element) {
  return element.size() > 2 && element.substr(element.size() - 2) == "[]"
             ? element.substr(0, element.size() - 2)
             : "";
}

} // namespace

std::string Step::str() const {
  if (primitive == "partition") {
    return partitionStepText(*this);
  }
  if (primitive == "unfold") {
    size_t count = static_cast<size_t>(values.at(0));
    std::vector<int64_t> axes(values.begin() + 1, values.begin() + 1 + count);
    std::vector<int64_t> factors(values.begin() + 1 + count, values.end());
    return fmt::format("unfold(\"{}\", axis=[{}]{})", names.at(0), fmt::join(axes, ", "),
                       factors.empty() ? ""
                                       : fmt::format(", factor=[{}]", fmt::join(factors, ", ")));
  }
  if (primitive == "to") {
    return fmt::format("to({}, \"{}\"{}, depth={})", names.at(0), names.at(1),
                       flag ? fmt::format(", axis={}", values.at(0)) : "", values.at(1));
  }
  std::vector<std::string> args;
  for (const auto& n : names) {
    args.push_back(fmt::format("\"{}\"", n));
  }
  for (int64_t v : values) {
    args.push_back(primitive == "pipeline" ? fmt::format("initiation_interval={}", v)
                                           : fmt::format("{}", v));
  }
  if (flag) {
    args.push_back(primitive == "pipeline" ? "rewind=True" : "tail=\"shrink\"");
  }
  return fmt::format("{}({})", primitive, fmt::join(args, ", "));
}

Schedule::Schedule(const ModuleModel& model, std::string function)
    : model_(&model), function_(std::move(function)) {
  model.function(function_); // throws UnknownName listing the functions
  for (const FunctionModel& fn : model.functions()) {
    trees_.emplace(fn.fn->name(), fn.schedule);
  }
}

const isl::schedule& Schedule::tree(const std::string& function) const {
  const std::string& name = function.empty() ? function_ : function;
  auto it = trees_.find(name);
  require(it != trees_.end(), ErrorKind::UnknownName,
          [&] { return fmt::format("the schedule has no function '{}'", name); });
  return it->second;
}

ScheduleMap Schedule::trees() const {
  ScheduleMap out;
  for (const auto& [name, tree] : trees_) {
    auto it = rewritten_.find(name);
    out.emplace(name, ScheduledFunction(tree, it != rewritten_.end() ? it->second : nullptr));
  }
  return out;
}

const FunctionModel& Schedule::functionModel(const std::string& function) const {
  return functionModel(function, SourceLoc{});
}

const FunctionModel& Schedule::functionModel(const std::string& name, const SourceLoc& loc) const {
  if (trees_.count(name) == 0) {
    std::vector<std::string> names;
    for (const auto& [n, t] : trees_) {
      names.push_back(n);
    }
    throw Error(ErrorKind::UnknownName,
                fmt::format("the module has no function '{}'; its functions are {}", name,
                            fmt::join(names, ", ")),
                loc);
  }
  auto it = rewritten_.find(name);
  return it != rewritten_.end() ? *it->second : model_->function(name);
}

std::string Schedule::loopList(const std::string& function) const {
  std::vector<std::string> bands;
  for (const BandSite& site : bandSites(trees_.at(function))) {
    bands.push_back(
        fmt::format("{} (band {})", fmt::join(site.names.loops, ", "), site.names.band));
  }
  return bands.empty() ? "none" : fmt::format("{}", fmt::join(bands, "; "));
}

Schedule::Loop Schedule::findLoop(const Step& step, const std::string& spelling) const {
  std::vector<std::string> parts = splitOn(spelling, ':');
  std::string function = step.function, band, name = parts.back();
  if (parts.size() == 2) {
    (trees_.count(parts[0]) != 0 ? function : band) = parts[0];
  } else if (parts.size() == 3) {
    function = parts[0];
    band = parts[1];
  }
  require(parts.size() <= 3 && !name.empty(), ErrorKind::InvalidArgument,
          fmt::format("'{}' is not a loop name; write \"i\", \"func:i\", \"band:i\" or "
                      "\"func:band:i\"",
                      spelling),
          step.loc);
  functionModel(function, step.loc);
  std::vector<Loop> found;
  for (const BandSite& site : bandSites(trees_.at(function))) {
    // A band split by compute_at, buffer_at or reuse_at keeps answering to
    // its name: its inner part is "band_inner".
    bool named = site.names.band == band || site.names.band.rfind(band + "_inner", 0) == 0;
    if (!band.empty() && !named) {
      continue;
    }
    for (size_t m = 0; m < site.names.loops.size(); ++m) {
      if (site.names.loops[m] == name) {
        found.push_back({function, site, m});
      }
    }
  }
  if (found.size() == 1) {
    return found[0];
  }
  if (found.empty()) {
    throw Error(ErrorKind::UnknownName,
                fmt::format("function '{}' has no loop '{}'{}; its loops are {}", function, name,
                            band.empty() ? "" : fmt::format(" in a band '{}'", band),
                            loopList(function)),
                step.loc);
  }
  std::vector<std::string> spellings;
  for (const Loop& l : found) {
    spellings.push_back(fmt::format("\"{}:{}\"", l.band.names.band, name));
  }
  throw Error(ErrorKind::InvalidSchedule,
              fmt::format("function '{}' has {} loops named '{}'; name one with its band: {}",
                          function, found.size(), name, fmt::join(spellings, " or ")),
              step.loc);
}

std::vector<Schedule::Loop> Schedule::findLoops(const Step& step,
                                                const std::vector<std::string>& spellings) const {
  std::vector<Loop> loops;
  for (const auto& s : spellings) {
    loops.push_back(findLoop(step, s));
    for (size_t k = 0; k + 1 < loops.size(); ++k) {
      require(loops[k].function != loops.back().function ||
                  loops[k].band.path != loops.back().band.path ||
                  loops[k].member != loops.back().member,
              ErrorKind::InvalidArgument,
              fmt::format("{} names loop '{}' twice; name each loop once", step.primitive,
                          loops.back().name()),
              step.loc);
    }
  }
  return loops;
}

Schedule::Loop Schedule::findBand(const Step& step, const std::string& spelling) const {
  std::vector<std::string> parts = splitOn(spelling, ':');
  std::string function = parts.size() == 2 ? parts[0] : step.function;
  if (parts.size() <= 2 && trees_.count(function) != 0) {
    for (const BandSite& site : bandSites(trees_.at(function))) {
      if (site.names.band == parts.back()) {
        return {function, site, 0};
      }
    }
  }
  return findLoop(step, spelling);
}

isl::schedule Schedule::withNames(const Loop& loop, const BandNames& names) const {
  isl::schedule_node mark = nodeAt(trees_.at(loop.function), loop.band.path);
  TreeNode t = capture(mark);
  t.mark = makeBandMark(mark.ctx(), names);
  return replaceSubtree(mark, t).schedule();
}

std::string Schedule::scalarHint(const Violation& v, const std::string& loop) {
  std::string scalar = scalarOf(v.element);
  if (scalar.empty()) {
    return "";
  }
  return fmt::format("the scalar '{0}' is shared by every iteration: s.scalar_expand(s.{0}, "
                     "\"{1}\") gives each iteration of '{1}' its own copy",
                     scalar, loop.empty() ? "<loop>" : loop);
}

void Schedule::commit(const Step& step, const std::string& function, isl::schedule tree,
                      Check check) {
  const FunctionModel& fn = functionModel(function);
  if (check == Check::Everything) {
    if (std::optional<Violation> v = findViolation(*model_, fn, tree)) {
      std::string hint = scalarHint(*v, step.names.size() == 1 ? step.names[0] : "");
      throw Error(ErrorKind::IllegalSchedule,
                  fmt::format("{} is illegal in function '{}': it breaks the {}{}; the schedule "
                              "is unchanged",
                              step.str(), function, v->str(), hint.empty() ? "" : "; " + hint),
                  step.loc);
    }
  }
  // A new order, or new statements, may make a loop marked parallel carry a
  // dependence.
  for (const BandSite& site : check != Check::Nothing ? bandSites(tree) : std::vector<BandSite>{}) {
    for (size_t m = 0; m < site.names.loops.size(); ++m) {
      if (!site.names.attrsOf(m).parallel) {
        continue;
      }
      if (std::optional<Violation> v = findCarried(fn, tree, site.path, m)) {
        throw Error(ErrorKind::IllegalSchedule,
                    fmt::format("{} is illegal in function '{}': the parallel loop '{}' would "
                                "carry the {} dependence {} -> {} on {}; the schedule is "
                                "unchanged",
                                step.str(), function, site.names.loops[m], v->kind, v->source,
                                v->sink, v->element),
                    step.loc);
      }
    }
  }
  trees_[function] = std::move(tree);
}

void Schedule::apply(Step step) {
  using Apply = void (Schedule::*)(const Step&);
  static const std::map<std::string, Apply> kApply = {
      {"split", &Schedule::applySplit},
      {"reorder", &Schedule::applyReorder},
      {"tile", &Schedule::applyTile},
      {"fuse", &Schedule::applyFuse},
      {"compute_at", &Schedule::applyComputeAt},
      {"unroll", &Schedule::applyMark},
      {"pipeline", &Schedule::applyMark},
      {"parallel", &Schedule::applyParallel},
      {"dataflow", &Schedule::applyFunctionMark},
      {"inline", &Schedule::applyFunctionMark},
      {"partition", &Schedule::applyPartition},
      {"buffer_at", &Schedule::applyBufferAt},
      {"reuse_at", &Schedule::applyReuseAt},
      {"unfold", &Schedule::applyUnfold},
      {"to", &Schedule::applyTo},
  };
  auto it = kApply.find(step.primitive);
  require(it != kApply.end(), ErrorKind::Internal,
          [&] { return fmt::format("poly::Schedule has no primitive '{}'", step.primitive); });
  if (step.function.empty()) {
    step.function = function_;
  }
  std::map<std::string, isl::schedule> before = trees_;
  auto rewrittenBefore = rewritten_;
  try {
    model_->isl().withBudget(fmt::format("applying {}", step.str()),
                             [&] { (this->*(it->second))(step); });
  } catch (const Error& e) {
    trees_ = std::move(before);
    rewritten_ = std::move(rewrittenBefore);
    if (!e.loc().known() && step.loc.known()) {
      throw Error(e.kind(), e.message(), step.loc);
    }
    throw;
  } catch (...) {
    trees_ = std::move(before);
    rewritten_ = std::move(rewrittenBefore);
    throw;
  }
  steps_.push_back(std::move(step));
}

Schedule Schedule::replay(size_t count) const {
  Schedule fresh(*model_, function_);
  for (size_t k = 0; k < count && k < steps_.size(); ++k) {
    fresh.apply(steps_[k]);
  }
  return fresh;
}

Schedule& Schedule::run(Step step, const Here& here) {
  step.loc = SourceLoc::from(here);
  apply(std::move(step));
  return *this;
}

Schedule& Schedule::split(const std::string& axis, int64_t factor, Tail tail, Here here) {
  return run({"split", "", {axis}, {factor}, tail == Tail::Shrink, {}}, here);
}

Schedule& Schedule::reorder(const std::vector<std::string>& axes, Here here) {
  return run({"reorder", "", axes, {}, false, {}}, here);
}

Schedule& Schedule::tile(const std::string& x, const std::string& y, int64_t fx, int64_t fy,
                         Here here) {
  return run({"tile", "", {x, y}, {fx, fy}, false, {}}, here);
}

Schedule& Schedule::fuse(const std::vector<std::string>& axes, Here here) {
  return run({"fuse", "", axes, {}, false, {}}, here);
}

Schedule& Schedule::computeAt(const std::string& producer, const std::string& consumerAxis,
                              Here here) {
  return run({"compute_at", "", {producer, consumerAxis}, {}, false, {}}, here);
}

Schedule& Schedule::unroll(const std::string& axis, int64_t factor, Here here) {
  return run({"unroll", "", {axis}, {factor}, false, {}}, here);
}

Schedule& Schedule::pipeline(const std::string& axis, int64_t ii, bool rewind, Here here) {
  return run({"pipeline", "", {axis}, {ii}, rewind, {}}, here);
}

Schedule& Schedule::parallel(const std::string& axis, Here here) {
  return run({"parallel", "", {axis}, {}, false, {}}, here);
}

Schedule& Schedule::dataflow(const std::string& target, Here here) {
  return run({"dataflow", "", {target}, {}, false, {}}, here);
}

Schedule& Schedule::inlineFunction(const std::string& target, Here here) {
  return run({"inline", "", {target.empty() ? function_ : target}, {}, false, {}}, here);
}

Schedule& Schedule::compose(const Schedule& sub, const std::string& target, Here here) {
  return compose(sub, target, SourceLoc::from(here));
}

Schedule& Schedule::compose(const Schedule& sub, const std::string& target, const SourceLoc& loc) {
  require(sub.model_ == model_, ErrorKind::InvalidArgument,
          "compose takes a schedule of a function of the same module", loc);
  std::string callee = target.empty() ? sub.function() : target;
  functionModel(callee, loc);
  std::map<std::string, isl::schedule> before = trees_;
  auto rewrittenBefore = rewritten_;
  size_t logged = steps_.size();
  for (Step step : sub.steps()) {
    Step original = step;
    if (step.function == sub.function()) {
      step.function = callee;
    }
    for (std::string& n : step.names) {
      if (n.rfind(sub.function() + ":", 0) == 0) {
        n = callee + n.substr(sub.function().size());
      }
    }
    try {
      apply(step);
    } catch (const Error& e) {
      trees_ = std::move(before);
      rewritten_ = std::move(rewrittenBefore);
      steps_.resize(logged);
      throw Error(e.kind(),
                  fmt::format("compose: step {} of the schedule of '{}' (at {}) does not apply to "
                              "'{}': {}",
                              original.str(), sub.function(), original.loc.str(), callee,
                              e.message()),
                  loc);
    }
  }
  return *this;
}

} // namespace polyallo::poly

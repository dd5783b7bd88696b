#include "frontends/allo/ScriptSchedules.h"

namespace polyallo::allo {

namespace {

poly::Step toStep(const PrimitiveCall& call, const std::string& function) {
  poly::Step step;
  step.primitive = call.name;
  step.function = function;
  step.loc = call.loc;
  const std::string& n = call.name;
  if (n == "reorder" || n == "fuse") {
    step.names = call.loopNames("args");
  } else if (n == "tile") {
    step.names = {call.loopName("x_axis"), call.loopName("y_axis")};
    step.values = {call.integer("x_factor"), call.integer("y_factor")};
  } else if (n == "compute_at") {
    step.names = {call.loopName("from_loop"), call.loopName("target_loop")};
  } else if (n == "inline") {
    step.names = {call.arg("target").kind == ValueKind::None ? function : call.loopName("target")};
  } else if (n == "dataflow") {
    step.names = {call.loopName("target")};
  } else {
    step.names = {call.loopName("axis")};
    if (n == "split" || n == "unroll") {
      step.values = {call.integer("factor")};
    } else if (n == "pipeline") {
      step.values = {call.integer("initiation_interval")};
      step.flag = call.boolean("rewind");
    }
  }
  return step;
}

} // namespace

poly::Schedule applySchedule(const Program& program, const poly::ModuleModel& model, size_t index,
                             size_t steps, const AfterStep& after) {
  const ScriptSchedule& script = program.schedules.at(index);
  poly::Schedule schedule(model, script.function);
  for (size_t k = 0; k < script.steps.size() && k < steps; ++k) {
    const PrimitiveCall& call = script.steps[k];
    if (call.name == "compose") {
      size_t subIndex = static_cast<size_t>(call.arg("schs").i);
      const ScriptSchedule& subScript = program.schedules.at(subIndex);
      poly::Schedule sub = applySchedule(program, model, subIndex, call.composedSteps);
      const Value& id = call.arg("id");
      std::string target =
          id.kind == ValueKind::Str ? subScript.kernel + "_" + id.text : subScript.function;
      schedule.compose(sub, target, call.loc);
    } else {
      schedule.apply(toStep(call, script.function));
    }
    if (after) {
      after(call, schedule);
    }
  }
  return schedule;
}

std::map<std::string, isl::schedule>
scheduledTrees(const Program& program, const poly::ModuleModel& model, const std::string& kernel) {
  for (size_t k = program.schedules.size(); k-- > 0;) {
    if (program.schedules[k].function == kernel) {
      return applySchedule(program, model, k).trees();
    }
  }
  return {};
}

} // namespace polyallo::allo

#include "frontends/allo/ScriptSchedules.h"

#include "core/ExpandScalar.h"
#include "layout/Infer.h"
#include "layout/Reshape.h"

#include <fmt/format.h>

#include <algorithm>

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
  } else if (n == "buffer_at" || n == "reuse_at") {
    step.names = {call.arg("target").text, call.loopName("axis")};
  } else if (n == "dataflow") {
    step.names = {call.loopName("target")};
  } else if (n == "unfold") {
    step.names = {call.loopName("band_name")};
    std::vector<int64_t> axes = call.integers("axes");
    step.values = {static_cast<int64_t>(axes.size())};
    step.values.insert(step.values.end(), axes.begin(), axes.end());
    if (call.arg("factor").kind != ValueKind::None) {
      std::vector<int64_t> factors = call.integers("factor");
      step.values.insert(step.values.end(), factors.begin(), factors.end());
    }
  } else if (n == "to") {
    step.names = {call.arg("target").text, call.loopName("dst")};
    step.flag = call.arg("axis").kind != ValueKind::None;
    step.values = {step.flag ? call.integer("axis") : -1, call.integer("depth")};
  } else if (n == "partition") {
    step.names = {call.arg("target").text};
    step.values = {call.integer("partition_type"), call.integer("factor")};
    for (int64_t dim : call.integers("dim")) {
      step.values.push_back(dim);
    }
  } else {
    step.names = {call.loopName("axis")};
    if (n == "split" || n == "unroll") {
      step.values = {call.integer("factor")};
      step.flag = n == "split" && call.arg("tail").text == "shrink";
    } else if (n == "pipeline") {
      step.values = {call.integer("initiation_interval")};
      step.flag = call.boolean("rewind");
    }
  }
  return step;
}

/// "func:name" -> {func, name}; a bare name belongs to `function`.
std::pair<std::string, std::string> qualified(const std::string& text,
                                              const std::string& function) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    return {function, text};
  }
  return {text.substr(0, colon), text.substr(colon + 1)};
}

/// The function compose(s, id=) schedules: s's own function, or the
/// instance `kernel_id` that a call k[..., "id"](...) created.
std::string composeTarget(const Program& program, const poly::ModuleModel& model,
                          const PrimitiveCall& call) {
  const ScriptSchedule& sub = program.schedules.at(static_cast<size_t>(call.arg("schs").i));
  const Value& id = call.arg("id");
  if (id.kind != ValueKind::Str) {
    return sub.function;
  }
  std::string target = sub.kernel + "_" + id.text;
  std::vector<std::string> functions;
  for (const poly::FunctionModel& fn : model.functions()) {
    functions.push_back(fn.fn->name());
  }
  std::sort(functions.begin(), functions.end());
  require(
      std::binary_search(functions.begin(), functions.end(), target), ErrorKind::UnknownName,
      [&] {
        return fmt::format("compose: id=\"{}\" names no instance of '{}'; a call "
                           "{}[..., \"{}\"](...) creates the instance {}, and the module's "
                           "functions are {}",
                           id.text, sub.kernel, sub.kernel, id.text, target,
                           fmt::join(functions, ", "));
      },
      call.loc);
  return target;
}

} // namespace

bool isKernelRewrite(const std::string& primitive) {
  return primitive == "scalar_expand" || primitive == "reshape";
}

bool rewritesKernels(const Program& program) {
  for (const ScriptSchedule& script : program.schedules) {
    for (const PrimitiveCall& call : script.steps) {
      if (isKernelRewrite(call.name)) {
        return true;
      }
    }
  }
  return false;
}

void rewriteKernels(Program& program) {
  if (program.kernelsRewritten) {
    return;
  }
  program.kernelsRewritten = true;
  for (const ScriptSchedule& script : program.schedules) {
    for (const PrimitiveCall& call : script.steps) {
      if (!isKernelRewrite(call.name)) {
        continue;
      }
      auto [function, array] = qualified(call.arg("target").text, script.function);
      if (call.name == "reshape") {
        layout::reshape(*program.module, function, array, call.integers("shape"), call.loc);
        continue;
      }
      auto [loopFunction, loop] = qualified(call.loopName("axis"), function);
      require(loopFunction == function, ErrorKind::InvalidArgument,
              fmt::format("scalar_expand: the scalar belongs to '{}' but the loop '{}' to '{}'; "
                          "name a loop of the scalar's function",
                          function, loop, loopFunction),
              call.loc);
      core::expandScalar(*program.module, function, array, loop, call.loc);
    }
  }
}

poly::Schedule applySchedule(const Program& program, const poly::ModuleModel& model, size_t index,
                             size_t steps, const AfterStep& after) {
  const ScriptSchedule& script = program.schedules.at(index);
  poly::Schedule schedule(model, script.function);
  for (size_t k = 0; k < script.steps.size() && k < steps; ++k) {
    const PrimitiveCall& call = script.steps[k];
    if (isKernelRewrite(call.name)) {
      continue; // applied to the module by rewriteKernels
    }
    if (call.name == "compose") {
      size_t subIndex = static_cast<size_t>(call.arg("schs").i);
      poly::Schedule sub = applySchedule(program, model, subIndex, call.composedSteps);
      std::string target = composeTarget(program, model, call);
      schedule.compose(sub, target, call.loc);
    } else {
      schedule.apply(toStep(call, script.function));
    }
    if (call.name == "partition" || call.name == "compose") {
      // Eagerly, like every step: a partition that cannot meet the layouts
      // other steps ask of the same memory stops the script at its line.
      try {
        layout::infer(schedule);
      } catch (const Error& e) {
        throw Error(e.kind(), e.message(), call.loc);
      }
    }
    if (after) {
      after(call, schedule);
    }
  }
  return schedule;
}

poly::Schedule kernelSchedule(const Program& program, const poly::ModuleModel& model,
                              const std::string& kernel) {
  for (size_t k = program.schedules.size(); k-- > 0;) {
    if (program.schedules[k].function == kernel) {
      return applySchedule(program, model, k);
    }
  }
  return poly::Schedule(model, kernel);
}

poly::ScheduleMap scheduledTrees(const Program& program, const poly::ModuleModel& model,
                                 const std::string& kernel) {
  for (size_t k = program.schedules.size(); k-- > 0;) {
    if (program.schedules[k].function == kernel) {
      return applySchedule(program, model, k).trees();
    }
  }
  return {};
}

} // namespace polyallo::allo

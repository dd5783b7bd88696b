// The schedule script applied: the primitive calls load() recorded become
// poly::Schedule steps, each validated and proven legal as it is applied.
// load() stays free of isl (it only binds and type-checks the calls); this
// pass runs once the module has been extracted.
//
//   s0 = allo.customize(mm)            apply(program, model, 1) ->
//   s0.reorder("k", "j")                 Schedule of top: its own steps, then
//   s = allo.customize(top)              mm's reorder replayed on function mm
//   s.compose(s0)
#pragma once

#include "frontends/allo/Program.h"
#include "polyhedral/Schedule.h"

#include <cstddef>
#include <functional>
#include <limits>

namespace polyallo::allo {

/// Whether `primitive` rewrites the kernel itself rather than its schedule:
/// scalar_expand (core/ExpandScalar.h) and reshape (layout/Reshape.h).
bool isKernelRewrite(const std::string& primitive);

/// Whether any schedule of `program` has a kernel rewrite. The kernel as
/// written is then another program than the one rewriteKernels leaves:
/// load(program.source, program.options) gives it back, for a reference run.
bool rewritesKernels(const Program& program);

/// Applies every kernel rewrite of every schedule to `program.module`, in
/// script order: s.scalar_expand(target, axis) and s.reshape(target, shape),
/// on the array of the schedule's function or of the function its handle
/// names ("func:A"). They rewrite the kernel, not its schedule, so they take
/// effect before every other step, whatever their position in the script;
/// applySchedule skips them. Call it before poly::extract; a second call
/// does nothing. Throws the Error of the first rewrite refused, located at
/// its line.
void rewriteKernels(Program& program);

/// Called after each applied step: the call, and the schedule after it.
using AfterStep = std::function<void(const PrimitiveCall&, const poly::Schedule&)>;

/// Schedule `index` of `program` after its first `steps` steps (a composed
/// schedule is replayed as far as it had come when compose was called).
/// Throws the step's Error, located at its line, for the first step that
/// does not apply.
poly::Schedule applySchedule(const Program& program, const poly::ModuleModel& model, size_t index,
                             size_t steps = std::numeric_limits<size_t>::max(),
                             const AfterStep& after = {});

/// The schedule of `kernel`: the last one the script made for it, or the
/// program order of every function when the script made none.
poly::Schedule kernelSchedule(const Program& program, const poly::ModuleModel& model,
                              const std::string& kernel);

/// The trees to simulate or emit `kernel` with: those of its schedule (the
/// last one the script made for it), or none for an unscheduled kernel.
poly::ScheduleMap
scheduledTrees(const Program& program, const poly::ModuleModel& model, const std::string& kernel);

} // namespace polyallo::allo

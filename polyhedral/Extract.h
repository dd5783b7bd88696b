// Internal steps of poly::extract (Model.h), one per file.
#pragma once

#include "polyhedral/Model.h"

#include <map>

namespace polyallo::poly {

/// Statements, domains, tagged accesses and the initial schedule of `fn`
/// (dependences empty); `callees` holds the models of the functions it
/// calls (their footprints summarise the calls).
FunctionModel extractStatements(isl::ctx ctx, const core::Module& module, const core::Function& fn,
                                const std::map<std::string, const FunctionModel*>& callees);

/// The initial schedule tree of `fn` in program order: perfectly nested
/// loops form one band; a BandNames mark sits directly above every band;
/// sibling statements and loops are children of a sequence node.
isl::schedule buildInitialSchedule(const FunctionModel& fn);

/// Exact dependences of `fn` under `schedule`: flow is value-based (last
/// writer, isl_union_access_info_compute_flow with must and may sources);
/// anti and output are memory-based (every earlier read / write of the
/// element), which is what a reordering must respect.
Dependences computeDependences(const FunctionModel& fn, const isl::schedule& schedule);

} // namespace polyallo::poly

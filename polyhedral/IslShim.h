// The few isl operations the C++ bindings (isl/cpp.h) do not export, used
// by extraction. Every raw isl_* call of polyhedral/ lives here or in
// IslAstShim.cpp; failures are converted at this boundary.
#pragma once

#include "polyhedral/Isl.h"

#include <any>
#include <string>
#include <vector>

namespace polyallo::poly {

/// The std::any payload of an id made by isl::id(ctx, name, any); nullptr if
/// the id has none.
const std::any* idPayload(const isl::id& id);

/// The id of a mark node (isl/cpp.h has no accessor for it).
isl::id markId(const isl::schedule_node& mark);

/// `space` with its set dimensions (or a map's output dimensions) named.
isl::space withDimNames(isl::space space, const std::vector<std::string>& names);

/// The name of a set's tuple ("S3").
std::string tupleName(const isl::set& set);

/// `map` with its range tuple renamed to `name` (A[i] -> A_in[i]).
isl::map withRangeName(const isl::map& map, const std::string& name);

/// `ma` with its range tuple named `name` (S[i] -> [i] becomes S[i] -> T[i]).
isl::multi_aff withRangeTuple(const isl::multi_aff& ma, const std::string& name);

/// The identity from the set space `from` to a tuple named `to` of the same
/// dimensions: renames a statement's instances for a new statement.
isl::multi_aff renaming(const isl::space& from, const std::string& to);

/// `set` with set dimension d fixed to values[d] for every d < values.size().
isl::set fixDims(const isl::set& set, const std::vector<int64_t>& values);

/// `schedule` restricted to the instances of `domain` (isl_schedule_intersect_domain).
isl::schedule intersectDomain(const isl::schedule& schedule, const isl::union_set& domain);

/// The constant `value` on every point of `domain`.
isl::union_pw_aff constantOn(const isl::union_set& domain, long value);

/// a * factor.
isl::union_pw_aff scaled(const isl::union_pw_aff& a, long factor);

/// floor(a / factor) and a mod factor (in [0, factor)), factor > 0.
isl::union_pw_aff floorDiv(const isl::union_pw_aff& a, long factor);
isl::union_pw_aff modulo(const isl::union_pw_aff& a, long factor);

/// `node`'s subtree removed: a leaf in its place (isl_schedule_node_cut).
isl::schedule_node cutSubtree(const isl::schedule_node& node);

/// The parts of an affine function (isl/cpp.h does not export them):
///   a = constant + sum coefficient_d * dim_d + sum param coefficients
///       + sum divCoefficient_k * floor(divArgument_k)
/// Coefficients may be rational (isl keeps one common denominator).
struct AffTerms {
  isl::val constant;
  std::vector<isl::val> dims;                           // per input dimension
  std::vector<std::pair<std::string, isl::val>> params; // name, coefficient (non-zero only)
  std::vector<isl::val> divCoefficients;
  std::vector<isl::aff> divArguments;    // floor of each is an integer division
  std::vector<isl::val> divDenominators; // of each argument's coefficients
};
AffTerms affTerms(const isl::aff& a);

/// The pairs of instances {a -> b} that `schedule` (instances -> time
/// vectors) runs a strictly before b. Time vectors of different lengths are
/// compared after padding the shorter ones with zeros.
isl::union_map scheduledBefore(const isl::union_map& schedule);

} // namespace polyallo::poly

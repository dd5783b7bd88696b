// Inputs a kernel file computes for itself: PolyBench's `init_array`.
//
// A file may define a kernel named `init_array` whose parameters are named
// like some of the main kernel's. `polyallo run` then runs it once on
// zeroed arrays and hands the arrays it leaves to the kernel, by name:
//
//   def init_array(A: float64[M, N], x: float64[N]):    # fills A and x
//   def kernel_atax(A: float64[M, N], x: float64[N], y: float64[N]):
//
//   initArrays(model, *module.findFunction("kernel_atax"))  // {"A": ..., "x": ...}
#pragma once

#include "codegen/Buffer.h"
#include "core/Module.h"
#include "polyhedral/Model.h"

#include <map>
#include <string>

namespace polyallo::codegen {

/// The name of the kernel that initialises the inputs of the others.
inline constexpr const char* kInitKernel = "init_array";

/// The arrays `init_array` of `model` computes for `fn`'s parameters, by
/// parameter name; empty when the module has no init_array or `fn` is it.
/// Throws Error(InvalidArgument), located at the parameter, when one of
/// init_array's parameters is not a parameter of `fn` or differs from it
/// in element type or shape.
std::map<std::string, Buffer> initArrays(const poly::ModuleModel& model, const core::Function& fn);

/// `inputs` (one buffer per parameter of `fn`, in order) with the arrays
/// init_array computes in place of theirs.
std::vector<Buffer> withInitArrays(const poly::ModuleModel& model, const core::Function& fn,
                                   std::vector<Buffer> inputs);

} // namespace polyallo::codegen

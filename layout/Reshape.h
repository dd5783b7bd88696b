// reshape(A, shape): a new logical shape for an array with the same element
// count and the same row-major bytes. Every access is rewritten: the old
// subscripts are linearized and the offset delinearized into the new shape
// by constant floor divisions and remainders, which are quasi-affine, so the
// polyhedral model stays exact. Only groups of dimensions whose extents
// multiply to the same product are linearized together; a dimension both
// shapes share is kept as it is.
//
//   B: int32[4, 8]                            B: int32[2, 2, 8]
//   for i in range(4):                        for i in range(4):
//     for j in range(8):          ->            for j in range(8):
//       B[i, j] = A[i, j] + 1                     B[i // 2, i % 2, j] = A[i, j] + 1
//
//   reshape(B, (32,))    B[i, j] -> B[i * 8 + j]
//   reshape(B, (8, 4))   B[i, j] -> B[(i * 8 + j) // 4, (i * 8 + j) % 4]
//
// Like scalar_expand, it rewrites the kernel (core::Module), not a schedule
// tree: it applies before the model is extracted. A reshaped argument or
// returned array keeps its bytes but changes the function's interface: the
// emitted C and HLS C++ take the new shape (`int32_t B[2][2][8]`), and a
// caller passes a buffer of that shape (the same bytes, reinterpreted).
#pragma once

#include "core/Module.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polyallo::layout {

/// Reshapes array `array` of `function` to `shape` (outermost extent first),
/// in place. Refused with polyallo::Error located at `loc` when: the function
/// or the array does not exist (UnknownName, listing what exists); the array
/// is a scalar, the new shape is empty or has an extent below 1, or the
/// element counts differ (InvalidShape, stating both counts); an extent of
/// the array is not a constant (NotConstant); a call passes the array, or the
/// array is a parameter of a function that some call passes an argument to
/// (InvalidCall: the two shapes would disagree at that call). Reshaping an
/// array again composes: the second shape applies to the first's accesses.
void reshape(core::Module& module, const std::string& function, const std::string& array,
             const std::vector<int64_t>& shape, const SourceLoc& loc);

} // namespace polyallo::layout

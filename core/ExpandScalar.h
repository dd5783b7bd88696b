// Scalar expansion: a local scalar shared by every iteration of a loop
// becomes a 1-D local array with one element per iteration, so its anti and
// output dependences no longer tie the iterations together (what blocks
// reorder and parallel on that loop).
//
//   for i in range(8):                    t: int32[8]
//     t: int32 = A[i] * 2   (0-d t)       for i in range(8):
//     for j in range(4):          ->        t[i] = A[i] * 2
//       B[i, j] = t + j                     for j in range(4):
//                                             B[i, j] = t[i] + j
//
// Each access `t` becomes `t[(i - lb) // step]` (just `t[i - lb]` for step 1).
#pragma once

#include "core/Module.h"

#include <string>

namespace polyallo::core {

/// Expands the local scalar `scalar` of `function` along the loop named
/// `loop` (in place). Refused, with polyallo::Error located at `loc`, unless:
/// the scalar is a local 0-d array of the function; the loop exists, is
/// unique and has constant bounds with at least one iteration; and every
/// access of the scalar (reads, writes, its initializer) lies inside the
/// loop and none passes it to a call.
void expandScalar(Module& module, const std::string& function, const std::string& scalar,
                  const std::string& loop, const SourceLoc& loc);

} // namespace polyallo::core

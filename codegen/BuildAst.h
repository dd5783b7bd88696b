// From a function's schedule tree to our loop AST, through isl's AST
// generator.
//
//   schedule tree                           loop AST (printed)
//   domain [N] -> { S0[i, j] : 0 <= j <= i < N }
//     mark "S_i_j_0" (loops i, j)           # mark S_i_j_0
//       band [i, j]                         for i in range(0, N):
//                                             for j in range(0, i + 1):
//                                               S0(i, j)
//
// isl names its iterators c0, c1, ...; every loop gets the name of its band
// member instead (the BandNames payload of the mark above the band), found by
// schedule depth: a loop at depth d inside a band mark at depth b is
// `loops[d - b]`. Names are made C identifiers (`i.outer` -> `i_outer`) and
// unique against array names, module parameters, enclosing iterators and
// C/C++ keywords. isl never unrolls: HLS unrolling is a pragma from a mark.
#pragma once

#include "codegen/LoopAst.h"
#include "polyhedral/Model.h"

#include <string>

namespace polyallo::codegen {

/// Generates the loop nest of `schedule` (a schedule of `fn`'s statements,
/// e.g. fn.schedule) under `fn.context`. User nodes carry the statement index
/// and one expression per domain dimension. Throws Error(Internal) if the
/// schedule names an unknown statement, Error(IslQuota) if isl exceeds its
/// budget.
LoopNode buildLoopAst(const poly::FunctionModel& fn, const isl::schedule& schedule);

/// `name` as a C identifier: characters other than letters, digits and '_'
/// become '_'; a leading digit gets a '_' prefix ("i.outer" -> "i_outer").
std::string sanitizeIdentifier(const std::string& name);

/// True for C99 and C++20 keywords (names an emitted iterator must avoid).
bool isCKeyword(const std::string& name);

} // namespace polyallo::codegen

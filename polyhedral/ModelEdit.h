// Edits of a function's statements that memory primitives (buffer_at,
// reuse_at) make, on a copy of its model: an on-chip buffer, accesses moved
// from an array to the buffer, copy statements between them. finish()
// recomputes the access relations and the dependences under the tree the
// primitive built, so later steps are checked against the rewritten program.
//
//   S1   C[i, j] += A[i, k] * B[k, j]    redirect(S1, C -> C_buf[j])
//                                   ->   S1   C_buf[j] += A[i, k] * B[k, j]
//                                        S2   C_buf[j_init] = C[i, j_init]   addCopy
#pragma once

#include "core/Rewrite.h"
#include "polyhedral/Model.h"

#include <functional>
#include <string>
#include <vector>

namespace polyallo::poly {

class ModelEdit {
public:
  explicit ModelEdit(const FunctionModel& original) : fm_(original) {}

  const FunctionModel& model() const { return fm_; }

  /// A local buffer of `like`'s element type and constant `shape`.
  std::shared_ptr<core::ArrayDecl> addBuffer(const std::string& name, const core::ArrayDecl& like,
                                             const std::vector<int64_t>& shape,
                                             const SourceLoc& loc);

  /// New subscripts of a redirected access, from its old ones.
  using Subscripts = core::IndexRewrite;
  /// Every access of `from` in statement `statement` becomes an access of
  /// `to`: subscripts from `subscripts`, access relation (S[..] -> to[..])
  /// from `access` applied to the old one.
  void redirect(int statement, const core::ArrayDecl& from,
                const std::shared_ptr<core::ArrayDecl>& to, const Subscripts& subscripts,
                const std::function<isl::map(const isl::map&)>& access);

  /// A copy statement `dst[dstIndex] = src[srcIndex]` with one instance per
  /// point of `domain` (its tuple is the statement's name, "S7"); `dims`
  /// names its dimensions; both indices are single-piece functions on the
  /// domain's space. A stream as `src` makes it a get, as `dst` a put.
  void addCopy(const isl::set& domain, const std::vector<std::string>& dims,
               const std::shared_ptr<core::ArrayDecl>& dst, const isl::multi_aff& dstIndex,
               const std::shared_ptr<core::ArrayDecl>& src, const isl::multi_aff& srcIndex,
               const SourceLoc& loc);

  /// Keeps only the instances of `statement` in `domain`.
  void restrict(int statement, const isl::set& domain);

  /// The name of the next statement ("S7").
  std::string nextStatementName() const;

  /// The model with accesses re-indexed and dependences computed under `tree`.
  FunctionModel finish(const isl::schedule& tree);

private:
  FunctionModel fm_;
};

/// `base`, or `base_1`, `base_2`, ...: the first name no array or buffer of
/// `fm` has.
std::string freshArrayName(const FunctionModel& fm, const std::string& base);

/// The points of the set space `space` whose dimension `dim` lies in [lo, hi).
isl::set between(const isl::space& space, int dim, int64_t lo, int64_t hi);

/// `pma`'s single piece; Error(InvalidSchedule) naming `what` when it has several.
isl::multi_aff singlePiece(const isl::pw_multi_aff& pma, const std::string& what);

} // namespace polyallo::poly

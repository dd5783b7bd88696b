// Walking a function's statements and rewriting every access of one array:
// what the kernel rewrites (scalar_expand, reshape) share.
//
//   for i in range(8):                      rewriteAccesses(s, t, [&](auto& idx) {
//     t = A[i] * 2       (t 0-d)              return std::vector<Expr>{i};
//     B[i] = t + A[t]                        })               on every statement s:
//                                  ->       t[i] = A[i] * 2
//                                           B[i] = t[i] + A[t[i]]
//
// Reads nested in subscripts are rewritten too (A[t] above); a call that
// passes the array is not an access and is left alone (see callPassing).
#pragma once

#include "core/Module.h"

#include <functional>
#include <string>
#include <vector>

namespace polyallo::core {

/// The function `function` of `module`, which the rewrite `what` (e.g.
/// "reshape(A, (32,))") applies to; Error(UnknownName) at `loc` listing the
/// functions when there is none.
Function& functionToRewrite(Module& module, const std::string& function, const std::string& what,
                            const SourceLoc& loc);

/// Calls `fn` on every statement of `stmts`, then of its body and else
/// branch (pre-order, program order).
void forEachStmt(const std::vector<StmtPtr>& stmts, const std::function<void(StmtNode&)>& fn);

/// Every expression a statement evaluates itself (not its body's): loop
/// bounds, an if's condition, an assignment's subscripts and value.
std::vector<const Expr*> ownExprs(const StmtNode& s);

/// True when `e` reads `decl` anywhere.
bool readsArray(const Expr& e, const ArrayDecl* decl);

/// New subscripts for an access of the rewritten array, given its current
/// ones (already rewritten themselves).
using IndexRewrite = std::function<std::vector<Expr>(const std::vector<Expr>& indices)>;

/// `e` with every read of `decl` indexed by `rewrite` (and reading `to`
/// instead when given: buffer_at moves accesses to a buffer); the same node
/// when nothing below changes.
Expr rewriteReads(const Expr& e, const ArrayDecl* decl, const IndexRewrite& rewrite,
                  const std::shared_ptr<ArrayDecl>& to = nullptr);

/// Rewrites every access of `decl` by `s` itself (reads in its own
/// expressions, and its target if it assigns `decl`), moving it to `to`
/// when given; not its body's.
void rewriteAccesses(StmtNode& s, const ArrayDecl* decl, const IndexRewrite& rewrite,
                     const std::shared_ptr<ArrayDecl>& to = nullptr);

/// True when `s` is a call that passes `decl` as an argument.
bool callPassing(const StmtNode& s, const ArrayDecl* decl);

} // namespace polyallo::core

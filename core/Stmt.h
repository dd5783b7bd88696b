// Statements: loops, affine ifs, assignments (with reduction updates) and calls.
//
//   for i in range(0, M):          For{var i, lb 0, ub M, step 1, name "i"}
//     if i >= 1:                   If{cond} (affine: restricts the domain;
//                                            otherwise a data-dependent guard)
//       C[i] += A[i - 1]           Assign{target C, indices [i], reduce Add,
//                                         value C[i] + A[i - 1] cast to C's type}
//   matmul(X, W, Y)                Call{callee "matmul", args [X, W, Y]}
#pragma once

#include "core/Array.h"

#include <memory>
#include <vector>

namespace polyallo::core {

enum class StmtKind { For, If, Assign, Call };

/// The operator of a reduction update `C[..] op= e`; None for `C[..] = e`.
enum class ReduceOp { None, Add, Sub, Mul, Min, Max, BitAnd, BitOr, BitXor };

/// Hardware hints written inline: `allo.grid(..., pipeline=II, unroll=F)`.
struct LoopHints {
  int pipelineII = 0; // 0 = not pipelined
  int unrollFactor = -1; // -1 = not unrolled, 0 = fully
  bool unfold = false;   // one processing element per iteration (a df.kernel's mapping)
};

struct StmtNode;
using StmtPtr = std::shared_ptr<StmtNode>;

struct StmtNode {
  StmtKind kind = StmtKind::Assign;
  SourceLoc loc;

  // For: `for var in range(lb, ub, step)`; name is the loop's schedule name.
  std::shared_ptr<const VarDecl> var;
  Expr lb, ub;
  int64_t step = 1;
  std::string name;
  std::string bandLabel; // the band's name from `allo.grid(..., name="PE")`; "" = default
  LoopHints hints;

  // If
  Expr cond;

  // For / If: the body; If: the else branch.
  std::vector<StmtPtr> body;
  std::vector<StmtPtr> orelse;

  // Assign: target[indices] = value (value already has the target's type).
  std::shared_ptr<ArrayDecl> target;
  std::vector<Expr> indices;
  Expr value;
  ReduceOp reduce = ReduceOp::None;

  // Call
  std::string callee;
  std::vector<std::shared_ptr<ArrayDecl>> args;
};

const char* reduceOpName(ReduceOp op); // "+=", ...

} // namespace polyallo::core

// Our own loop AST: what isl's AST generator produced, converted into plain
// C++ values that emitters (C, HLS, IR dumps, the QoR estimator) walk without
// touching isl.
//
//   isl AST                                   LoopNode
//   mark "S_i_j_0"                            Mark{name "S_i_j_0", id}
//     for (c0 = 0; c0 <= 31; c0 += 1)           For{iterator "i", init 0, cond i <= 31, inc 1}
//       for (c1 = 0; c1 <= c0; c1 += 1)           For{iterator "j", init 0, cond j <= i, inc 1}
//         S0(c0, c1)                                User{statement 0, args [i, j]}
//
// printed (str):
//   # mark S_i_j_0
//   for i in range(0, 32):
//     for j in range(0, i + 1):
//       S0(i, j)
//
// The only isl object kept is the opaque isl::id of a Mark (its typed payload,
// e.g. poly::BandNames, is what later emitters read); a LoopNode holding a
// Mark must not outlive the poly::ModuleModel whose isl context made it.
#pragma once

#include "polyhedral/LoopAttrs.h"

#include <isl/cpp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace polyallo::codegen {

/// isl's AST operators (isl_ast_expr_op_type), minus the ones isl emits only
/// for user-built call/access expressions.
enum class AstOp {
  Add,
  Sub,
  Mul,
  Minus,  // unary -
  Div,    // exact division (the result is known to be an integer)
  FdivQ,  // floor(a / b), b > 0
  PdivQ,  // a / b, a >= 0 and b > 0 (C division is fine)
  PdivR,  // a % b, a >= 0 and b > 0
  ZdivR,  // a % b (only compared with 0), b > 0
  Min,    // n-ary
  Max,    // n-ary
  Select, // c ? a : b (both evaluated is fine)
  Cond,   // c ? a : b (only the chosen one may be evaluated)
  Eq,
  Le,
  Lt,
  Ge,
  Gt,
  And,     // both operands may be evaluated
  Or,      // both operands may be evaluated
  AndThen, // short-circuit
  OrElse,  // short-circuit
};

/// Spelling used by the printer: "+", "//", "min", "and", ...
const char* astOpName(AstOp op);

struct AstExpr;
using AstExprPtr = std::shared_ptr<const AstExpr>;

/// An integer expression of loop iterators and module parameters.
struct AstExpr {
  enum class Kind { Int, Id, Op };
  Kind kind = Kind::Int;
  int64_t value = 0;            // Int
  std::string name;             // Id: an iterator or a module parameter
  AstOp op = AstOp::Add;        // Op
  std::vector<AstExprPtr> args; // Op

  static AstExprPtr integer(int64_t v);
  static AstExprPtr id(std::string name);
  static AstExprPtr make(AstOp op, std::vector<AstExprPtr> args);
};

/// Python-like text of an expression: "i + 1", "min(N - 1, i + 31)", "(i // 4)".
std::string str(const AstExprPtr& e);

/// One node of the loop nest.
struct LoopNode {
  enum class Kind { Block, For, If, User, Mark };
  Kind kind = Kind::Block;

  /// Block: its statements; For: the body; If: the then branch; Mark: the
  /// marked subtree. Nested isl blocks are flattened into this list.
  std::vector<LoopNode> children;
  /// If: the else branch (empty when there is none).
  std::vector<LoopNode> orelse;

  // For: `for (iterator = init; cond; iterator += inc)`. cond is as isl gives
  // it, normally `iterator <= ub` or `iterator < ub`.
  std::string iterator;
  AstExprPtr init, cond, inc;
  // The schedule dimension this loop enumerates; -1 for a loop isl added to
  // scan instances a schedule leaves unordered (named by isl).
  int scheduleDepth = -1;
  std::string band;      // name of the enclosing band mark ("" if none)
  int bandMember = -1;   // member of that band (index into its loop names)
  poly::LoopAttrs attrs; // pipeline, unroll, ... of that member

  // If
  AstExprPtr ifCond;

  // User: statement index into poly::FunctionModel::statements, and the value
  // of each of its domain dimensions in terms of iterators and parameters.
  int statement = -1;
  std::vector<AstExprPtr> args;

  // Mark: the mark's name and its id (opaque payload for later emitters).
  // Optional because isl::id cannot be copied while null.
  std::string markName;
  std::optional<isl::id> markId;

  static LoopNode block(std::vector<LoopNode> children);
};

/// The constant step of a For, or 0 if the increment is not a constant.
int64_t constantStep(const LoopNode& forNode);

/// The exclusive upper bound of a For whose cond is `iterator <= ub` or
/// `iterator < ub` (ub + 1 or ub), or nullptr for any other condition.
AstExprPtr exclusiveUpperBound(const LoopNode& forNode);

/// Python-like loop nest text (two spaces per level), one line per node:
/// `for i in range(0, 32):`, `if i >= 1:`, `S0(i, j)`, `# mark NAME`; a
/// loop with attributes ends in a comment: `for j in range(0, 32):  # pipeline II=1`.
std::string str(const LoopNode& node);

} // namespace polyallo::codegen

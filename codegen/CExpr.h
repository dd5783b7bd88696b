// Typed core expressions as C99 text with exact, UB-free semantics.
//
//   int8 a, b;  a + b  (typed int9)   ->  pa_wrap_s((uint64_t)a + (uint64_t)b, 9)
//   fixed(8,4) x;  int8(x)            ->  pa_wrap_s((uint64_t)pa_shr_s(x, 4), 8)
//   float32 f;  fixed(8,4)(f)         ->  pa_wrap_s(pa_f2bits((double)f, 4, 1), 8)
//
// An expression of type T is computed in T's carrier (CTypes.h: int64_t,
// uint64_t, float, double) and every integer / fixed value is kept
// normalized to T's width. The rules (core/Types.h, DESIGN.md):
//   + - *      computed modulo 2^64 in uint64_t, wrapped to the width; fixed
//              * multiplies raws exactly (128-bit) and shifts the result's
//              fraction bits back (floor)
//   / // %     ints: C truncation / floor / C remainder; by 0 gives 0;
//              MIN / -1 wraps; fixed /: (a_raw << f) / b_raw, truncating
//   << >>      amounts outside [0, 64) give 0 / the sign fill; the result is
//              wrapped, so amounts >= width give 0 / the sign fill too
//   min max    std::min / std::max: min(a, b) = b < a ? b : a (also floats:
//              deterministic, the first operand wins ties and NaN in b)
//   casts      fixed->fixed shifts the raw (right shift floors, AP_TRN) and
//              wraps (AP_WRAP); float->fixed floors x * 2^f, float->int
//              truncates; both reduce modulo 2^w without UB (NaN, inf -> 0);
//              int/fixed->float is C's conversion of raw * 2^-f
//   math       float32 uses expf, logf, ...; float64 exp, log, ... (results
//              are those of the C library, deterministic on one platform)
#pragma once

#include "codegen/LoopAst.h"
#include "core/Array.h"

#include <functional>
#include <string>

namespace polyallo::codegen {

/// The text of the `static inline pa_*` helpers (and #includes) every emitted
/// translation unit starts with. Unused static inline functions cause no
/// warnings.
const std::string& cPrelude();

/// How names in an expression are spelled in C.
struct CNames {
  /// An int64_t C expression for the value of a loop iterator.
  std::function<std::string(const core::VarDecl&)> var;
  /// The C name of a module parameter (an int64_t).
  std::function<std::string(const std::string&)> param;
  /// The C name of an array (a pointer to its storage type).
  std::function<std::string(const core::ArrayDecl&)> array;
  /// Where the statement is written, for the run-time bounds check of
  /// subscripts the model cannot bound (data-dependent ones, and every one
  /// of a statement under a data-dependent guard when `checkAll`).
  std::string site;
  bool checkAll = false;
  /// The value, as a C expression of the element's storage type, of a get
  /// (a Read of a stream array). The C emitter hoists gets into temporaries
  /// so that several in one statement pop in source order (C leaves the
  /// order of operands unspecified). Unset: the get is emitted in place as
  /// `pa_get_<storage>(&fifo[index])`, a helper the C emitter defines after
  /// the dataflow runtime.
  std::function<std::string(const core::ExprNode&)> streamGet;
};

/// `e` as a C expression of its type's carrier.
std::string emitCExpr(const core::Expr& e, const CNames& names);

/// The row-major flat index (an int64_t C expression) of `indices` into
/// `array` ("0" for a scalar).
std::string emitCFlatIndex(const core::ArrayDecl& array, const std::vector<core::Expr>& indices,
                           const CNames& names);

/// The element count of `array` (an int64_t C expression of the parameters).
std::string emitCElementCount(const core::ArrayDecl& array, const CNames& names);

/// C text converting `x`, a carrier value of type `from`, to type `to`.
std::string emitCCast(const std::string& x, const core::ElemType& from, const core::ElemType& to);

/// A C literal of an int64_t value ("5", "(-3)", "INT64_C(4294967296)").
std::string cIntLiteral(int64_t v);

/// An expression of the loop AST (bounds, statement arguments) as an int64_t C
/// expression; `name` spells iterators and module parameters. Floor division
/// and min / max go through pa_floordiv_i, pa_min_s, pa_max_s, which the C
/// prelude and the HLS prelude both define.
std::string emitCAstExpr(const AstExprPtr& e,
                         const std::function<std::string(const std::string&)>& name);

/// A C literal of type `t`'s carrier for the constant node `e`.
std::string emitCConstant(const core::ExprNode& e);

} // namespace polyallo::codegen

// Typed core expressions as Vitis HLS C++ on ap types, with the exact
// semantics of the CPU simulation (CExpr.h).
//
//   int8 a, b;  a + b  (typed int9)   ->  ap_int<9>(a + b)
//   fixed(8,4) x;  int8(x)            ->  pa_fixed_to_int<ap_int<8>>(x)
//   float32 f;  fixed(8,4)(f)         ->  pa_from_float<ap_fixed<8, 4>>(f)
//   Stream[int8, 2][4] s;  s[i] (a get) ->  s[i].read()
//
// Every subexpression has the C++ type hlsType() of its core type: the
// operators of ap_int / ap_fixed compute exact results in wider types, and
// the cast back to the node's type wraps (AP_WRAP) and floors (AP_TRN), as
// the CPU simulation does. What the operators leave undefined or define
// differently (division by zero, shift amounts outside [0, width), fixed
// division, conversions from float and between fixed and int) goes through
// the small templates of hlsPrelude(), written on ap types only.
#pragma once

#include "core/Expr.h"

#include <functional>
#include <string>

namespace polyallo::codegen {

/// The C++ type of a value of `t`: ap_int<W>, ap_uint<W>, ap_fixed<W, I>,
/// ap_ufixed<W, I>, float, double; index is int64_t.
std::string hlsType(const core::ElemType& t);

/// The `pa_*` templates emitted code uses (after the ap_int / ap_fixed /
/// hls_math includes).
const std::string& hlsPrelude();

/// How names are spelled.
struct HlsNames {
  std::function<std::string(const core::VarDecl&)> var; // an int64_t expression
  std::function<std::string(const std::string&)> param; // an int64_t expression
  std::function<std::string(const core::ArrayDecl&)> array;
};

/// `hls::stream<T>`: the C++ type of one FIFO of stream array `stream`.
std::string hlsStreamType(const core::ArrayDecl& stream);

/// `e` as an expression of type hlsType(e.type()).
std::string emitHlsExpr(const core::Expr& e, const HlsNames& names);

/// `array[i][j]...` for the subscripts `indices` ("array[0]" for a scalar).
std::string emitHlsAccess(const core::ArrayDecl& array, const std::vector<core::Expr>& indices,
                          const HlsNames& names);

/// The FIFO `stream[i][j]...` of a stream array ("stream" for a single FIFO);
/// a get is `<fifo>.read()` (emitHlsExpr of a read of `stream`), a put
/// `<fifo>.write(v)`.
std::string emitHlsFifo(const core::ArrayDecl& stream, const std::vector<core::Expr>& indices,
                        const HlsNames& names);

} // namespace polyallo::codegen

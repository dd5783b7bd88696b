// How element types are stored and computed in emitted C (and in host
// Buffers, which share the storage layout so they can be passed directly).
//
//   type                 storage (arrays)            carrier (expressions)
//   Int(w), Index        int8/16/32/64_t, smallest    int64_t
//   UInt(w), bool        uint8/16/32/64_t, smallest   uint64_t
//   Fixed(w, f)          raw two's complement as Int(w)   int64_t  (value = raw / 2^f)
//   UFixed(w, f)         raw as UInt(w)                   uint64_t
//   float32 / float64    float / double               float / double
//
// Every integer and fixed-point value is kept normalized: sign-extended
// (signed types) or zero-extended (unsigned types) from exactly its width.
#pragma once

#include "core/Types.h"

#include <cstddef>
#include <cstdint>

namespace polyallo::codegen {

struct CStorage {
  const char* name; // "int8_t", "uint16_t", "float", ...
  size_t bytes;     // sizeof
  bool isSigned;    // two's complement signed (bit-pattern types)
  bool isFloat;
};

/// The C type an array element of type `t` is stored as.
CStorage cStorage(const core::ElemType& t);

/// The C type an expression of type `t` is computed in: "int64_t",
/// "uint64_t", "float" or "double".
const char* cCarrier(const core::ElemType& t);

// Host-side versions of the conversion rules the emitted C applies, for
// constants folded at emission time and for Buffer. A bit pattern is the
// 64-bit normalized raw value (sign-extended for signed types).

/// The low `t.width` bits of `x`, sign- or zero-extended as `t` says.
uint64_t wrapBits(uint64_t x, const core::ElemType& t);

/// `x` converted to bit-pattern type `t`: fixed point floors x * 2^f, integers
/// truncate toward zero; then wraps modulo 2^width. NaN and infinities give 0.
uint64_t floatToBits(double x, const core::ElemType& t);

/// The value of bit pattern `bits` of type `t` (raw * 2^-f), rounded to
/// double as C's conversion does.
double bitsToDouble(uint64_t bits, const core::ElemType& t);

} // namespace polyallo::codegen

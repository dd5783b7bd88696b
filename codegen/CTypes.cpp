#include "codegen/CTypes.h"

#include <cmath>

namespace polyallo::codegen {

CStorage cStorage(const core::ElemType& t) {
  using core::TypeKind;
  if (t.kind == TypeKind::Float32) {
    return {"float", 4, true, true};
  }
  if (t.kind == TypeKind::Float64) {
    return {"double", 8, true, true};
  }
  bool s = t.isSigned();
  if (t.width <= 8) {
    return {s ? "int8_t" : "uint8_t", 1, s, false};
  }
  if (t.width <= 16) {
    return {s ? "int16_t" : "uint16_t", 2, s, false};
  }
  if (t.width <= 32) {
    return {s ? "int32_t" : "uint32_t", 4, s, false};
  }
  return {s ? "int64_t" : "uint64_t", 8, s, false};
}

const char* cCarrier(const core::ElemType& t) {
  if (t.kind == core::TypeKind::Float32) {
    return "float";
  }
  if (t.kind == core::TypeKind::Float64) {
    return "double";
  }
  return t.isSigned() ? "int64_t" : "uint64_t";
}

uint64_t wrapBits(uint64_t x, const core::ElemType& t) {
  int w = t.width;
  if (w >= 64) {
    return x;
  }
  uint64_t mask = (uint64_t{1} << w) - 1;
  x &= mask;
  if (t.isSigned() && ((x >> (w - 1)) & 1) != 0) {
    x |= ~mask;
  }
  return x;
}

uint64_t floatToBits(double x, const core::ElemType& t) {
  // Mirrors pa_f2bits in the emitted C (CExpr.cpp): every step is exact.
  if (std::isnan(x)) {
    return 0;
  }
  x = std::ldexp(x, t.frac);
  x = t.isFixed() ? std::floor(x) : std::trunc(x);
  if (std::isinf(x)) {
    return 0;
  }
  x = std::fmod(x, 18446744073709551616.0); // 2^64; |x| < 2^64 afterwards
  uint64_t bits = x < 0 ? uint64_t{0} - static_cast<uint64_t>(-x) : static_cast<uint64_t>(x);
  return wrapBits(bits, t);
}

double bitsToDouble(uint64_t bits, const core::ElemType& t) {
  bits = wrapBits(bits, t);
  double v =
      t.isSigned() ? static_cast<double>(static_cast<int64_t>(bits)) : static_cast<double>(bits);
  return std::ldexp(v, -t.frac);
}

} // namespace polyallo::codegen

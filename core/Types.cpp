#include "core/Types.h"

#include "core/Diagnostics.h"

#include <algorithm>
#include <fmt/format.h>
#include <regex>

namespace polyallo::core {

namespace {

constexpr int kMaxWidth = 64;

void checkWidth(int width, const char* what) {
  require(width >= 1 && width <= kMaxWidth, ErrorKind::InvalidType,
          fmt::format("{} width must be between 1 and {}, got {}", what, kMaxWidth, width));
}

void checkFixed(int width, int frac, const char* what) {
  checkWidth(width, what);
  require(frac >= 0 && frac <= width, ErrorKind::InvalidType,
          fmt::format("{} fraction bits must be between 0 and the width {}, got {}", what, width,
                      frac));
}

int cap(int width) { return std::min(width, kMaxWidth); }

/// The width or fraction-bit count spelled by `digits` in `text` (checked by the factory).
int parseBits(const std::string& digits, const std::string& text) {
  require(digits.size() <= 9, ErrorKind::InvalidType,
          fmt::format("element type '{}': {} is far too many bits (at most {})", text, digits,
                      kMaxWidth));
  return std::stoi(digits);
}

/// Integer bits (including sign) of a bit-pattern type; an unsigned type
/// needs one more bit to be represented as signed.
int signedIntBits(const ElemType& t) {
  int intBits = t.width - t.frac;
  return t.isSigned() ? intBits : intBits + 1;
}

ElemType asFixedLike(const ElemType& t) {
  if (t.kind == TypeKind::Index) {
    return Int(64);
  }
  return t;
}

} // namespace

std::string ElemType::str() const {
  switch (kind) {
  case TypeKind::Int: return fmt::format("int{}", width);
  case TypeKind::UInt: return width == 1 ? "bool" : fmt::format("uint{}", width);
  case TypeKind::Index: return "index";
  case TypeKind::Fixed: return fmt::format("fixed({}, {})", width, frac);
  case TypeKind::UFixed: return fmt::format("ufixed({}, {})", width, frac);
  case TypeKind::Float32: return "float32";
  case TypeKind::Float64: return "float64";
  }
  return "?";
}

ElemType Int(int width) {
  checkWidth(width, "Int");
  return {TypeKind::Int, width, 0};
}
ElemType UInt(int width) {
  checkWidth(width, "UInt");
  return {TypeKind::UInt, width, 0};
}
ElemType Bool() { return {TypeKind::UInt, 1, 0}; }
ElemType Index() { return {TypeKind::Index, 64, 0}; }
ElemType Fixed(int width, int frac) {
  checkFixed(width, frac, "Fixed");
  return {TypeKind::Fixed, width, frac};
}
ElemType UFixed(int width, int frac) {
  checkFixed(width, frac, "UFixed");
  return {TypeKind::UFixed, width, frac};
}
ElemType Float32() { return {TypeKind::Float32, 32, 0}; }
ElemType Float64() { return {TypeKind::Float64, 64, 0}; }

ElemType parseType(const std::string& text) {
  std::smatch m;
  static const std::regex intRe(R"((u?)int(\d+))");
  static const std::regex fixedRe(R"((u?)fixed\(\s*(\d+)\s*,\s*(\d+)\s*\))");
  if (text == "bool") {
    return Bool();
  }
  if (text == "index") {
    return Index();
  }
  if (text == "float32") {
    return Float32();
  }
  if (text == "float64") {
    return Float64();
  }
  if (std::regex_match(text, m, intRe)) {
    int w = parseBits(m[2].str(), text);
    return m[1].str().empty() ? Int(w) : UInt(w);
  }
  if (std::regex_match(text, m, fixedRe)) {
    int w = parseBits(m[2].str(), text);
    int f = parseBits(m[3].str(), text);
    return m[1].str().empty() ? Fixed(w, f) : UFixed(w, f);
  }
  throw Error(ErrorKind::InvalidType,
              fmt::format("unknown element type '{}'; expected intN, uintN, bool, index, "
                          "fixed(w, f), ufixed(w, f), float32 or float64",
                          text));
}

ElemType widen(WidenOp op, const ElemType& a0, const ElemType& b0) {
  if (a0.isFloat() || b0.isFloat()) {
    bool dbl = a0.kind == TypeKind::Float64 || b0.kind == TypeKind::Float64;
    return dbl ? Float64() : Float32();
  }
  if (a0.kind == TypeKind::Index && b0.kind == TypeKind::Index) {
    return Index();
  }
  ElemType a = asFixedLike(a0);
  ElemType b = asFixedLike(b0);
  bool bothUnsigned = !a.isSigned() && !b.isSigned();
  bool fixed = a.isFixed() || b.isFixed();
  int frac = std::max(a.frac, b.frac);
  int intBits = 0;
  bool isUnsigned = bothUnsigned;
  switch (op) {
  case WidenOp::Add:
  case WidenOp::Sub:
    // UInt(a) - UInt(b) lies in (-2^b, 2^a): signed, but no wider than the sum.
    isUnsigned = bothUnsigned && op == WidenOp::Add;
    intBits = bothUnsigned ? std::max(a.width - a.frac, b.width - b.frac) + 1
                           : std::max(signedIntBits(a), signedIntBits(b)) + 1;
    break;
  case WidenOp::Mul:
    frac = a.frac + b.frac;
    intBits = bothUnsigned ? (a.width - a.frac) + (b.width - b.frac)
                           : signedIntBits(a) + signedIntBits(b);
    break;
  case WidenOp::Other:
    intBits = bothUnsigned ? std::max(a.width - a.frac, b.width - b.frac)
                           : std::max(signedIntBits(a), signedIntBits(b));
    break;
  }
  int width = cap(std::max(intBits + frac, 1));
  frac = std::min(frac, width);
  if (fixed) {
    return isUnsigned ? UFixed(width, frac) : Fixed(width, frac);
  }
  return isUnsigned ? UInt(width) : Int(width);
}

ElemType common(const ElemType& a, const ElemType& b) {
  if (a == b) {
    return a;
  }
  return widen(WidenOp::Other, a, b);
}

} // namespace polyallo::core

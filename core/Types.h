// Element types and Allo's default widening rules.
//
//   int1..int64 (Int(n)), uint1..uint64 (UInt(n)), bool (= UInt(1)), index,
//   Fixed(w, f), UFixed(w, f) with w <= 64, float32, float64.
//
// Integers wrap modulo 2^width (two's complement); fixed point truncates
// toward minus infinity and wraps. Arithmetic widens so it cannot overflow
// (HeteroCL's rules, which Allo inherits); the result is cast to the target
// type on assignment. Widths above 64 bits are capped at 64: such results
// wrap modulo 2^64 (wider types come later).
#pragma once

#include <string>

namespace polyallo::core {

enum class TypeKind { Int, UInt, Index, Fixed, UFixed, Float32, Float64 };

struct ElemType {
  TypeKind kind = TypeKind::Int;
  int width = 32; // total bits (Index: 64, Float32: 32, Float64: 64)
  int frac = 0;   // fraction bits, fixed point only

  bool isInt() const { return kind == TypeKind::Int || kind == TypeKind::UInt || kind == TypeKind::Index; }
  bool isFixed() const { return kind == TypeKind::Fixed || kind == TypeKind::UFixed; }
  bool isFloat() const { return kind == TypeKind::Float32 || kind == TypeKind::Float64; }
  /// Integers and fixed-point numbers: two's complement bit patterns.
  bool isBits() const { return isInt() || isFixed(); }
  bool isSigned() const {
    return kind == TypeKind::Int || kind == TypeKind::Index || kind == TypeKind::Fixed || isFloat();
  }
  bool isBool() const { return kind == TypeKind::UInt && width == 1; }

  /// Allo's spelling: "int8", "uint1", "index", "fixed(16, 8)", "float32".
  std::string str() const;

  friend bool operator==(const ElemType&, const ElemType&) = default;
};

/// Factories; each validates its arguments (throws Error InvalidType).
ElemType Int(int width);
ElemType UInt(int width);
ElemType Bool();
ElemType Index();
ElemType Fixed(int width, int frac);
ElemType UFixed(int width, int frac);
ElemType Float32();
ElemType Float64();

/// Parses Allo's spelling (as printed by str(), plus "bool"); throws on failure.
ElemType parseType(const std::string& text);

/// Arithmetic families whose result type follows the widening rules.
enum class WidenOp { Add, Sub, Mul, Other };

/// The type a binary operation computes in (both operands are cast to it).
///   Int(a) +- Int(b) -> Int(max(a, b) + 1)      Int(a) * Int(b) -> Int(a + b)
///   Fixed +- Fixed   -> Fixed(max int bits + max frac bits + 1, max frac bits)
///   Fixed * Fixed    -> Fixed(w1 + w2, f1 + f2)
///   any float operand -> the widest float       index op index -> index
/// Unsigned operands stay unsigned only if both are (UInt - UInt is signed).
/// "Other" (division, bit ops, min/max) keeps the common width.
ElemType widen(WidenOp op, const ElemType& a, const ElemType& b);

/// The smallest type that holds both (used for comparisons and select).
ElemType common(const ElemType& a, const ElemType& b);

} // namespace polyallo::core

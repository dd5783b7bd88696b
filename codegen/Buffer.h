// Host-side data of one array: element type, shape, and the elements in the
// storage layout the emitted C uses (CTypes.h), so a Buffer is passed to a
// simulated function as is.
//
//   Buffer a(core::Fixed(8, 4), {2, 3});   // 6 elements stored as int8_t raws
//   a.setDouble({1, 2}, 1.3);              // raw floor(1.3 * 16) = 20
//   a.getDouble({1, 2});                   // 1.25
//   a.setBits(0, 0x1ff);                   // wraps to 8 bits: raw -1
//   a.fillRandom(42);                      // deterministic on every platform
#pragma once

#include "core/Types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polyallo::codegen {

class Buffer {
public:
  /// A zero-filled buffer; every extent must be >= 0 (Error InvalidArgument).
  /// An empty shape is a scalar (one element).
  Buffer(core::ElemType type, std::vector<int64_t> shape);

  const core::ElemType& type() const { return type_; }
  const std::vector<int64_t>& shape() const { return shape_; }
  /// Number of elements.
  size_t size() const { return size_; }
  /// Bytes per element (the C storage type's size).
  size_t elementBytes() const { return bytes_; }
  void* data() { return storage_.data(); }
  const void* data() const { return storage_.data(); }

  /// Row-major flat index of `index` (one subscript per dimension, each in
  /// range; Error InvalidArgument otherwise).
  size_t flatIndex(const std::vector<int64_t>& index) const;

  /// The element's value: integers exactly (when |v| < 2^53), fixed point as
  /// raw * 2^-f, floats as stored.
  double getDouble(size_t flat) const;
  double getDouble(const std::vector<int64_t>& index) const { return getDouble(flatIndex(index)); }
  /// Stores `v` converted with the type's rules: integers truncate toward
  /// zero, fixed point floors v * 2^f, both wrap modulo 2^width (NaN -> 0);
  /// float32 rounds to nearest.
  void setDouble(size_t flat, double v);
  void setDouble(const std::vector<int64_t>& index, double v) { setDouble(flatIndex(index), v); }

  /// The raw bit pattern: integers / fixed raws normalized to 64 bits
  /// (sign-extended for signed types), floats as their IEEE bits.
  uint64_t getBits(size_t flat) const;
  /// Stores a raw bit pattern, wrapped to the type's width.
  void setBits(size_t flat, uint64_t bits);

  /// Fills with pseudo-random values from `seed` (splitmix64, identical on
  /// every platform): integers and fixed point get uniformly random bit
  /// patterns of their width (index: 0..1023), floats uniform values in
  /// [-1, 1) with 24 (float32) or 53 (float64) random bits.
  void fillRandom(uint64_t seed);

  /// The same elements, row-major, under another shape with the same element
  /// count (what a reshaped array's caller passes); Error InvalidArgument
  /// when the counts differ.
  Buffer reshaped(std::vector<int64_t> shape) const;

  /// Same type, shape and bits (floats compared bitwise: NaN equals itself).
  friend bool operator==(const Buffer& a, const Buffer& b);

  /// "int8[2, 3]"
  std::string typeStr() const;

private:
  void checkFlat(size_t flat) const;

  core::ElemType type_;
  std::vector<int64_t> shape_;
  size_t size_ = 1;
  size_t bytes_ = 0;
  std::vector<uint64_t> storage_; // 8-byte aligned bytes
};

/// `v` rounded to the nearest float, overflowing to infinity as IEEE 754
/// says (a plain cast of a value beyond FLT_MAX is undefined behaviour).
float roundToFloat(double v);

/// The largest |a[i] - b[i]| over all elements (by getDouble); Error
/// InvalidArgument if the shapes differ. NaN in either gives NaN.
double maxAbsDiff(const Buffer& a, const Buffer& b);

} // namespace polyallo::codegen

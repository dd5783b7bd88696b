#include "codegen/Buffer.h"

#include "codegen/CTypes.h"
#include "core/Diagnostics.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <limits>
#include <new>
#include <unistd.h>

namespace polyallo::codegen {

namespace {

/// splitmix64 (Steele, Lea, Flood 2014): a tiny generator with the same
/// output on every platform, unlike std::uniform_*_distribution.
uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

} // namespace

Buffer::Buffer(core::ElemType type, std::vector<int64_t> shape)
    : type_(type), shape_(std::move(shape)), bytes_(cStorage(type_).bytes) {
  for (size_t d = 0; d < shape_.size(); ++d) {
    require(shape_[d] >= 0, ErrorKind::InvalidArgument,
            fmt::format("buffer extent {} is {}; extents must be >= 0", d, shape_[d]));
    require(shape_[d] == 0 || size_ <= std::numeric_limits<size_t>::max() / bytes_ /
                                           static_cast<size_t>(shape_[d]),
            ErrorKind::InvalidArgument, [&] {
              return fmt::format("{} does not fit in this machine's address space",
                                 typeStr());
            });
    size_ *= static_cast<size_t>(shape_[d]);
  }
  // Zero-filling touches every page: beyond physical memory that is an OOM kill, not bad_alloc.
  long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  require(pages <= 0 || pageSize <= 0 ||
              size_ * bytes_ / static_cast<size_t>(pageSize) < static_cast<size_t>(pages),
          ErrorKind::InvalidArgument,
          fmt::format("{} needs {} bytes, more than this machine's memory", typeStr(),
                      size_ * bytes_));
  try {
    storage_.assign((size_ * bytes_ + 7) / 8, 0);
  } catch (const std::bad_alloc&) {
    throw Error(ErrorKind::InvalidArgument,
                fmt::format("{} needs {} bytes, more than this machine can allocate",
                            typeStr(), size_ * bytes_));
  }
}

Buffer Buffer::reshaped(std::vector<int64_t> shape) const {
  Buffer out = *this;
  size_t n = 1;
  for (int64_t e : shape) {
    n *= static_cast<size_t>(std::max<int64_t>(e, 0));
  }
  require(n == size_, ErrorKind::InvalidArgument,
          fmt::format("a {} buffer cannot be viewed as [{}]: that shape has {} elements, not {}",
                      typeStr(), fmt::join(shape, ", "), n, size_));
  out.shape_ = std::move(shape);
  return out;
}

size_t Buffer::flatIndex(const std::vector<int64_t>& index) const {
  require(index.size() == shape_.size(), ErrorKind::InvalidArgument, [&] {
    return fmt::format("{} buffer indexed with {} subscript(s)", typeStr(), index.size());
  });
  size_t flat = 0;
  for (size_t d = 0; d < index.size(); ++d) {
    require(index[d] >= 0 && index[d] < shape_[d], ErrorKind::InvalidArgument, [&] {
      return fmt::format("subscript {} of a {} buffer is {}; it must be in [0, {})", d, typeStr(),
                         index[d], shape_[d]);
    });
    flat = flat * static_cast<size_t>(shape_[d]) + static_cast<size_t>(index[d]);
  }
  return flat;
}

void Buffer::checkFlat(size_t flat) const {
  require(flat < size_, ErrorKind::InvalidArgument, [&] {
    return fmt::format("flat index {} is out of range for a {} buffer of {} element(s)", flat,
                       typeStr(), size_);
  });
}

uint64_t Buffer::getBits(size_t flat) const {
  checkFlat(flat);
  const auto* p = reinterpret_cast<const unsigned char*>(storage_.data()) + flat * bytes_;
  uint64_t raw = 0;
  std::memcpy(&raw, p, bytes_);
  static_assert(std::endian::native == std::endian::little,
                "Buffer assumes a little-endian host (the emitted C shares its layout)");
  if (type_.isFloat()) {
    return raw;
  }
  // Storage holds a normalized value; sign-extend it from the storage width.
  return wrapBits(raw, type_.isSigned() ? core::Int(static_cast<int>(bytes_ * 8))
                                        : core::UInt(static_cast<int>(bytes_ * 8)));
}

void Buffer::setBits(size_t flat, uint64_t bits) {
  checkFlat(flat);
  if (!type_.isFloat()) {
    bits = wrapBits(bits, type_);
  }
  auto* p = reinterpret_cast<unsigned char*>(storage_.data()) + flat * bytes_;
  std::memcpy(p, &bits, bytes_);
}

double Buffer::getDouble(size_t flat) const {
  uint64_t bits = getBits(flat);
  if (type_.kind == core::TypeKind::Float32) {
    float f = 0;
    auto b32 = static_cast<uint32_t>(bits);
    std::memcpy(&f, &b32, sizeof f);
    return f;
  }
  if (type_.kind == core::TypeKind::Float64) {
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  return bitsToDouble(bits, type_);
}

float roundToFloat(double v) {
  constexpr double kMax = std::numeric_limits<float>::max();
  if (std::fabs(v) > kMax) { // not NaN
    // 2^128 - 2^103 is halfway between FLT_MAX and 2^128; the tie goes to the even 2^128.
    float big = std::fabs(v) >= 0x1.ffffffp127 ? std::numeric_limits<float>::infinity()
                                               : std::numeric_limits<float>::max();
    return v < 0 ? -big : big;
  }
  return static_cast<float>(v);
}

void Buffer::setDouble(size_t flat, double v) {
  if (type_.kind == core::TypeKind::Float32) {
    float f = roundToFloat(v);
    uint32_t b32 = 0;
    std::memcpy(&b32, &f, sizeof f);
    setBits(flat, b32);
  } else if (type_.kind == core::TypeKind::Float64) {
    uint64_t b = 0;
    std::memcpy(&b, &v, sizeof v);
    setBits(flat, b);
  } else {
    setBits(flat, floatToBits(v, type_));
  }
}

void Buffer::fillRandom(uint64_t seed) {
  uint64_t state = seed;
  for (size_t i = 0; i < size_; ++i) {
    uint64_t r = splitmix64(state);
    switch (type_.kind) {
    case core::TypeKind::Float32:
      setDouble(i, std::ldexp(static_cast<double>(r >> 40), -23) - 1.0); // 24 bits
      break;
    case core::TypeKind::Float64:
      setDouble(i, std::ldexp(static_cast<double>(r >> 11), -52) - 1.0); // 53 bits
      break;
    case core::TypeKind::Index:
      setBits(i, r % 1024);
      break;
    default:
      setBits(i, r);
      break;
    }
  }
}

bool operator==(const Buffer& a, const Buffer& b) {
  if (a.type_ != b.type_ || a.shape_ != b.shape_) {
    return false;
  }
  for (size_t i = 0; i < a.size_; ++i) {
    if (a.getBits(i) != b.getBits(i)) {
      return false;
    }
  }
  return true;
}

std::string Buffer::typeStr() const {
  std::string s = type_.str() + "[";
  for (size_t d = 0; d < shape_.size(); ++d) {
    s += (d ? ", " : "") + std::to_string(shape_[d]);
  }
  return s + "]";
}

double maxAbsDiff(const Buffer& a, const Buffer& b) {
  require(a.shape() == b.shape(), ErrorKind::InvalidArgument,
          fmt::format("maxAbsDiff of buffers with different shapes: {} and {}", a.typeStr(),
                      b.typeStr()));
  double worst = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    double d = std::fabs(a.getDouble(i) - b.getDouble(i));
    if (std::isnan(d)) {
      return d;
    }
    worst = std::max(worst, d);
  }
  return worst;
}

} // namespace polyallo::codegen

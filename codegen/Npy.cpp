#include "codegen/Npy.h"

#include "core/Diagnostics.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <string_view>

namespace polyallo::codegen {

namespace {

// The format as numpy/lib/format.py defines it.
constexpr std::string_view kMagic{"\x93NUMPY", 6};
constexpr size_t kArrayAlign = 64;          // data starts at a multiple of this
constexpr size_t kGrowthAxisMaxDigits = 21; // np.save leaves room to grow the first axis
constexpr const char* kSupportedDtypes =
    "|b1, |i1, |u1, <i2, <i4, <i8, <u2, <u4, <u8, <f4, <f8 (byte order '<', '>', '=' or '|')";

// ---- the header: a Python dict literal ----------------------------------------------

/// The Python literals a .npy header holds: strings, integers, booleans, None
/// and tuples / lists of them (a structured dtype's descr is a list).
struct PyValue {
  enum class Kind { Str, Int, Bool, None, Seq };
  Kind kind = Kind::None;
  std::string str;
  int64_t integer = 0;
  bool boolean = false;
  std::vector<PyValue> items;
};

/// `text` quoted with `quote` and escaped, for messages (header text may be
/// any bytes).
std::string escaped(std::string_view text, char quote = '"') {
  constexpr size_t kMaxShown = 160;
  std::string out(1, quote);
  for (size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\' || c == static_cast<unsigned char>(quote)) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  return out + (text.size() > kMaxShown ? "..." : "") + quote;
}

/// Recursive descent over the literal subset np.save writes, with Python's
/// latitude: any key order, spaces, trailing commas, 'L' suffixes of
/// Python 2 integers.
class HeaderParser {
public:
  HeaderParser(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  std::map<std::string, PyValue> parseDict() {
    expect('{');
    std::map<std::string, PyValue> dict;
    while (!peekIs('}')) {
      if (!peekIs('\'') && !peekIs('"')) {
        fail("expected a quoted key");
      }
      std::string key = parseString();
      expect(':');
      PyValue value = parseValue(0);
      if (!dict.emplace(key, std::move(value)).second) {
        fail(fmt::format("key {} appears twice", escaped(key, '\'')));
      }
      if (!peekIs(',')) {
        break;
      }
      ++pos_;
    }
    expect('}');
    skipSpace();
    if (pos_ != text_.size()) {
      fail("unexpected text after the dict");
    }
    return dict;
  }

private:
  // Deeper nesting than a structured dtype needs is refused, bounding recursion.
  static constexpr int kMaxDepth = 32;

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::InvalidArgument,
                fmt::format("{}: malformed .npy header ({} at offset {}): {}", path_, what, pos_,
                            escaped(text_)));
  }

  void skipSpace() {
    while (pos_ < text_.size() && isPySpace(text_[pos_])) {
      ++pos_;
    }
  }

  static bool isPySpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  }

  /// Skips spaces; true if the next character is `c`.
  bool peekIs(char c) {
    skipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  void expect(char c) {
    if (!peekIs(c)) {
      fail(fmt::format("expected '{}'", c));
    }
    ++pos_;
  }

  bool consumeWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) {
      return false;
    }
    size_t end = pos_ + word.size();
    if (end < text_.size() &&
        (std::isalnum(static_cast<unsigned char>(text_[end])) != 0 || text_[end] == '_')) {
      return false; // a longer identifier such as "Truex"
    }
    pos_ = end;
    return true;
  }

  PyValue parseValue(int depth) {
    if (depth > kMaxDepth) {
      fail("nested too deeply");
    }
    skipSpace();
    if (pos_ >= text_.size()) {
      fail("unexpected end");
    }
    char c = text_[pos_];
    PyValue v;
    if (c == '\'' || c == '"') {
      v.kind = PyValue::Kind::Str;
      v.str = parseString();
    } else if (c == '(' || c == '[') {
      v = parseSeq(c == '(' ? ')' : ']', depth);
    } else if (c == '-' || c == '+' || std::isdigit(static_cast<unsigned char>(c)) != 0) {
      v.kind = PyValue::Kind::Int;
      v.integer = parseInt();
    } else if (consumeWord("True") || consumeWord("False")) {
      v.kind = PyValue::Kind::Bool;
      v.boolean = c == 'T';
    } else if (consumeWord("None")) {
      v.kind = PyValue::Kind::None;
    } else {
      fail("expected a string, integer, True, False, None, tuple or list");
    }
    return v;
  }

  /// A quoted string; a backslash keeps the next character (descrs have no escapes).
  std::string parseString() {
    char quote = text_[pos_++];
    std::string s;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        ++pos_;
      }
      s += text_[pos_++];
    }
    if (pos_ >= text_.size()) {
      fail("unterminated string");
    }
    ++pos_;
    return s;
  }

  int64_t parseInt() {
    bool negative = text_[pos_] == '-';
    if (text_[pos_] == '-' || text_[pos_] == '+') {
      ++pos_;
    }
    if (pos_ >= text_.size() || std::isdigit(static_cast<unsigned char>(text_[pos_])) == 0) {
      fail("expected digits");
    }
    uint64_t magnitude = 0;
    constexpr uint64_t kLimit = uint64_t{1} << 63; // |INT64_MIN|
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
      auto digit = static_cast<uint64_t>(text_[pos_++] - '0');
      if (magnitude > (kLimit - digit) / 10) {
        fail("integer too large");
      }
      magnitude = magnitude * 10 + digit;
    }
    if (!negative && magnitude == kLimit) {
      fail("integer too large");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'L' || text_[pos_] == 'l')) {
      ++pos_; // Python 2 long
    }
    return negative ? static_cast<int64_t>(uint64_t{0} - magnitude)
                    : static_cast<int64_t>(magnitude);
  }

  PyValue parseSeq(char close, int depth) {
    ++pos_; // the opening bracket
    PyValue v;
    v.kind = PyValue::Kind::Seq;
    while (!peekIs(close)) {
      v.items.push_back(parseValue(depth + 1));
      if (!peekIs(',')) {
        break;
      }
      ++pos_;
    }
    expect(close);
    return v;
  }

  std::string_view text_;
  const std::string& path_;
  size_t pos_ = 0;
};

// ---- dtypes and the parsed header ---------------------------------------------------

struct Dtype {
  char kind = 'f'; // 'b' bool, 'i' signed, 'u' unsigned, 'f' IEEE float
  size_t size = 8; // bytes
  bool bigEndian = false;
};

/// The descr's dtype, or nullopt if polyallo does not read it.
std::optional<Dtype> parseDtype(std::string_view descr) {
  Dtype dt;
  if (!descr.empty() && std::strchr("<>=|", descr[0]) != nullptr) {
    // '=' and '|' mean native, and Buffer requires a little-endian host.
    dt.bigEndian = descr[0] == '>';
    descr.remove_prefix(1);
  }
  static const std::vector<std::string_view> kKnown = {"b1", "i1", "i2", "i4", "i8", "u1",
                                                       "u2", "u4", "u8", "f4", "f8"};
  if (std::find(kKnown.begin(), kKnown.end(), descr) == kKnown.end()) {
    return std::nullopt;
  }
  dt.kind = descr[0];
  dt.size = static_cast<size_t>(descr[1] - '0');
  return dt;
}

struct Header {
  Dtype dtype;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

/// "(3, 4)", "(3,)", "()": the shape as Python prints it.
std::string pyShape(const std::vector<int64_t>& shape) {
  if (shape.size() == 1) {
    return fmt::format("({},)", shape[0]);
  }
  return fmt::format("({})", fmt::join(shape, ", "));
}

const PyValue& field(const std::map<std::string, PyValue>& dict, const std::string& key,
                     const std::string& path) {
  auto it = dict.find(key);
  require(it != dict.end(), ErrorKind::InvalidArgument,
          fmt::format("{}: malformed .npy header: no '{}' key", path, key));
  return it->second;
}

Dtype headerDtype(const PyValue& descr, const std::string& path) {
  std::optional<Dtype> dt;
  if (descr.kind == PyValue::Kind::Str) {
    dt = parseDtype(descr.str);
  }
  require(dt.has_value(), ErrorKind::InvalidArgument,
          fmt::format("{}: unsupported dtype {}; polyallo reads {}", path,
                      descr.kind == PyValue::Kind::Str ? escaped(descr.str, '\'')
                                                       : std::string("(a structured dtype)"),
                      kSupportedDtypes));
  return *dt;
}

std::vector<int64_t> headerShape(const PyValue& value, const std::string& path) {
  std::string bad = fmt::format("{}: malformed .npy header: 'shape' must be a tuple of "
                                "non-negative integers",
                                path);
  require(value.kind == PyValue::Kind::Seq, ErrorKind::InvalidArgument, bad);
  std::vector<int64_t> shape;
  for (const PyValue& item : value.items) {
    require(item.kind == PyValue::Kind::Int && item.integer >= 0, ErrorKind::InvalidArgument, bad);
    shape.push_back(item.integer);
  }
  return shape;
}

Header parseHeader(std::string_view text, const std::string& path) {
  std::map<std::string, PyValue> dict = HeaderParser(text, path).parseDict();
  for (const auto& [key, value] : dict) {
    require(key == "descr" || key == "fortran_order" || key == "shape", ErrorKind::InvalidArgument,
            fmt::format("{}: malformed .npy header: unexpected key {} (a .npy header has "
                        "exactly 'descr', 'fortran_order' and 'shape')",
                        path, escaped(key, '\'')));
  }
  Header h;
  h.dtype = headerDtype(field(dict, "descr", path), path);
  const PyValue& order = field(dict, "fortran_order", path);
  require(order.kind == PyValue::Kind::Bool, ErrorKind::InvalidArgument,
          fmt::format("{}: malformed .npy header: 'fortran_order' must be True or False", path));
  h.fortranOrder = order.boolean;
  h.shape = headerShape(field(dict, "shape", path), path);
  return h;
}

// ---- reading the file ---------------------------------------------------------------

/// Bounds-checked sequential reads; every length is checked against what is
/// left in the file before anything is allocated for it.
class FileReader {
public:
  explicit FileReader(const std::string& path) : path_(path) {
    errno = 0;
    in_.open(path, std::ios::binary);
    std::error_code ec;
    if (in_) {
      size_ = std::filesystem::file_size(path, ec);
    }
    require(in_ && !ec, ErrorKind::LoadFailed,
            fmt::format("cannot open {}: {}", path,
                        ec ? ec.message() : std::string(std::strerror(errno ? errno : ENOENT))));
  }

  uint64_t left() const { return size_ - pos_; }

  std::string read(uint64_t n, const char* what) {
    require(n <= left(), ErrorKind::InvalidArgument,
            fmt::format("{}: truncated .npy file: {} needs {} byte(s) but only {} follow", path_,
                        what, n, left()));
    std::string bytes(static_cast<size_t>(n), '\0');
    in_.read(bytes.data(), static_cast<std::streamsize>(n));
    require(static_cast<uint64_t>(in_.gcount()) == n, ErrorKind::LoadFailed,
            fmt::format("cannot read {}: I/O error in {}", path_, what));
    pos_ += n;
    return bytes;
  }

  uint64_t readLittleEndian(size_t bytes, const char* what) {
    std::string b = read(bytes, what);
    uint64_t v = 0;
    for (size_t i = bytes; i-- > 0;) {
      v = v << 8 | static_cast<unsigned char>(b[i]);
    }
    return v;
  }

private:
  std::string path_;
  std::ifstream in_;
  uint64_t size_ = 0;
  uint64_t pos_ = 0;
};

/// Magic, version and header length; returns the header text.
std::string readPreamble(FileReader& in, const std::string& path) {
  std::string magic =
      in.left() >= kMagic.size() ? in.read(kMagic.size(), "the magic string") : std::string();
  require(magic == kMagic, ErrorKind::InvalidArgument,
          fmt::format("{} is not a .npy file: it does not start with \"\\x93NUMPY\"", path));
  std::string version = in.read(2, "the format version");
  auto major = static_cast<unsigned char>(version[0]);
  auto minor = static_cast<unsigned char>(version[1]);
  require(major >= 1 && major <= 3 && minor == 0, ErrorKind::InvalidArgument,
          fmt::format("{}: unsupported .npy format version {}.{} (polyallo reads 1.0, 2.0 and "
                      "3.0)",
                      path, major, minor));
  uint64_t headerLen = in.readLittleEndian(major == 1 ? 2 : 4, "the header length");
  return in.read(headerLen, "the header");
}

/// Product of `shape`'s extents, or nullopt if it overflows size_t when
/// multiplied by `itemSize`.
std::optional<size_t> byteCount(const std::vector<int64_t>& shape, size_t itemSize) {
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) {
    return 0;
  }
  size_t bytes = itemSize;
  for (int64_t extent : shape) {
    auto e = static_cast<uint64_t>(extent);
    if (e > std::numeric_limits<size_t>::max() / bytes) {
      return std::nullopt;
    }
    bytes *= static_cast<size_t>(e);
  }
  return bytes;
}

// ---- checking and converting elements -----------------------------------------------

/// One element as the file holds it.
struct Element {
  enum class Kind { Signed, Unsigned, Float };
  Kind kind = Kind::Signed;
  uint64_t bits = 0; // integers: the value (two's complement); floats: the IEEE bits
  double value = 0;  // floats: the value (float32 widened exactly)
};

Element decodeElement(const unsigned char* p, const Dtype& dt) {
  uint64_t raw = 0;
  for (size_t i = 0; i < dt.size; ++i) {
    size_t byte = dt.bigEndian ? i : dt.size - 1 - i; // most significant first
    raw = raw << 8 | p[byte];
  }
  Element e;
  e.bits = raw;
  switch (dt.kind) {
  case 'b':
    e.kind = Element::Kind::Unsigned;
    e.bits = raw != 0;
    break;
  case 'u':
    e.kind = Element::Kind::Unsigned;
    break;
  case 'i': {
    e.kind = Element::Kind::Signed;
    unsigned shift = 64 - 8 * static_cast<unsigned>(dt.size);
    e.bits = static_cast<uint64_t>(static_cast<int64_t>(raw << shift) >> shift);
    break;
  }
  default:
    e.kind = Element::Kind::Float;
    e.value = dt.size == 4 ? static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(raw)))
                           : std::bit_cast<double>(raw);
    break;
  }
  return e;
}

std::string elementStr(const Element& e) {
  switch (e.kind) {
  case Element::Kind::Signed:
    return fmt::format("{}", static_cast<int64_t>(e.bits));
  case Element::Kind::Unsigned:
    return fmt::format("{}", e.bits);
  default:
    return fmt::format("{}", e.value);
  }
}

/// The integers an n-bit two's complement (or unsigned) number holds; n = 0
/// (the integer part of fixed(8, 8)) holds only 0.
struct IntRange {
  int64_t lo = 0;
  uint64_t hi = 0;
  double floatLo = 0; // the real interval [floatLo, floatHi) the range covers
  double floatHi = 0;
};

IntRange intRange(int bits, bool isSigned) {
  IntRange r;
  if (bits == 0) {
    r.floatLo = isSigned ? -0.5 : 0;
    r.floatHi = isSigned ? 0.5 : 1;
    return r;
  }
  int magnitudeBits = isSigned ? bits - 1 : bits;
  r.hi = magnitudeBits == 64 ? ~uint64_t{0} : (uint64_t{1} << magnitudeBits) - 1;
  r.lo = isSigned ? static_cast<int64_t>(~r.hi) : 0; // -2^(bits-1)
  r.floatHi = std::ldexp(1.0, magnitudeBits);
  r.floatLo = isSigned ? -r.floatHi : 0;
  return r;
}

bool integerFits(const Element& e, const IntRange& r) {
  if (e.kind == Element::Kind::Signed && static_cast<int64_t>(e.bits) < 0) {
    return static_cast<int64_t>(e.bits) >= r.lo;
  }
  return e.bits <= r.hi;
}

/// The integer `x` as a bit pattern, if it lies in `r` (x integral).
std::optional<uint64_t> integralFloatBits(double x, const IntRange& r) {
  if (!(x >= r.floatLo && x < r.floatHi)) {
    return std::nullopt; // also NaN
  }
  return x < 0 ? static_cast<uint64_t>(static_cast<int64_t>(x)) : static_cast<uint64_t>(x);
}

/// What messages need to name an element.
struct ArrayContext {
  const std::string& name;
  const std::vector<int64_t>& shape;
  const core::ElemType& type;

  /// "A[1, 2]" for row-major flat index `flat`; "A" for a scalar.
  std::string elementName(size_t flat) const {
    if (shape.empty()) {
      return name;
    }
    std::vector<int64_t> index(shape.size());
    for (size_t d = shape.size(); d-- > 0;) {
      auto extent = static_cast<size_t>(shape[d]);
      index[d] = static_cast<int64_t>(flat % extent);
      flat /= extent;
    }
    return fmt::format("{}[{}]", name, fmt::join(index, ", "));
  }

  /// Refuses element `e` at `flat`; `range` is what the type holds.
  [[noreturn]] void reject(size_t flat, const Element& e, const std::string& range) const {
    std::string what =
        fmt::format("array '{}': element {} = {}", name, elementName(flat), elementStr(e));
    bool isFloat = e.kind == Element::Kind::Float;
    if (isFloat && !std::isfinite(e.value)) {
      what += fmt::format(" is not finite; {} holds {}", type.str(), range);
    } else if (isFloat && type.isInt() && std::trunc(e.value) != e.value) {
      what += fmt::format(" is not an integer; {} holds the integers {}", type.str(), range);
    } else {
      what += fmt::format(" is out of range for {} ({})", type.str(), range);
    }
    throw Error(ErrorKind::InvalidArgument, what);
  }
};

void storeInteger(Buffer& buf, size_t flat, const Element& e, const ArrayContext& ctx) {
  const core::ElemType& t = ctx.type;
  IntRange r = intRange(t.width, t.isSigned());
  std::optional<uint64_t> bits;
  if (e.kind != Element::Kind::Float) {
    bits = integerFits(e, r) ? std::optional(e.bits) : std::nullopt;
  } else if (std::trunc(e.value) == e.value) { // false for NaN and infinities
    bits = integralFloatBits(e.value, r);
  }
  if (!bits) {
    ctx.reject(flat, e, fmt::format("{}..{}", r.lo, r.hi));
  }
  buf.setBits(flat, *bits);
}

/// "-128..127.99609375": a fixed-point type's range in real units.
std::string fixedRangeStr(const core::ElemType& t) {
  IntRange raw = intRange(t.width, t.isSigned());
  double lo = std::ldexp(static_cast<double>(raw.lo), -t.frac);
  double hi = std::ldexp(static_cast<double>(raw.hi), -t.frac);
  return fmt::format("{}..{}", lo, hi);
}

/// Fixed point: the raw value is floor(v * 2^frac), as Buffer::setDouble
/// computes it, but out-of-range values are refused instead of wrapping.
void storeFixed(Buffer& buf, size_t flat, const Element& e, const ArrayContext& ctx) {
  const core::ElemType& t = ctx.type;
  std::optional<uint64_t> raw;
  if (e.kind != Element::Kind::Float) {
    // Exact for every 64-bit integer: v fits iff it is an integer of the
    // type's integer bits; then raw = v << frac.
    IntRange r = intRange(t.width - t.frac, t.isSigned());
    if (integerFits(e, r)) {
      raw = t.frac >= 64 ? 0 : e.bits << t.frac;
    }
  } else {
    raw =
        integralFloatBits(std::floor(std::ldexp(e.value, t.frac)), intRange(t.width, t.isSigned()));
  }
  if (!raw) {
    ctx.reject(flat, e, fixedRangeStr(t));
  }
  buf.setBits(flat, *raw);
}

void storeFloat(Buffer& buf, size_t flat, const Element& e, const Dtype& dt) {
  bool single = buf.type().kind == core::TypeKind::Float32;
  if (e.kind == Element::Kind::Float && dt.size == (single ? 4u : 8u)) {
    buf.setBits(flat, e.bits); // the same format: keep every bit (NaN payloads too)
    return;
  }
  if (e.kind == Element::Kind::Float) {
    if (single) {
      buf.setBits(flat, std::bit_cast<uint32_t>(roundToFloat(e.value)));
    } else {
      buf.setDouble(flat, e.value);
    }
  } else if (single) {
    // Convert straight from the integer: going through double could round twice.
    auto f = e.kind == Element::Kind::Signed ? static_cast<float>(static_cast<int64_t>(e.bits))
                                             : static_cast<float>(e.bits);
    buf.setBits(flat, std::bit_cast<uint32_t>(f));
  } else {
    buf.setDouble(flat, e.kind == Element::Kind::Signed
                            ? static_cast<double>(static_cast<int64_t>(e.bits))
                            : static_cast<double>(e.bits));
  }
}

void storeElement(Buffer& buf, size_t flat, const Element& e, const Dtype& dt,
                  const ArrayContext& ctx) {
  if (ctx.type.isFloat()) {
    storeFloat(buf, flat, e, dt);
  } else if (ctx.type.isFixed()) {
    storeFixed(buf, flat, e, ctx);
  } else {
    storeInteger(buf, flat, e, ctx);
  }
}

/// Walks a Fortran-order file (first subscript fastest), tracking the
/// row-major flat index of the current element incrementally.
class FortranOrder {
public:
  explicit FortranOrder(const std::vector<int64_t>& shape)
      : shape_(shape), index_(shape.size()), stride_(shape.size()) {
    size_t stride = 1;
    for (size_t d = shape.size(); d-- > 0;) {
      stride_[d] = stride;
      stride *= static_cast<size_t>(shape[d]);
    }
  }

  size_t flat() const { return flat_; }

  void next() {
    for (size_t d = 0; d < shape_.size(); ++d) {
      flat_ += stride_[d];
      if (++index_[d] < static_cast<size_t>(shape_[d])) {
        return;
      }
      flat_ -= index_[d] * stride_[d]; // carry: this subscript back to 0
      index_[d] = 0;
    }
  }

private:
  const std::vector<int64_t>& shape_;
  std::vector<size_t> index_;
  std::vector<size_t> stride_;
  size_t flat_ = 0;
};

std::string declaredStr(const std::string& name, const core::ElemType& type,
                        const std::vector<int64_t>& shape) {
  return fmt::format("{} is {}[{}]", name, type.str(), fmt::join(shape, ", "));
}

void checkShape(const Header& h, const std::string& path, const core::ElemType& type,
                const std::vector<int64_t>& shape, const std::string& arrayName) {
  bool scalarOk = shape.empty() && h.shape == std::vector<int64_t>{1};
  require(h.shape == shape || scalarOk, ErrorKind::InvalidArgument,
          fmt::format("array '{}': {} has shape {} but {}", arrayName, path, pyShape(h.shape),
                      declaredStr(arrayName, type, shape)));
}

// ---- writing --------------------------------------------------------------------------

/// The header dict exactly as np.save writes it, before alignment padding.
std::string headerDict(const std::string& descr, const std::vector<int64_t>& shape) {
  std::string dict = fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}", descr,
                                 pyShape(shape));
  if (!shape.empty()) {
    size_t digits = std::to_string(shape[0]).size();
    dict.append(kGrowthAxisMaxDigits - std::min(digits, kGrowthAxisMaxDigits), ' ');
  }
  return dict;
}

void appendLittleEndian(std::string& out, uint64_t v, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) {
    out += static_cast<char>(v >> (8 * i) & 0xff);
  }
}

/// Magic, version, length and the header padded with spaces and a final
/// newline so that the data starts at a multiple of 64 bytes.
std::string preamble(const std::string& dict) {
  for (int major : {1, 2}) {
    size_t lengthBytes = major == 1 ? 2 : 4;
    size_t used = kMagic.size() + 2 + lengthBytes + dict.size() + 1;
    size_t pad = kArrayAlign - used % kArrayAlign; // np.save pads 64 when aligned already
    size_t headerLen = dict.size() + pad + 1;
    if (major == 1 && headerLen > 0xffff) {
      continue;
    }
    std::string out(kMagic);
    out += static_cast<char>(major);
    out += '\0';
    appendLittleEndian(out, headerLen, lengthBytes);
    out += dict;
    out.append(pad, ' ');
    return out + '\n';
  }
  throw Error(ErrorKind::Internal, "a .npy header cannot exceed 4 GiB");
}

/// The element's bytes in the file (little-endian), `itemSize` of them.
uint64_t fileBits(const Buffer& buf, size_t flat) {
  if (buf.type().isFixed()) {
    return std::bit_cast<uint64_t>(buf.getDouble(flat));
  }
  return buf.getBits(flat); // integers sign-extended; floats' IEEE bits
}

[[noreturn]] void writeFailed(const std::string& path) {
  throw Error(
      ErrorKind::InvalidArgument,
      fmt::format("cannot write {}: {}", path, errno != 0 ? std::strerror(errno) : "I/O error"));
}

} // namespace

std::string npyDtypeFor(const core::ElemType& type) {
  switch (type.kind) {
  case core::TypeKind::Int:
  case core::TypeKind::UInt: {
    if (type.isBool()) {
      return "|b1";
    }
    char kind = type.kind == core::TypeKind::Int ? 'i' : 'u';
    int bytes = type.width <= 8 ? 1 : type.width <= 16 ? 2 : type.width <= 32 ? 4 : 8;
    return fmt::format("{}{}{}", bytes == 1 ? '|' : '<', kind, bytes);
  }
  case core::TypeKind::Index:
    return "<i8";
  case core::TypeKind::Float32:
    return "<f4";
  default:
    return "<f8"; // float64, fixed and ufixed (as real values)
  }
}

Buffer readNpy(const std::string& path, const core::ElemType& type,
               const std::vector<int64_t>& shape, const std::string& arrayName) {
  FileReader in(path);
  std::string headerText = readPreamble(in, path);
  Header h = parseHeader(headerText, path);
  checkShape(h, path, type, shape, arrayName);
  std::optional<size_t> bytes = byteCount(h.shape, h.dtype.size);
  require(bytes.has_value(), ErrorKind::InvalidArgument,
          fmt::format("{}: shape {} is too large for this machine", path, pyShape(h.shape)));
  std::string data = in.read(*bytes, "the array data");

  Buffer buf(type, shape);
  ArrayContext ctx{arrayName, shape, type};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  FortranOrder fortran(h.shape);
  for (size_t pos = 0; pos < buf.size(); ++pos, fortran.next()) {
    size_t flat = h.fortranOrder ? fortran.flat() : pos;
    storeElement(buf, flat, decodeElement(p + pos * h.dtype.size, h.dtype), h.dtype, ctx);
  }
  return buf;
}

void writeNpy(const std::string& path, const Buffer& buffer) {
  std::string descr = npyDtypeFor(buffer.type());
  size_t itemSize = static_cast<size_t>(descr[2] - '0');
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    writeFailed(path);
  }
  out << preamble(headerDict(descr, buffer.shape()));
  // Chunks keep the extra memory small for large buffers.
  constexpr size_t kChunkElements = 8192;
  std::string chunk;
  for (size_t i = 0; i < buffer.size() && out; ++i) {
    appendLittleEndian(chunk, fileBits(buffer, i), itemSize);
    if ((i + 1) % kChunkElements == 0 || i + 1 == buffer.size()) {
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      chunk.clear();
    }
  }
  out.close();
  if (out.fail()) {
    writeFailed(path);
  }
}

} // namespace polyallo::codegen

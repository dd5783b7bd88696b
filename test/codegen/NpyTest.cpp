// NumPy .npy files: np.save's exact layout, round trips for every element
// type, hand-written headers (the spec's latitude), and refusals of bad data.
#include "codegen/Npy.h"
#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <unistd.h>

namespace polyallo {
namespace {

using namespace polyallo::core;
using codegen::Buffer;
using codegen::npyDtypeFor;
using codegen::readNpy;
using codegen::writeNpy;
using polyallo::testing::throwsError;

// ---- helpers ----------------------------------------------------------------------------

/// A path no other test (or concurrent test process) uses.
std::string tempNpy(const std::string& tag = "") {
  static int counter = 0;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::temp_directory_path();
  return (dir / ("polyallo_npy_" + std::to_string(getpid()) + "_" + info->name() + tag + "_" +
                 std::to_string(counter++) + ".npy"))
      .string();
}

/// Removes the file when the test ends.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& tag = "") : path(tempNpy(tag)) {}
  ~TempFile() { std::filesystem::remove(path); }
};

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good());
}

std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `v`'s low `bytes` bytes, little- or big-endian.
std::string bytesOf(uint64_t v, size_t bytes, bool bigEndian = false) {
  std::string s;
  for (size_t i = 0; i < bytes; ++i) {
    s += static_cast<char>(v >> (8 * (bigEndian ? bytes - 1 - i : i)) & 0xff);
  }
  return s;
}

std::string f64(double v, bool bigEndian = false) {
  return bytesOf(std::bit_cast<uint64_t>(v), 8, bigEndian);
}
std::string f32(float v) { return bytesOf(std::bit_cast<uint32_t>(v), 4); }

/// A .npy file built by hand per the spec: magic, version, little-endian header
/// length (2 bytes for 1.0, 4 for 2.0 / 3.0), the dict padded with spaces and a
/// newline to a multiple of 64 bytes, then the data.
std::string handNpy(int major, const std::string& dict, const std::string& data) {
  size_t lengthBytes = major == 1 ? 2 : 4;
  size_t used = 8 + lengthBytes + dict.size() + 1;
  size_t pad = (64 - used % 64) % 64;
  std::string header = dict + std::string(pad, ' ') + "\n";
  return std::string("\x93NUMPY", 6) + static_cast<char>(major) + '\0' +
         bytesOf(header.size(), lengthBytes) + header + data;
}

std::string dict(const std::string& descr, const std::string& shape, bool fortran = false) {
  return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
         ", 'shape': " + shape + ", }";
}

/// Writes `b`, reads it back with the same type and shape.
Buffer roundTrip(const Buffer& b) {
  TempFile f;
  writeNpy(f.path, b);
  return readNpy(f.path, b.type(), b.shape(), "A");
}

/// Reads hand-made file contents as `type[shape]`.
Buffer readAs(const std::string& bytes, const ElemType& type, const std::vector<int64_t>& shape) {
  TempFile f;
  writeBytes(f.path, bytes);
  return readNpy(f.path, type, shape, "A");
}

/// Expects reading `bytes` as `type[shape]` to fail with `kind` and `fragments`.
::testing::AssertionResult refuses(const std::string& bytes, const ElemType& type,
                                   const std::vector<int64_t>& shape,
                                   const std::vector<std::string>& fragments,
                                   ErrorKind kind = ErrorKind::InvalidArgument) {
  TempFile f;
  writeBytes(f.path, bytes);
  return throwsError([&] { readNpy(f.path, type, shape, "A"); }, kind, fragments);
}

// ---- writing ------------------------------------------------------------------------------

TEST(NpyDtype, IsTheNextStandardDtype) {
  EXPECT_EQ(npyDtypeFor(Bool()), "|b1");
  EXPECT_EQ(npyDtypeFor(Int(1)), "|i1");
  EXPECT_EQ(npyDtypeFor(Int(7)), "|i1");
  EXPECT_EQ(npyDtypeFor(Int(8)), "|i1");
  EXPECT_EQ(npyDtypeFor(Int(9)), "<i2");
  EXPECT_EQ(npyDtypeFor(Int(17)), "<i4");
  EXPECT_EQ(npyDtypeFor(Int(33)), "<i8");
  EXPECT_EQ(npyDtypeFor(UInt(2)), "|u1");
  EXPECT_EQ(npyDtypeFor(UInt(12)), "<u2");
  EXPECT_EQ(npyDtypeFor(UInt(32)), "<u4");
  EXPECT_EQ(npyDtypeFor(UInt(64)), "<u8");
  EXPECT_EQ(npyDtypeFor(Index()), "<i8");
  EXPECT_EQ(npyDtypeFor(Float32()), "<f4");
  EXPECT_EQ(npyDtypeFor(Float64()), "<f8");
  EXPECT_EQ(npyDtypeFor(Fixed(16, 8)), "<f8");
  EXPECT_EQ(npyDtypeFor(UFixed(8, 8)), "<f8");
}

TEST(Npy, WritesExactlyWhatNpSaveWrites) {
  // np.save("a.npy", np.array([1, -2, 3], dtype=np.int8)) with NumPy >= 1.24: the dict, 21
  // minus len("3") spare spaces for growing the first axis, padding to 128 bytes, "\n".
  std::string golden = std::string("\x93NUMPY\x01\x00v\x00", 10) +
                       "{'descr': '|i1', 'fortran_order': False, 'shape': (3,), }" +
                       std::string(60, ' ') + "\n" + "\x01\xfe\x03";
  ASSERT_EQ(golden.size(), 128u + 3u);
  Buffer a(Int(8), {3});
  a.setDouble(0, 1);
  a.setDouble(1, -2);
  a.setDouble(2, 3);
  TempFile f;
  writeNpy(f.path, a);
  EXPECT_EQ(readBytes(f.path), golden);
}

TEST(Npy, HeadersAlignTheDataTo64Bytes) {
  // 0-d: no growth spaces. np.save(np.float64(2.5)) is 128 + 8 bytes.
  TempFile scalar;
  Buffer s(Float64(), {});
  s.setDouble(0, 2.5);
  writeNpy(scalar.path, s);
  std::string bytes = readBytes(scalar.path);
  std::string expectedDict = "{'descr': '<f8', 'fortran_order': False, 'shape': (), }";
  EXPECT_EQ(bytes.substr(10, expectedDict.size()), expectedDict);
  EXPECT_EQ(bytes.size(), 128u + 8u);
  EXPECT_EQ(bytes[127], '\n');
  EXPECT_EQ(bytes.substr(128), f64(2.5));

  for (const std::vector<int64_t>& shape : std::vector<std::vector<int64_t>>{
           {2, 3, 4}, {123456789, 0}, {0}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}) {
    TempFile f;
    writeNpy(f.path, Buffer(UInt(12), shape));
    std::string b = readBytes(f.path);
    size_t headerLen = static_cast<unsigned char>(b[8]) | static_cast<unsigned char>(b[9]) << 8;
    EXPECT_EQ((10 + headerLen) % 64, 0u);
    EXPECT_EQ(b[9 + headerLen], '\n');
    EXPECT_NE(b.find("'descr': '<u2'"), std::string::npos);
  }
}

TEST(Npy, HugeHeadersUseVersion2) {
  // 30000 dimensions of extent 1 do not fit a 1.0 header's 65535 bytes.
  std::vector<int64_t> shape(30000, 1);
  TempFile f;
  writeNpy(f.path, Buffer(Int(8), shape));
  std::string b = readBytes(f.path);
  EXPECT_EQ(b[6], '\x02');
  uint64_t headerLen = 0;
  for (int i = 3; i >= 0; --i) {
    headerLen = headerLen << 8 | static_cast<unsigned char>(b[8 + i]);
  }
  EXPECT_EQ((12 + headerLen) % 64, 0u);
  EXPECT_EQ(readNpy(f.path, Int(8), shape, "A").size(), 1u);
}

TEST(Npy, WriteFailureNamesThePath) {
  std::string dir = std::filesystem::temp_directory_path().string();
  EXPECT_TRUE(throwsError([&] { writeNpy(dir, Buffer(Int(8), {2})); }, ErrorKind::InvalidArgument,
                          {"cannot write " + dir}));
  EXPECT_TRUE(throwsError([&] { writeNpy("/nonexistent-dir/x/a.npy", Buffer(Int(8), {2})); },
                          ErrorKind::InvalidArgument,
                          {"cannot write /nonexistent-dir/x/a.npy", "No such file"}));
}

// ---- round trips --------------------------------------------------------------------------

TEST(Npy, RoundTripsIntegersOfEveryWidth) {
  for (ElemType t :
       {Int(8), Int(7), Int(17), UInt(12), Int(64), UInt(64), Index(), Int(1), UInt(33)}) {
    Buffer b(t, {2, 3, 4});
    b.fillRandom(7);
    Buffer back = roundTrip(b);
    EXPECT_EQ(back, b) << t.str();
  }
  Buffer extremes(Int(64), {2});
  extremes.setBits(0, uint64_t{1} << 63); // INT64_MIN
  extremes.setBits(1, (uint64_t{1} << 63) - 1);
  EXPECT_EQ(roundTrip(extremes), extremes);
  Buffer index(Index(), {3});
  index.setBits(0, static_cast<uint64_t>(-5));
  index.setBits(2, uint64_t{1} << 40);
  EXPECT_EQ(roundTrip(index), index);
}

TEST(Npy, RoundTripsBool) {
  Buffer b(Bool(), {5});
  for (size_t i = 0; i < 5; ++i) {
    b.setBits(i, i % 2);
  }
  TempFile f;
  writeNpy(f.path, b);
  std::string bytes = readBytes(f.path);
  EXPECT_NE(bytes.find("'descr': '|b1'"), std::string::npos);
  EXPECT_EQ(bytes.substr(bytes.size() - 5), std::string("\0\1\0\1\0", 5));
  EXPECT_EQ(readNpy(f.path, Bool(), {5}, "A"), b);
}

TEST(Npy, RoundTripsFixedPointAsRealValues) {
  Buffer b(Fixed(16, 8), {4});
  b.setDouble(0, -1.5);
  b.setDouble(1, -128);         // the most negative raw
  b.setDouble(2, 127.99609375); // the largest raw
  b.setDouble(3, 0.00390625);
  TempFile f;
  writeNpy(f.path, b);
  std::string bytes = readBytes(f.path);
  EXPECT_EQ(bytes.substr(bytes.size() - 32),
            f64(-1.5) + f64(-128) + f64(127.99609375) + f64(0.00390625));
  EXPECT_EQ(readNpy(f.path, Fixed(16, 8), {4}, "A"), b);

  for (ElemType t : {UFixed(12, 4), Fixed(8, 8), UFixed(8, 8), Fixed(53, 20), Fixed(3, 0)}) {
    Buffer r(t, {3, 5});
    r.fillRandom(11);
    EXPECT_EQ(roundTrip(r), r) << t.str();
  }
}

TEST(Npy, RoundTripsFloatsBitExactly) {
  Buffer d(Float64(), {6});
  d.setBits(0, std::bit_cast<uint64_t>(std::numeric_limits<double>::infinity()));
  d.setBits(1, std::bit_cast<uint64_t>(-std::numeric_limits<double>::infinity()));
  d.setBits(2, 0x7ff8000000000123ULL); // NaN with a payload
  d.setBits(3, 0x8000000000000000ULL); // -0.0
  d.setBits(4, 1);                     // the smallest subnormal
  d.setDouble(5, 0.1);
  EXPECT_EQ(roundTrip(d), d);

  Buffer s(Float32(), {2, 2});
  s.setBits(0, std::bit_cast<uint32_t>(std::numeric_limits<float>::infinity()));
  s.setBits(1, 0x7fc00042u); // NaN with a payload
  s.setBits(2, 0x80000000u);
  s.setDouble(3, 0.1);
  EXPECT_EQ(roundTrip(s), s);
}

TEST(Npy, RoundTripsScalarsAndEmptyArrays) {
  Buffer s(Int(17), {});
  s.setDouble(0, -65536);
  EXPECT_EQ(roundTrip(s), s);
  Buffer empty(Float32(), {2, 0, 3});
  EXPECT_EQ(roundTrip(empty), empty);
}

// ---- hand-written files -----------------------------------------------------------------

TEST(Npy, ReadsHeadersWrittenAnyWay) {
  std::string data = bytesOf(7, 4) + bytesOf(static_cast<uint64_t>(-8), 4);
  Buffer expected(Int(32), {2});
  expected.setDouble(0, 7);
  expected.setDouble(1, -8);
  for (const std::string& d : {
           std::string("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }"),
           std::string("{'shape': (2,), 'descr': '<i4', 'fortran_order': False}"),
           std::string("{ \"fortran_order\" : False ,\t'shape':( 2 , ),'descr':\"<i4\" , }"),
           std::string("{'descr': 'i4', 'fortran_order': False, 'shape': (2L,)}"),
           std::string("{'descr': '=i4', 'fortran_order': False, 'shape': [2]}"),
           std::string("{'descr': '|i4', 'fortran_order': False, 'shape': (+2,)}\n  \n"),
       }) {
    EXPECT_EQ(readAs(handNpy(1, d, data), Int(32), {2}), expected) << d;
  }
  // Versions 2.0 and 3.0 differ only in the 4-byte header length.
  EXPECT_EQ(readAs(handNpy(2, dict("<i4", "(2,)"), data), Int(32), {2}), expected);
  EXPECT_EQ(readAs(handNpy(3, dict("<i4", "(2,)"), data), Int(32), {2}), expected);
  // Old NumPy aligned to 16 bytes only; data may start anywhere.
  std::string d = dict("<i4", "(2,)");
  std::string unpadded =
      std::string("\x93NUMPY\x01\x00", 8) + bytesOf(d.size() + 1, 2) + d + "\n" + data;
  EXPECT_EQ(readAs(unpadded, Int(32), {2}), expected);
}

TEST(Npy, ReadsBigEndianData) {
  Buffer i =
      readAs(handNpy(1, dict(">i4", "(2,)"), std::string("\xff\xff\xff\xfe\x00\x00\x01\x02", 8)),
             Int(32), {2});
  EXPECT_EQ(i.getDouble(0), -2);
  EXPECT_EQ(i.getDouble(1), 258);
  Buffer u = readAs(handNpy(1, dict(">u2", "(1,)"), std::string("\xab\xcd", 2)), UInt(16), {1});
  EXPECT_EQ(u.getBits(0), 0xabcdu);
  Buffer f = readAs(handNpy(1, dict(">f8", "(1,)"), f64(-2.75, true)), Float64(), {1});
  EXPECT_EQ(f.getDouble(0), -2.75);
  Buffer x = readAs(handNpy(1, dict(">f8", "(1,)"), f64(1.5, true)), Fixed(8, 4), {1});
  EXPECT_EQ(x.getDouble(0), 1.5);
  Buffer b = readAs(handNpy(1, dict(">i1", "(1,)"), "\x80"), Int(8), {1});
  EXPECT_EQ(b.getDouble(0), -128);
}

TEST(Npy, TransposesFortranOrder) {
  // [[0, 1, 2], [3, 4, 5]] in column-major order: 0 3 1 4 2 5.
  std::string data;
  for (int v : {0, 3, 1, 4, 2, 5}) {
    data += bytesOf(static_cast<uint64_t>(v), 2);
  }
  Buffer a = readAs(handNpy(1, dict("<i2", "(2, 3)", true), data), Int(16), {2, 3});
  for (int64_t i = 0; i < 2; ++i) {
    for (int64_t j = 0; j < 3; ++j) {
      EXPECT_EQ(a.getDouble({i, j}), static_cast<double>(3 * i + j));
    }
  }
  // 3-d: element (i, j, k) at i + 2 j + 6 k.
  std::string data3;
  for (int k = 0; k < 4; ++k) {
    for (int j = 0; j < 3; ++j) {
      for (int i = 0; i < 2; ++i) {
        data3 += static_cast<char>(100 * i + 10 * j + k);
      }
    }
  }
  Buffer c = readAs(handNpy(1, dict("|u1", "(2, 3, 4)", true), data3), UInt(8), {2, 3, 4});
  for (int64_t i = 0; i < 2; ++i) {
    for (int64_t j = 0; j < 3; ++j) {
      for (int64_t k = 0; k < 4; ++k) {
        EXPECT_EQ(c.getDouble({i, j, k}), static_cast<double>(100 * i + 10 * j + k));
      }
    }
  }
}

TEST(Npy, ScalarsAcceptShapeEmptyOrOne) {
  Buffer a = readAs(handNpy(1, dict("<f8", "()"), f64(3.5)), Float64(), {});
  EXPECT_EQ(a.getDouble(0), 3.5);
  Buffer b = readAs(handNpy(1, dict("<f8", "(1,)"), f64(4.5)), Float64(), {});
  EXPECT_EQ(b.getDouble(0), 4.5);
  EXPECT_TRUE(refuses(handNpy(1, dict("<f8", "(2,)"), f64(1) + f64(2)), Float64(), {},
                      {"array 'A': ", "has shape (2,) but A is float64[]"}));
}

TEST(Npy, ConvertsBetweenDtypes) {
  // Integer and bool files into float arrays.
  Buffer f = readAs(handNpy(1, dict("<i8", "(2,)"), bytesOf((1ULL << 62) + 1, 8) + bytesOf(-3, 8)),
                    Float32(), {2});
  EXPECT_EQ(f.getDouble(0), std::ldexp(1.0, 62));
  EXPECT_EQ(f.getDouble(1), -3);
  EXPECT_EQ(readAs(handNpy(1, dict("|b1", "(1,)"), "\x01"), Float64(), {1}).getDouble(0), 1);
  // float32 widens exactly; float64 into float32 rounds to nearest.
  EXPECT_EQ(readAs(handNpy(1, dict("<f4", "(1,)"), f32(0.1f)), Float64(), {1}).getDouble(0),
            static_cast<double>(0.1f));
  EXPECT_EQ(readAs(handNpy(1, dict("<f8", "(1,)"), f64(0.1)), Float32(), {1}).getDouble(0),
            static_cast<double>(0.1f));
  Buffer wide =
      readAs(handNpy(1, dict("<f8", "(4,)"),
                     f64(1e300) + f64(-3.4028235e38) + f64(3.4028235677973366e38) + f64(NAN)),
             Float32(), {4});
  EXPECT_EQ(wide.getDouble(0), INFINITY); // overflows as IEEE 754 rounding does
  EXPECT_EQ(wide.getDouble(1), -std::numeric_limits<float>::max());
  EXPECT_EQ(wide.getDouble(2), INFINITY); // 2^128 - 2^103: the tie rounds to even
  EXPECT_TRUE(std::isnan(wide.getDouble(3)));
  // Integral floats into integers; bools and integers into bool.
  Buffer i = readAs(handNpy(1, dict("<f8", "(3,)"), f64(-64) + f64(63) + f64(-0.0)), Int(7), {3});
  EXPECT_EQ(i.getDouble(0), -64);
  EXPECT_EQ(i.getDouble(1), 63);
  EXPECT_EQ(i.getDouble(2), 0);
  Buffer b = readAs(handNpy(1, dict("<i4", "(2,)"), bytesOf(1, 4) + bytesOf(0, 4)), Bool(), {2});
  EXPECT_EQ(b.getBits(0), 1u);
  EXPECT_EQ(b.getBits(1), 0u);
  EXPECT_EQ(readAs(handNpy(1, dict("|b1", "(1,)"), "\x01"), Int(8), {1}).getDouble(0), 1);
  // Integers and float32 into fixed point, in real units.
  Buffer x = readAs(handNpy(1, dict("<i2", "(2,)"), bytesOf(-128, 2) + bytesOf(127, 2)),
                    Fixed(16, 8), {2});
  EXPECT_EQ(x.getDouble(0), -128);
  EXPECT_EQ(x.getDouble(1), 127);
  Buffer y = readAs(handNpy(1, dict("<f4", "(1,)"), f32(-0.3f)), Fixed(16, 8), {1});
  EXPECT_EQ(y.getDouble(0), std::floor(-0.3f * 256.0) / 256); // floors: -77 / 256
  // The full 64-bit ranges.
  Buffer u = readAs(handNpy(1, dict("<u8", "(1,)"), bytesOf(~0ULL, 8)), UInt(64), {1});
  EXPECT_EQ(u.getBits(0), ~0ULL);
  Buffer big = readAs(handNpy(1, dict("<f8", "(1,)"), f64(-std::ldexp(1.0, 63))), Index(), {1});
  EXPECT_EQ(big.getBits(0), 1ULL << 63);
}

// ---- refusals ---------------------------------------------------------------------------

TEST(Npy, RefusesIntegersOutOfRange) {
  std::string data(12, '\0');
  data[6] = static_cast<char>(200); // A[1, 2] of a 3 x 4 array
  EXPECT_TRUE(refuses(handNpy(1, dict("|u1", "(3, 4)"), data), Int(7), {3, 4},
                      {"array 'A': element A[1, 2] = 200 is out of range for int7 (-64..63)"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("|i1", "(1,)"), "\xff"), UInt(12), {1},
                      {"element A[0] = -1 is out of range for uint12 (0..4095)"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<u8", "(1,)"), bytesOf(1ULL << 63, 8)), Int(64), {1},
                      {"= 9223372036854775808 is out of range for int64 "
                       "(-9223372036854775808..9223372036854775807)"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<i4", "()"), bytesOf(2, 4)), Bool(), {},
                      {"array 'A': element A = 2 is out of range for bool (0..1)"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<i4", "(2, 2)", true),
                              bytesOf(0, 4) + bytesOf(70000, 4) + bytesOf(0, 4) + bytesOf(0, 4)),
                      Int(17), {2, 2}, {"element A[1, 0] = 70000 is out of range for int17"}));
  // Floats into integers: integral and in range only.
  EXPECT_TRUE(refuses(handNpy(1, dict("<f8", "(2,)"), f64(1) + f64(2.5)), Int(8), {2},
                      {"element A[1] = 2.5 is not an integer; int8 holds the integers -128..127"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<f8", "(1,)"), f64(NAN)), Int(8), {1},
                      {"element A[0] = nan is not finite"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<f8", "(1,)"), f64(std::ldexp(1.0, 63))), Index(), {1},
                      {"= 9.223372036854776e+18 is out of range for index"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<f4", "(1,)"), f32(128.0f)), Int(8), {1},
                      {"= 128 is out of range for int8 (-128..127)"}));
}

TEST(Npy, RefusesFixedPointOutOfRange) {
  EXPECT_TRUE(refuses(handNpy(1, dict("<f8", "(2,)"), f64(1) + f64(128)), Fixed(16, 8), {2},
                      {"array 'A': element A[1] = 128 is out of range for fixed(16, 8) "
                       "(-128..127.99609375)"}));
  EXPECT_TRUE(
      refuses(handNpy(1, dict("<f8", "(1,)"), f64(-128.001)), Fixed(16, 8), {1}, {"out of range"}));
  // floor(-0.001 * 16) = -1: below ufixed's 0.
  EXPECT_TRUE(refuses(handNpy(1, dict("<f8", "(1,)"), f64(-0.001)), UFixed(8, 4), {1},
                      {"= -0.001 is out of range for ufixed(8, 4) (0..15.9375)"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<f8", "(1,)"), f64(INFINITY)), Fixed(16, 8), {1},
                      {"= inf is not finite; fixed(16, 8) holds -128..127.99609375"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<i8", "(1,)"), bytesOf(128, 8)), Fixed(16, 8), {1},
                      {"= 128 is out of range"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("<i8", "(1,)"), bytesOf(1, 8)), UFixed(8, 8), {1},
                      {"= 1 is out of range for ufixed(8, 8) (0..0.99609375)"}));
  // Just inside: 127.999 floors to the largest raw.
  EXPECT_EQ(readAs(handNpy(1, dict("<f8", "(1,)"), f64(127.999)), Fixed(16, 8), {1}).getDouble(0),
            127.99609375);
}

TEST(Npy, RefusesShapeMismatch) {
  std::string data(12, '\0');
  EXPECT_TRUE(refuses(handNpy(1, dict("|i1", "(3, 4)"), data), Int(8), {4, 4}, {}));
  TempFile f;
  writeBytes(f.path, handNpy(1, dict("|i1", "(3, 4)"), data));
  EXPECT_TRUE(throwsError(
      [&] {
        readNpy(f.path, Int(8), {4, 4}, "A");
      },
      ErrorKind::InvalidArgument,
      {"array 'A': " + f.path + " has shape (3, 4) but A is int8[4, 4]"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("|i1", "(12,)"), data), Int(8), {3, 4},
                      {"has shape (12,) but A is int8[3, 4]"}));
  EXPECT_TRUE(refuses(handNpy(1, dict("|i1", "()"), "\x01"), Int(8), {1},
                      {"has shape () but A is int8[1]"}));
}

TEST(Npy, RefusesFilesThatAreNotNpy) {
  EXPECT_TRUE(refuses("", Int(8), {1}, {"is not a .npy file", "\\x93NUMPY"}));
  EXPECT_TRUE(refuses("\x93NUM", Int(8), {1}, {"is not a .npy file"}));
  EXPECT_TRUE(refuses("PK\x03\x04 this is a zip", Int(8), {1}, {"is not a .npy file"}));
  std::string v4 = handNpy(1, dict("|i1", "(1,)"), "\x01");
  v4[6] = '\x04';
  EXPECT_TRUE(refuses(v4, Int(8), {1}, {"unsupported .npy format version 4.0", "1.0, 2.0"}));
  TempFile missing;
  EXPECT_TRUE(throwsError([&] { readNpy(missing.path, Int(8), {1}, "A"); }, ErrorKind::LoadFailed,
                          {"cannot open " + missing.path}));
  std::string dir = std::filesystem::temp_directory_path().string();
  EXPECT_TRUE(throwsError([&] { readNpy(dir, Int(8), {1}, "A"); }, ErrorKind::LoadFailed,
                          {"cannot open " + dir}));
}

TEST(Npy, RefusesTruncatedFiles) {
  std::string full = handNpy(1, dict("<i4", "(2, 2)"), std::string(16, '\x01'));
  TempFile f;
  writeBytes(f.path, full.substr(0, full.size() - 1));
  EXPECT_TRUE(throwsError(
      [&] {
        readNpy(f.path, Int(32), {2, 2}, "A");
      },
      ErrorKind::InvalidArgument,
      {f.path, "truncated", "the array data needs 16 byte(s) but only 15"}));
  EXPECT_TRUE(refuses(full.substr(0, 9), Int(32), {2, 2}, {"truncated", "header length"}));
  EXPECT_TRUE(refuses(full.substr(0, 40), Int(32), {2, 2}, {"truncated", "the header needs"}));
  // A header promising 4 GiB in a tiny version-2 file.
  std::string huge = std::string("\x93NUMPY\x02\x00\xff\xff\xff\xff", 12) + "{}";
  EXPECT_TRUE(refuses(huge, Int(32), {2, 2}, {"the header needs 4294967295 byte(s)"}));
  // Extents whose byte count overflows are refused before anything is allocated.
  std::string overflow = handNpy(1, dict("<i8", "(4611686018427387904, 4)"), "");
  EXPECT_TRUE(refuses(overflow, Int(64), {4611686018427387904LL, 4}, {"too large"}));
  std::string big = handNpy(1, dict("<i8", "(1000000000000,)"), "");
  EXPECT_TRUE(refuses(big, Int(64), {1000000000000LL}, {"needs 8000000000000 byte(s)"}));
}

TEST(Npy, RefusesUnsupportedDtypes) {
  for (std::string descr : {"<c16", "<f2", "|O", "<U3", "|S4", "<i3", "<M8[ns]", ">b2", ""}) {
    EXPECT_TRUE(refuses(handNpy(1, dict(descr, "(1,)"), std::string(16, '\0')), Float64(), {1},
                        {"unsupported dtype '" + descr + "'", "|b1, |i1, |u1, <i2", "<f8"}))
        << descr;
  }
  EXPECT_TRUE(refuses(handNpy(1,
                              "{'descr': [('x', '<i4'), ('y', '<f8')], 'fortran_order': False, "
                              "'shape': (1,)}",
                              std::string(12, '\0')),
                      Float64(), {1}, {"unsupported dtype (a structured dtype)"}));
}

TEST(Npy, RefusesMalformedHeaders) {
  auto refusesHeader = [](const std::string& d, const std::string& fragment) {
    return refuses(handNpy(1, d, std::string(8, '\0')), Float64(), {1},
                   {"malformed .npy header", fragment});
  };
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'shape': (1,)}", "no 'fortran_order' key"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}",
                            "unexpected key 'x'"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, "
                            "'shape': (1,)}",
                            "appears twice"));
  EXPECT_TRUE(
      refusesHeader("{'descr' '<f8', 'fortran_order': False, 'shape': (1,)}", "expected ':'"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}", "expected"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'fortran_order': Falsey, 'shape': (1,)}",
                            "expected a string"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}",
                            "'fortran_order' must be True or False"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
                            "'shape' must be a tuple"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'fortran_order': False, 'shape': 1}",
                            "'shape' must be a tuple"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'fortran_order': False, 'shape': ('1',)}",
                            "'shape' must be a tuple"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'fortran_order': False, "
                            "'shape': (99999999999999999999,)}",
                            "integer too large"));
  EXPECT_TRUE(refusesHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x",
                            "unexpected text after the dict"));
  EXPECT_TRUE(refusesHeader("['descr', '<f8']", "expected '{'"));
  EXPECT_TRUE(
      refusesHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)", "expected '}'"));
  EXPECT_TRUE(refusesHeader("{'descr': 'unterminated", "unterminated string"));
  EXPECT_TRUE(
      refusesHeader("{'descr': " + std::string(100000 / 4, '(') + "}", "nested too deeply"));
  EXPECT_TRUE(refusesHeader(std::string("{'descr\0': 1}", 13), "\\x00"));
}

TEST(Npy, IgnoresBytesAfterTheData) {
  // np.save can write several arrays to one open file; np.load reads the first.
  Buffer a = readAs(handNpy(1, dict("|i1", "(2,)"), "\x05\x06\x07"), Int(8), {2});
  EXPECT_EQ(a.getDouble(1), 6);
}

TEST(Npy, CorruptedFilesNeverCrash) {
  // Every single-byte corruption of the preamble and data, and every truncation, either
  // reads or throws polyallo::Error (run under ASan / UBSan for the real check).
  Buffer b(Fixed(12, 4), {2, 3});
  b.fillRandom(3);
  TempFile f;
  writeNpy(f.path, b);
  std::string good = readBytes(f.path);
  uint64_t state = 1;
  for (size_t pos = 0; pos < good.size(); ++pos) {
    for (int trial = 0; trial < 4; ++trial) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      std::string bad = good;
      bad[pos] = static_cast<char>(state >> 56);
      TempFile g;
      writeBytes(g.path, bad);
      try {
        readNpy(g.path, b.type(), b.shape(), "A");
      } catch (const Error&) {
      }
    }
    TempFile t;
    writeBytes(t.path, good.substr(0, pos));
    EXPECT_THROW(readNpy(t.path, b.type(), b.shape(), "A"), Error);
  }
}

} // namespace
} // namespace polyallo

// csim headers: hls::stream and hls_math (CsimTesting.h).
#include "CsimTesting.h"

namespace polyallo {
namespace {

using namespace csim_testing;

TEST(CsimHeaders, StreamIsAFifo) {
  SKIP_WITHOUT_COMPILER();
  RunResult r = compileAndRun("stream", R"(
int main() {
  hls::stream<ap_int<12>> s("s");
  hls::stream<int> t;
  out(s.empty()); out(s.full()); out(s.size());
  for (int i = 0; i < 100; ++i) {
    if (i % 2 == 0) s.write(ap_int<12>(i * 100)); else s << ap_int<12>(i * 100);
    t.write(i);
  }
  out(s.empty()); out(s.size());
  for (int i = 0; i < 100; ++i) {
    ap_int<12> v;
    if (i % 3 == 0) v = s.read(); else if (i % 3 == 1) s >> v; else s.read(v);
    out(v.to_uint64());
    out((ull)t.read());
  }
  out(s.empty());
  ap_int<12> v = 7;
  out(s.read_nb(v)); out(v.to_uint64());
  s.write(5);
  out(s.read_nb(v)); out(v.to_uint64());
  out(s.read().to_uint64()); // empty: a message and T()
  return 0;
}
)");
  Expected e;
  e.add(1, "empty");
  e.add(0, "full");
  e.add(0, "size");
  e.add(0, "empty after writes");
  e.add(100, "size after writes");
  for (int i = 0; i < 100; ++i) {
    e.add(wrapBits(static_cast<uint64_t>(i * 100), Int(12)), fmt::format("s read {}", i));
    e.add(static_cast<uint64_t>(i), fmt::format("t read {}", i));
  }
  e.add(1, "empty after reads");
  e.add(0, "read_nb on empty");
  e.add(7, "read_nb leaves v");
  e.add(1, "read_nb");
  e.add(5, "read_nb value");
  e.add(0, "read of empty gives T()");
  e.check(r);
  EXPECT_NE(r.err.find("'s'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty"), std::string::npos) << r.err;
}

TEST(CsimHeaders, MathIsTheCLibrary) {
  SKIP_WITHOUT_COMPILER();
  std::mt19937_64 rng(8);
  std::vector<float> xs = {0.0f,
                           -0.0f,
                           1.0f,
                           -1.0f,
                           0.5f,
                           2.0f,
                           1e-30f,
                           88.7f,
                           -103.0f,
                           1e30f,
                           std::numeric_limits<float>::infinity(),
                           std::numeric_limits<float>::quiet_NaN()};
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  for (int i = 0; i < 200; ++i) {
    xs.push_back(std::ldexp(unit(rng), static_cast<int>(rng() % 20) - 6));
  }
  std::vector<uint64_t> bits;
  for (float x : xs) {
    uint32_t b = 0;
    std::memcpy(&b, &x, 4);
    bits.push_back(b);
  }
  std::string body = array("kX", bits) + fmt::format("static const int kN = {};\n", xs.size()) +
                     R"(
int main() {
  for (int i = 0; i < kN; ++i) {
    unsigned b = (unsigned)kX[i];
    float x;
    std::memcpy(&x, &b, 4);
    double d = x * 1.25;
    outf(hls::exp(x)); outf(hls::log(x)); outf(hls::log2(x)); outf(hls::log10(x));
    outf(hls::sqrt(x)); outf(hls::sin(x)); outf(hls::cos(x)); outf(hls::tan(x));
    outf(hls::tanh(x)); outf(hls::fabs(x)); outf(hls::abs(x)); outf(hls::floor(x));
    outf(hls::ceil(x)); outf(hls::pow(x, 0.75f)); outf(hls::expf(x));
    outd(hls::exp(d)); outd(hls::log(d)); outd(hls::sqrt(d)); outd(hls::sin(d));
    outd(hls::tanh(d)); outd(hls::pow(d, 1.5)); outd(hls::floor(d));
  }
  return 0;
}
)";
  Expected e;
  for (float x : xs) {
    std::string at = fmt::format("x = {}", x);
    double d = x * 1.25;
    e.addFloat(expf(x), at + " exp");
    e.addFloat(logf(x), at + " log");
    e.addFloat(log2f(x), at + " log2");
    e.addFloat(log10f(x), at + " log10");
    e.addFloat(sqrtf(x), at + " sqrt");
    e.addFloat(sinf(x), at + " sin");
    e.addFloat(cosf(x), at + " cos");
    e.addFloat(tanf(x), at + " tan");
    e.addFloat(tanhf(x), at + " tanh");
    e.addFloat(fabsf(x), at + " fabs");
    e.addFloat(fabsf(x), at + " abs");
    e.addFloat(floorf(x), at + " floor");
    e.addFloat(ceilf(x), at + " ceil");
    e.addFloat(powf(x, 0.75f), at + " pow");
    e.addFloat(expf(x), at + " expf");
    e.addDouble(std::exp(d), at + " exp(double)");
    e.addDouble(std::log(d), at + " log(double)");
    e.addDouble(std::sqrt(d), at + " sqrt(double)");
    e.addDouble(std::sin(d), at + " sin(double)");
    e.addDouble(std::tanh(d), at + " tanh(double)");
    e.addDouble(std::pow(d, 1.5), at + " pow(double)");
    e.addDouble(std::floor(d), at + " floor(double)");
  }
  e.check(compileAndRun("math", body));
}

} // namespace
} // namespace polyallo

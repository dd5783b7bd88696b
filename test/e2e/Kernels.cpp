// End-to-end: kernels built with the C++ API, extracted, emitted as C,
// compiled, run on the CPU and compared element by element with naive C++
// references written here (not with anything polyallo computes). Each kernel
// without symbolic sizes is also emitted as a Vitis HLS project, compiled with
// our csim headers and run on the same inputs: its arrays must equal the CPU
// simulation's bit for bit.
#include "common/Kernels.h"
#include "codegen/HlsEmitter.h"
#include "codegen/Simulator.h"
#include "common/ErrorTesting.h"
#include "common/HlsTesting.h"
#include "common/SimTesting.h"
#include "core/Module.h"
#include "polyhedral/Model.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace polyallo {
namespace {

using namespace polyallo::core;
using codegen::Buffer;

/// Every run's C is compiled with UBSan in trap mode: undefined behaviour fails the test.
codegen::SimOptions options() { return testing::ubsanOptions(); }

template <class T> std::vector<T> values(const Buffer& b) {
  const T* p = static_cast<const T*>(b.data());
  return std::vector<T>(p, p + b.size());
}

template <class T>
void expectEqual(const Buffer& got, const std::vector<T>& want, const char* what) {
  std::vector<T> g = values<T>(got);
  ASSERT_EQ(g.size(), want.size()) << what;
  for (size_t e = 0; e < g.size(); ++e) {
    ASSERT_EQ(g[e], want[e]) << what << " differs at flat index " << e;
  }
}

/// The HLS project of `top` (program order) run on `inputs` (one buffer per
/// parameter) gives the arrays `cpu` of the CPU simulation, bit for bit.
void expectHlsMatches(const poly::ModuleModel& model, const std::string& top,
                      const std::vector<Buffer>& inputs, const std::vector<Buffer>& cpu) {
  std::vector<Buffer> hls = testing::runHlsCsim(poly::Schedule(model, top), top, inputs);
  ASSERT_EQ(hls.size(), cpu.size()) << top;
  auto params = model.function(top).fn->params();
  for (size_t k = 0; k < cpu.size(); ++k) {
    EXPECT_TRUE(hls[k] == cpu[k]) << "array " << params[k]->name << " of " << top;
  }
}

// Symbolic sizes: the HLS emitter refuses module parameters (NotImplemented).
TEST(EndToEnd, HlsRefusesSymbolicSizesNamingThem) {
  Module m("gemm");
  testing::buildGemm(m, m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  EXPECT_TRUE(testing::throwsError([&] { codegen::emitHls(poly::Schedule(model, "gemm")); },
                                   ErrorKind::NotImplemented, {"symbolic sizes (N)"}));
}

TEST(EndToEnd, GemmWithSymbolicSizesRunsAtThreeSizesFromOneCompile) {
  Module m("gemm");
  testing::buildGemm(m, m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  codegen::Simulator sim(model, options());
  for (int64_t n : {1, 17, 40}) {
    Buffer a(Float32(), {n, n}), b(Float32(), {n, n}), c(Float32(), {n, n});
    a.fillRandom(static_cast<uint64_t>(n));
    b.fillRandom(static_cast<uint64_t>(n) + 100);
    c.fillRandom(5); // must be overwritten by the fill
    sim.run("gemm", {{"N", n}}, {&a, &b, &c});
    auto pa = values<float>(a), pb = values<float>(b);
    std::vector<float> ref(n * n, 0.0f);
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        for (int64_t k = 0; k < n; ++k) {
          ref[i * n + j] = ref[i * n + j] + pa[i * n + k] * pb[k * n + j];
        }
      }
    }
    expectEqual(c, ref, "C");
  }
}

TEST(EndToEnd, TwoMmWithScalarArguments) {
  const int64_t NI = 12, NJ = 9, NK = 11, NL = 7;
  Module m("2mm");
  Function& f = m.function("kernel_2mm");
  Array alpha = f.arg("alpha", Float64(), {});
  Array beta = f.arg("beta", Float64(), {});
  Array A = f.arg("A", Float64(), {NI, NK});
  Array B = f.arg("B", Float64(), {NK, NJ});
  Array C = f.arg("C", Float64(), {NJ, NL});
  Array D = f.arg("D", Float64(), {NI, NL});
  Array tmp = f.local("tmp", Float64(), {NI, NJ});
  f.grid({"i", "j"}, {NI, NJ}, [&](Expr i, Expr j) {
    tmp(i, j) = 0.0;
    f.for_("k", 0, NK, [&](Expr k) { tmp(i, j) += alpha() * A(i, k) * B(k, j); });
  });
  f.grid({"i2", "j2"}, {NI, NL}, [&](Expr i, Expr j) {
    D(i, j) *= beta();
    f.for_("k2", 0, NJ, [&](Expr k) { D(i, j) += tmp(i, k) * C(k, j); });
  });
  poly::ModuleModel model = poly::extract(m);
  Buffer bAlpha(Float64(), {}), bBeta(Float64(), {});
  bAlpha.setDouble(0, 1.5);
  bBeta.setDouble(0, 1.2);
  Buffer a(Float64(), {NI, NK}), b(Float64(), {NK, NJ}), c(Float64(), {NJ, NL}),
      d(Float64(), {NI, NL});
  a.fillRandom(1);
  b.fillRandom(2);
  c.fillRandom(3);
  d.fillRandom(4);
  auto pa = values<double>(a), pb = values<double>(b), pc = values<double>(c),
       ref = values<double>(d);
  std::vector<Buffer> inputs = {bAlpha, bBeta, a, b, c, d};
  codegen::Simulator(model, options()).run("kernel_2mm", {}, {&bAlpha, &bBeta, &a, &b, &c, &d});
  expectHlsMatches(model, "kernel_2mm", inputs, {bAlpha, bBeta, a, b, c, d});

  std::vector<double> t(NI * NJ);
  for (int64_t i = 0; i < NI; ++i) {
    for (int64_t j = 0; j < NJ; ++j) {
      t[i * NJ + j] = 0.0;
      for (int64_t k = 0; k < NK; ++k) {
        t[i * NJ + j] += 1.5 * pa[i * NK + k] * pb[k * NJ + j];
      }
    }
  }
  for (int64_t i = 0; i < NI; ++i) {
    for (int64_t j = 0; j < NL; ++j) {
      ref[i * NL + j] *= 1.2;
      for (int64_t k = 0; k < NJ; ++k) {
        ref[i * NL + j] += t[i * NJ + k] * pc[k * NL + j];
      }
    }
  }
  expectEqual(d, ref, "D");
}

// Symbolic sizes: no HLS run.
TEST(EndToEnd, Jacobi2dTimeLoopWithTwoSweeps) {
  const int64_t T = 6;
  Module m("jacobi");
  testing::buildJacobi2d(m, T, m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  const int64_t n = 13;
  Buffer a(Float64(), {n, n}), b(Float64(), {n, n});
  a.fillRandom(21);
  b.fillRandom(22);
  auto ra = values<double>(a), rb = values<double>(b);
  codegen::Simulator(model, options()).run("jacobi_2d", {{"N", n}}, {&a, &b});
  for (int64_t t = 0; t < T; ++t) {
    for (int64_t i = 1; i < n - 1; ++i) {
      for (int64_t j = 1; j < n - 1; ++j) {
        rb[i * n + j] = 0.2 * (ra[i * n + j] + ra[i * n + j - 1] + ra[i * n + j + 1] +
                               ra[(i + 1) * n + j] + ra[(i - 1) * n + j]);
      }
    }
    for (int64_t i = 1; i < n - 1; ++i) {
      for (int64_t j = 1; j < n - 1; ++j) {
        ra[i * n + j] = 0.2 * (rb[i * n + j] + rb[i * n + j - 1] + rb[i * n + j + 1] +
                               rb[(i + 1) * n + j] + rb[(i - 1) * n + j]);
      }
    }
  }
  expectEqual(a, ra, "A");
  expectEqual(b, rb, "B");
}

TEST(EndToEnd, TrmmTriangularLoop) {
  const int64_t M = 10, N = 8;
  Module m("trmm");
  Function& f = m.function("trmm");
  Array alpha = f.arg("alpha", Float64(), {});
  Array A = f.arg("A", Float64(), {M, M});
  Array B = f.arg("B", Float64(), {M, N});
  f.grid({"i", "j"}, {M, N}, [&](Expr i, Expr j) {
    f.for_("k", i + 1, M, [&](Expr k) { B(i, j) += A(k, i) * B(k, j); });
    B(i, j) = alpha() * B(i, j);
  });
  poly::ModuleModel model = poly::extract(m);
  Buffer bAlpha(Float64(), {}), a(Float64(), {M, M}), b(Float64(), {M, N});
  bAlpha.setDouble(0, 1.5);
  a.fillRandom(31);
  b.fillRandom(32);
  auto pa = values<double>(a), ref = values<double>(b);
  std::vector<Buffer> inputs = {bAlpha, a, b};
  codegen::Simulator(model, options()).run("trmm", {}, {&bAlpha, &a, &b});
  expectHlsMatches(model, "trmm", inputs, {bAlpha, a, b});
  for (int64_t i = 0; i < M; ++i) {
    for (int64_t j = 0; j < N; ++j) {
      for (int64_t k = i + 1; k < M; ++k) {
        ref[i * N + j] += pa[k * M + i] * ref[k * N + j];
      }
      ref[i * N + j] = 1.5 * ref[i * N + j];
    }
  }
  expectEqual(b, ref, "B");
}

TEST(EndToEnd, ScalarAccumulatorRowSums) {
  const int64_t R = 7, C = 9;
  Module m("rowsum");
  Function& f = m.function("rowsum");
  Array A = f.arg("A", Int(32), {R, C});
  Array out = f.result("out", Int(32), {R});
  Array acc = f.scalar("acc", Int(32));
  f.for_("i", 0, R, [&](Expr i) {
    acc() = 0;
    f.for_("j", 0, C, [&](Expr j) { acc() += A(i, j); });
    out(i) = acc();
  });
  poly::ModuleModel model = poly::extract(m);
  Buffer a(Int(32), {R, C}), o(Int(32), {R});
  a.fillRandom(41);
  auto pa = values<int32_t>(a);
  std::vector<Buffer> inputs = {a, o};
  codegen::Simulator(model, options()).run("rowsum", {}, {&a, &o});
  expectHlsMatches(model, "rowsum", inputs, {a, o});
  std::vector<int32_t> ref(R);
  for (int64_t i = 0; i < R; ++i) {
    uint32_t sum = 0; // wraps modulo 2^32 like int32
    for (int64_t j = 0; j < C; ++j) {
      sum += static_cast<uint32_t>(pa[i * C + j]);
    }
    ref[i] = static_cast<int32_t>(sum);
  }
  expectEqual(o, ref, "out");
}

TEST(EndToEnd, Int8Int16AndFixedArithmeticWrapsAround) {
  const int64_t M = 6, N = 5, K = 40; // int8 * int8 sums overflow int16 quickly
  Module m("quant");
  Function& f = m.function("quant");
  Array A = f.arg("A", Int(8), {M, K});
  Array B = f.arg("B", Int(8), {K, N});
  Array C = f.result("C", Int(16), {M, N}, 0);
  Array S = f.result("S", Int(8), {M, K});
  Array X = f.arg("X", Fixed(8, 4), {K});
  Array Y = f.arg("Y", Fixed(8, 4), {K});
  Array D = f.result("D", Fixed(8, 4), {}, 0);
  f.grid({"i", "j"}, {M, N},
         [&](Expr i, Expr j) { f.for_("k", 0, K, [&](Expr k) { C(i, j) += A(i, k) * B(k, j); }); });
  f.grid({"i2", "k2"}, {M, K}, [&](Expr i, Expr k) { S(i, k) = A(i, k) + A(i, k); });
  f.for_("k3", 0, K, [&](Expr k) { D() += X(k) * Y(k); });
  poly::ModuleModel model = poly::extract(m);
  Buffer a(Int(8), {M, K}), b(Int(8), {K, N}), c(Int(16), {M, N}), s(Int(8), {M, K});
  Buffer x(Fixed(8, 4), {K}), y(Fixed(8, 4), {K}), d(Fixed(8, 4), {});
  a.fillRandom(51);
  b.fillRandom(52);
  x.fillRandom(53);
  y.fillRandom(54);
  std::vector<Buffer> inputs = {a, b, x, y, c, s, d};
  codegen::Simulator(model, options()).run("quant", {}, {&a, &b, &x, &y, &c, &s, &d});
  expectHlsMatches(model, "quant", inputs, {a, b, x, y, c, s, d});

  auto pa = values<int8_t>(a), pb = values<int8_t>(b);
  auto wrap16 = [](int64_t v) { return static_cast<int16_t>(static_cast<uint16_t>(v & 0xffff)); };
  auto wrap8 = [](int64_t v) { return static_cast<int8_t>(static_cast<uint8_t>(v & 0xff)); };
  std::vector<int16_t> refC(M * N, 0);
  bool wrapped = false;
  for (int64_t i = 0; i < M; ++i) {
    for (int64_t j = 0; j < N; ++j) {
      for (int64_t k = 0; k < K; ++k) {
        int64_t exact = refC[i * N + j] + pa[i * K + k] * pb[k * N + j];
        refC[i * N + j] = wrap16(exact);
        wrapped |= exact != refC[i * N + j];
      }
    }
  }
  EXPECT_TRUE(wrapped) << "the inputs should make int16 wrap around";
  expectEqual(c, refC, "C");
  std::vector<int8_t> refS(M * K);
  for (int64_t e = 0; e < M * K; ++e) {
    refS[e] = wrap8(2 * pa[e]);
  }
  expectEqual(s, refS, "S");
  // Fixed(8, 4): raw * raw has 8 fraction bits; the sum is shifted back to
  // 4 fraction bits (floor) and wrapped to 8 bits, at every step.
  auto px = values<int8_t>(x), py = values<int8_t>(y);
  int64_t acc = 0;
  for (int64_t k = 0; k < K; ++k) {
    int64_t sum = (acc << 4) + px[k] * py[k];
    acc = wrap8(sum >> 4);
  }
  expectEqual(d, std::vector<int8_t>{static_cast<int8_t>(acc)}, "D");
}

TEST(EndToEnd, MathBuiltinsSelectMinMaxInFloat64) {
  const int64_t n = 33;
  Module m("math");
  Function& f = m.function("math");
  Array X = f.arg("X", Float64(), {n});
  Array Y = f.result("Y", Float64(), {n});
  f.for_("i", 0, n, [&](Expr i) {
    Expr x = X(i);
    Y(i) = sqrt(abs(x)) + log(1.0 + x * x) + pow(x, 2.0) + tanh(x) + exp(x) + min(x, 0.5) +
           max(x, -0.25) + select(x > 0.0, x, -x) + floor(x * 4.0) + sin(x) * cos(x);
  });
  poly::ModuleModel model = poly::extract(m);
  Buffer x(Float64(), {n}), y(Float64(), {n});
  x.fillRandom(61);
  std::vector<Buffer> inputs = {x, y};
  codegen::Simulator(model, options()).run("math", {}, {&x, &y});
  expectHlsMatches(model, "math", inputs, {x, y});
  std::vector<double> ref(n);
  auto px = values<double>(x);
  for (int64_t i = 0; i < n; ++i) {
    double v = px[i];
    ref[i] = std::sqrt(std::fabs(v)) + std::log(1.0 + v * v) + std::pow(v, 2.0) + std::tanh(v) +
             std::exp(v) + (v < 0.5 ? v : 0.5) + (v > -0.25 ? v : -0.25) + (v > 0.0 ? v : -v) +
             std::floor(v * 4.0) + std::sin(v) * std::cos(v);
  }
  expectEqual(y, ref, "Y");
}

} // namespace
} // namespace polyallo

// HLS C++ of dataflow regions (functions with unfolded loops): one function
// per processing element, streams declared in the region with their depth,
// `#pragma HLS dataflow`, and PE calls in an order C simulation can run
// (producers before consumers). Each design is compiled with g++ against our
// csim headers (-Wall -Wextra -Werror) and run on inputs whose results are
// computed by hand here.
#include "codegen/HlsEmitter.h"
#include "common/HlsTesting.h"
#include "core/Module.h"
#include "polyhedral/Model.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace polyallo {
namespace {

using namespace polyallo::core;
using codegen::Buffer;

/// An unfolded loop; `band` labels the band it starts ("": it joins the
/// band of the loop around it).
Function::LoopOptions unfolded(const std::string& band) {
  Function::LoopOptions o;
  o.hints.unfold = true;
  o.bandLabel = band;
  return o;
}

Buffer ints(const std::vector<int64_t>& shape, const std::vector<double>& values) {
  Buffer b(Int(32), shape);
  for (size_t k = 0; k < values.size(); ++k) {
    b.setDouble(k, values[k]);
  }
  return b;
}

std::vector<double> values(const Buffer& b) {
  std::vector<double> out;
  for (size_t k = 0; k < b.size(); ++k) {
    out.push_back(b.getDouble(k));
  }
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The body of the definition of `fn` (from its signature to the next
/// function), to look at the calls a region makes.
std::string definition(const std::string& source, const std::string& signature) {
  size_t at = source.find(signature);
  if (at == std::string::npos) {
    return "";
  }
  size_t end = source.find("\n}\n", at);
  return source.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

/// Position of the call `name(` in `body` (npos when absent).
size_t callAt(const std::string& body, const std::string& name) {
  return body.find("\n  " + name + "(");
}

constexpr int64_t kN = 6;

/// pe in range(2), unfolded: PE 0 puts A[k] into s, PE 1 gets it into B[k] + 1.
struct ProducerConsumer {
  Module m{"pc"};
  ProducerConsumer() {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {kN});
    Array B = f.arg("B", Int(32), {kN});
    Array s = f.stream("s", Int(32), {}, 2);
    f.for_("p", 0, 2, unfolded("pe"), [&](Expr p) {
      f.if_(p == 0, [&] { f.for_("k", 0, kN, [&](Expr k) { s() = A(k); }); });
      f.if_(p == 1, [&] { f.for_("k", 0, kN, [&](Expr k) { B(k) = s() + 1; }); });
    });
  }
};

TEST(HlsDataflow, ProducerConsumerText) {
  ProducerConsumer d;
  poly::ModuleModel model = poly::extract(d.m);
  poly::Schedule s(model, "f");
  std::string src = codegen::emitHls(s).source;
  EXPECT_TRUE(contains(src, "hls::stream<ap_int<32>> s;")) << src;
  EXPECT_TRUE(contains(src, "#pragma HLS stream variable=s depth=2")) << src;
  EXPECT_TRUE(contains(src, "#pragma HLS dataflow")) << src;
  EXPECT_TRUE(contains(src, "static void f_pe_0(ap_int<32> A[6], hls::stream<ap_int<32>>& s)"))
      << src;
  EXPECT_TRUE(contains(src, "static void f_pe_1(ap_int<32> B[6], hls::stream<ap_int<32>>& s)"))
      << src;
  EXPECT_TRUE(contains(src, "#pragma HLS inline off")) << src;
  EXPECT_TRUE(contains(src, "s.write(")) << src;
  EXPECT_TRUE(contains(src, "s.read()")) << src;
  std::string region = definition(src, "void f(ap_int<32> A[6], ap_int<32> B[6])");
  ASSERT_FALSE(region.empty()) << src;
  EXPECT_NE(callAt(region, "f_pe_0"), std::string::npos) << region;
  EXPECT_LT(callAt(region, "f_pe_0"), callAt(region, "f_pe_1")) << region;
  EXPECT_FALSE(contains(region, "cycle")) << region;
}

TEST(HlsDataflow, ProducerConsumerRuns) {
  ProducerConsumer d;
  poly::ModuleModel model = poly::extract(d.m);
  poly::Schedule s(model, "f");
  std::vector<double> a = {3, -1, 7, 0, 12, -40};
  for (bool axi : {false, true}) {
    auto out = testing::runHlsCsim(s, "f", {ints({kN}, a), ints({kN}, {})}, axi);
    ASSERT_EQ(out.size(), 2U);
    std::vector<double> expected;
    for (double x : a) {
      expected.push_back(x + 1);
    }
    EXPECT_EQ(values(out[1]), expected) << (axi ? "vitis_hls wrapper" : "vhls");
    EXPECT_EQ(values(out[0]), a);
  }
}

TEST(HlsDataflow, AxiWrapperAroundARegion) {
  ProducerConsumer d;
  poly::ModuleModel model = poly::extract(d.m);
  poly::Schedule s(model, "f");
  codegen::HlsSources out = codegen::emitHls(s, "f");
  std::string wrapper = definition(out.source, "extern \"C\" void f_top(");
  ASSERT_FALSE(wrapper.empty()) << out.source;
  EXPECT_TRUE(contains(wrapper, "extern \"C\" void f_top(ap_int<32>* A, ap_int<32>* B)"))
      << wrapper;
  EXPECT_FALSE(contains(wrapper, "stream")) << wrapper; // streams are the region's locals
  EXPECT_TRUE(contains(wrapper, "  f(buf_A, buf_B);")) << wrapper;
}

constexpr int64_t kPes = 4;
constexpr int64_t kK = 5;

/// A 1-D systolic chain: the PE at the chain's head takes A[k], every other
/// one gets it from its predecessor's FIFO, each passes it on (but the last)
/// and accumulates C[p] += v * W[p]. `backwards`: data enters at PE 3 and
/// flows down to PE 0, so the call order is the reverse of program order.
struct Chain {
  Module m{"chain"};
  explicit Chain(bool backwards) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {kK});
    Array W = f.arg("W", Int(32), {kPes});
    Array C = f.arg("C", Int(32), {kPes});
    Array fifo = f.stream("fifo", Int(32), {kPes - 1}, 2);
    Array v = f.scalar("v", Int(32)); // one per PE
    f.for_("p", 0, kPes, unfolded("pe"), [&](Expr p) {
      f.for_("k", 0, kK, [&](Expr k) {
        // Forwards PE p gets fifo[p - 1] and puts fifo[p]; backwards PE p
        // gets fifo[p] and puts fifo[p - 1].
        Expr head = backwards ? p == kPes - 1 : p == 0;
        Expr notHead = backwards ? p < kPes - 1 : p >= 1;
        Expr notTail = backwards ? p >= 1 : p < kPes - 1;
        f.if_(head, [&] { v() = A(k); });
        f.if_(notHead, [&] { v() = fifo(backwards ? p : p - 1); });
        f.if_(notTail, [&] { fifo.at({backwards ? p - 1 : p}) = v(); });
        C(p) += v() * W(p);
      });
    });
  }
};

void checkChain(bool backwards) {
  Chain d(backwards);
  poly::ModuleModel model = poly::extract(d.m);
  poly::Schedule s(model, "f");
  std::string src = codegen::emitHls(s).source;
  EXPECT_TRUE(contains(src, "hls::stream<ap_int<32>> fifo[3];")) << src;
  EXPECT_TRUE(contains(src, "#pragma HLS stream variable=fifo depth=2")) << src;
  EXPECT_TRUE(contains(src, "hls::stream<ap_int<32>> fifo[3]")) << src;
  std::string region = definition(src, "void f(ap_int<32> A[5], ap_int<32> W[4], ap_int<32> C[4])");
  ASSERT_FALSE(region.empty()) << src;
  std::vector<size_t> at;
  for (int p = 0; p < kPes; ++p) {
    at.push_back(callAt(region, "f_pe_" + std::to_string(p)));
    ASSERT_NE(at.back(), std::string::npos) << region;
  }
  for (int p = 0; p + 1 < kPes; ++p) {
    if (backwards) {
      EXPECT_GT(at[p], at[p + 1]) << "PE " << p + 1 << " feeds PE " << p << ":\n" << region;
    } else {
      EXPECT_LT(at[p], at[p + 1]) << "PE " << p << " feeds PE " << p + 1 << ":\n" << region;
    }
  }
  EXPECT_FALSE(contains(region, "v[1]")) << "v is private to each PE:\n" << region;
  EXPECT_TRUE(contains(definition(src, "static void f_pe_2("), "  ap_int<32> v[1];")) << src;

  std::vector<double> a = {2, -3, 5, 7, 11};
  std::vector<double> w = {1, 10, 100, -1000};
  std::vector<double> c0 = {1, 2, 3, 4};
  auto out = testing::runHlsCsim(s, "f", {ints({kK}, a), ints({kPes}, w), ints({kPes}, c0)});
  ASSERT_EQ(out.size(), 3U);
  double sum = 0;
  for (double x : a) {
    sum += x; // every PE sees every A[k]
  }
  std::vector<double> expected;
  for (int p = 0; p < kPes; ++p) {
    expected.push_back(c0[p] + sum * w[p]);
  }
  EXPECT_EQ(values(out[2]), expected);
}

TEST(HlsDataflow, SystolicChainForwards) { checkChain(false); }

TEST(HlsDataflow, SystolicChainBackwardsCallsInFifoOrder) { checkChain(true); }

/// A 2 x 2 grid of PEs: PE (i, 0) puts A[i][k] * 3 into fifo[i][0], PE (i, 1)
/// gets it into B[i][k]; fifo[i][1] is unused.
TEST(HlsDataflow, ArrayOfStreamsIsIndexedPerDimension) {
  Module m("grid");
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {2, kK});
  Array B = f.arg("B", Int(32), {2, kK});
  Array fifo = f.stream("fifo", Int(32), {2, 2}, 4);
  f.for_("i", 0, 2, unfolded("pe"), [&](Expr i) {
    f.for_("j", 0, 2, unfolded(""), [&](Expr j) { // no label: one band [i, j]
      f.if_(j == 0, [&] { f.for_("k", 0, kK, [&](Expr k) { fifo(i, j) = A(i, k) * 3; }); });
      f.if_(j == 1, [&] { f.for_("k", 0, kK, [&](Expr k) { B(i, k) = fifo(i, j - 1); }); });
    });
  });
  poly::ModuleModel model = poly::extract(m);
  poly::Schedule s(model, "f");
  std::string src = codegen::emitHls(s).source;
  EXPECT_TRUE(contains(src, "hls::stream<ap_int<32>> fifo[2][2];")) << src;
  EXPECT_TRUE(contains(src, "#pragma HLS stream variable=fifo depth=4")) << src;
  EXPECT_TRUE(std::regex_search(src, std::regex(R"(fifo\[[^\]]+\]\[[^\]]+\]\.write\()"))) << src;
  EXPECT_TRUE(std::regex_search(src, std::regex(R"(fifo\[[^\]]+\]\[[^\]]+\]\.read\(\))"))) << src;
  for (const char* pe : {"f_pe_0_0", "f_pe_0_1", "f_pe_1_0", "f_pe_1_1"}) {
    EXPECT_TRUE(contains(src, std::string("static void ") + pe + "(")) << src;
  }
  std::vector<double> a = {1, 2, 3, 4, 5, -6, -7, -8, -9, -10};
  auto out = testing::runHlsCsim(s, "f", {ints({2, kK}, a), ints({2, kK}, {})});
  ASSERT_EQ(out.size(), 2U);
  std::vector<double> expected;
  for (double x : a) {
    expected.push_back(3 * x);
  }
  EXPECT_EQ(values(out[1]), expected);
}

/// Two PEs that feed each other: no call order runs them one after the
/// other, so the region is emitted in program order with a comment saying so.
TEST(HlsDataflow, CyclicRegionIsEmittedWithAComment) {
  Module m("ring");
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {kK});
  Array B = f.arg("B", Int(32), {kK});
  Array there = f.stream("there", Int(32), {}, 2);
  Array back = f.stream("back", Int(32), {}, 2);
  f.for_("p", 0, 2, unfolded("pe"), [&](Expr p) {
    f.if_(p == 0, [&] {
      f.for_("k", 0, kK, [&](Expr k) {
        there() = A(k);
        B(k) = back();
      });
    });
    f.if_(p == 1, [&] { f.for_("k", 0, kK, [&](Expr) { back() = there() + 1; }); });
  });
  poly::ModuleModel model = poly::extract(m);
  poly::Schedule s(model, "f");
  std::string src = codegen::emitHls(s).source;
  std::string region = definition(src, "void f(ap_int<32> A[5], ap_int<32> B[5])");
  ASSERT_FALSE(region.empty()) << src;
  EXPECT_TRUE(contains(region, "cycle")) << region;
  EXPECT_TRUE(contains(region, "cannot run in C simulation")) << region;
  EXPECT_LT(callAt(region, "f_pe_0"), callAt(region, "f_pe_1")) << region;
  // It still compiles (-Werror); running it reads empty FIFOs, which our
  // csim reports and survives.
  auto out = testing::runHlsCsim(s, "f", {ints({kK}, {1, 2, 3, 4, 5}), ints({kK}, {})});
  EXPECT_EQ(out.size(), 2U);
}

} // namespace
} // namespace polyallo

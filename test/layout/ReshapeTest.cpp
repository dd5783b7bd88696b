// reshape (layout/Reshape.h): the reshaped kernel computes bit for bit what
// the original computes on the same bytes, its accesses are the expected
// floor divisions and remainders (exact in isl), and every illegal use is
// refused with a message naming the rule.
#include "layout/Reshape.h"

#include "codegen/Simulator.h"
#include "common/ErrorTesting.h"
#include "common/SimTesting.h"
#include "core/Rewrite.h"
#include "polyhedral/Model.h"

#include <gtest/gtest.h>

#include <functional>

namespace polyallo::layout {
namespace {

using codegen::Buffer;
using core::Array;
using core::Expr;
using core::Function;
using core::Int;
using core::Module;
using testing::throwsError;

using Builder = std::function<void(Module&)>;

std::unique_ptr<Module> build(const Builder& b) {
  auto m = std::make_unique<Module>("k");
  b(*m);
  return m;
}

/// k(A: int32[4, 8]) -> C: int32[4, 8], through a local B: B = A + i; C = B * 2 - B[3 - i, 7 - j]
/// (a second subscript pattern), and a guarded update reading B in its condition.
void localTemp(Module& m) {
  Function& f = m.function("k");
  Array A = f.arg("A", Int(32), {4, 8});
  Array C = f.result("C", Int(32), {4, 8});
  Array B = f.local("B", Int(32), {4, 8});
  f.grid({"i", "j"}, {4, 8}, [&](Expr i, Expr j) { B(i, j) = A(i, j) + i; });
  f.grid({"i2", "j2"}, {4, 8}, [&](Expr i, Expr j) {
    C(i, j) = B(i, j) * 2 - B(3 - i, 7 - j);
    f.if_(B(i, j) > 0, [&] { C(i, j) += B(i, j & 3); });
  });
}

/// `m`'s top after a run on seeded random inputs, each result viewed in the
/// shape `written` gives (the kernel as written, before its parameters were
/// reshaped). fillRandom depends on the element count only, so a reshaped
/// parameter gets the bytes the original one gets.
std::vector<Buffer> run(const Module& m, const std::vector<std::vector<int64_t>>& written = {}) {
  poly::ModuleModel model = poly::extract(m);
  std::vector<Buffer> out = testing::runOnRandomInputs(model, m.top(), {}, 5);
  for (size_t k = 0; k < written.size(); ++k) {
    out[k] = out[k].reshaped(written[k]);
  }
  return out;
}

/// "B[i // 2, i % 2, j]" for every access of `array` in `m`, in program order.
std::vector<std::string> accesses(const Module& m, const std::string& array) {
  auto decl = m.top().findArray(array);
  std::vector<std::string> out;
  core::forEachStmt(m.top().body(), [&](core::StmtNode& s) {
    if (s.kind == core::StmtKind::Assign && s.target == decl) {
      out.push_back("write " + core::str(core::read(decl, s.indices)));
    }
    for (const Expr* e : core::ownExprs(s)) {
      core::rewriteReads(*e, decl.get(), [&](const std::vector<Expr>& idx) {
        out.push_back("read " + core::str(core::read(decl, idx)));
        return idx;
      });
    }
  });
  return out;
}

TEST(Reshape, SplittingTheOuterDimensionKeepsTheResult) {
  std::vector<Buffer> want = run(*build(localTemp));
  auto m = build(localTemp);
  reshape(*m, "k", "B", {2, 2, 8}, {});
  EXPECT_EQ(m->top().findArray("B")->typeStr(), "int32[2, 2, 8]");
  std::vector<std::string> acc = accesses(*m, "B");
  ASSERT_GE(acc.size(), 3u);
  EXPECT_EQ(acc[0], "write B[(i // 2), (i % 2), j]");
  EXPECT_EQ(acc[1], "read B[(i2 // 2), (i2 % 2), j2]");
  EXPECT_EQ(acc[2], "read B[((3 - i2) // 2), ((3 - i2) % 2), (7 - j2)]");
  EXPECT_TRUE(want == run(*m));
}

TEST(Reshape, FlatteningLinearizesRowMajor) {
  std::vector<Buffer> want = run(*build(localTemp));
  auto m = build(localTemp);
  reshape(*m, "k", "B", {32}, {});
  EXPECT_EQ(accesses(*m, "B")[0], "write B[((i * 8) + j)]");
  EXPECT_TRUE(want == run(*m));
}

TEST(Reshape, RegroupingDividesAndTakesRemainders) {
  std::vector<Buffer> want = run(*build(localTemp));
  auto m = build(localTemp);
  reshape(*m, "k", "B", {8, 4}, {});
  EXPECT_EQ(accesses(*m, "B")[0], "write B[(((i * 8) + j) // 4), (((i * 8) + j) % 4)]");
  EXPECT_TRUE(want == run(*m));
}

TEST(Reshape, ReshapingTwiceComposes) {
  std::vector<Buffer> want = run(*build(localTemp));
  auto m = build(localTemp);
  reshape(*m, "k", "B", {32}, {});
  reshape(*m, "k", "B", {8, 1, 4}, {});
  EXPECT_EQ(m->top().findArray("B")->typeStr(), "int32[8, 1, 4]");
  EXPECT_EQ(accesses(*m, "B")[0], "write B[(((i * 8) + j) // 4), 0, (((i * 8) + j) % 4)]");
  EXPECT_TRUE(want == run(*m));
  // Back to the first shape: the digits of i * 8 + j recombine and the loop
  // ranges decide the divisions; only B[i2, j2 & 3] keeps them (& has no range).
  reshape(*m, "k", "B", {4, 8}, {});
  std::vector<std::string> back = accesses(*m, "B"), first = accesses(*build(localTemp), "B");
  ASSERT_EQ(back.size(), 5u);
  EXPECT_EQ(std::vector<std::string>(back.begin(), back.begin() + 4),
            std::vector<std::string>(first.begin(), first.begin() + 4));
  EXPECT_EQ(back[4], "read B[(((i2 * 8) + (j2 & 3)) // 8), (((i2 * 8) + (j2 & 3)) % 8)]");
  EXPECT_TRUE(want == run(*m));
}

TEST(Reshape, SubscriptsWrittenAsDigitsOfOneValueRecombine) {
  // A[i // 8, (i // 2) % 4, i % 2] walks A: int32[2, 4, 2] in order; flat, it is A[i].
  auto digits = [](Module& m) {
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {2, 4, 2});
    Array B = f.result("B", Int(32), {16});
    f.for_("i", 0, 16,
           [&](Expr i) { B(i) = A(core::floordiv(i, 8), core::floordiv(i, 2) % 4, i % 2) * 3; });
  };
  std::vector<Buffer> want = run(*build(digits));
  auto m = build(digits);
  reshape(*m, "k", "A", {16}, {});
  EXPECT_EQ(accesses(*m, "A"), (std::vector<std::string>{"read A[i]"}));
  EXPECT_TRUE(want == run(*m, {{2, 4, 2}, {16}}));
}

TEST(Reshape, TheModelSeesExactQuasiAffineAccesses) {
  auto m = build(localTemp);
  reshape(*m, "k", "B", {2, 2, 8}, {});
  poly::ModuleModel model = poly::extract(*m);
  const poly::FunctionModel& fn = model.function("k");
  const poly::Reference* write = nullptr;
  for (const poly::Reference& r : fn.refs) {
    if (r.array == "B" && r.write) {
      write = &r;
      break;
    }
  }
  ASSERT_NE(write, nullptr);
  EXPECT_TRUE(write->affine);
  isl::map expected(model.isl().get(), "{ S0[i, j] -> B[a, b, j] : 0 <= i < 4 and 0 <= j < 8 and "
                                       "i = 2a + b and 0 <= b < 2 }");
  EXPECT_TRUE(write->access.is_equal(expected)) << write->access;
}

/// k(A: int32[4, 6], B: int32[6, 4]) -> C: int32[4, 4]: C = A @ B.
void matmul(Module& m) {
  Function& f = m.function("k");
  Array A = f.arg("A", Int(32), {4, 6});
  Array B = f.arg("B", Int(32), {6, 4});
  Array C = f.result("C", Int(32), {4, 4}, 0);
  f.grid({"i", "j", "k"}, {4, 4, 6}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
}

TEST(Reshape, ReshapedParametersTakeTheSameBytesInTheirNewShape) {
  std::vector<Buffer> want = run(*build(matmul));
  auto m = build(matmul);
  reshape(*m, "k", "A", {24}, {});
  reshape(*m, "k", "B", {3, 2, 2, 2}, {});
  reshape(*m, "k", "C", {2, 8}, {});
  EXPECT_EQ(m->top().params()[1]->typeStr(), "int32[3, 2, 2, 2]");
  EXPECT_TRUE(want == run(*m, {{4, 6}, {6, 4}, {4, 4}}));
}

TEST(Reshape, ConstantSubscriptsFold) {
  auto m = build([](Module& m) {
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {4, 8});
    f.for_("i", 0, 8, [&](Expr i) { A(2, i) = A(3, 5) + 1; });
  });
  reshape(*m, "k", "A", {32}, {});
  EXPECT_EQ(accesses(*m, "A"), (std::vector<std::string>{"write A[(16 + i)]", "read A[29]"}));
}

/// k(A: int32[32]) -> B: int32[8]: B[i] += A[i * 4 + k] for k in range(kEnd)
/// (i in range(iEnd)).
Builder strided(int64_t iEnd, int64_t kEnd) {
  return [=](Module& m) {
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {32});
    Array B = f.result("B", Int(32), {8}, 0);
    f.for_("i", 0, iEnd,
           [&](Expr i) { f.for_("k", 0, kEnd, [&](Expr k) { B(i) += A(i * 4 + k); }); });
  };
}

TEST(Reshape, LoopRangesRemoveDivisionsTheyDecide) {
  // 0 <= k < 4: i * 4 + k is row i, column k of the (8, 4) view.
  std::vector<Buffer> want = run(*build(strided(8, 4)));
  auto m = build(strided(8, 4));
  reshape(*m, "k", "A", {8, 4}, {});
  EXPECT_EQ(accesses(*m, "A"), (std::vector<std::string>{"read A[i, k]"}));
  EXPECT_TRUE(want == run(*m, {{32}, {8}}));
  // 0 <= k < 8 crosses rows: the division stays.
  want = run(*build(strided(7, 8)));
  m = build(strided(7, 8));
  reshape(*m, "k", "A", {8, 4}, {});
  EXPECT_EQ(accesses(*m, "A"),
            (std::vector<std::string>{"read A[(((i * 4) + k) // 4), (((i * 4) + k) % 4)]"}));
  EXPECT_TRUE(want == run(*m, {{32}, {8}}));
}

// ---- refusals -------------------------------------------------------------------

/// k calls g(X) on its local T; g has parameter X: int32[8].
void withCall(Module& m) {
  Function& g = m.function("g");
  Array X = g.arg("X", Int(32), {8});
  g.for_("i", 0, 8, [&](Expr i) { X(i) = X(i) + 1; });
  Function& f = m.function("k");
  m.setTop("k");
  Array A = f.arg("A", Int(32), {8});
  Array T = f.local("T", Int(32), {8}, 0);
  f.call(g, {T});
  f.for_("i", 0, 8, [&](Expr i) { A(i) = T(i); });
}

TEST(ReshapeErrors, EveryRuleIsRefusedWithItsReason) {
  auto m = build(localTemp);
  EXPECT_TRUE(
      throwsError([&] { reshape(*m, "k", "Z", {32}, {}); }, ErrorKind::UnknownName,
                  {"reshape(Z, (32,)): function 'k' has no array 'Z'", "its arrays are A, C, B"}));
  EXPECT_TRUE(throwsError([&] { reshape(*m, "f", "B", {32}, {}); }, ErrorKind::UnknownName,
                          {"no function 'f'; the functions are k"}));
  EXPECT_TRUE(throwsError(
      [&] {
        reshape(*m, "k", "B", {4, 4}, {});
      },
      ErrorKind::InvalidShape, {"'B' (int32[4, 8]) has 32 elements but the shape (4, 4) has 16"}));
  EXPECT_TRUE(throwsError(
      [&] {
        reshape(*m, "k", "B", {8, 0, 4}, {});
      },
      ErrorKind::InvalidShape, {"extent 0 is not positive"}));
  EXPECT_TRUE(throwsError([&] { reshape(*m, "k", "B", {}, {}); }, ErrorKind::InvalidShape,
                          {"the new shape has no extent", "(32,)"}));
  EXPECT_TRUE(throwsError(
      [&] {
        reshape(*m, "k", "B", {INT64_MAX, 4}, {});
      },
      ErrorKind::InvalidShape, {"has more than 2^63 - 1"}));
  EXPECT_EQ(m->top().findArray("B")->typeStr(), "int32[4, 8]"); // refusals change nothing
}

TEST(ReshapeErrors, ScalarsAndSymbolicExtentsAreRefused) {
  auto m = build([](Module& m) {
    Expr N = m.param("N");
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {N, 4});
    Array s = f.scalar("s", Int(32), 0);
    f.for_("i", 0, N, [&](Expr i) { A(i, 0) = s(); });
  });
  EXPECT_TRUE(throwsError([&] { reshape(*m, "k", "s", {1}, {}); }, ErrorKind::InvalidShape,
                          {"'s' is a scalar (int32, a 0-d array)"}));
  EXPECT_TRUE(throwsError(
      [&] {
        reshape(*m, "k", "A", {4, 4}, {});
      },
      ErrorKind::NotConstant, {"'A' is int32[N, 4]; reshape needs constant extents"}));
}

TEST(ReshapeErrors, ArraysOnEitherSideOfACallAreRefused) {
  auto m = build(withCall);
  EXPECT_TRUE(throwsError(
      [&] {
        reshape(*m, "k", "T", {2, 4}, {});
      },
      ErrorKind::InvalidCall, {"'T' is passed to 'g' at ", "the callee's parameter would keep"}));
  EXPECT_TRUE(throwsError(
      [&] {
        reshape(*m, "g", "X", {2, 4}, {});
      },
      ErrorKind::InvalidCall,
      {"'X' is a parameter of 'g', which 'k' calls at ",
       "the caller's argument would keep the shape int32[8]"}));
  reshape(*m, "k", "A", {2, 4}, {}); // A itself is passed nowhere
  EXPECT_EQ(m->top().params()[0]->typeStr(), "int32[2, 4]");
}

} // namespace
} // namespace polyallo::layout

// Layout types: the bank maps of none / complete / block / cyclic (exactly,
// as isl maps), the canonical forms, and the lattice laws checked against a
// brute-force definition (a finer partition puts any two elements that share
// one of its banks into one bank of the coarser partition).
#include "layout/LayoutType.h"
#include "common/ErrorTesting.h"
#include "polyhedral/Isl.h"

#include <gtest/gtest.h>

#include <map>

namespace polyallo {
namespace {

using layout::DimPartition;
using layout::LayoutType;
using layout::PartitionKind;
using testing::throwsError;

const DimPartition kNone = DimPartition::none();
const DimPartition kComplete = DimPartition::complete();
DimPartition block(int64_t f) { return DimPartition::block(f); }
DimPartition cyclic(int64_t f) { return DimPartition::cyclic(f); }

// ---- bank maps -------------------------------------------------------------

class BankMap : public ::testing::Test {
protected:
  poly::IslContext isl;
  /// bankMap of `layout` on A: [10, 10] equals the map `expected` (isl text).
  ::testing::AssertionResult is(const LayoutType& layout, const std::string& expected) {
    isl::map got = layout::bankMap(isl.get(), "A", {10, 10}, layout);
    isl::map want(isl.get(), expected);
    if (got.is_equal(want)) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "bank map of " << layout.str() << " is "
                                         << poly::islStr(got) << ", expected " << expected;
  }
};

TEST_F(BankMap, NoneKeepsOneBank) {
  EXPECT_TRUE(is({{kNone, kNone}}, "{ A[i, j] -> [0, 0, i, j] : 0 <= i < 10 and 0 <= j < 10 }"));
}

TEST_F(BankMap, CompleteGivesEveryElementItsBank) {
  EXPECT_TRUE(
      is({{kComplete, kComplete}}, "{ A[i, j] -> [i, j, 0, 0] : 0 <= i < 10 and 0 <= j < 10 }"));
  EXPECT_TRUE(
      is({{kNone, kComplete}}, "{ A[i, j] -> [0, j, i, 0] : 0 <= i < 10 and 0 <= j < 10 }"));
}

TEST_F(BankMap, BlockSplitsIntoConsecutiveRuns) {
  EXPECT_TRUE(is({{block(2), kNone}},
                 "{ A[i, j] -> [floor(i / 5), 0, i mod 5, j] : 0 <= i < 10 and 0 <= j < 10 }"));
  EXPECT_TRUE(is({{kNone, block(5)}},
                 "{ A[i, j] -> [0, floor(j / 2), i, j mod 2] : 0 <= i < 10 and 0 <= j < 10 }"));
}

TEST_F(BankMap, BlockWithAFactorThatDoesNotDivideTheExtent) {
  // block(4) on 10 elements: blocks of ceil(10 / 4) = 3, the last one short.
  EXPECT_TRUE(is({{block(4), kNone}},
                 "{ A[i, j] -> [floor(i / 3), 0, i mod 3, j] : 0 <= i < 10 and 0 <= j < 10 }"));
  isl::map m = layout::bankMap(isl.get(), "A", {10, 10}, {{block(4), kNone}});
  EXPECT_TRUE(m.range().is_equal(
      isl::set(isl.get(),
               "{ [b, 0, o, j] : 0 <= b <= 3 and 0 <= o <= 2 and 3b + o <= 9 and 0 <= j < 10 }")));
  EXPECT_TRUE(m.intersect_domain(isl::set(isl.get(), "{ A[9, 0] }"))
                  .is_equal(isl::map(isl.get(), "{ A[9, 0] -> [3, 0, 0, 0] }")));
}

TEST_F(BankMap, CyclicDealsElementsRoundRobin) {
  EXPECT_TRUE(is({{kNone, cyclic(4)}},
                 "{ A[i, j] -> [0, j mod 4, i, floor(j / 4)] : 0 <= i < 10 and 0 <= j < 10 }"));
  EXPECT_TRUE(is({{cyclic(3), block(2)}}, "{ A[i, j] -> [i mod 3, floor(j / 5), floor(i / 3), "
                                          "j mod 5] : 0 <= i < 10 and 0 <= j < 10 }"));
}

TEST_F(BankMap, RefusesSymbolicExtentsAndRankMismatches) {
  EXPECT_TRUE(throwsError(
      [&] {
        layout::bankMap(isl.get(), "A", {10, 0}, {{kNone, kNone}});
      },
      ErrorKind::InvalidArgument, {"dim 2 of array 'A' has extent 0"}));
  EXPECT_TRUE(throwsError(
      [&] {
        layout::bankMap(isl.get(), "A", {10}, {{kNone, kNone}});
      },
      ErrorKind::InvalidArgument, {"has 2 dims, the array 1"}));
}

// ---- canonical forms, examples of the order ------------------------------------

TEST(LayoutType, CanonicalForms) {
  EXPECT_EQ(layout::normalize(block(6), 10), block(5)); // blocks of 2 either way
  EXPECT_EQ(layout::normalize(block(4), 10), block(4));
  EXPECT_EQ(layout::normalize(cyclic(10), 10), kComplete);
  EXPECT_EQ(layout::normalize(block(12), 10), kComplete);
  EXPECT_EQ(layout::normalize(cyclic(1), 10), kNone);
  EXPECT_EQ(layout::normalize(kComplete, 1), kNone);
  EXPECT_EQ(layout::normalize(block(6), 0), block(6)); // symbolic extent: kept
  EXPECT_EQ((LayoutType{{kNone, cyclic(4)}}.str()), "[none, cyclic(4)]");
  EXPECT_FALSE(LayoutType::unpartitioned(2).partitioned());
}

TEST(LayoutType, SubtypeExamples) {
  EXPECT_TRUE(layout::isSubtype(cyclic(4), cyclic(2), 10));
  EXPECT_FALSE(layout::isSubtype(cyclic(2), cyclic(4), 10));
  EXPECT_FALSE(layout::isSubtype(cyclic(6), cyclic(4), 10));
  EXPECT_TRUE(layout::isSubtype(block(4), block(2), 12));  // blocks of 3 inside blocks of 6
  EXPECT_FALSE(layout::isSubtype(block(3), block(2), 12)); // blocks of 4: [4, 8) straddles 6
  EXPECT_FALSE(layout::isSubtype(block(5), block(2), 10)); // blocks of 2: [4, 6) straddles 5
  EXPECT_TRUE(layout::isSubtype(kComplete, cyclic(3), 10));
  EXPECT_TRUE(layout::isSubtype(block(3), kNone, 10));
  EXPECT_FALSE(layout::isSubtype(block(2), cyclic(2), 10));
  EXPECT_FALSE(layout::isSubtype(kNone, cyclic(2), 10));
  // Symbolic extents: only what holds for every N.
  EXPECT_TRUE(layout::isSubtype(cyclic(4), cyclic(2), 0));
  EXPECT_FALSE(layout::isSubtype(block(4), block(2), 0));
  EXPECT_TRUE((layout::isSubtype(LayoutType{{kComplete, cyclic(4)}},
                                 LayoutType{{block(2), cyclic(2)}}, {10, 10})));
}

TEST(LayoutType, MeetAndJoinExamples) {
  EXPECT_EQ(layout::meet(cyclic(2), cyclic(3), 12), cyclic(6));
  EXPECT_EQ(layout::meet(block(2), block(3), 12), block(6));
  EXPECT_EQ(layout::meet(kNone, block(3), 12), block(3));
  EXPECT_EQ(layout::meet(kComplete, cyclic(3), 12), kComplete);
  EXPECT_EQ(layout::meet(cyclic(4), cyclic(6), 10), std::nullopt); // lcm 12 >= 10
  EXPECT_EQ(layout::meet(block(2), cyclic(2), 10), std::nullopt);
  EXPECT_EQ(layout::meet(block(3), block(2), 10), std::nullopt); // blocks of 4 and 5
  EXPECT_EQ(layout::meet(cyclic(4), cyclic(6), 0), cyclic(12));  // symbolic: any N
  EXPECT_EQ(layout::meet(block(4), block(2), 0), std::nullopt);
  EXPECT_EQ((layout::meet(LayoutType{{cyclic(2), kNone}}, LayoutType{{kNone, block(2)}}, {8, 8})),
            (LayoutType{{cyclic(2), block(2)}}));
  EXPECT_EQ(layout::join(cyclic(4), cyclic(6), 24), cyclic(2));
  EXPECT_EQ(layout::join(cyclic(3), cyclic(4), 24), kNone);
  EXPECT_EQ(layout::join(block(6), block(4), 12), block(2)); // blocks of 2 and 3 -> 6
  EXPECT_EQ(layout::join(block(2), cyclic(2), 12), kNone);
  EXPECT_EQ(layout::join(kComplete, cyclic(5), 12), cyclic(5));
}

// ---- the lattice laws, against the definition ------------------------------------

/// The bank of element i (Allo's formulas, written independently of bankMap).
int64_t bankOf(const DimPartition& p, int64_t n, int64_t i) {
  switch (p.kind) {
  case PartitionKind::None:
    return 0;
  case PartitionKind::Complete:
    return i;
  case PartitionKind::Block:
    return i / ((n + p.factor - 1) / p.factor);
  case PartitionKind::Cyclic:
    return i % p.factor;
  }
  return -1;
}

/// Every bank of `a` lies in one bank of `b`.
bool refines(const DimPartition& a, const DimPartition& b, int64_t n) {
  std::map<int64_t, int64_t> bankIn;
  for (int64_t i = 0; i < n; ++i) {
    auto [it, added] = bankIn.emplace(bankOf(a, n, i), bankOf(b, n, i));
    if (!added && it->second != bankOf(b, n, i)) {
      return false;
    }
  }
  return true;
}

/// Single-element banks only.
bool isCompleteOn(const DimPartition& a, int64_t n) { return refines(a, kComplete, n); }

std::vector<DimPartition> everyPartition(int64_t n) {
  std::vector<DimPartition> all = {kNone, kComplete};
  for (int64_t f = 2; f <= n; ++f) {
    all.push_back(block(f));
    all.push_back(cyclic(f));
  }
  return all;
}

class Lattice : public ::testing::TestWithParam<int64_t> {};

TEST_P(Lattice, SubtypeIsRefinementAndAPartialOrderOnCanonicalForms) {
  int64_t n = GetParam();
  std::vector<DimPartition> all = everyPartition(n);
  for (const DimPartition& a : all) {
    for (const DimPartition& b : all) {
      SCOPED_TRACE(a.str() + " vs " + b.str());
      ASSERT_EQ(layout::isSubtype(a, b, n), refines(a, b, n));
      if (layout::isSubtype(a, b, n) && layout::isSubtype(b, a, n)) {
        EXPECT_EQ(layout::normalize(a, n), layout::normalize(b, n)); // antisymmetry
      }
      for (const DimPartition& c : all) {
        if (layout::isSubtype(a, b, n) && layout::isSubtype(b, c, n)) {
          ASSERT_TRUE(layout::isSubtype(a, c, n)) << c.str(); // transitivity
        }
      }
    }
    EXPECT_TRUE(layout::isSubtype(a, a, n));
  }
}

TEST_P(Lattice, MeetIsTheGreatestLowerBoundUnlessThatIsAnUnaskedComplete) {
  int64_t n = GetParam();
  std::vector<DimPartition> all = everyPartition(n);
  for (const DimPartition& a : all) {
    for (const DimPartition& b : all) {
      SCOPED_TRACE(a.str() + " meet " + b.str());
      std::optional<DimPartition> m = layout::meet(a, b, n);
      EXPECT_EQ(m, layout::meet(b, a, n));
      if (!m) {
        EXPECT_FALSE(isCompleteOn(a, n) || isCompleteOn(b, n));
      } else {
        EXPECT_EQ(*m, layout::normalize(*m, n));
        EXPECT_TRUE(refines(*m, a, n) && refines(*m, b, n));
      }
      for (const DimPartition& c : all) {
        if (refines(c, a, n) && refines(c, b, n)) {
          // Every common lower bound lies below the meet, or is complete when there is none.
          ASSERT_TRUE(m ? refines(c, *m, n) : isCompleteOn(c, n)) << c.str();
        }
      }
    }
  }
}

TEST_P(Lattice, JoinIsTheLeastUpperBound) {
  int64_t n = GetParam();
  std::vector<DimPartition> all = everyPartition(n);
  for (const DimPartition& a : all) {
    for (const DimPartition& b : all) {
      SCOPED_TRACE(a.str() + " join " + b.str());
      DimPartition j = layout::join(a, b, n);
      EXPECT_EQ(j, layout::join(b, a, n));
      EXPECT_TRUE(refines(a, j, n) && refines(b, j, n));
      for (const DimPartition& c : all) {
        if (refines(a, c, n) && refines(b, c, n)) {
          ASSERT_TRUE(refines(j, c, n)) << c.str();
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Extents, Lattice,
                         ::testing::Values(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 18, 20,
                                           24, 30, 36));

TEST(LatticeOnIsl, SubtypeIsASingleValuedBankToBankRelation) {
  // isSubtype's definition on the bank maps themselves: each bank of the
  // finer layout maps to exactly one bank of the coarser one.
  poly::IslContext isl;
  std::vector<DimPartition> samples = {kNone,    kComplete, block(2),  block(3),
                                       block(5), cyclic(2), cyclic(4), cyclic(5)};
  for (const DimPartition& a : samples) {
    for (const DimPartition& b : samples) {
      isl::map ma = layout::bankMap(isl.get(), "A", {10}, {{a}});
      isl::map mb = layout::bankMap(isl.get(), "A", {10}, {{b}});
      // finer bank -> its elements -> their coarser banks (offsets dropped).
      isl::map bankOnly(isl.get(), "{ [b, o] -> [b] }");
      isl::map bankToBank =
          bankOnly.reverse().apply_range(ma.reverse()).apply_range(mb).apply_range(bankOnly);
      EXPECT_EQ(bankToBank.is_single_valued(), layout::isSubtype(a, b, 10))
          << a.str() << " vs " << b.str();
    }
  }
}

} // namespace
} // namespace polyallo

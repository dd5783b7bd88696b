// Bank conflicts (layout/BankConflicts.h): the most accesses one bank serves
// in one iteration of a pipelined loop, for unpartitioned, block, cyclic and
// complete layouts, with inner loops expanded, reads and writes counted
// apart, and a witness naming the iteration, the bank and the elements.
#include "layout/BankConflicts.h"

#include "common/ErrorTesting.h"
#include "frontends/allo/ScriptSchedules.h"
#include "layout/Infer.h"
#include "polyhedral/Schedule.h"
#include "polyhedral/ScheduleTesting.h"

#include <gtest/gtest.h>

namespace polyallo::layout {
namespace {

using core::Array;
using core::Expr;
using core::Function;
using core::Int;
using core::Module;
using Layouts = std::map<std::string, LayoutType>;
using Strings = std::vector<std::string>;

/// The bank use of `array` in the only pipelined loop of `s`'s function.
ArrayBankUse useOf(const poly::Schedule& s, const std::string& array, const Layouts& layouts = {},
                   int ports = 2) {
  std::vector<PipelinedLoop> loops =
      bankConflicts(s.functionModel(s.function()), s.tree(), layouts, ports);
  EXPECT_EQ(loops.size(), 1u);
  for (const ArrayBankUse& a : loops.at(0).arrays) {
    if (a.array == array) {
      return a;
    }
  }
  ADD_FAILURE() << "no bank use of " << array;
  return {};
}

LayoutType dim1(DimPartition p) { return LayoutType{{p}}; }

/// k(A: int32[10]) -> B: int32[8]: B[i] = A[i] + A[i + 1] + A[i + 2].
void window(Module& m) {
  Function& f = m.function("k");
  Array A = f.arg("A", Int(32), {10});
  Array B = f.result("B", Int(32), {8});
  f.for_("i", 0, 8, [&](Expr i) { B(i) = A(i) + A(i + 1) + A(i + 2); });
}

TEST(BankConflicts, ThreeReadsOfOneBankNeedIITwo) {
  testing::Program p("k", window);
  poly::Schedule s(p.model, "k");
  s.pipeline("i");
  std::vector<PipelinedLoop> loops = bankConflicts(p.model.function("k"), s.tree(), {});
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0].band, "S_i_0");
  EXPECT_EQ(loops[0].loop, "i");
  EXPECT_EQ(loops[0].ii, 1);
  EXPECT_EQ(loops[0].minII(), 2);
  ArrayBankUse a = useOf(s, "A");
  EXPECT_EQ(a.accesses, 3);
  EXPECT_EQ(a.minII, 2);
  ASSERT_TRUE(a.witness.has_value());
  EXPECT_EQ(a.witness->instance, "S0[0]");
  EXPECT_EQ(a.witness->bank, (std::vector<int64_t>{0}));
  EXPECT_EQ(a.witness->reads, (Strings{"A[0]", "A[1]", "A[2]"}));
  EXPECT_TRUE(a.witness->writes.empty());
  EXPECT_EQ(a.witness->str("A"),
            "in the iteration of S0[0], bank [0] of A serves reads of A[0], A[1], A[2]");
  ArrayBankUse b = useOf(s, "B");
  EXPECT_EQ(b.accesses, 1);
  EXPECT_FALSE(b.witness.has_value());
}

TEST(BankConflicts, CyclicThreeSpreadsTheWindowButBlockDoesNot) {
  testing::Program p("k", window);
  poly::Schedule s(p.model, "k");
  s.pipeline("i");
  ArrayBankUse cyclic = useOf(s, "A", {{"A", dim1(DimPartition::cyclic(3))}});
  EXPECT_EQ(cyclic.accesses, 1);
  EXPECT_EQ(cyclic.minII, 1);
  EXPECT_FALSE(cyclic.witness.has_value());
  // Blocks of 5: A[0], A[1], A[2] share the first one.
  ArrayBankUse block = useOf(s, "A", {{"A", dim1(DimPartition::block(2))}});
  EXPECT_EQ(block.accesses, 3);
  ASSERT_TRUE(block.witness.has_value());
  EXPECT_EQ(block.witness->bank, (std::vector<int64_t>{0}));
  EXPECT_EQ(useOf(s, "A", {{"A", dim1(DimPartition::complete())}}).accesses, 1);
}

TEST(BankConflicts, PortsAndUnrollOfThePipelinedLoopItself) {
  testing::Program p("k", window);
  poly::Schedule s(p.model, "k");
  s.pipeline("i");
  EXPECT_EQ(useOf(s, "A", {}, 1).minII, 3);
  EXPECT_EQ(useOf(s, "A", {}, 3).minII, 1);
  // Unrolled by 4 and pipelined: iterations 0..3 are one, reading A[0..5].
  s.unroll("i", 4);
  ArrayBankUse a = useOf(s, "A");
  EXPECT_EQ(a.accesses, 6);
  EXPECT_EQ(a.minII, 3);
  EXPECT_EQ(a.witness->reads.size(), 6u);
  EXPECT_EQ(useOf(s, "B").accesses, 4);
}

/// k(A: int32[4, 8]) -> C: int32[4]: C[i] += A[i, k] for k in range(4), i pipelined.
void rowSums(Module& m) {
  Function& f = m.function("k");
  Array A = f.arg("A", Int(32), {4, 8});
  Array C = f.result("C", Int(32), {4}, 0);
  f.for_("i", 0, 4, [&](Expr i) { f.for_("k", 0, 4, [&](Expr k) { C(i) += A(i, k); }); });
}

TEST(BankConflicts, InnerLoopsAreExpandedIntoTheIteration) {
  testing::Program p("k", rowSums);
  poly::Schedule s(p.model, "k");
  s.pipeline("i");
  ArrayBankUse plain = useOf(s, "A");
  EXPECT_EQ(plain.accesses, 4);
  EXPECT_EQ(plain.minII, 2);
  EXPECT_EQ(plain.witness->reads, (Strings{"A[0, 0]", "A[0, 1]", "A[0, 2]", "A[0, 3]"}));
  // Dim 2 in blocks of 4: k = 0..3 all lie in the first block.
  LayoutType block{{DimPartition::none(), DimPartition::block(2)}};
  EXPECT_EQ(useOf(s, "A", {{"A", block}}).accesses, 4);
  // Cyclic(2) on dim 2: even and odd k alternate between two banks.
  LayoutType cyclic{{DimPartition::none(), DimPartition::cyclic(2)}};
  ArrayBankUse spread = useOf(s, "A", {{"A", cyclic}});
  EXPECT_EQ(spread.accesses, 2);
  EXPECT_EQ(spread.minII, 1);
  // C[i] is read and written by every k: one distinct element each way.
  ArrayBankUse c = useOf(s, "C");
  EXPECT_EQ(c.accesses, 2);
  EXPECT_EQ(c.minII, 1);
}

/// k(A: int32[12]): A[i] = A[i] + A[i + 1] + A[i + 2] for i in range(10).
void readWrite(Module& m) {
  Function& f = m.function("k");
  Array A = f.arg("A", Int(32), {12});
  f.for_("i", 0, 10, [&](Expr i) { A(i) = A(i) + A(i + 1) + A(i + 2); });
}

TEST(BankConflicts, AReadAndAWriteOfOneElementAreTwoAccesses) {
  testing::Program p("k", readWrite);
  poly::Schedule s(p.model, "k");
  s.pipeline("i");
  ArrayBankUse a = useOf(s, "A");
  EXPECT_EQ(a.accesses, 4);
  EXPECT_EQ(a.minII, 2);
  EXPECT_EQ(a.witness->reads, (Strings{"A[0]", "A[1]", "A[2]"}));
  EXPECT_EQ(a.witness->writes, (Strings{"A[0]"}));
  EXPECT_EQ(a.witness->str("A"), "in the iteration of S0[0], bank [0] of A serves reads of "
                                 "A[0], A[1], A[2] and writes of A[0]");
  // Cyclic(2): bank i % 2 has A[i], A[i + 2] read and A[i] written.
  EXPECT_EQ(useOf(s, "A", {{"A", dim1(DimPartition::cyclic(2))}}).accesses, 3);
  EXPECT_EQ(useOf(s, "A", {{"A", dim1(DimPartition::cyclic(3))}}).accesses, 2);
}

/// k(A: int32[6, 8]) -> B: int32[6, 8]: the 4-point stencil, j pipelined inside i.
void stencil(Module& m) {
  Function& f = m.function("k");
  Array A = f.arg("A", Int(32), {6, 8});
  Array B = f.result("B", Int(32), {6, 8}, 0);
  f.for_("i", 1, 5, [&](Expr i) {
    f.for_("j", 1, 7,
           [&](Expr j) { B(i, j) = A(i - 1, j) + A(i + 1, j) + A(i, j - 1) + A(i, j + 1); });
  });
}

TEST(BankConflicts, TwoDimensionalBanksOfAStencil) {
  testing::Program p("k", stencil);
  poly::Schedule s(p.model, "k");
  s.pipeline("j");
  ArrayBankUse plain = useOf(s, "A");
  EXPECT_EQ(plain.accesses, 4);
  EXPECT_EQ(plain.witness->instance, "S1[1, 1]");
  EXPECT_EQ(plain.witness->bank, (std::vector<int64_t>{0, 0}));
  // Rows in their own banks: row i holds A[i, j - 1] and A[i, j + 1].
  LayoutType rows{{DimPartition::complete(), DimPartition::none()}};
  ArrayBankUse byRow = useOf(s, "A", {{"A", rows}});
  EXPECT_EQ(byRow.accesses, 2);
  EXPECT_FALSE(byRow.witness.has_value());
  // Cyclic(2) on both dims: i - 1 and i + 1 (j - 1 and j + 1) share a parity,
  // so two neighbours share each bank; cyclic(3) separates all four.
  LayoutType two{{DimPartition::cyclic(2), DimPartition::cyclic(2)}};
  EXPECT_EQ(useOf(s, "A", {{"A", two}}).accesses, 2);
  LayoutType three{{DimPartition::cyclic(3), DimPartition::cyclic(3)}};
  EXPECT_EQ(useOf(s, "A", {{"A", three}}).accesses, 1);
  // Single-ported banks by row: A[i, j - 1] and A[i, j + 1] conflict.
  ArrayBankUse onePort = useOf(s, "A", {{"A", rows}}, 1);
  EXPECT_EQ(onePort.minII, 2);
  EXPECT_EQ(onePort.witness->bank, (std::vector<int64_t>{1, 0}));
  EXPECT_EQ(onePort.witness->reads, (Strings{"A[1, 0]", "A[1, 2]"}));
}

TEST(BankConflicts, LoopsWithoutPipelineAndDataDependentSubscripts) {
  testing::Program p("k", [](Module& m) {
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {8});
    Array I = f.arg("I", Int(32), {8});
    Array B = f.result("B", Int(32), {8});
    f.for_("i", 0, 8, [&](Expr i) { B(i) = A(I(i) & 7) + A(i); });
  });
  poly::Schedule s(p.model, "k");
  EXPECT_TRUE(bankConflicts(p.model.function("k"), s.tree(), {}).empty());
  s.pipeline("i");
  ArrayBankUse a = useOf(s, "A");
  EXPECT_EQ(a.accesses, 1); // A[i] only: A[I[i] & 7] has no static bank
  EXPECT_EQ(a.dataDependent.size(), 1u);
  EXPECT_EQ(useOf(s, "I").accesses, 1);
}

TEST(BankConflicts, SymbolicExtentsAndPortsAreRefused) {
  testing::Program p("k", [](Module& m) {
    Expr N = m.param("N");
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {N});
    f.for_("i", 0, N, [&](Expr i) { A(i) = A(i) + 1; });
  });
  poly::Schedule s(p.model, "k");
  s.pipeline("i");
  const poly::FunctionModel& fm = p.model.function("k");
  EXPECT_TRUE(testing::throwsError([&] { bankConflicts(fm, s.tree(), {}); }, ErrorKind::NotConstant,
                                   {"array 'A' is int32[N]; its bank map needs constant extents"}));
  EXPECT_TRUE(testing::throwsError([&] { bankConflicts(fm, s.tree(), {}, 0); },
                                   ErrorKind::InvalidArgument, {"at least 1 port, not 0"}));
}

TEST(BankConflicts, TheReshapeExampleWithTheLayoutsInferenceFinds) {
  // docs/primitives/examples/reshape.py: A viewed as A[8, 4], dim 2 partitioned
  // completely, g pipelined: its four reads of A[g, k] land in four banks, but
  // the four writes of acc[g * 4 + k] (acc unpartitioned) share one.
  allo::Program program = allo::load(allo::Source::fromFile(
      std::string(POLYALLO_SOURCE_DIR) + "/docs/primitives/examples/reshape.py"));
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  poly::Schedule s = allo::kernelSchedule(program, model, "kernel");
  Layouts layouts = infer(s).arrays["kernel"];
  EXPECT_EQ(layouts.at("A").str(), "[none, complete]");
  EXPECT_EQ(useOf(s, "A", layouts).accesses, 1);
  EXPECT_EQ(useOf(s, "A").accesses, 4); // without the partition
  ArrayBankUse acc = useOf(s, "acc", layouts);
  EXPECT_EQ(acc.accesses, 4);
  EXPECT_EQ(acc.minII, 2);
  EXPECT_EQ(acc.witness->str("acc"), "in the iteration of S1[0, 0], bank [0] of acc serves "
                                     "writes of acc[0], acc[1], acc[2], acc[3]");
}

} // namespace
} // namespace polyallo::layout

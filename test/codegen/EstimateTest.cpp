// The QoR estimator (codegen/Estimate.h) on loop nests whose estimate is worked out by
// hand below, with the built-in target (codegen/targets/u280.txt): BRAM read 2 cycles,
// write 1, 2 ports per bank, loop overhead 2, call overhead 2; fadd 4, fmul 3, dadd 7,
// dmul 6.
#include "codegen/Estimate.h"
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"

#include <gtest/gtest.h>

using namespace polyallo;

namespace {

/// The estimate `polyallo estimate` prints for `kernel` of the kernel file `text`.
codegen::Estimate estimateOf(const std::string& text, const std::string& kernel,
                             const codegen::Target& target = codegen::Target::builtin()) {
  allo::Program program = allo::load(allo::Source{"test.py", text});
  allo::rewriteKernels(program);
  poly::ModuleModel model = poly::extract(*program.module);
  return codegen::estimate(allo::kernelSchedule(program, model, kernel), kernel, target);
}

const char* kKernels = R"(
import allo
from allo.ir.types import float32, float64, int32

def acc(A: float64[64], s: float64[1]):
    for i in range(64):
        s[0] += A[i]

def ports(A: float32[66], B: float32[64]):
    for i in range(64):
        B[i] = A[i] + A[i + 1] + A[i + 2]

def nest(A: float32[8, 16], B: float32[8, 16]):
    for i in range(8):
        for j in range(16):
            B[i, j] = A[i, j] * 2.0

def tri(A: float32[16, 16]):
    for i in range(16):
        for j in range(i + 1):
            A[i, j] = A[i, j] + 1.0

def bicg(A: float64[4, 8], s: float64[8], q: float64[4], p: float64[8], r: float64[4]):
    for i in range(4):
        q[i] = 0.0
        for j in range(8):
            s[j] = s[j] + r[i] * A[i, j]
            q[i] = q[i] + A[i, j] * p[j]

def scatter(A: float64[4, 8], s: float64[8], q: float64[4], p: float64[8], r: float64[4],
            idx: int32[8]):
    for i in range(4):
        q[i] = 0.0
        for j in range(8):
            s[idx[j]] = s[idx[j]] + r[i] * A[i, j]
            q[i] = q[i] + A[i, j] * p[j]

s = allo.customize(acc)
s.pipeline("i")
t = allo.customize(ports)
t.pipeline("i")
u = allo.customize(nest)
b = allo.customize(bicg)
b.pipeline("i")
b.partition(b.A, dim=2)
b.partition(b.s, dim=1)
b.partition(b.p, dim=1)
c = allo.customize(scatter)
c.pipeline("i")
c.partition(c.A, dim=2)
c.partition(c.s, dim=1)
c.partition(c.p, dim=1)
c.partition(c.idx, dim=1)
)";

TEST(Estimate, PipelinedRecurrenceOnARegister) {
  codegen::Estimate e = estimateOf(kKernels, "acc");
  ASSERT_EQ(e.loops.size(), 1U);
  const codegen::LoopEstimate& i = e.loops[0];
  // One iteration: read A[i] (BRAM, 2) then dadd (7); s has one element, a register
  // (read and written in the dadd's cycles): iterLat = 2 + 7 = 9.
  EXPECT_EQ(i.iterations, 64);
  EXPECT_EQ(i.iterationLatency, 9);
  // s[0] is written in iteration i and read in i + 1 (distance 1); from its read to its
  // write lies the dadd: II = ceil(7 / 1) = 7 > the asked 1.
  EXPECT_EQ(i.ii, 7);
  EXPECT_NE(i.iiReason.find("recurrence on s"), std::string::npos) << i.iiReason;
  EXPECT_NE(i.iiReason.find("dadd 7"), std::string::npos) << i.iiReason;
  // latency = iterLat + II * (trip - 1) + 2 = 9 + 7 * 63 + 2 = 452.
  EXPECT_EQ(i.latency, 452);
  // The function: 452 + 2 (call overhead) = 454 cycles; DSP: one dadd (3 DSP) shared over
  // II 7: ceil(1 / 7) = 1 operator, 3 DSP; BRAM: A has 64 * 64 bits = 4096 <= 18432: 1.
  EXPECT_EQ(e.top().latency, 454);
  EXPECT_EQ(e.top().dsp, 3);
  EXPECT_EQ(e.top().bram, 1);
}

TEST(Estimate, PipelinedPortConflict) {
  codegen::Estimate e = estimateOf(kKernels, "ports");
  ASSERT_EQ(e.loops.size(), 1U);
  const codegen::LoopEstimate& i = e.loops[0];
  // One iteration: the reads (2), fadd (4), fadd (4), write B[i] (1): 2 + 4 + 4 + 1 = 11.
  EXPECT_EQ(i.iterationLatency, 11);
  // A is one BRAM: A[i], A[i + 1], A[i + 2] are 3 accesses on 2 ports: II = ceil(3 / 2) = 2.
  EXPECT_EQ(i.ii, 2);
  EXPECT_EQ(i.iiReason, "II 2: ports of A bank [0] (3 accesses in one iteration, 2 ports)");
  // latency = 11 + 2 * 63 + 2 = 139; the function 139 + 2 = 141.
  EXPECT_EQ(i.latency, 139);
  EXPECT_EQ(e.top().latency, 141);
  // DSP: 2 fadd (2 DSP each) over II 2: ceil(2 / 2) = 1 operator: 2 DSP.
  EXPECT_EQ(e.top().dsp, 2);
}

TEST(Estimate, PipelinedPortConflictGoneWithACyclicPartition) {
  std::string text =
      std::string(kKernels) + "t.partition(t.A, partition_type=2, dim=1, factor=3)\n";
  codegen::Estimate e = estimateOf(text, "ports");
  ASSERT_EQ(e.loops.size(), 1U);
  EXPECT_EQ(e.loops[0].ii, 1);
  EXPECT_EQ(e.loops[0].iiReason, "II 1");
  EXPECT_EQ(e.loops[0].latency, 11 + 1 * 63 + 2);
}

TEST(Estimate, SequentialNest) {
  codegen::Estimate e = estimateOf(kKernels, "nest");
  ASSERT_EQ(e.loops.size(), 2U);
  const codegen::LoopEstimate& i = e.loops[0];
  const codegen::LoopEstimate& j = e.loops[1];
  // j's iteration: read A (2), fmul (3), write B (1) = 6; j = 16 * 6 + 2 = 98 cycles,
  // i = 8 * 98 + 2 = 786, the function 786 + 2 = 788.
  EXPECT_EQ(j.iterationLatency, 6);
  EXPECT_EQ(j.entries, 8);
  EXPECT_EQ(j.iterations, 128);
  EXPECT_EQ(j.latency, 98);
  EXPECT_EQ(i.iterationLatency, 98);
  EXPECT_EQ(i.latency, 786);
  EXPECT_EQ(e.top().latency, 788);
  EXPECT_EQ(e.top().dsp, 3); // one fmul
  // BRAM: A and B have 8 * 16 * 32 = 4096 bits each: 1 block each.
  EXPECT_EQ(e.top().bram, 2);
}

TEST(Estimate, TriangularNestIsExact) {
  codegen::Estimate e = estimateOf(kKernels, "tri");
  ASSERT_EQ(e.loops.size(), 2U);
  const codegen::LoopEstimate& j = e.loops[1];
  // j runs i + 1 times for i = 0..15: 1 + 2 + ... + 16 = 136 iterations in 16 entries.
  EXPECT_EQ(j.entries, 16);
  EXPECT_EQ(j.iterations, 136);
  // Each: read (2), fadd (4), write (1) = 7; over all entries 136 * 7 + 16 * 2 = 984;
  // i: 984 + 2 = 986.
  EXPECT_EQ(j.totalCycles, 984);
  EXPECT_EQ(e.loops[0].latency, 986);
}

TEST(Estimate, UnrolledLanesDependByElement) {
  codegen::Estimate e = estimateOf(kKernels, "bicg");
  ASSERT_EQ(e.loops.size(), 2U); // i, and j unrolled in its pipeline
  const codegen::LoopEstimate& i = e.loops[0];
  // s and p are partitioned completely (registers), A by column (8 BRAM banks), q and r are
  // BRAMs. One iteration of i, its 8 lanes j = 0..7 expanded:
  //   q[i] = 0.0                 write q[i] 0..1
  //   lane j, s[j] += r[i] * A[i, j]:  read r[i], A[i, j] 0..2, dmul 2..8, read s[j]
  //                              (register), dadd 8..15, write s[j] at 15: every lane its
  //                              own s[j], side by side
  //   lane j, q[i] += A[i, j] * p[j]:  read A[i, j] 0..2, dmul 2..8; q[i] is forwarded from
  //                              the previous write of q[i] (lane 0: q[i] = 0.0, ready at 0;
  //                              lane j: lane j - 1's sum, ready at 15 + 7 (j - 1)), dadd
  //                              ends 15 + 7j, write q[i] ends 16 + 7j
  // iterLat = lane 7's write of q[i]: 16 + 7 * 7 = 65 (= 7 * 8 + 9).
  EXPECT_EQ(i.iterationLatency, 65);
  // The only flow i carries: s[j] written in iteration i, read by the same lane (the same
  // element) in i + 1: from that read (its latest start, 15 - 7 = 8) to the write (15) lies
  // the dadd: II = ceil(7 / 1) = 7. (By array it was lane 0's read of s to lane 7's write.)
  EXPECT_EQ(i.ii, 7);
  EXPECT_EQ(i.iiReason, "II 7: recurrence on s (S1 -> S1: 7 cycles from reading s[0] to "
                        "writing s[0] (read 0, dadd 7, write 0), distance 1)");
  // latency = 65 + 7 * (4 - 1) + 2 = 88; the function 88 + 2 = 90.
  EXPECT_EQ(i.latency, 88);
  EXPECT_EQ(e.top().latency, 90);
  // DSP: 16 dmul and 16 dadd per iteration over II 7: ceil(16 / 7) = 3 of each,
  // 3 * 11 + 3 * 3 = 42. BRAM: 8 banks of A (4 * 64 bits), q, r: 1 block each, 10.
  EXPECT_EQ(e.top().dsp, 42);
  EXPECT_EQ(e.top().bram, 10);
}

TEST(Estimate, UndecidedElementsChainConservatively) {
  codegen::Estimate e = estimateOf(kKernels, "scatter");
  const codegen::LoopEstimate& i = e.loops.at(0);
  // s[idx[j]]: which element a lane touches is not known statically, so every access of s
  // may be any other: lane j's read of s waits for lane j - 1's write (ready at 15 + 7 (j - 1),
  // a register: no latency), its dadd ends 15 + 7j, its write at 15 + 7j; the q[i] chain is
  // as in bicg: iterLat 65.
  EXPECT_EQ(i.iterationLatency, 65);
  // Every write of s may feed every read of s in the next iteration: from lane 0's read
  // (latest start 8) to lane 7's write (15 + 49 = 64): II = ceil(56 / 1) = 56.
  EXPECT_EQ(i.ii, 56);
  EXPECT_NE(
      i.iiReason.find("recurrence on s (S1 -> S1: 56 cycles from reading s[?] to writing s[?]"),
      std::string::npos)
      << i.iiReason;
  // latency = 65 + 56 * 3 + 2 = 235.
  EXPECT_EQ(i.latency, 235);
}

TEST(Estimate, TextAndJsonNameTheReasons) {
  codegen::Estimate e = estimateOf(kKernels, "acc");
  std::string text = codegen::estimateText(e);
  EXPECT_NE(text.find("II 7: recurrence on s"), std::string::npos) << text;
  EXPECT_NE(text.find("l_S_i_0_i"), std::string::npos) << text;
  std::string json = codegen::estimateJson(e);
  EXPECT_NE(json.find("\"ii\": 7"), std::string::npos) << json;
  EXPECT_NE(json.find("\"latency\": 454"), std::string::npos) << json;
}

TEST(Estimate, TargetFileChangesTheLatencies) {
  std::string text = codegen::builtinTargetText();
  size_t at = text.find("dadd.latency = 7");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 16, "dadd.latency = 9");
  codegen::Estimate e = estimateOf(kKernels, "acc", codegen::Target::parse(text, "slow.txt"));
  EXPECT_EQ(e.loops[0].ii, 9);
  EXPECT_EQ(e.loops[0].latency, 11 + 9 * 63 + 2); // iterLat 2 + 9
}

TEST(Estimate, SaysWhenTheDesignExceedsThePart) {
  // acc needs 3 DSP and 1 BRAM18K: it fits the U280 and nothing is said; on a part with
  // 2 DSP slices it does not fit, and the text says by how much (3 / 2 = 150%).
  EXPECT_EQ(codegen::estimateText(estimateOf(kKernels, "acc")).find("does not fit"),
            std::string::npos);
  std::string text = codegen::builtinTargetText();
  size_t at = text.find("part.dsp = 9024");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 15, "part.dsp = 2");
  codegen::Estimate e = estimateOf(kKernels, "acc", codegen::Target::parse(text, "tiny.txt"));
  EXPECT_NE(codegen::estimateText(e).find(
                "acc does not fit: it needs 3 DSP slices, the part has 2 (150%)"),
            std::string::npos)
      << codegen::estimateText(e);
}

TEST(Estimate, MalformedTargetFilesAreLocated) {
  auto message = [](const std::string& text) {
    try {
      codegen::Target::parse(text, "t.txt");
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string good = codegen::builtinTargetText();
  EXPECT_EQ(message(good + "fadd.latency\n").rfind("t.txt:", 0), 0U);
  EXPECT_NE(message(good + "fadd.latency\n").find("expected 'key = value'"), std::string::npos);
  EXPECT_NE(message(good + "fadd.latency = 4\n").find("'fadd.latency' is given twice"),
            std::string::npos);
  EXPECT_NE(message("# c\nfoo = 1\n").find("t.txt:2: error: unknown key 'foo'"), std::string::npos);
  EXPECT_NE(message("fadd.latency = fast\n").find("t.txt:1: error: 'fadd.latency' takes a whole"),
            std::string::npos);
  EXPECT_NE(message("fadd.latency = 4\n").find("lacks part, clock.mhz"), std::string::npos);
}

TEST(Estimate, BuiltinTargetIsTheCommittedFile) {
  const codegen::Target& t = codegen::Target::builtin();
  EXPECT_EQ(t.clockMHz, 300);
  EXPECT_EQ(t.op(codegen::OpKind::FAdd).latency, 4);
  EXPECT_EQ(t.op(codegen::OpKind::DAdd).latency, 7);
  EXPECT_EQ(t.bramReadLatency, 2);
  EXPECT_EQ(t.bramPorts, 2);
}

} // namespace

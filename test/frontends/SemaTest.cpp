// Semantic checks and lowering of kernel files: names and scopes, typing,
// templates, meta programming, calls and returns, and the schedule script.
#include "codegen/Simulator.h"
#include "common/ErrorTesting.h"
#include "common/SimTesting.h"
#include "frontends/allo/Program.h"
#include "polyhedral/Model.h"

#include <gtest/gtest.h>

using namespace polyallo;
using polyallo::testing::throwsError;

namespace {

allo::Program loadText(const std::string& text, const allo::LoadOptions& options = {}) {
  return allo::load(allo::Source{"test.py", text}, options);
}

const core::Function& fn(const allo::Program& p, const std::string& name) {
  const core::Function* f = p.module->findFunction(name);
  if (!f) {
    throw std::runtime_error("no function " + name);
  }
  return *f;
}

std::vector<int64_t> shape(const core::ArrayDecl& a) {
  std::vector<int64_t> s;
  for (const auto& e : a.shape) {
    s.push_back(codegen::evaluateExtent(e, {}));
  }
  return s;
}

/// Runs `kernel` with the given buffers (one per parameter).
void simulate(const allo::Program& p, const std::string& kernel,
              std::vector<codegen::Buffer>& buffers) {
  std::vector<codegen::Buffer*> ptrs;
  for (auto& b : buffers) {
    ptrs.push_back(&b);
  }
  poly::ModuleModel model = poly::extract(*p.module);
  codegen::Simulator(model, polyallo::testing::ubsanOptions()).run(kernel, {}, ptrs);
}

/// `count` zero-filled int32 buffers of `extent` elements.
std::vector<codegen::Buffer> int32Buffers(size_t count, int64_t extent) {
  return std::vector<codegen::Buffer>(count, codegen::Buffer(core::Int(32), {extent}));
}

std::string kernelFile(const std::string& body) {
  return "import allo\nfrom allo.ir.types import int8, int16, int32, float32, uint8\n" + body;
}

} // namespace

// ---------------------------------------------------------------- constants and types

TEST(Sema, ModuleConstantsFollowPythonArithmetic) {
  auto p = loadText(kernelFile("M, N = 4, 2 * 4\nX = 7 // -2 + 10\nY = 7 % -2 + 3\nZ = 2 ** 3\n"
                               "def k(A: int32[M, N], B: int32[X, Y, Z]):\n    pass\n"));
  const core::Function& k = fn(p, "k");
  EXPECT_EQ(shape(*k.findArray("A")), (std::vector<int64_t>{4, 8}));
  EXPECT_EQ(shape(*k.findArray("B")), (std::vector<int64_t>{6, 2, 8}));
}

TEST(Sema, TypeAnnotationsCoverAllosTypes) {
  auto p = loadText(kernelFile("from allo.ir.types import Fixed, UFixed, Int, UInt, bool, index\n"
                               "def k(A: Fixed(16, 8)[4], B: UInt(12)[2], c: Int(7), d: bool, "
                               "e: UFixed(8, 3), f: index):\n    pass\n"));
  const core::Function& k = fn(p, "k");
  EXPECT_EQ(k.findArray("A")->type, core::Fixed(16, 8));
  EXPECT_EQ(k.findArray("B")->type, core::UInt(12));
  EXPECT_EQ(k.findArray("c")->type, core::Int(7));
  EXPECT_TRUE(k.findArray("c")->isScalar());
  EXPECT_EQ(k.findArray("d")->type, core::Bool());
  EXPECT_EQ(k.findArray("e")->type, core::UFixed(8, 3));
  EXPECT_EQ(k.findArray("f")->type, core::Index());
}

TEST(Sema, NotATypeIsRefusedWithTheExpectedForm) {
  EXPECT_TRUE(throwsError([] { loadText(kernelFile("M = 4\ndef k(A: M[4]):\n    pass\n")); },
                          ErrorKind::InvalidType, {"'M' is not a type"}));
  EXPECT_TRUE(throwsError([] { loadText(kernelFile("def k(A: int65[4]):\n    pass\n")); },
                          ErrorKind::UnknownName, {"int65"}));
  EXPECT_TRUE(throwsError([] { loadText(kernelFile("def k(A: Int(0)[4]):\n    pass\n")); },
                          ErrorKind::InvalidType, {"width"}));
}

// ---------------------------------------------------------------- loops and scopes

TEST(Sema, GridIsOneNestNamedByItsLabelWithHintsOnTheInnermostLoop) {
  auto p =
      loadText(kernelFile("def k(A: int32[4, 4]):\n"
                          "    for i, j in allo.grid(4, 4, name=\"PE\", pipeline=2, unroll=True):\n"
                          "        A[i, j] = i + j\n"));
  const auto& outer = *fn(p, "k").body()[0];
  ASSERT_EQ(outer.kind, core::StmtKind::For);
  EXPECT_EQ(outer.name, "i");
  EXPECT_EQ(outer.bandLabel, "PE");
  const auto& inner = *outer.body[0];
  EXPECT_EQ(inner.name, "j");
  EXPECT_EQ(inner.hints.pipelineII, 2);
  EXPECT_EQ(inner.hints.unrollFactor, 0);
  EXPECT_EQ(outer.hints.pipelineII, 0);
}

TEST(Sema, RangeTakesStartStopAndStep) {
  auto p = loadText(
      kernelFile("def k(A: int32[10]):\n    for i in range(1, 9, 3):\n        A[i] = 1\n"));
  const auto& loop = *fn(p, "k").body()[0];
  EXPECT_EQ(loop.step, 3);
  int64_t lb = 0;
  ASSERT_TRUE(core::constantValue(loop.lb, lb));
  EXPECT_EQ(lb, 1);
}

TEST(Sema, NegativeStepIsNotImplementedYet) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(
            kernelFile("def k(A: int32[10]):\n    for i in range(9, 0, -1):\n        A[i] = 1\n"));
      },
      ErrorKind::NotImplemented, {"step -1"}));
}

TEST(Sema, RedeclaredLoopVariableIsRefusedWithBothLocations) {
  auto e = polyallo::testing::captureError([] {
    loadText(kernelFile("def k(A: int32[4]):\n    for i in range(4):\n        for i in range(4):\n"
                        "            A[i] = 0\n"));
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind(), ErrorKind::Redefinition);
  EXPECT_EQ(e->loc().line, 5);
  EXPECT_NE(e->message().find("test.py:4:"), std::string::npos) << e->message();
}

TEST(Sema, BlockScopingHidesVariablesOfAFinishedLoop) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(kernelFile("def k(A: int32[4]):\n    for i in range(4):\n        acc: int32 = 0\n"
                            "    A[0] = acc\n"));
      },
      ErrorKind::UnknownName, {"'acc'", "A"}));
}

TEST(Sema, SiblingBlocksMayDeclareTheSameName) {
  auto p =
      loadText(kernelFile("def k(A: int32[4]):\n"
                          "    for i in range(4):\n        acc: int32 = 1\n        A[i] = acc\n"
                          "    for j in range(4):\n        acc: int32 = 2\n        A[j] += acc\n"));
  const core::Function& k = fn(p, "k");
  EXPECT_NE(k.findArray("acc"), nullptr);
  EXPECT_NE(k.findArray("acc_1"), nullptr);
  std::vector<codegen::Buffer> b = int32Buffers(1, 4);
  simulate(p, "k", b);
  EXPECT_EQ(b[0].getDouble(3), 3.0);
}

TEST(Sema, AssigningToALoopVariableIsRefused) {
  EXPECT_TRUE(throwsError(
      [] { loadText(kernelFile("def k(A: int32[4]):\n    for i in range(4):\n        i = 2\n")); },
      ErrorKind::Redefinition, {"loop variable"}));
}

TEST(Sema, WhileBreakAndNestedDefsAreNotImplementedYet) {
  EXPECT_TRUE(throwsError(
      [] { loadText(kernelFile("def k(A: int32[4]):\n    while A[0] < 3:\n        A[0] += 1\n")); },
      ErrorKind::NotImplemented, {"while"}));
  EXPECT_TRUE(throwsError(
      [] { loadText(kernelFile("def k(A: int32[4]):\n    for i in range(4):\n        break\n")); },
      ErrorKind::NotImplemented, {"break"}));
  EXPECT_TRUE(throwsError(
      [] { loadText(kernelFile("def k(A: int32[4]):\n    def g(B: int32[4]):\n        pass\n")); },
      ErrorKind::NotImplemented, {"def inside kernel"}));
}

TEST(Sema, UnknownNamesListWhatIsInScope) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(kernelFile("def k(A: int32[4]):\n    for i in range(4):\n        A[i] = B[i]\n"));
      },
      ErrorKind::UnknownName, {"'B'", "A, i"}));
}

TEST(Sema, ArrayUsedAsAValueAndWrongSubscriptCountAreRefused) {
  EXPECT_TRUE(
      throwsError([] { loadText(kernelFile("def k(A: int32[4], B: int32[4]):\n    B[0] = A\n")); },
                  ErrorKind::TypeMismatch, {"index it"}));
  EXPECT_TRUE(
      throwsError([] { loadText(kernelFile("def k(A: int32[4, 4]):\n    A[0, 1, 2, 3] = 0\n")); },
                  ErrorKind::DimMismatch, {"takes 2 subscript"}));
}

// ---------------------------------------------------------------- typing

TEST(Sema, ArithmeticWidensAndTheTargetTypeWraps) {
  auto p = loadText(kernelFile("def k(A: int8[2], B: int8[2], C: int16[2], D: int8[2]):\n"
                               "    for i in range(2):\n        C[i] = A[i] + B[i]\n"
                               "        D[i] = A[i] + B[i]\n"));
  std::vector<codegen::Buffer> b;
  for (int k = 0; k < 4; ++k) {
    b.emplace_back(k == 2 ? core::Int(16) : core::Int(8), std::vector<int64_t>{2});
  }
  b[0].setDouble(0, 100);
  b[1].setDouble(0, 100);
  simulate(p, "k", b);
  EXPECT_EQ(b[2].getDouble(0), 200.0); // int8 + int8 is int9: no overflow before the store
  EXPECT_EQ(b[3].getDouble(0), -56.0); // stored into int8: wraps
}

TEST(Sema, CastsAndMathBuiltins) {
  auto p = loadText(kernelFile("def k(A: int32[2], B: float32[2]):\n"
                               "    for i in range(2):\n"
                               "        B[i] = float(A[i]) / 2 + allo.sqrt(4.0) + max(i, 1, 0)\n"
                               "        A[i] = int(B[i] * 3) + min(A[i], -5) + abs(-2)\n"));
  std::vector<codegen::Buffer> b = {codegen::Buffer(core::Int(32), {2}),
                                    codegen::Buffer(core::Float32(), {2})};
  b[0].setDouble(0, 3);
  simulate(p, "k", b);
  EXPECT_EQ(b[1].getDouble(0), 1.5 + 2 + 1);
  EXPECT_EQ(b[0].getDouble(0), 13 - 5 + 2);
}

TEST(Sema, ConditionsDataDependentIfElifElseAndMembership) {
  auto p = loadText(kernelFile("def k(A: int32[6], B: int32[6]):\n"
                               "    for i in range(6):\n"
                               "        if i in {0, 5}:\n            B[i] = -1\n"
                               "        elif A[i] > 0 and not A[i] > 100:\n            B[i] = 1\n"
                               "        else:\n            B[i] = 0 if A[i] == 0 else 2\n"));
  std::vector<codegen::Buffer> b = int32Buffers(2, 6);
  for (int k = 0; k < 6; ++k) {
    b[0].setDouble(static_cast<size_t>(k),
                   std::vector<double>{9, 50, 0, -4, 200, 7}[static_cast<size_t>(k)]);
  }
  simulate(p, "k", b);
  std::vector<double> expected = {-1, 1, 0, 2, 2, -1};
  for (size_t k = 0; k < 6; ++k) {
    EXPECT_EQ(b[1].getDouble(k), expected[k]) << k;
  }
}

TEST(Sema, BitSliceBoundsAreChecked) {
  EXPECT_TRUE(throwsError(
      [] { loadText(kernelFile("def k(A: uint8[2], B: uint8[2]):\n    B[0] = A[0][4:9]\n")); },
      ErrorKind::OutOfBounds, {"0 <= lo < hi <= 8"}));
}

// ---------------------------------------------------------------- templates and meta programming

TEST(Sema, TemplateInstantiatedByCustomizeKeepsItsName) {
  auto p =
      loadText(kernelFile("def vadd[T, N: int32](A: T[N], B: T[N]) -> T[N]:\n"
                          "    C: T[N] = 0\n    for i in range(N):\n        C[i] = A[i] + B[i]\n"
                          "    return C\n"
                          "s = allo.customize(vadd, instantiate=[int16, 8])\n"));
  const core::Function& f = fn(p, "vadd");
  EXPECT_EQ(f.findArray("A")->type, core::Int(16));
  EXPECT_EQ(shape(*f.findArray("C")), std::vector<int64_t>{8});
  EXPECT_EQ(p.defaultKernel(), "vadd");
}

TEST(Sema, TemplateCallsCreateOneFunctionPerInstance) {
  auto p = loadText(
      kernelFile("def scale[T, N: int32](A: T[N]):\n    for i in range(N):\n        A[i] *= 2\n"
                 "def top(X: int8[4], Y: int32[8]):\n"
                 "    scale[int8, 4](X)\n    scale[int8, 4](X)\n"
                 "    scale[int32, 8, \"big\"](Y)\n"));
  EXPECT_NE(p.module->findFunction("scale_int8_4"), nullptr);
  EXPECT_NE(p.module->findFunction("scale_big"), nullptr);
  EXPECT_EQ(p.module->functions().size(), 3u); // one instance despite two calls
}

TEST(Sema, TemplateArgumentsAreChecked) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(kernelFile("def k[T, N: int32](A: T[N]):\n    pass\n"
                            "s = allo.customize(k, instantiate=[int8])\n"));
      },
      ErrorKind::InvalidCall, {"takes 2 argument(s) [T, N]"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(kernelFile("def k[T, N: int32](A: T[N]):\n    pass\n"
                            "s = allo.customize(k, instantiate=[int8, float32])\n"));
      },
      ErrorKind::NotConstant, {"template parameter 'N'"}));
}

TEST(Sema, MetaIfChoosesOneBranchPerInstance) {
  auto p = loadText(kernelFile("def k[N: int32](A: int32[4]):\n"
                               "    with allo.meta_if(N == 0):\n        A[0] = 10\n"
                               "    with allo.meta_elif(N == 1):\n        A[0] = 11\n"
                               "    with allo.meta_else():\n        A[0] = 12\n"
                               "def top(A: int32[4], B: int32[4]):\n    k[1](A)\n    k[5](B)\n"));
  std::vector<codegen::Buffer> b = int32Buffers(2, 4);
  simulate(p, "top", b);
  EXPECT_EQ(b[0].getDouble(0), 11.0);
  EXPECT_EQ(b[1].getDouble(0), 12.0);
  EXPECT_EQ(fn(p, "k_1").body().size(), 1u); // only the chosen branch exists
}

TEST(Sema, MetaIfNeedsACompileTimeCondition) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(kernelFile("def k(A: int32[4]):\n    for i in range(4):\n"
                            "        with allo.meta_if(i == 0):\n            A[i] = 1\n"));
      },
      ErrorKind::NotConstant, {"meta_if", "loop variable"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(kernelFile("def k(A: int32[4]):\n    with allo.meta_else():\n        pass\n"));
      },
      ErrorKind::Syntax, {"must follow a meta_if"}));
}

TEST(Sema, MetaForUnrollsItsBody) {
  auto p = loadText(kernelFile("def k(A: int32[4]):\n    with allo.meta_for(1, 4) as c:\n"
                               "        A[c] = c * 10\n"));
  EXPECT_EQ(fn(p, "k").body().size(), 3u);
}

// ---------------------------------------------------------------- calls and returns

TEST(Sema, ReturnedLocalBecomesTheTrailingOutput) {
  auto p = loadText(kernelFile("def k(A: int32[4]) -> int32[4]:\n    C: int32[4] = 0\n"
                               "    for i in range(4):\n        C[i] = A[i]\n    return C\n"));
  auto params = fn(p, "k").params();
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[1]->name, "C");
  EXPECT_EQ(params[1]->role, core::ArrayRole::Returned);
}

TEST(Sema, ReturnedExpressionsAndTuplesGetTheirOwnOutputs) {
  auto p = loadText(kernelFile("def k(A: int32[4]) -> (int32, int32[4]):\n    s: int32 = 0\n"
                               "    for i in range(4):\n        s += A[i]\n    return s * 2, A\n"
                               "def top(A: int32[4], S: int32[1]):\n"
                               "    total, copy = k(A)\n    S[0] = total + copy[1]\n"));
  auto params = fn(p, "k").params();
  ASSERT_EQ(params.size(), 3u);
  EXPECT_EQ(params[1]->name, "ret0");
  EXPECT_EQ(params[2]->role, core::ArrayRole::Returned);
  std::vector<codegen::Buffer> b = {codegen::Buffer(core::Int(32), {4}),
                                    codegen::Buffer(core::Int(32), {1})};
  for (size_t k = 0; k < 4; ++k) {
    b[0].setDouble(k, static_cast<double>(k + 1));
  }
  simulate(p, "top", b);
  EXPECT_EQ(b[1].getDouble(0), 20.0 + 2.0);
}

TEST(Sema, ReturnNeedsAnAnnotationAndComesLast) {
  EXPECT_TRUE(throwsError([] { loadText(kernelFile("def k(A: int32[4]):\n    return A\n")); },
                          ErrorKind::InvalidCall, {"no return annotation"}));
  EXPECT_TRUE(
      throwsError([] { loadText(kernelFile("def k(A: int32[4]) -> int32[4]:\n    A[0] = 1\n")); },
                  ErrorKind::InvalidCall, {"does not end with a return"}));
}

TEST(Sema, CallsCheckArgumentsAndPassScalarsThroughTemporaries) {
  auto p = loadText(
      kernelFile("def add(A: int32[4], x: int32):\n    for i in range(4):\n        A[i] += x\n"
                 "def top(A: int32[4]):\n    add(A, 3 + 4)\n"));
  std::vector<codegen::Buffer> b = int32Buffers(1, 4);
  simulate(p, "top", b);
  EXPECT_EQ(b[0].getDouble(2), 7.0);
  EXPECT_TRUE(throwsError(
      [] {
        loadText(
            kernelFile("def add(A: int32[4]):\n    pass\ndef top(B: int32[5]):\n    add(B)\n"));
      },
      ErrorKind::InvalidCall, {"int32[5]", "int32[4]"}));
  EXPECT_TRUE(throwsError(
      [] {
        loadText(
            kernelFile("def add(A: int32[4]):\n    pass\ndef top(B: int32[4]):\n    add(B, B)\n"));
      },
      ErrorKind::InvalidCall, {"takes 1 argument"}));
}

TEST(Sema, RecursionIsRefused) {
  EXPECT_TRUE(throwsError([] { loadText(kernelFile("def f(A: int32[4]):\n    f(A)\n")); },
                          ErrorKind::InvalidCall, {"recursion"}));
}

TEST(Sema, WholeArrayCopyAndNewArraysFromCalls) {
  auto p = loadText(
      kernelFile("def inc(A: int32[4]) -> int32[4]:\n    B: int32[4] = 0\n"
                 "    for i in range(4):\n        B[i] = A[i] + 1\n    return B\n"
                 "def top(A: int32[4], C: int32[4]):\n    T = inc(A)\n    U = T\n    C = U\n"));
  std::vector<codegen::Buffer> b = int32Buffers(2, 4);
  b[0].setDouble(1, 41);
  simulate(p, "top", b);
  EXPECT_EQ(b[1].getDouble(1), 42.0);
}

// ---------------------------------------------------------------- the schedule script

TEST(Script, CustomizeBindsTheScheduleAndRecordsPrintAndBuild) {
  auto p = loadText(
      kernelFile("def k(A: int32[4]):\n    pass\n"
                 "s = allo.customize(k)\nprint(s.module)\nmod = s.build(target=\"llvm\")\n"));
  ASSERT_EQ(p.schedules.size(), 1u);
  EXPECT_EQ(p.schedules[0].variable, "s");
  EXPECT_EQ(p.schedules[0].function, "k");
  ASSERT_EQ(p.actions.size(), 2u);
  EXPECT_EQ(p.actions[0].kind, allo::ScriptAction::PrintModule);
  EXPECT_EQ(p.actions[1].kind, allo::ScriptAction::Build);
}

TEST(Script, SpatialPrimitivesCheckTheirArgumentsAtTheirLine) {
  std::string k = kernelFile(
      "M = 4\ndef k(A: int32[M, M]):\n    for i, j in allo.grid(M, M):\n        A[i, j] = 0\n"
      "s = allo.customize(k)\n");
  EXPECT_TRUE(throwsError([&] { loadText(k + "s.unfold(\"S_i_j_0\", \"i\")\n"); },
                          ErrorKind::InvalidArgument, {"axes"}));
  EXPECT_TRUE(throwsError([&] { loadText(k + "s.to(s.A, \"S_i_j_0\", axis=\"i\")\n"); },
                          ErrorKind::InvalidArgument, {"axis"}));
}

TEST(Script, MistakesInScheduleCallsNameWhatIsLegal) {
  std::string k = kernelFile("def k(A: int32[4]):\n    pass\ns = allo.customize(k)\n");
  EXPECT_TRUE(throwsError([&] { loadText(k + "s.reoder(\"i\")\n"); }, ErrorKind::UnknownName,
                          {"no array or primitive 'reoder'", "reorder"}));
  EXPECT_TRUE(throwsError([&] { loadText(k + "s.pipeline(\"i\", ii=2)\n"); },
                          ErrorKind::InvalidCall, {"no parameter 'ii'", "initiation_interval=1"}));
  EXPECT_TRUE(throwsError([&] { loadText(k + "s.split(\"i\")\n"); }, ErrorKind::InvalidCall,
                          {"needs a value for 'factor'"}));
  EXPECT_TRUE(throwsError([&] { loadText(k + "s.build(target=\"fpga\")\n"); },
                          ErrorKind::InvalidArgument, {"\"llvm\""}));
  EXPECT_TRUE(
      throwsError([&] { loadText(k + "import numpy as np\nx = np.zeros(4)\ns.unroll(x)\n"); },
                  ErrorKind::NotConstant, {"not known to the schedule script"}));
}

TEST(Script, PythonOnlyStatementsAreSkippedWithANoteEach) {
  auto p = loadText(kernelFile("import numpy as np\ndef k(A: int32[4]):\n    pass\n"
                               "def test_k():\n    assert True\n"
                               "s = allo.customize(k)\nA = np.zeros(4)\nassert A is not None\n"
                               "x = [a for a in range(3)]\n"
                               "if __name__ == \"__main__\":\n    test_k()\n"));
  ASSERT_EQ(p.notes.size(), 5u);
  EXPECT_NE(p.notes[0].text.find("def test_k"), std::string::npos);
  EXPECT_EQ(p.notes[1].loc.line, 9);
  EXPECT_NE(p.notes[4].text.find("lines 12-13"), std::string::npos) << p.notes[4].text;
}

TEST(Script, AScheduleLineOutsideTheSubsetIsAnError) {
  std::string k = kernelFile("def k(A: int32[4]):\n    pass\ns = allo.customize(k)\n");
  EXPECT_TRUE(throwsError([&] { loadText(k + "s.split(*[\"i\", 2])\n"); }, ErrorKind::Syntax, {}));
}

TEST(Script, DefinesOverrideModuleConstants) {
  allo::LoadOptions o;
  o.defines["N"] = "2 * 8";
  auto p = loadText(kernelFile("N = 4\ndef k(A: int32[N]):\n    pass\n"), o);
  EXPECT_EQ(shape(*fn(p, "k").findArray("A")), std::vector<int64_t>{16});
}

TEST(Script, DataflowRegionsAreFunctionsOfTheModule) {
  // The dataflow API itself is tested in DataflowTest.cpp.
  auto p = loadText(
      kernelFile("import allo.dataflow as df\n@df.region()\ndef top(A: int32[4]):\n    pass\n"));
  EXPECT_TRUE(fn(p, "top").body().empty());
  EXPECT_EQ(p.defaultKernel(), "top");
}

// ---------------------------------------------------------------- hostile input

TEST(Sema, TemplateInstancesThatNestWithoutEndAreRefused) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(kernelFile("def f[N: int32](A: int32[4]):\n    f[N + 1](A)\n"
                            "def top(A: int32[4]):\n    f[0](A)\n"));
      },
      ErrorKind::InvalidCall, {"nest more than 64 deep"}));
}

TEST(Sema, LongOperatorChainsStopAtTheHeightLimit) {
  auto chain = [](int terms) {
    std::string e = "A[0]";
    for (int k = 1; k < terms; ++k) {
      e += " + A[0]";
    }
    return kernelFile("def k(A: int32[4]):\n    A[1] = " + e + "\n");
  };
  auto p = loadText(chain(500));
  EXPECT_NE(p.module->findFunction("k"), nullptr);
  EXPECT_TRUE(
      throwsError([&] { loadText(chain(20000)); }, ErrorKind::Syntax, {"expression too long"}));
}

TEST(Sema, DataDependentSubscriptsAreCheckedAtRunTime) {
  auto p = loadText(kernelFile("def k(A: int32[4], B: int32[4]):\n    B[0] = A[A[1]]\n"));
  std::vector<codegen::Buffer> b = int32Buffers(2, 4);
  b[0].setDouble(1, 2);
  simulate(p, "k", b); // in bounds
  b[0].setDouble(1, 9);
  EXPECT_TRUE(throwsError([&] { simulate(p, "k", b); }, ErrorKind::OutOfBounds,
                          {"test.py:4:5: A subscript 1", "out of bounds at run time"}));
}

TEST(Sema, GuardedAffineAccessesAreCheckedAtRunTime) {
  auto p = loadText(kernelFile("def k(A: int32[4], B: int32[4]):\n    for i in range(4):\n"
                               "        if A[i] > 0:\n            B[i + 1] = 7\n"));
  std::vector<codegen::Buffer> b = int32Buffers(2, 4);
  b[0].setDouble(3, 1);
  EXPECT_TRUE(throwsError([&] { simulate(p, "k", b); }, ErrorKind::OutOfBounds, {"B subscript 1"}));
}

TEST(Script, AnUnusedDefineIsAnError) {
  allo::LoadOptions o;
  o.defines["Q"] = "3";
  EXPECT_TRUE(
      throwsError([&] { loadText(kernelFile("N = 4\ndef k(A: int32[N]):\n    pass\n"), o); },
                  ErrorKind::InvalidArgument, {"-D Q", "no module constant 'Q'", "N"}));
}

TEST(Sema, ATemplateMayInstantiateItselfUnderAMetaIfThatEnds) {
  auto p =
      loadText(kernelFile("def f[N: int32](A: int32[4]):\n"
                          "    with allo.meta_if(N > 0):\n        f[N - 1](A)\n        A[N] += N\n"
                          "def top(A: int32[4]):\n    for i in range(1):\n        f[3](A)\n"));
  EXPECT_NE(p.module->findFunction("f_0"), nullptr);
  std::vector<codegen::Buffer> b = int32Buffers(1, 4);
  simulate(p, "top", b);
  EXPECT_EQ(b[0].getDouble(3), 3.0);
  EXPECT_EQ(b[0].getDouble(1), 1.0);
}

TEST(Sema, NestedMetaForCopiesShareOneBudget) {
  EXPECT_TRUE(throwsError(
      [] {
        loadText(kernelFile("def k(A: int32[4]):\n    with allo.meta_for(200) as a:\n"
                            "        with allo.meta_for(200) as b:\n            A[0] += a * b\n"));
      },
      ErrorKind::InvalidArgument, {"more than 8192 copies", "nested ones multiply"}));
}

TEST(Sema, ConstantBitIndicesAreChecked) {
  EXPECT_TRUE(throwsError(
      [] { loadText(kernelFile("def k(A: uint8[2], B: uint8[2]):\n    B[0] = A[1][9]\n")); },
      ErrorKind::OutOfBounds, {"bit 9 of a value of 8 bits"}));
}

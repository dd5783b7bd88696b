// The C++ builder API (core/Module.h): statement trees of real kernels, source
// locations, and every refusal of the builder.
#include "core/Module.h"

#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace polyallo::core {
namespace {

using polyallo::testing::captureError;
using polyallo::testing::throwsError;

// ---- helpers --------------------------------------------------------------------------

/// The statement tree as indented Python-like text.
std::string render(const std::vector<StmtPtr>& stmts, int depth = 0) {
  std::string out;
  const std::string pad(2 * depth, ' ');
  for (const StmtPtr& s : stmts) {
    switch (s->kind) {
    case StmtKind::For:
      out += pad + "for " + s->name + " in range(" + str(s->lb) + ", " + str(s->ub) +
             (s->step != 1 ? ", " + std::to_string(s->step) : "") + "):\n";
      out += render(s->body, depth + 1);
      break;
    case StmtKind::If:
      out += pad + "if " + str(s->cond) + ":\n" + render(s->body, depth + 1);
      if (!s->orelse.empty()) {
        out += pad + "else:\n" + render(s->orelse, depth + 1);
      }
      break;
    case StmtKind::Assign: {
      std::string target = s->target->name;
      for (size_t d = 0; d < s->indices.size(); ++d) {
        target += (d ? ", " : "[") + str(s->indices[d]) + (d + 1 == s->indices.size() ? "]" : "");
      }
      out += pad + target + " " + reduceOpName(s->reduce) + " " + str(s->value) + "\n";
      break;
    }
    case StmtKind::Call: {
      std::string args;
      for (const auto& a : s->args) {
        args += (args.empty() ? "" : ", ") + a->name;
      }
      out += pad + s->callee + "(" + args + ")\n";
      break;
    }
    }
  }
  return out;
}

/// The statement at `path` (child indices, through loop and if bodies).
const StmtNode& at(const std::vector<StmtPtr>& stmts, std::vector<size_t> path) {
  const StmtNode* node = stmts.at(path.front()).get();
  for (size_t k = 1; k < path.size(); ++k) {
    node = node->body.at(path[k]).get();
  }
  return *node;
}

// (Designated initialisers would do, but GCC 12 warns about the members they omit.)
Function::LoopOptions withStep(int64_t step) {
  Function::LoopOptions options;
  options.step = step;
  return options;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// `loc` points at `line` of this file.
void expectLocHere(const SourceLoc& loc, int line) {
  EXPECT_TRUE(endsWith(loc.file, "BuilderTest.cpp")) << loc.str();
  EXPECT_EQ(loc.line, line) << loc.str();
}

// ---- kernels --------------------------------------------------------------------------

TEST(BuildKernels, Gemm) {
  Module m("gemm");
  Function& f = m.function("gemm");
  Array A = f.arg("A", Float32(), {32, 32});
  Array B = f.arg("B", Float32(), {32, 32});
  Array C = f.result("C", Float32(), {32, 32}, 0.0);
  f.grid({"i", "j", "k"}, {32, 32, 32},
         [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });

  EXPECT_EQ(&m.top(), &f);
  EXPECT_EQ(render(f.body()), "for C_init0 in range(0, 32):\n"
                              "  for C_init1 in range(0, 32):\n"
                              "    C[C_init0, C_init1] = 0\n"
                              "for i in range(0, 32):\n"
                              "  for j in range(0, 32):\n"
                              "    for k in range(0, 32):\n"
                              "      C[i, j] += (C[i, j] + (A[i, k] * B[k, j]))\n");
  ASSERT_EQ(f.params().size(), 3u);
  EXPECT_EQ(f.params()[0]->name, "A");
  EXPECT_EQ(f.params()[2]->name, "C");
  EXPECT_EQ(f.params()[2]->role, ArrayRole::Returned);
  EXPECT_EQ(C.decl()->typeStr(), "float32[32, 32]");

  const StmtNode& loopI = at(f.body(), {1});
  EXPECT_EQ(loopI.kind, StmtKind::For);
  EXPECT_EQ(loopI.lb.type(), Index());
  EXPECT_EQ(loopI.ub.type(), Index());
  EXPECT_EQ(loopI.step, 1);
  const StmtNode& update = at(f.body(), {1, 0, 0, 0});
  ASSERT_EQ(update.kind, StmtKind::Assign);
  EXPECT_EQ(update.target, C.decl());
  EXPECT_EQ(update.reduce, ReduceOp::Add);
  EXPECT_EQ(update.value.type(), Float32());
  // The subscripts are the loops' own iterators.
  EXPECT_EQ(update.indices[0]->var, loopI.var);
  EXPECT_EQ(update.indices[1]->var, at(f.body(), {1, 0}).var);
  // The fill stores a float32 zero.
  const StmtNode& fill = at(f.body(), {0, 0, 0});
  EXPECT_EQ(fill.value->kind, ExprKind::Const);
  EXPECT_EQ(fill.value.type(), Float32());
  EXPECT_EQ(fill.value->fval, 0.0);
}

TEST(BuildKernels, ReductionValueIsCastToTheTargetType) {
  // The seed's systolic GEMM: int8 inputs, int16 accumulator.
  Module m("systolic");
  Function& f = m.function("matmul");
  Array A = f.arg("A", Int(8), {4, 4});
  Array B = f.arg("B", Int(8), {4, 4});
  Array C = f.arg("C", Int(16), {4, 4});
  f.grid(
      {"i", "j"}, {4, 4},
      [&](Expr i, Expr j) { f.for_("k", 0, 4, [&](Expr k) { C(i, j) += A(i, k) * B(k, j); }); }, {},
      "PE");

  const StmtNode& update = at(f.body(), {0, 0, 0, 0});
  ASSERT_EQ(update.kind, StmtKind::Assign);
  EXPECT_EQ(update.reduce, ReduceOp::Add);
  // int16 + (int8 * int8 = int16) computes in int17; the stored value is int16.
  EXPECT_EQ(update.value.type(), Int(16));
  ASSERT_EQ(update.value->kind, ExprKind::Cast);
  const Expr& sum = update.value->ops[0];
  EXPECT_EQ(sum->binop, BinOp::Add);
  EXPECT_EQ(sum.type(), Int(17));
  EXPECT_EQ(at(f.body(), {0}).bandLabel, "PE");
  EXPECT_EQ(at(f.body(), {0, 0}).bandLabel, "");
}

TEST(BuildKernels, Jacobi2dTimeLoopWithTwoSweeps) {
  Module m("jacobi");
  Expr N = m.param("N");
  Expr T = m.param("TSTEPS");
  Function& f = m.function("jacobi_2d");
  Array A = f.arg("A", Float32(), {N, N});
  Array B = f.arg("B", Float32(), {N, N});
  f.for_("t", 0, T, [&](Expr) {
    f.for_("i", 1, N - 1, [&](Expr i) {
      f.for_("j", 1, N - 1, [&](Expr j) {
        B(i, j) = 0.2 * (A(i, j) + A(i, j - 1) + A(i, j + 1) + A(i + 1, j) + A(i - 1, j));
      });
    });
    f.for_("i", 1, N - 1, [&](Expr i) {
      f.for_("j", 1, N - 1, [&](Expr j) {
        A(i, j) = 0.2 * (B(i, j) + B(i, j - 1) + B(i, j + 1) + B(i + 1, j) + B(i - 1, j));
      });
    });
  });

  EXPECT_EQ(m.params(), (std::vector<std::string>{"N", "TSTEPS"}));
  EXPECT_EQ(A.decl()->typeStr(), "float32[N, N]");
  EXPECT_EQ(render(f.body()),
            "for t in range(0, TSTEPS):\n"
            "  for i in range(1, (N - 1)):\n"
            "    for j in range(1, (N - 1)):\n"
            "      B[i, j] = (0.2 * ((((A[i, j] + A[i, (j - 1)]) + A[i, (j + 1)]) + "
            "A[(i + 1), j]) + A[(i - 1), j]))\n"
            "  for i in range(1, (N - 1)):\n"
            "    for j in range(1, (N - 1)):\n"
            "      A[i, j] = (0.2 * ((((B[i, j] + B[i, (j - 1)]) + B[i, (j + 1)]) + "
            "B[(i + 1), j]) + B[(i - 1), j]))\n");
  // The two sweeps have distinct iterators even though they share names.
  EXPECT_NE(at(f.body(), {0, 0}).var, at(f.body(), {0, 1}).var);
  const StmtNode& store = at(f.body(), {0, 0, 0, 0});
  EXPECT_EQ(store.reduce, ReduceOp::None);
  EXPECT_EQ(store.value.type(), Float32());
  EXPECT_EQ(store.value->kind, ExprKind::Binary); // already float32: no cast
}

TEST(BuildKernels, TwoFunctionModuleWithCalls) {
  Module m("composed");
  Function& mm = m.function("matmul");
  Array A = mm.arg("A", Int(8), {4, 4});
  Array B = mm.arg("B", Int(8), {4, 4});
  Array C = mm.arg("C", Int(8), {4, 4});
  mm.grid({"i", "j", "k"}, {4, 4, 4},
          [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });

  Function& top = m.function("top");
  Array X = top.arg("X", Int(8), {4, 4});
  Array WA = top.arg("W_A", Int(8), {4, 4});
  Array WB = top.arg("W_B", Int(8), {4, 4});
  Array Y = top.local("Y", Int(8), {4, 4}, 0);
  Array Z = top.result("Z", Int(8), {4, 4}, 0);
  top.call(mm, {X, WA, Y});
  top.call(mm, {Y, WB, Z});

  EXPECT_EQ(&m.top(), &mm); // the first function until setTop
  m.setTop("top");
  EXPECT_EQ(&m.top(), &top);
  ASSERT_EQ(m.functions().size(), 2u);
  EXPECT_EQ(m.findFunction("matmul"), &mm);
  EXPECT_EQ(m.findFunction("nope"), nullptr);
  EXPECT_EQ(&top.module(), &m);
  EXPECT_EQ(render(top.body()), "for Y_init0 in range(0, 4):\n"
                                "  for Y_init1 in range(0, 4):\n"
                                "    Y[Y_init0, Y_init1] = 0\n"
                                "for Z_init0 in range(0, 4):\n"
                                "  for Z_init1 in range(0, 4):\n"
                                "    Z[Z_init0, Z_init1] = 0\n"
                                "matmul(X, W_A, Y)\n"
                                "matmul(Y, W_B, Z)\n");
  EXPECT_EQ(at(top.body(), {2}).args[2], Y.decl());
  EXPECT_EQ(Y.decl()->role, ArrayRole::Local);
  // Parameters in call order: arguments, then returned arrays.
  std::vector<std::string> names;
  for (const auto& p : top.params()) {
    names.push_back(p->name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"X", "W_A", "W_B", "Z"}));
  EXPECT_EQ(top.findArray("Y"), Y.decl());
  EXPECT_EQ(top.findArray("A"), nullptr);
}

// ---- statements -----------------------------------------------------------------------

TEST(BuildStatements, ScalarsAndLocalsWithInitialisers) {
  Module m("m");
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {8});
  Array acc = f.scalar("acc", Int(32), 0);
  Array T = f.local("T", Int(8), {2, 3}, 1);
  Array bare = f.local("bare", Float32(), {8});
  f.for_("i", 0, 8, [&](Expr i) { acc() += A(i); });

  EXPECT_TRUE(acc.decl()->isScalar());
  EXPECT_EQ(acc.decl()->role, ArrayRole::Local);
  EXPECT_EQ(render(f.body()), "acc = 0\n"
                              "for T_init0 in range(0, 2):\n"
                              "  for T_init1 in range(0, 3):\n"
                              "    T[T_init0, T_init1] = 1\n"
                              "for i in range(0, 8):\n"
                              "  acc += int32((int33(acc) + int33(A[i])))\n");
  // Initial values take the array's element type.
  EXPECT_EQ(at(f.body(), {0}).value.type(), Int(32));
  EXPECT_EQ(at(f.body(), {1, 0, 0}).value.type(), Int(8));
  EXPECT_EQ(bare.decl()->shape.size(), 1u);
}

TEST(BuildStatements, EveryReductionOperator) {
  Module m("m");
  Function& f = m.function("f");
  Array A = f.arg("A", Int(8), {8});
  Array R = f.arg("R", Int(8), {8});
  f.for_("i", 0, 8, [&](Expr i) {
    R(i) -= A(i);
    R(i) *= A(i);
    R(i) &= A(i);
    R(i) |= A(i);
    R(i) ^= A(i);
    R(i).reduce(ReduceOp::Min, A(i));
    R(i).reduce(ReduceOp::Max, A(i));
    R(i) = A(i);
  });
  const std::vector<std::pair<ReduceOp, BinOp>> expected = {
      {ReduceOp::Sub, BinOp::Sub},       {ReduceOp::Mul, BinOp::Mul},
      {ReduceOp::BitAnd, BinOp::BitAnd}, {ReduceOp::BitOr, BinOp::BitOr},
      {ReduceOp::BitXor, BinOp::BitXor}, {ReduceOp::Min, BinOp::Min},
      {ReduceOp::Max, BinOp::Max}};
  const auto& body = at(f.body(), {0}).body;
  ASSERT_EQ(body.size(), expected.size() + 1);
  for (size_t k = 0; k < expected.size(); ++k) {
    SCOPED_TRACE(reduceOpName(expected[k].first));
    EXPECT_EQ(body[k]->reduce, expected[k].first);
    EXPECT_EQ(body[k]->value.type(), Int(8));
    // The combination is the old value `op` the new one, before the final cast.
    const Expr& combined =
        body[k]->value->kind == ExprKind::Cast ? body[k]->value->ops[0] : body[k]->value;
    EXPECT_EQ(combined->binop, expected[k].second);
  }
  // Plain assignment of an element of the same type stores the read itself.
  EXPECT_EQ(body.back()->reduce, ReduceOp::None);
  EXPECT_EQ(body.back()->value->kind, ExprKind::Read);
  EXPECT_EQ(body.back()->value->array, A.decl());
}

TEST(BuildStatements, LoopsWithStepTriangularBoundsAndOptions) {
  Module m("m");
  Function& f = m.function("f");
  Array A = f.arg("A", Float32(), {16, 16});
  f.for_("i", 0, 16, withStep(2),
         [&](Expr i) { f.for_("j", 0, i + 1, [&](Expr j) { A(i, j) = 0; }); });
  EXPECT_EQ(render(f.body()), "for i in range(0, 16, 2):\n"
                              "  for j in range(0, (i + 1)):\n"
                              "    A[i, j] = 0\n");
  EXPECT_EQ(at(f.body(), {0}).step, 2);
}

TEST(BuildStatements, GridHintsGoToTheInnermostLoopAndTheLabelToTheOutermost) {
  Module m("m");
  Function& f = m.function("f");
  Array A = f.arg("A", Float32(), {4, 4});
  f.grid(
      {"i", "j"}, {4, 4}, [&](Expr i, Expr j) { A(i, j) = 1; },
      LoopHints{.pipelineII = 2, .unrollFactor = -1}, "PE");
  const StmtNode& outer = at(f.body(), {0});
  const StmtNode& inner = at(f.body(), {0, 0});
  EXPECT_EQ(outer.bandLabel, "PE");
  EXPECT_EQ(outer.hints.pipelineII, 0);
  EXPECT_EQ(inner.hints.pipelineII, 2);
  EXPECT_EQ(inner.hints.unrollFactor, -1);
}

TEST(BuildStatements, GridBodyMayTakeAVectorOfIterators) {
  Module m("m");
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {2, 3, 4, 5, 6});
  f.grid({"a", "b", "c", "d", "e"}, {2, 3, 4, 5, 6},
         [&](const std::vector<Expr>& it) { A.at(it) = it[0] + it[4]; });
  EXPECT_EQ(at(f.body(), {0, 0, 0, 0, 0, 0}).kind, StmtKind::Assign);
}

TEST(BuildStatements, AffineAndDataDependentIfs) {
  Module m("m");
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {8});
  f.for_("i", 0, 8, [&](Expr i) {
    f.ifElse(
        i > 0, [&] { A(i) = A(i - 1); }, [&] { A(i) = 0; });
    f.if_(A(i) < 0, [&] { A(i) = -A(i); });
  });
  EXPECT_EQ(render(f.body()), "for i in range(0, 8):\n"
                              "  if (i > 0):\n"
                              "    A[i] = A[(i - 1)]\n"
                              "  else:\n"
                              "    A[i] = 0\n"
                              "  if (A[i] < 0):\n"
                              "    A[i] = int32(-(int33(A[i])))\n");
  const StmtNode& affine = at(f.body(), {0, 0});
  const StmtNode& guard = at(f.body(), {0, 1});
  EXPECT_EQ(affine.cond.type(), Bool());
  EXPECT_TRUE(isAffineCondition(affine.cond));
  EXPECT_FALSE(isAffineCondition(guard.cond));
  EXPECT_TRUE(guard.orelse.empty());
}

// ---- source locations -----------------------------------------------------------------

TEST(BuildLocations, StatementsArraysAndFunctionsPointAtTheirLine) {
  Module m("m");
  const int functionLine = __LINE__ + 1;
  Function& f = m.function("f");
  const int arrayLine = __LINE__ + 1;
  Array A = f.arg("A", Float32(), {8});
  const int scalarLine = __LINE__ + 1;
  Array s = f.scalar("s", Float32(), 0.0);
  const int assignLine = __LINE__ + 1;
  s() = 1.0;
  const int loopLine = __LINE__ + 1;
  f.for_("i", 0, 8, [&](Expr i) {
    A(i) = s(); // loopLine + 1
    A(i) += 2;  // loopLine + 2
  });

  expectLocHere(f.loc(), functionLine);
  expectLocHere(A.decl()->loc, arrayLine);
  expectLocHere(s.decl()->loc, scalarLine);
  expectLocHere(at(f.body(), {0}).loc, scalarLine); // the initialiser
  expectLocHere(at(f.body(), {1}).loc, assignLine);
  expectLocHere(at(f.body(), {2}).loc, loopLine);
  expectLocHere(at(f.body(), {2, 0}).loc, loopLine + 1);
  expectLocHere(at(f.body(), {2, 1}).loc, loopLine + 2);
}

TEST(BuildLocations, GridStatementsPointAtTheirLine) {
  Module m("m");
  Function& f = m.function("f");
  Array A = f.arg("A", Float32(), {4, 4});
  const int gridLine = __LINE__ + 1;
  f.grid({"i", "j"}, {4, 4}, [&](Expr i, Expr j) {
    A.at({i, j}) = 0; // gridLine + 1
  });
  expectLocHere(at(f.body(), {0}).loc, gridLine);
  expectLocHere(at(f.body(), {0, 0}).loc, gridLine);
  expectLocHere(at(f.body(), {0, 0, 0}).loc, gridLine + 1);
}

TEST(BuildLocations, ErrorsPointAtTheOffendingCall) {
  Module m("m");
  Function& f = m.function("f");
  Array A = f.arg("A", Float32(), {4, 4});
  int line = 0;
  auto error = captureError([&] {
    f.for_("i", 0, 4, [&](Expr i) {
      line = __LINE__ + 1;
      A(i) = 0;
    });
  });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind(), ErrorKind::DimMismatch);
  expectLocHere(error->loc(), line);
  EXPECT_NE(std::string(error->what()).find("BuilderTest.cpp:" + std::to_string(line)),
            std::string::npos)
      << error->what();

  const int boundLine = __LINE__ + 1;
  error = captureError([&] { f.for_("k", 0, A(0, 0), [](Expr) {}); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind(), ErrorKind::NonAffine);
  expectLocHere(error->loc(), boundLine);
}

// ---- errors: arrays and subscripts ----------------------------------------------------

class BuilderErrors : public ::testing::Test {
protected:
  Module m{"m"};
  Function& f = m.function("f");
  Array A = f.arg("A", Float32(), {4, 8});
  Array V = f.arg("V", Int(32), {4});
};

TEST_F(BuilderErrors, WrongSubscriptCountNamesTheArrayAndItsType) {
  EXPECT_TRUE(throwsError([&] { f.for_("i", 0, 4, [&](Expr i) { A(i) = 0; }); },
                          ErrorKind::DimMismatch,
                          {"'A'", "2 dimension(s)", "float32[4, 8]", "1 subscript(s)"}));
  EXPECT_TRUE(throwsError([&] { f.for_("i", 0, 4, [&](Expr i) { V(i) = A(i, i, i); }); },
                          ErrorKind::DimMismatch, {"'A'", "3 subscript(s)"}));
  EXPECT_TRUE(throwsError([&] { A.at({0}) = 1; }, ErrorKind::DimMismatch, {"'A'"}));
}

TEST_F(BuilderErrors, FloatSubscriptIsATypeMismatch) {
  EXPECT_TRUE(throwsError([&] { V(0.5) = 1; }, ErrorKind::TypeMismatch,
                          {"subscript 0 of 'V'", "int32[4]", "got float32"}));
}

TEST_F(BuilderErrors, DuplicateArrayNames) {
  EXPECT_TRUE(throwsError([&] { f.local("A", Int(8), {2}); }, ErrorKind::Redefinition,
                          {"array 'A' is already declared in function 'f'", "BuilderTest.cpp"}));
  EXPECT_TRUE(throwsError([&] { f.scalar("V", Int(8)); }, ErrorKind::Redefinition, {"'V'"}));
  m.param("N");
  EXPECT_TRUE(throwsError([&] { f.local("N", Int(8), {2}); }, ErrorKind::Redefinition,
                          {"'N'", "module parameter"}));
}

TEST_F(BuilderErrors, SameArrayNameInAnotherFunctionIsFine) {
  Function& g = m.function("g");
  EXPECT_NO_THROW(g.arg("A", Int(8), {2}));
}

TEST_F(BuilderErrors, NonPositiveConstantExtents) {
  EXPECT_TRUE(throwsError([&] { f.local("Z", Int(8), {0}); }, ErrorKind::InvalidShape,
                          {"extent 0 of array 'Z' must be positive, got 0"}));
  EXPECT_TRUE(throwsError(
      [&] {
        f.local("Z", Int(8), {4, -3});
      },
      ErrorKind::InvalidShape, {"extent 1 of array 'Z' must be positive, got -3"}));
  EXPECT_TRUE(throwsError([&] { f.arg("Z", Int(8), {Expr()}); }, ErrorKind::InvalidShape,
                          {"extent 0 of array 'Z' is empty"}));
  // Nothing was declared by the refused calls.
  EXPECT_EQ(f.findArray("Z"), nullptr);
}

TEST_F(BuilderErrors, ExtentUsingALoopIterator) {
  EXPECT_TRUE(
      throwsError([&] { f.for_("i", 0, 4, [&](Expr i) { f.local("T", Int(8), {i + 1}); }); },
                  ErrorKind::InvalidShape, {"extent 0 of array 'T'", "loop iterator", "(i + 1)"}));
}

TEST_F(BuilderErrors, NonAffineOrNonIntegerExtents) {
  Expr N = m.param("N");
  EXPECT_TRUE(throwsError([&] { f.local("T", Int(8), {N * N}); }, ErrorKind::NonAffine,
                          {"extent 0 of array 'T'", "affine", "(N * N)"}));
  EXPECT_TRUE(throwsError([&] { f.local("T", Int(8), {2.5}); }, ErrorKind::NonAffine,
                          {"extent 0 of array 'T'"}));
}

TEST_F(BuilderErrors, ExtentUsingAParameterOfAnotherModule) {
  Module other("other");
  Expr P = other.param("P");
  EXPECT_TRUE(throwsError([&] { f.local("T", Int(8), {P}); }, ErrorKind::UnknownName,
                          {"extent 0 of array 'T'", "unknown parameter 'P'"}));
}

TEST_F(BuilderErrors, InvalidIdentifiers) {
  EXPECT_TRUE(throwsError([&] { f.local("2A", Int(8), {2}); }, ErrorKind::InvalidShape,
                          {"'2A' is not a valid array name"}));
  EXPECT_TRUE(throwsError([&] { f.scalar("", Int(8)); }, ErrorKind::InvalidShape,
                          {"'' is not a valid array name"}));
  EXPECT_TRUE(throwsError([&] { f.for_("i-j", 0, 4, [](Expr) {}); }, ErrorKind::InvalidLoop,
                          {"'i-j' is not a valid loop name"}));
  EXPECT_TRUE(throwsError([&] { m.function("my kernel"); }, ErrorKind::InvalidCall,
                          {"'my kernel' is not a valid function name"}));
  EXPECT_TRUE(throwsError([&] { m.param("N!"); }, ErrorKind::InvalidShape,
                          {"'N!' is not a valid parameter name"}));
  EXPECT_NO_THROW(f.local("_tmp_2", Int(8), {2}));
}

TEST_F(BuilderErrors, EmptyHandlesAndEmptyValues) {
  Array empty;
  EXPECT_TRUE(throwsError([&] { empty(0) = 1; }, ErrorKind::UnknownName, {"empty Array handle"}));
  EXPECT_TRUE(throwsError([&] { V(0) = Expr(); }, ErrorKind::TypeMismatch,
                          {"assignment to 'V'", "empty expression"}));
  EXPECT_TRUE(
      throwsError([&] { f.if_(Expr(), [] {}); }, ErrorKind::TypeMismatch, {"condition is empty"}));
}

TEST_F(BuilderErrors, ArraysOfAnotherFunction) {
  Function& g = m.function("g");
  Array W = g.arg("W", Int(32), {4});
  EXPECT_TRUE(
      throwsError([&] { f.fill(W, 0); }, ErrorKind::UnknownName, {"'W'", "another function"}));
  EXPECT_TRUE(throwsError([&] { V(0) = W(0); }, ErrorKind::UnknownName,
                          {"'W'", "not an array of function 'f'"}));
  EXPECT_TRUE(throwsError([&] { f.assign(W.decl(), {Expr(0)}, 1, ReduceOp::None, {}); },
                          ErrorKind::UnknownName, {"'W'", "not an array of function 'f'"}));
}

// ---- errors: loops --------------------------------------------------------------------

TEST_F(BuilderErrors, LoopBoundThatReadsAnArray) {
  EXPECT_TRUE(throwsError([&] { f.for_("i", 0, V(0), [](Expr) {}); }, ErrorKind::NonAffine,
                          {"upper bound of loop 'i'", "must be affine", "got 'V[0]'"}));
  EXPECT_TRUE(throwsError([&] { f.for_("i", V(1), 4, [](Expr) {}); }, ErrorKind::NonAffine,
                          {"lower bound of loop 'i'"}));
}

TEST_F(BuilderErrors, LoopBoundThatMultipliesIterators) {
  EXPECT_TRUE(throwsError(
      [&] {
        f.grid({"i", "j"}, {4, 4},
               [&](Expr i, Expr j) { f.for_("k", 0, i * j, [&](Expr k) { V(k) = 0; }); });
      },
      ErrorKind::NonAffine, {"upper bound of loop 'k'", "got '(i * j)'"}));
}

TEST_F(BuilderErrors, LoopBoundThatIsAFloat) {
  EXPECT_TRUE(throwsError([&] { f.for_("i", 0, 2.5, [](Expr) {}); }, ErrorKind::NonAffine,
                          {"upper bound of loop 'i'", "2.5"}));
}

TEST_F(BuilderErrors, LoopBoundWithAnUnknownParameter) {
  EXPECT_TRUE(throwsError([&] { f.for_("i", 0, paramRef("Q"), [](Expr) {}); },
                          ErrorKind::UnknownName, {"unknown parameter 'Q'"}));
}

TEST_F(BuilderErrors, NonPositiveStep) {
  EXPECT_TRUE(throwsError([&] { f.for_("i", 0, 4, withStep(0), [](Expr) {}); },
                          ErrorKind::InvalidLoop, {"loop 'i' has step 0", "positive"}));
  EXPECT_TRUE(throwsError([&] { f.for_("i", 4, 0, withStep(-1), [](Expr) {}); },
                          ErrorKind::InvalidLoop, {"step -1"}));
}

TEST_F(BuilderErrors, NestedLoopReusingAnEnclosingName) {
  EXPECT_TRUE(throwsError([&] { f.for_("i", 0, 4, [&](Expr) { f.for_("i", 0, 4, [](Expr) {}); }); },
                          ErrorKind::Redefinition,
                          {"loop 'i' is nested inside a loop with the same name"}));
  EXPECT_TRUE(throwsError(
      [&] {
        f.grid({"i", "j", "i"}, {2, 2, 2}, [](Expr, Expr, Expr) {});
      },
      ErrorKind::Redefinition, {"loop 'i'"}));
}

TEST_F(BuilderErrors, SiblingLoopsMayShareAName) {
  f.for_("i", 0, 4, [&](Expr i) { V(i) = 0; });
  EXPECT_NO_THROW(f.for_("i", 0, 4, [&](Expr i) { V(i) += 1; }));
}

TEST_F(BuilderErrors, IteratorUsedOutsideItsLoop) {
  Expr escaped;
  f.for_("i", 0, 4, [&](Expr i) { escaped = i; });
  EXPECT_TRUE(throwsError([&] { f.for_("j", 0, escaped, [](Expr) {}); }, ErrorKind::InvalidLoop,
                          {"upper bound of loop 'j'", "iterator 'i' outside of its loop"}));
  EXPECT_TRUE(throwsError([&] { V(escaped) = 0; }, ErrorKind::InvalidLoop,
                          {"assignment to 'V'", "iterator 'i' outside of its loop"}));
  EXPECT_TRUE(throwsError([&] { V(0) = escaped; }, ErrorKind::InvalidLoop,
                          {"iterator 'i' outside of its loop"}));
  EXPECT_TRUE(throwsError([&] { f.if_(escaped < 2, [&] { V(0) = 1; }); }, ErrorKind::InvalidLoop,
                          {"iterator 'i' outside of its loop"}));
  // An iterator of a sibling loop is just as much out of scope.
  EXPECT_TRUE(throwsError([&] { f.for_("k", 0, 4, [&](Expr k) { V(k) = escaped; }); },
                          ErrorKind::InvalidLoop, {"iterator 'i'"}));
}

TEST_F(BuilderErrors, IteratorOfAnotherFunction) {
  Function& g = m.function("g");
  Array W = g.arg("W", Int(32), {4});
  EXPECT_TRUE(throwsError(
      [&] { f.for_("i", 0, 4, [&](Expr i) { g.for_("j", 0, 4, [&](Expr) { W(i) = 0; }); }); },
      ErrorKind::InvalidLoop, {"function 'g'", "body of function 'f' is being built"}));
}

TEST_F(BuilderErrors, GridArityMismatches) {
  EXPECT_TRUE(throwsError(
      [&] {
        f.grid({"i", "j"}, {4}, [](Expr) {});
      },
      ErrorKind::DimMismatch, {"2 loop name(s) but 1 extent(s)"}));
  EXPECT_TRUE(throwsError(
      [&] {
        f.grid({"i", "j", "k"}, {4, 4, 4}, [](Expr, Expr) {});
      },
      ErrorKind::DimMismatch, {"takes 2 iterator(s) but 3 loop(s)"}));
  EXPECT_TRUE(throwsError([&] { f.grid({}, {}, [](const std::vector<Expr>&) {}); },
                          ErrorKind::DimMismatch, {"at least one loop"}));
}

TEST_F(BuilderErrors, BuilderStaysUsableAfterARefusal) {
  EXPECT_THROW(f.for_("i", 0, 4, [&](Expr i) { A(i) = 0; }), Error);
  // The insertion point is the function body again and no loop is open.
  f.for_("i", 0, 4, [&](Expr i) { V(i) = 1; });
  EXPECT_EQ(f.body().back()->kind, StmtKind::For);
  EXPECT_EQ(f.body().back()->body.size(), 1u);
  V(0) = 2;
  EXPECT_EQ(f.body().back()->kind, StmtKind::Assign);
}

// ---- errors: functions, calls, modules ------------------------------------------------

class CallErrors : public ::testing::Test {
protected:
  Module m{"m"};
  Function& callee = m.function("matmul");
  Array A = callee.arg("A", Int(8), {4, 4});
  Array B = callee.arg("B", Int(8), {4, 4});
  Array C = callee.result("C", Int(16), {4, 4});
  Function& caller = m.function("top");
  Array X = caller.arg("X", Int(8), {4, 4});
  Array Y = caller.arg("Y", Int(8), {4, 4});
  Array Z = caller.local("Z", Int(16), {4, 4});
};

TEST_F(CallErrors, AWellTypedCallIsAccepted) {
  caller.call(callee, {X, Y, Z});
  ASSERT_EQ(caller.body().size(), 1u);
  EXPECT_EQ(caller.body()[0]->kind, StmtKind::Call);
  EXPECT_EQ(caller.body()[0]->callee, "matmul");
}

TEST_F(CallErrors, MismatchedTypeNamesBoth) {
  Array W = caller.arg("W", Int(16), {4, 4});
  EXPECT_TRUE(throwsError(
      [&] {
        caller.call(callee, {X, W, Z});
      },
      ErrorKind::InvalidCall,
      {"argument 2 of the call to 'matmul'", "'W' is int16[4, 4]", "parameter 'B' is int8[4, 4]"}));
}

TEST_F(CallErrors, MismatchedShapeNamesBoth) {
  Array W = caller.arg("W", Int(8), {4, 8});
  EXPECT_TRUE(throwsError(
      [&] {
        caller.call(callee, {W, Y, Z});
      },
      ErrorKind::InvalidCall, {"argument 1", "'W' is int8[4, 8]", "parameter 'A' is int8[4, 4]"}));
  Array flat = caller.arg("flat", Int(8), {16});
  EXPECT_TRUE(throwsError(
      [&] {
        caller.call(callee, {X, flat, Z});
      },
      ErrorKind::InvalidCall, {"'flat' is int8[16]", "parameter 'B' is int8[4, 4]"}));
}

TEST_F(CallErrors, WrongArgumentCountListsTheParameters) {
  EXPECT_TRUE(throwsError(
      [&] {
        caller.call(callee, {X, Y});
      },
      ErrorKind::InvalidCall,
      {"passes 2 argument(s); it takes 3", "A: int8[4, 4], B: int8[4, 4], C: int16[4, 4]"}));
}

TEST_F(CallErrors, ArgumentFromAnotherFunction) {
  EXPECT_TRUE(throwsError(
      [&] {
        caller.call(callee, {X, B, Z});
      },
      ErrorKind::InvalidCall, {"argument 2", "not an array of 'top'"}));
}

TEST_F(CallErrors, Recursion) {
  EXPECT_TRUE(throwsError(
      [&] {
        callee.call(callee, {A, B, C});
      },
      ErrorKind::InvalidCall, {"'matmul' calls itself"}));
}

TEST_F(CallErrors, FunctionOfAnotherModule) {
  Module other("other");
  Function& foreign = other.function("foreign");
  EXPECT_TRUE(throwsError([&] { caller.call(foreign, {}); }, ErrorKind::InvalidCall,
                          {"call to 'foreign'", "another module"}));
}

TEST_F(CallErrors, DuplicateFunctionName) {
  EXPECT_TRUE(throwsError([&] { m.function("matmul"); }, ErrorKind::Redefinition,
                          {"function 'matmul' is already defined", "BuilderTest.cpp"}));
}

TEST_F(CallErrors, UnknownTopFunctionListsTheFunctions) {
  EXPECT_TRUE(throwsError([&] { m.setTop("gemm"); }, ErrorKind::UnknownName,
                          {"no function named 'gemm'", "functions: matmul, top"}));
  EXPECT_EQ(m.top().name(), "matmul"); // unchanged
}

TEST(ModuleErrors, EmptyModuleHasNoTop) {
  Module m("empty");
  EXPECT_TRUE(
      throwsError([&] { m.top(); }, ErrorKind::UnknownName, {"module 'empty' has no functions"}));
  EXPECT_TRUE(throwsError([&] { m.setTop("f"); }, ErrorKind::UnknownName, {"functions: (none)"}));
}

TEST(ModuleParams, DeclaringAParameterTwiceKeepsOne) {
  Module m("m");
  Expr first = m.param("N");
  Expr second = m.param("N");
  EXPECT_EQ(m.params(), std::vector<std::string>{"N"});
  EXPECT_TRUE(m.hasParam("N"));
  EXPECT_FALSE(m.hasParam("M"));
  EXPECT_EQ(first.type(), Index());
  EXPECT_EQ(str(second), "N");
}

} // namespace
} // namespace polyallo::core

namespace polyallo {
namespace {

TEST(BuilderCrossFunction, StatementForAnotherFunctionInsideAnOpenBodyIsRefused) {
  core::Module m("two");
  core::Function& f = m.function("f");
  core::Array X = f.arg("X", core::Int(8), {4});
  core::Function& g = m.function("g");
  core::Array Y = g.arg("Y", core::Int(8), {4});
  try {
    g.for_("i", 0, 4, [&](core::Expr i) {
      Y(i) = 1;
      X(0) = 2; // f's array while g's loop body is open
    });
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidLoop);
    EXPECT_NE(e.message().find("function 'g' is being built"), std::string::npos) << e.message();
  }
  EXPECT_TRUE(f.body().empty());
}

TEST(BuilderTruth, IntegerConditionsUsePythonTruthinessNotAOneBitWrap) {
  core::Module m("t");
  core::Function& f = m.function("f");
  core::Array A = f.arg("A", core::Int(8), {4});
  core::Expr c = core::select(A(0), 1, 2);
  ASSERT_EQ(c->ops[0]->kind, core::ExprKind::Binary);
  EXPECT_EQ(c->ops[0]->binop, core::BinOp::Ne);
  core::Expr n = !A(1);
  EXPECT_EQ(n->ops[0]->binop, core::BinOp::Ne);
}

} // namespace
} // namespace polyallo

// Two functions composed: `top` calls an int8 matmul twice (SPEC.md section 7),
//
//   def matmul(A: int8[M, K], B: int8[K, N], C: int8[M, N]):
//       for i, j in allo.grid(M, N):
//           for k in range(K):
//               C[i, j] += A[i, k] * B[k, j]
//   def top(X: int8[M, K], W_A: int8[K, N], W_B: int8[N, K]) -> int8[M, K]:
//       Y: int8[M, N] = 0
//       Z: int8[M, K] = 0
//       matmul(X, W_A, Y)
//       matmul(Y, W_B, Z)
//       return Z
//
// and checked against a naive reference with int8 wrap-around.
#include "codegen/Simulator.h"
#include "core/Module.h"
#include "polyhedral/Dump.h"
#include "polyhedral/Model.h"

#include <cstdint>
#include <cstdio>
#include <vector>

using namespace polyallo;
using namespace polyallo::core;

namespace {

constexpr int64_t kM = 8, kK = 12, kN = 10;

Function& buildMatmul(Module& module, const std::string& name, int64_t rows, int64_t inner,
                      int64_t cols) {
  Function& f = module.function(name);
  Array A = f.arg("A", Int(8), {rows, inner});
  Array B = f.arg("B", Int(8), {inner, cols});
  Array C = f.arg("C", Int(8), {rows, cols});
  f.grid({"i", "j"}, {rows, cols}, [&](Expr i, Expr j) {
    f.for_("k", 0, inner, [&](Expr k) { C(i, j) += A(i, k) * B(k, j); });
  });
  return f;
}

/// C += A * B with each partial sum wrapped to int8, as the kernel does.
void referenceMatmul(const std::vector<int8_t>& a, const std::vector<int8_t>& b,
                     std::vector<int8_t>& c, int64_t rows, int64_t inner, int64_t cols) {
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < cols; ++j) {
      for (int64_t k = 0; k < inner; ++k) {
        int sum = c[i * cols + j] + a[i * inner + k] * b[k * cols + j];
        c[i * cols + j] = static_cast<int8_t>(static_cast<uint8_t>(sum & 0xff));
      }
    }
  }
}

std::vector<int8_t> values(const codegen::Buffer& buf) {
  const auto* p = static_cast<const int8_t*>(buf.data());
  return {p, p + buf.size()};
}

} // namespace

int main() {
  try {
    Module module("ffn");
    Function& top = module.function("top");
    Function& mm1 = buildMatmul(module, "matmul_1", kM, kK, kN);
    Function& mm2 = buildMatmul(module, "matmul_2", kM, kN, kK);
    Array X = top.arg("X", Int(8), {kM, kK});
    Array WA = top.arg("W_A", Int(8), {kK, kN});
    Array WB = top.arg("W_B", Int(8), {kN, kK});
    Array Y = top.local("Y", Int(8), {kM, kN}, 0);
    Array Z = top.result("Z", Int(8), {kM, kK}, 0);
    top.call(mm1, {X, WA, Y});
    top.call(mm2, {Y, WB, Z});

    poly::ModuleModel model = poly::extract(module);
    const poly::FunctionModel& fn = model.function("top");
    std::printf("top's calls: flow %s\n", poly::islStr(fn.deps.flow).c_str());

    codegen::Buffer x(Int(8), {kM, kK}), wa(Int(8), {kK, kN}), wb(Int(8), {kN, kK}),
        z(Int(8), {kM, kK});
    x.fillRandom(11);
    wa.fillRandom(12);
    wb.fillRandom(13);
    codegen::Simulator(model).run("top", {}, {&x, &wa, &wb, &z});

    std::vector<int8_t> y(kM * kN, 0), ref(kM * kK, 0);
    referenceMatmul(values(x), values(wa), y, kM, kK, kN);
    referenceMatmul(y, values(wb), ref, kM, kN, kK);
    bool same = values(z) == ref;
    std::printf("top (two int8 matmuls): %s\n", same ? "MATCH" : "MISMATCH");
    return same ? 0 : 1;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}

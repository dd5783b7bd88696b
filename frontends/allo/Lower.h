// Lowering of kernel definitions to core::Function: name resolution with
// Allo's block scoping, typing with the default widening rules, templates,
// meta_if / meta_for, calls between kernels and returned arrays, and
// dataflow regions (LowerRegion.cpp: a @df.region() function is one function
// whose @df.kernel functions are bands of unfolded loops).
//
//   def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:
//       C: float32[M, N] = 0.0         C: a Returned array, filled with 0
//       for i, j, k in allo.grid(M, N, K):
//           C[i, j] += A[i, k] * B[k, j]
//       return C
//   ->  function gemm(A, B, C) with the loop nest i, j, k (one band)
#pragma once

#include "core/Module.h"
#include "frontends/allo/Ast.h"
#include "frontends/allo/Value.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace polyallo::allo {

/// The kernels of one file and the module they are lowered into.
struct KernelTable {
  core::Module* module = nullptr;
  std::map<std::string, const ast::Stmt*> defs; // top-level defs by name
  /// Module-level constants visible to kernels.
  std::function<std::optional<Value>(const std::string& name)> global;
  std::map<std::string, std::string> instances; // instance key -> function name
  std::set<std::string> inProgress;             // instance keys being lowered
};

/// Lowers the def named `def` with `templateArgs` (empty for a plain kernel;
/// a trailing string names the instance: `k[float32, 16, "FFN1"]` is
/// function `k_FFN1`) into table.module, callees first; returns the function
/// name. An instance is lowered once; `preferDefName` gives an unnamed
/// template instance the def's own name when it is free (allo.customize's
/// instantiate=), otherwise it is `k_float32_16`.
std::string lowerKernel(KernelTable& table, const std::string& def,
                        const std::vector<Value>& templateArgs, bool preferDefName,
                        const SourceLoc& use);

/// True when `def` looks like a kernel (every parameter annotated, or a
/// return annotation, or template parameters) rather than Python test code.
bool isKernelDef(const ast::Stmt& def);

/// True when `def` is a dataflow region (`@df.region()`). Throws
/// Error(Syntax) for a `@df.kernel` outside a region and Error(InvalidCall)
/// for arguments to `@df.region()`.
bool isRegionDef(const ast::Stmt& def);

/// Throws Error(Syntax) when `s` declares a stream (`fifo: Stream[T, 4]`,
/// `fifo = df.pipe(...)`) at the top level of a file: streams live in the
/// body of a @df.region() function.
void refuseTopLevelStream(const ast::Stmt& s);

/// `sum` -> "sum", `allo.exp` -> "allo.exp", anything else -> "".
std::string dottedName(const ast::Expr& e);

} // namespace polyallo::allo

// The isl boundary: one context per module with an operation budget, and the
// conversion of isl failures into polyallo::Error.
//
// Everything else includes isl through this header and uses isl/cpp.h
// (RAII, exceptions). Raw isl_* calls live only in IslShim.cpp.
#pragma once

#include "core/Diagnostics.h"

#include <isl/cpp.h>

#include <functional>
#include <sstream>
#include <string>

namespace polyallo::poly {

/// Owns an isl_ctx. isl errors become isl::exception inside the bindings;
/// `withBudget` turns them into polyallo::Error naming the computation.
class IslContext {
public:
  /// `maxOperations` bounds each budgeted computation (0 = unbounded).
  explicit IslContext(unsigned long maxOperations = kDefaultMaxOperations);
  ~IslContext();
  IslContext(const IslContext&) = delete;
  IslContext& operator=(const IslContext&) = delete;

  isl::ctx get() const { return isl::ctx(ctx_); }
  isl_ctx* raw() const { return ctx_; }
  unsigned long maxOperations() const { return maxOperations_; }
  void setMaxOperations(unsigned long n) { maxOperations_ = n; }

  /// Runs `fn` with a fresh operation budget. A quota overrun throws
  /// Error(IslQuota) "isl ran out of its operation budget while <what>";
  /// any other isl failure throws Error(Internal) naming `what`.
  void withBudget(const std::string& what, const std::function<void()>& fn) const;

  static constexpr unsigned long kDefaultMaxOperations = 20'000'000;

private:
  isl_ctx* ctx_;
  unsigned long maxOperations_;
};

/// Throws the error recorded on `ctx` if `ok` is false (for raw isl calls).
void checkIsl(isl_ctx* ctx, bool ok, const char* what);

/// One point of a non-empty set, as isl prints it without braces: "S0[1, 2]"
/// (for witnesses in messages).
std::string pointText(const isl::set& set);

/// isl's own text for any isl object (operator<< of isl/cpp.h).
template <class T> std::string islStr(const T& obj) {
  std::ostringstream out;
  out << obj;
  return out.str();
}

} // namespace polyallo::poly

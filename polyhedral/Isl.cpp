#include "polyhedral/Isl.h"

#include <fmt/format.h>
#include <isl/ctx.h>
#include <isl/options.h>

namespace polyallo::poly {

IslContext::IslContext(unsigned long maxOperations)
    : ctx_(isl_ctx_alloc()), maxOperations_(maxOperations) {
  require(ctx_ != nullptr, ErrorKind::Internal, "could not allocate an isl context");
  // Raw calls must never abort the process: errors are checked and converted.
  isl_options_set_on_error(ctx_, ISL_ON_ERROR_CONTINUE);
}

IslContext::~IslContext() { isl_ctx_free(ctx_); }

void IslContext::withBudget(const std::string& what, const std::function<void()>& fn) const {
  isl_ctx_reset_operations(ctx_);
  isl_ctx_set_max_operations(ctx_, maxOperations_);
  auto restore = [&] {
    isl_ctx_set_max_operations(ctx_, 0);
    isl_ctx_reset_error(ctx_);
  };
  try {
    fn();
  } catch (const isl::exception_quota&) {
    restore();
    throw Error(ErrorKind::IslQuota,
                fmt::format("isl ran out of its operation budget ({} operations) while {}; the "
                            "problem is too large or too irregular for an exact analysis",
                            maxOperations_, what));
  } catch (const isl::exception& e) {
    restore();
    throw Error(ErrorKind::Internal, fmt::format("isl failed while {}: {}", what, e.what()));
  } catch (...) {
    restore();
    throw;
  }
  restore();
}

std::string pointText(const isl::set& set) {
  std::string text = islStr(set.sample_point());
  // "{ S0[1, 2] }" or "[N] -> { S0[1] }": keep the tuple, which is what a reader needs.
  size_t open = text.find('{'), close = text.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close <= open) {
    return text;
  }
  std::string inner = text.substr(open + 1, close - open - 1);
  size_t begin = inner.find_first_not_of(' '), end = inner.find_last_not_of(' ');
  return begin == std::string::npos ? inner : inner.substr(begin, end - begin + 1);
}

void checkIsl(isl_ctx* ctx, bool ok, const char* what) {
  if (ok) {
    return;
  }
  if (isl_ctx_last_error(ctx) == isl_error_none) {
    throw Error(ErrorKind::Internal,
                fmt::format("isl failed in {} without an error message", what));
  }
  // Throws the matching isl::exception subclass (quota, invalid, ...), which
  // IslContext::withBudget converts.
  isl::exception::throw_last_error(isl::ctx(ctx));
}

} // namespace polyallo::poly

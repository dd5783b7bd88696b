// Helpers for tests that expect the library to refuse something.
//
//   EXPECT_TRUE(throwsError([] { Int(0); }, ErrorKind::InvalidType, {"between 1 and 64"}));
//
// A refusal must be a polyallo::Error of the expected kind whose message contains every
// fragment; any other exception, or none, fails the assertion with what happened instead.
#pragma once

#include "core/Diagnostics.h"

#include <gtest/gtest.h>

#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace polyallo::testing {

/// The polyallo::Error `fn` throws, or nothing if it returns normally. Any other
/// exception fails the current test.
template <class F> std::optional<Error> captureError(F&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected polyallo::Error, got another exception: " << e.what();
  }
  return std::nullopt;
}

template <class F>
::testing::AssertionResult throwsError(F&& fn, ErrorKind kind,
                                       const std::vector<std::string>& fragments) {
  std::optional<Error> error;
  try {
    fn();
  } catch (const Error& e) {
    error = e;
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-polyallo exception: " << e.what();
  }
  if (!error) {
    return ::testing::AssertionFailure() << "did not throw; expected " << errorKindName(kind);
  }
  if (error->kind() != kind) {
    return ::testing::AssertionFailure()
           << "threw " << errorKindName(error->kind()) << " instead of " << errorKindName(kind)
           << ": " << error->what();
  }
  for (const std::string& fragment : fragments) {
    if (error->message().find(fragment) == std::string::npos) {
      return ::testing::AssertionFailure()
             << "message lacks \"" << fragment << "\": " << error->message();
    }
  }
  return ::testing::AssertionSuccess() << error->what();
}

} // namespace polyallo::testing

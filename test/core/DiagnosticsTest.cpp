// require(): the plain form and the lazy one, whose message is built only on failure.
#include "core/Diagnostics.h"
#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

using namespace polyallo;

TEST(Diagnostics, LazyRequireBuildsItsMessageOnlyWhenItThrows) {
  int built = 0;
  auto message = [&] {
    ++built;
    return std::string("index 7 is out of range");
  };
  require(true, ErrorKind::InvalidArgument, message);
  EXPECT_EQ(built, 0);
  EXPECT_TRUE(polyallo::testing::throwsError(
      [&] {
        require(false, ErrorKind::OutOfBounds, message, {"k.py", 3, 4});
      },
      ErrorKind::OutOfBounds, {"index 7 is out of range"}));
  EXPECT_EQ(built, 1);
  auto e = polyallo::testing::captureError([&] {
    require(false, ErrorKind::OutOfBounds, message, {"k.py", 3, 4});
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->formatted(), "k.py:3:4: error: index 7 is out of range");
}

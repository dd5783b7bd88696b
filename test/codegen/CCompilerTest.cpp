// Compiling C with the system compiler: the content-hash cache, failures.
#include "codegen/CCompiler.h"
#include "CodegenTesting.h"
#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <optional>

namespace polyallo {
namespace {

using codegen::CompiledLibrary;
using polyallo::testing::throwsError;

/// A fresh, empty directory (so the first compile cannot be a cache hit).
std::string freshDir(const std::string& tag) {
  auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      fmt::format("polyallo-{}-{}-{}", tag, static_cast<long>(getpid()), stamp);
  std::filesystem::create_directories(dir);
  return dir.string();
}

TEST(CCompiler, Fnv1aIsTheStandardHash) {
  // Reference values of 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
  EXPECT_EQ(codegen::fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(codegen::fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(codegen::fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(CCompiler, SecondCompileIsACacheHit) {
  codegen::CompilerOptions opts;
  opts.cacheDir = freshDir("cache");
  const std::string source = "int twice(int x) { return 2 * x; }\n";
  CompiledLibrary first = CompiledLibrary::compile(source, opts);
  EXPECT_FALSE(first.fromCache());
  auto twice = reinterpret_cast<int (*)(int)>(first.symbol("twice"));
  EXPECT_EQ(twice(21), 42);
  CompiledLibrary second = CompiledLibrary::compile(source, opts);
  EXPECT_TRUE(second.fromCache());
  EXPECT_EQ(second.libraryPath(), first.libraryPath());
  // Different flags are a different object.
  opts.flags = {"-O1"};
  CompiledLibrary third = CompiledLibrary::compile(source, opts);
  EXPECT_FALSE(third.fromCache());
  EXPECT_NE(third.libraryPath(), first.libraryPath());
  std::filesystem::remove_all(opts.cacheDir);
}

TEST(CCompiler, MissingSymbolIsALoadError) {
  codegen::CompilerOptions opts;
  opts.cacheDir = freshDir("symbol");
  CompiledLibrary lib = CompiledLibrary::compile("int twice(int x) { return 2 * x; }\n", opts);
  EXPECT_TRUE(throwsError([&] { (void)lib.symbol("thrice"); }, ErrorKind::LoadFailed,
                          {"thrice"}));
  std::filesystem::remove_all(opts.cacheDir);
}

TEST(CCompiler, FailureReportsTheCompilerMessageAndKeepsTheSource) {
  codegen::CompilerOptions opts;
  opts.cacheDir = freshDir("fail");
  // An unused variable is an error under -Wall -Wextra -Werror.
  const std::string source = "int f(void) { int unused_thing = 3; return 1; }\n";
  auto error =
      polyallo::testing::captureError([&] { (void)CompiledLibrary::compile(source, opts); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind(), ErrorKind::CompileFailed);
  EXPECT_NE(error->message().find("unused_thing"), std::string::npos) << error->message();
  EXPECT_NE(error->message().find("-Werror"), std::string::npos) << error->message();
  std::string kept = opts.cacheDir + "/";
  ASSERT_NE(error->message().find(kept), std::string::npos) << error->message();
  size_t at = error->message().find(kept);
  std::string path = error->message().substr(at, error->message().find_first_of(" \n", at) - at);
  EXPECT_TRUE(std::filesystem::exists(path)) << path;
  std::filesystem::remove_all(opts.cacheDir);
}

TEST(CCompiler, MissingCompilerAndFastMathAreRefused) {
  codegen::CompilerOptions opts;
  opts.cacheDir = freshDir("nocc");
  opts.compiler = "polyallo-no-such-compiler";
  EXPECT_TRUE(throwsError([&] { (void)CompiledLibrary::compile("int x;\n", opts); },
                          ErrorKind::CompileFailed, {"could not run the C compiler"}));
  opts.compiler = "cc";
  opts.flags = {"-O2", "-ffast-math"};
  EXPECT_TRUE(throwsError([&] { (void)CompiledLibrary::compile("int x;\n", opts); },
                          ErrorKind::InvalidArgument, {"-ffast-math", "IEEE"}));
  std::filesystem::remove_all(opts.cacheDir);
}

TEST(CCompiler, DefaultCacheDirFollowsTheEnvironment) {
  auto saved = [](const char* n) -> std::optional<std::string> {
    const char* v = std::getenv(n);
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
  auto restore = [](const char* n, const std::optional<std::string>& v) {
    if (v) {
      setenv(n, v->c_str(), 1);
    } else {
      unsetenv(n);
    }
  };
  auto cache = saved("POLYALLO_CACHE_DIR"), xdg = saved("XDG_CACHE_HOME"), home = saved("HOME");
  setenv("POLYALLO_CACHE_DIR", "/x/pa", 1);
  EXPECT_EQ(codegen::defaultCacheDir(), "/x/pa");
  unsetenv("POLYALLO_CACHE_DIR");
  setenv("XDG_CACHE_HOME", "/x/xdg", 1);
  EXPECT_EQ(codegen::defaultCacheDir(), "/x/xdg/polyallo");
  unsetenv("XDG_CACHE_HOME");
  setenv("HOME", "/x/home", 1);
  EXPECT_EQ(codegen::defaultCacheDir(), "/x/home/.cache/polyallo");
  unsetenv("HOME");
  EXPECT_EQ(codegen::defaultCacheDir(), "/tmp/polyallo-cache");
  restore("POLYALLO_CACHE_DIR", cache);
  restore("XDG_CACHE_HOME", xdg);
  restore("HOME", home);
}

} // namespace
} // namespace polyallo

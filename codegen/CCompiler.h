// Compiling emitted C into a shared object with the system C compiler,
// caching it by content, and loading it.
//
//   CompilerOptions opts;                         // cc -O2, the default cache dir
//   CompiledLibrary lib = CompiledLibrary::compile(source, opts);
//   auto* f = reinterpret_cast<void (*)(...)>(lib.symbol("polyallo_entry_gemm"));
//
// The cache key is a 64-bit FNV-1a hash of (source, compiler, flags); a
// shared object is built under a unique temporary name and renamed into
// place, so concurrent processes never see a partial file. The compiler runs
// through posix_spawnp with an argument vector (no shell).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polyallo::codegen {

struct CompilerOptions {
  std::string compiler = "cc";
  /// Extra flags, before the fixed ones (-std=c99 -fPIC -shared
  /// -ffp-contract=off -Wall -Wextra -Werror). Flags that relax IEEE
  /// semantics (-ffast-math, -Ofast, ...) are refused.
  std::vector<std::string> flags = {"-O2"};
  /// "" = defaultCacheDir().
  std::string cacheDir;
};

/// $POLYALLO_CACHE_DIR, else $XDG_CACHE_HOME/polyallo, else
/// $HOME/.cache/polyallo, else /tmp/polyallo-cache.
std::string defaultCacheDir();

/// 64-bit FNV-1a of `data`, continuing from `hash` (stable across platforms).
uint64_t fnv1a64(std::string_view data, uint64_t hash = 0xcbf29ce484222325ULL);

/// A dlopen-ed shared object (RTLD_NOW | RTLD_LOCAL), closed on destruction.
class CompiledLibrary {
public:
  /// Compiles `source` (or finds it in the cache) and loads it. Throws
  /// Error(CompileFailed) with the compiler's output and the path of the kept
  /// source, Error(LoadFailed) if dlopen fails, Error(InvalidArgument) for a
  /// refused flag.
  static CompiledLibrary compile(const std::string& source, const CompilerOptions& options);

  CompiledLibrary(CompiledLibrary&& other) noexcept;
  CompiledLibrary& operator=(CompiledLibrary&& other) noexcept;
  CompiledLibrary(const CompiledLibrary&) = delete;
  CompiledLibrary& operator=(const CompiledLibrary&) = delete;
  ~CompiledLibrary();

  /// The address of `name`; Error(LoadFailed) if the library lacks it.
  void* symbol(const std::string& name) const;
  /// True if the shared object was already in the cache (nothing compiled).
  bool fromCache() const { return fromCache_; }
  const std::string& libraryPath() const { return libraryPath_; }
  const std::string& sourcePath() const { return sourcePath_; }

private:
  CompiledLibrary() = default;
  void* handle_ = nullptr;
  bool fromCache_ = false;
  std::string libraryPath_;
  std::string sourcePath_;
};

} // namespace polyallo::codegen

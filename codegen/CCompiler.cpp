#include "codegen/CCompiler.h"

#include "core/Diagnostics.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <utility>

extern char** environ;

namespace polyallo::codegen {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kFixedFlags = {"-std=c99", "-fPIC",   "-shared", "-ffp-contract=off",
                                              "-Wall",    "-Wextra", "-Werror"};

/// Flags that give up IEEE semantics; the simulation must be bit-exact.
bool relaxesFloatingPoint(const std::string& flag) {
  return flag == "-ffast-math" || flag == "-Ofast" || flag == "-funsafe-math-optimizations" ||
         flag == "-ffinite-math-only" || flag == "-fassociative-math" ||
         flag == "-freciprocal-math" || flag == "-fno-signed-zeros" ||
         (flag.rfind("-ffp-contract=", 0) == 0 && flag != "-ffp-contract=off");
}

/// A file name unique to this process and call (for write-then-rename).
std::string uniqueSuffix() {
  static std::atomic<unsigned> counter{0};
  return fmt::format("{}.{}", static_cast<long>(getpid()), counter++);
}

void writeFileAtomically(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".tmp." + uniqueSuffix();
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.close();
    require(out.good(), ErrorKind::CompileFailed,
            fmt::format("could not write the generated C source to {}", tmp.string()));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  require(!ec, ErrorKind::CompileFailed,
          fmt::format("could not move {} to {}: {}", tmp.string(), path.string(), ec.message()));
}

struct ProcessResult {
  int status = -1;    // exit code, or -1 if it did not exit normally
  std::string output; // stdout and stderr, interleaved
};

/// Runs argv[0] (searched in PATH) with `argv`, capturing its output.
ProcessResult runProcess(const std::vector<std::string>& argv) {
  int pipeFds[2];
  require(pipe(pipeFds) == 0, ErrorKind::CompileFailed,
          fmt::format("could not create a pipe for the C compiler: {}", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipeFds[1]);
  std::vector<char*> args;
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipeFds[1]);
  if (rc != 0) {
    close(pipeFds[0]);
    throw Error(ErrorKind::CompileFailed,
                fmt::format("could not run the C compiler '{}': {}; install a C compiler or set "
                            "SimOptions::compiler",
                            argv[0], std::strerror(rc)));
  }
  ProcessResult result;
  char buf[4096];
  for (;;) {
    ssize_t n = read(pipeFds[0], buf, sizeof buf);
    if (n > 0) {
      result.output.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(pipeFds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string commandLine(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) {
    s += (s.empty() ? "" : " ") + a;
  }
  return s;
}

} // namespace

std::string defaultCacheDir() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
  };
  if (std::string d = env("POLYALLO_CACHE_DIR"); !d.empty()) {
    return d;
  }
  if (std::string d = env("XDG_CACHE_HOME"); !d.empty()) {
    return d + "/polyallo";
  }
  if (std::string d = env("HOME"); !d.empty()) {
    return d + "/.cache/polyallo";
  }
  return "/tmp/polyallo-cache";
}

uint64_t fnv1a64(std::string_view data, uint64_t hash) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

CompiledLibrary CompiledLibrary::compile(const std::string& source,
                                         const CompilerOptions& options) {
  for (const auto& f : options.flags) {
    require(!relaxesFloatingPoint(f), ErrorKind::InvalidArgument,
            fmt::format("compiler flag '{}' is not allowed: the simulation must follow IEEE "
                        "arithmetic exactly (no fast-math, -ffp-contract is always off)",
                        f));
  }
  std::vector<std::string> argv = {options.compiler};
  argv.insert(argv.end(), options.flags.begin(), options.flags.end());
  argv.insert(argv.end(), kFixedFlags.begin(), kFixedFlags.end());

  // The key covers everything that changes the object: source and command.
  uint64_t key = fnv1a64(source);
  for (const auto& a : argv) {
    key = fnv1a64(std::string_view("\0", 1), fnv1a64(a, key));
  }
  fs::path dir = options.cacheDir.empty() ? defaultCacheDir() : options.cacheDir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  require(!ec, ErrorKind::CompileFailed,
          fmt::format("could not create the compile cache directory {}: {}; set "
                      "POLYALLO_CACHE_DIR or SimOptions::cacheDir to a writable directory",
                      dir.string(), ec.message()));
  std::string stem = fmt::format("pa_{:016x}", key);
  fs::path so = dir / (stem + ".so");
  fs::path src = dir / (stem + ".c");

  CompiledLibrary lib;
  lib.libraryPath_ = so.string();
  lib.sourcePath_ = src.string();
  if (fs::exists(so, ec)) {
    lib.handle_ = dlopen(lib.libraryPath_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (lib.handle_ != nullptr) {
      lib.fromCache_ = true;
      return lib;
    }
    // An unusable cache entry (e.g. from another machine): rebuild it.
  }
  writeFileAtomically(src, source);
  fs::path tmp = so;
  tmp += ".tmp." + uniqueSuffix();
  argv.insert(argv.end(), {"-o", tmp.string(), src.string(), "-lm"});
  ProcessResult r = runProcess(argv);
  if (r.status != 0) {
    fs::remove(tmp, ec);
    throw Error(ErrorKind::CompileFailed,
                fmt::format("the C compiler rejected the generated code (exit status {}); the "
                            "source is kept at {}\ncommand: {}\n{}",
                            r.status, src.string(), commandLine(argv), r.output));
  }
  fs::rename(tmp, so, ec);
  require(!ec, ErrorKind::CompileFailed,
          fmt::format("could not move {} to {}: {}", tmp.string(), so.string(), ec.message()));
  lib.handle_ = dlopen(lib.libraryPath_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (lib.handle_ == nullptr) {
    const char* why = dlerror();
    throw Error(ErrorKind::LoadFailed, fmt::format("could not load {}: {}", lib.libraryPath_,
                                                   why != nullptr ? why : "unknown error"));
  }
  return lib;
}

CompiledLibrary::CompiledLibrary(CompiledLibrary&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), fromCache_(other.fromCache_),
      libraryPath_(std::move(other.libraryPath_)), sourcePath_(std::move(other.sourcePath_)) {}

CompiledLibrary& CompiledLibrary::operator=(CompiledLibrary&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) {
      dlclose(handle_);
    }
    handle_ = std::exchange(other.handle_, nullptr);
    fromCache_ = other.fromCache_;
    libraryPath_ = std::move(other.libraryPath_);
    sourcePath_ = std::move(other.sourcePath_);
  }
  return *this;
}

CompiledLibrary::~CompiledLibrary() {
  if (handle_ != nullptr) {
    dlclose(handle_);
  }
}

void* CompiledLibrary::symbol(const std::string& name) const {
  require(handle_ != nullptr, ErrorKind::LoadFailed, "symbol lookup in an unloaded library");
  dlerror();
  void* p = dlsym(handle_, name.c_str());
  require(p != nullptr, ErrorKind::LoadFailed,
          fmt::format("{} has no symbol '{}'", libraryPath_, name));
  return p;
}

} // namespace polyallo::codegen

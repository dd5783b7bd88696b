#include "frontends/allo/Source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

namespace polyallo::allo {
namespace {

[[noreturn]] void failToRead(const std::string& path, int error) {
  throw Error(ErrorKind::LoadFailed,
              fmt::format("cannot read '{}': {}", path, std::strerror(error)));
}

/// Line `line` split at '\n' (a trailing '\r' dropped), or nothing past the
/// end. A text ending in '\n' has an empty last line: errors at the end of
/// the file point there.
std::optional<std::string> findLine(const std::string& text, int line) {
  if (line < 1) {
    return std::nullopt;
  }
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t newline = text.find('\n', start);
    if (newline == std::string::npos) {
      return std::nullopt;
    }
    start = newline + 1;
  }
  size_t end = text.find('\n', start);
  std::string result =
      text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!result.empty() && result.back() == '\r') {
    result.pop_back();
  }
  return result;
}

} // namespace

Source Source::fromFile(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    failToRead(path, errno);
  }
  Source source{path, ""};
  char buffer[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    source.text.append(buffer, n);
  }
  // A directory opens fine on Linux and only fails here (EISDIR).
  if (std::ferror(file.get())) {
    failToRead(path, errno);
  }
  return source;
}

std::string Source::line(int number) const { return findLine(text, number).value_or(""); }

std::string renderError(const Error& error, const Source& source) {
  std::string out = error.formatted();
  const SourceLoc& loc = error.loc();
  if (!loc.known() || loc.file != source.path) {
    return out;
  }
  std::optional<std::string> line = findLine(source.text, loc.line);
  if (!line) {
    return out;
  }
  // Tabs before the column are repeated so the caret lines up however the
  // terminal expands them.
  std::string caret;
  size_t width = std::min(static_cast<size_t>(std::max(loc.col - 1, 0)), line->size());
  for (size_t i = 0; i < width; ++i) {
    caret += (*line)[i] == '\t' ? '\t' : ' ';
  }
  caret += '^';
  return out + "\n" + *line + "\n" + caret;
}

} // namespace polyallo::allo

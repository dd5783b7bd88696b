#include "frontends/cli/PolybenchDump.h"

#include "core/Diagnostics.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cstdio>

namespace polyallo::cli {
namespace {

const char* kForms = "\"NAME\", (\"NAME\", s0, s1, ...), (\"NAME\", \"lower\", s0, s1), "
                     "(\"NAME\", \"upper\"), (\"NAME\", \"after\") or \"FINISH\"";

DumpEntry parseEntry(const allo::Value& v, const core::Function& fn, const SourceLoc& loc) {
  auto bad = [&](const std::string& why) {
    return Error(
        ErrorKind::InvalidArgument,
        fmt::format("{} entry {}: {}; an entry is {}", kPolybenchDump, v.str(), why, kForms), loc);
  };
  bool named = v.kind == allo::ValueKind::Str;
  if (named && v.text == "FINISH") {
    return {0, DumpEntry::Part::Finish, {}};
  }
  if (!named && (v.kind != allo::ValueKind::Tuple || v.elts.empty() ||
                 v.elts[0].kind != allo::ValueKind::Str)) {
    throw bad("it does not start with an array name");
  }
  const std::string& name = named ? v.text : v.elts[0].text;
  std::vector<std::string> names;
  DumpEntry e;
  std::vector<std::shared_ptr<core::ArrayDecl>> params = fn.params();
  while (e.param < params.size() && params[e.param]->name != name) {
    names.push_back(params[e.param++]->name);
  }
  if (e.param == params.size()) {
    throw bad(fmt::format("kernel '{}' has no parameter '{}' (its parameters are {})", fn.name(),
                          name, fmt::join(names, ", ")));
  }
  size_t rank = params[e.param]->shape.size();
  size_t first = 1;
  if (!named && v.elts.size() > 1 && v.elts[1].kind == allo::ValueKind::Str) {
    const std::string& part = v.elts[1].text;
    if (part == "after") {
      e.part = DumpEntry::Part::NewlineAfter;
    } else if (part == "lower" || part == "upper") {
      if (rank != 2) {
        throw bad(
            fmt::format("'{}' has {} dimensions; \"{}\" needs a 2-d array", name, rank, part));
      }
      e.part = part == "lower" ? DumpEntry::Part::Lower : DumpEntry::Part::Upper;
    } else {
      throw bad(fmt::format("unknown part \"{}\"", part));
    }
    first = 2;
  }
  for (size_t k = first; !named && k < v.elts.size(); ++k) {
    if (v.elts[k].kind != allo::ValueKind::Int) {
      throw bad(fmt::format("stride {} is not an integer", v.elts[k].str()));
    }
    e.strides.push_back(v.elts[k].i);
  }
  if ((e.part == DumpEntry::Part::Upper || e.part == DumpEntry::Part::NewlineAfter) &&
      !e.strides.empty()) {
    throw bad(fmt::format("\"{}\" takes no strides", v.elts[1].text));
  }
  if (e.part != DumpEntry::Part::Upper && !e.strides.empty() && e.strides.size() != rank) {
    throw bad(fmt::format("'{}' has {} dimensions but {} strides are given", name, rank,
                          e.strides.size()));
  }
  if (e.part == DumpEntry::Part::Lower && e.strides.empty()) {
    throw bad("\"lower\" takes two strides");
  }
  return e;
}

/// PolyBench's DATA_PRINTF_MODIFIER for the element type, printed by the C
/// library as PolyBench's build prints it.
std::string formatted(const codegen::Buffer& b, size_t flat) {
  double v = b.getDouble(flat);
  if (b.type().isInt()) {
    return fmt::format("{} ", static_cast<int64_t>(v));
  }
  std::array<char, 64> text{};
  std::snprintf(text.data(), text.size(), "%0.2lf ", v);
  return text.data();
}

void dumpArray(std::ostream& out, const std::string& name, const DumpEntry& e,
               const codegen::Buffer& b) {
  const std::vector<int64_t>& shape = b.shape();
  out << "begin dump: " << name;
  std::vector<int64_t> index(shape.size(), 0);
  int64_t printed = 0;
  for (size_t flat = 0; flat < b.size(); ++flat) {
    bool shown = e.part == DumpEntry::Part::Lower   ? index[1] <= index[0]
                 : e.part == DumpEntry::Part::Upper ? index[1] >= index[0]
                                                    : true;
    if (shown) {
      int64_t counter = 0;
      if (e.part == DumpEntry::Part::Upper) {
        counter = printed;
      } else if (e.strides.empty()) {
        counter = static_cast<int64_t>(flat);
      } else {
        for (size_t d = 0; d < index.size(); ++d) {
          counter += index[d] * e.strides[d];
        }
      }
      bool newline = counter % 20 == 0;
      bool after = e.part == DumpEntry::Part::NewlineAfter;
      out << (newline && !after ? "\n" : "") << formatted(b, flat)
          << (newline && after ? "\n" : "");
      ++printed;
    }
    for (size_t d = index.size(); d-- > 0;) { // the next row-major index
      if (++index[d] < shape[d]) {
        break;
      }
      index[d] = 0;
    }
  }
  out << "\nend   dump: " << name << "\n";
}

} // namespace

std::vector<DumpEntry> polybenchDumpEntries(const allo::Program& program,
                                            const core::Function& fn) {
  std::vector<DumpEntry> entries;
  auto c = program.constants.find(kPolybenchDump);
  if (c == program.constants.end()) {
    std::vector<std::shared_ptr<core::ArrayDecl>> params = fn.params();
    for (size_t k = 0; k < params.size(); ++k) {
      if (!params[k]->shape.empty()) {
        entries.push_back({k, DumpEntry::Part::All, {}});
      }
    }
    return entries;
  }
  const allo::Value& v = c->second.value;
  require(v.kind == allo::ValueKind::Tuple, ErrorKind::InvalidArgument,
          fmt::format("{} is {} '{}'; it is a tuple of entries, each {}", kPolybenchDump,
                      v.kindName(), v.str(), kForms),
          c->second.loc);
  for (const allo::Value& e : v.elts) {
    entries.push_back(parseEntry(e, fn, c->second.loc));
  }
  return entries;
}

void writePolybenchDump(std::ostream& out, const std::vector<DumpEntry>& entries,
                        const core::Function& fn, const std::vector<codegen::Buffer>& buffers) {
  std::vector<std::shared_ptr<core::ArrayDecl>> params = fn.params();
  const char* finish = "==END   DUMP_ARRAYS==\n";
  bool finished = false;
  out << "==BEGIN DUMP_ARRAYS==\n";
  for (const DumpEntry& e : entries) {
    if (e.part == DumpEntry::Part::Finish) {
      out << (finished ? "" : finish);
      finished = true;
    } else {
      dumpArray(out, params[e.param]->name, e, buffers[e.param]);
    }
  }
  out << (finished ? "" : finish);
}

} // namespace polyallo::cli

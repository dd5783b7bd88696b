#include "codegen/TargetModel.h"

#include "core/Diagnostics.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace polyallo::codegen {

namespace {

const char* const kOpNames[] = {"fadd", "fmul",   "fdiv",   "fsqrt",  "fexp",   "flog",
                                "fcmp", "fmath",  "dadd",   "dmul",   "ddiv",   "dsqrt",
                                "dexp", "dlog",   "dcmp",   "dmath",  "fconv",  "fpext",
                                "ialu", "imul18", "imul32", "imul64", "idiv32", "idiv64"};
static_assert(std::size(kOpNames) == static_cast<size_t>(OpKind::Count));

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/// What each key sets, and how its value is read.
struct KeyTable {
  std::map<std::string, std::function<void(Target&, const std::string&, const SourceLoc&)>> set;
  std::vector<std::string> order; // as the built-in file lists them
};

[[noreturn]] void fail(const SourceLoc& loc, const std::string& message) {
  throw Error(ErrorKind::InvalidArgument, message, loc);
}

int64_t count(const std::string& key, const std::string& v, const SourceLoc& loc) {
  int64_t n = -1;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < 0 || n > 1000000) {
    fail(loc, fmt::format("'{}' takes a whole number of cycles or units from 0 to 1000000, "
                          "got '{}'",
                          key, v));
  }
  return n;
}

const KeyTable& keys() {
  static const KeyTable table = [] {
    KeyTable t;
    auto add = [&](const std::string& key, auto setter) {
      t.set[key] = setter;
      t.order.push_back(key);
    };
    add("part", [](Target& tg, const std::string& v, const SourceLoc&) { tg.part = v; });
    add("clock.mhz", [](Target& tg, const std::string& v, const SourceLoc& loc) {
      char* end = nullptr;
      tg.clockMHz = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(tg.clockMHz > 0 && tg.clockMHz <= 2000)) {
        fail(loc, fmt::format("'clock.mhz' takes a frequency in MHz (e.g. 300), got '{}'", v));
      }
    });
    auto integer = [&](const std::string& key, int64_t Target::*field, int64_t min) {
      add(key, [key, field, min](Target& tg, const std::string& v, const SourceLoc& loc) {
        tg.*field = count(key, v, loc);
        if (tg.*field < min) {
          fail(loc, fmt::format("'{}' is at least {}, got {}", key, min, v));
        }
      });
    };
    integer("part.dsp", &Target::dspAvailable, 1);
    integer("part.bram18k", &Target::bramAvailable, 1);
    integer("bram.read.latency", &Target::bramReadLatency, 0);
    integer("bram.write.latency", &Target::bramWriteLatency, 0);
    integer("bram.ports", &Target::bramPorts, 1);
    integer("bram.block.bits", &Target::bramBlockBits, 1);
    integer("fifo.read.latency", &Target::fifoReadLatency, 0);
    integer("fifo.write.latency", &Target::fifoWriteLatency, 0);
    integer("loop.overhead", &Target::loopOverhead, 0);
    integer("call.overhead", &Target::callOverhead, 0);
    for (size_t k = 0; k < static_cast<size_t>(OpKind::Count); ++k) {
      std::string latency = fmt::format("{}.latency", kOpNames[k]);
      std::string dsp = fmt::format("{}.dsp", kOpNames[k]);
      add(latency, [k, latency](Target& tg, const std::string& v, const SourceLoc& loc) {
        tg.ops[k].latency = count(latency, v, loc);
      });
      add(dsp, [k, dsp](Target& tg, const std::string& v, const SourceLoc& loc) {
        tg.ops[k].dsp = count(dsp, v, loc);
      });
    }
    return t;
  }();
  return table;
}

} // namespace

const char* opKindName(OpKind kind) { return kOpNames[static_cast<size_t>(kind)]; }

Target Target::parse(const std::string& text, const std::string& file) {
  const KeyTable& table = keys();
  Target target;
  target.name = file;
  std::set<std::string> seen;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    SourceLoc loc{file, number, 0};
    std::string content = trim(line.substr(0, line.find('#')));
    if (content.empty()) {
      continue;
    }
    size_t eq = content.find('=');
    if (eq == std::string::npos) {
      fail(loc, fmt::format("expected 'key = value', got '{}'", content));
    }
    std::string key = trim(content.substr(0, eq));
    std::string value = trim(content.substr(eq + 1));
    auto setter = table.set.find(key);
    if (setter == table.set.end()) {
      fail(loc,
           fmt::format("unknown key '{}'; the keys are {}", key, fmt::join(table.order, ", ")));
    }
    if (!seen.insert(key).second) {
      fail(loc, fmt::format("'{}' is given twice", key));
    }
    if (value.empty()) {
      fail(loc, fmt::format("'{}' has no value", key));
    }
    setter->second(target, value, loc);
  }
  std::vector<std::string> missing;
  for (const std::string& key : table.order) {
    if (seen.count(key) == 0) {
      missing.push_back(key);
    }
  }
  if (!missing.empty()) {
    throw Error(ErrorKind::InvalidArgument,
                fmt::format("target file {} lacks {}; a target file gives every key (start from "
                            "codegen/targets/u280.txt)",
                            file, fmt::join(missing, ", ")));
  }
  return target;
}

Target Target::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  require(in.good(), ErrorKind::InvalidArgument,
          fmt::format("cannot read the target file '{}'", path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

const Target& Target::builtin() {
  static const Target target = [] {
    Target t = parse(builtinTargetText(), "codegen/targets/u280.txt");
    t.name = "u280 (built in)";
    return t;
  }();
  return target;
}

} // namespace polyallo::codegen

#include "core/Json.h"

#include <fmt/format.h>

namespace polyallo {

std::string Json::quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<int>(c));
      } else {
        out += c;
      }
    }
  }
  return out + "\"";
}

void Json::separator() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (!first_.empty()) {
    out_ += first_.back() ? "\n" : ",\n";
    first_.back() = false;
    out_ += std::string(2 * first_.size(), ' ');
  }
}

Json& Json::beginObject() {
  separator();
  out_ += "{";
  first_.push_back(true);
  return *this;
}

Json& Json::endObject() {
  bool empty = first_.back();
  first_.pop_back();
  out_ += empty ? "}" : "\n" + std::string(2 * first_.size(), ' ') + "}";
  return *this;
}

Json& Json::beginArray() {
  separator();
  out_ += "[";
  first_.push_back(true);
  return *this;
}

Json& Json::endArray() {
  bool empty = first_.back();
  first_.pop_back();
  out_ += empty ? "]" : "\n" + std::string(2 * first_.size(), ' ') + "]";
  return *this;
}

Json& Json::key(const std::string& k) {
  separator();
  out_ += quote(k) + ": ";
  afterKey_ = true;
  return *this;
}

Json& Json::value(const std::string& v) {
  separator();
  out_ += quote(v);
  return *this;
}

Json& Json::value(int64_t v) {
  separator();
  out_ += std::to_string(v);
  return *this;
}

Json& Json::value(bool v) {
  separator();
  out_ += v ? "true" : "false";
  return *this;
}

} // namespace polyallo

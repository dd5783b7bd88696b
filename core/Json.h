// A minimal JSON writer for dumps (no dependency for a few hundred lines of output).
//
//   Json j; j.beginObject(); j.key("name").value("gemm"); j.endObject();
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <vector>

namespace polyallo {

class Json {
public:
  Json& beginObject();
  Json& endObject();
  Json& beginArray();
  Json& endArray();
  Json& key(const std::string& k);
  Json& value(const std::string& v);
  Json& value(const char* v) { return value(std::string(v)); }
  Json& value(int64_t v);
  Json& value(bool v);
  /// Other integer types (`value(3)`, `value(v.size())`), written as int64_t; a bool
  /// still picks value(bool), which matches as exactly and is not a template.
  template <std::integral T> Json& value(T v) { return value(static_cast<int64_t>(v)); }
  /// The text so far, indented by two spaces per level.
  const std::string& str() const { return out_; }

  static std::string quote(const std::string& s);

private:
  void separator();
  std::string out_;
  std::vector<bool> first_; // per open container: no element written yet
  bool afterKey_ = false;
};

} // namespace polyallo

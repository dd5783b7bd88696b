#include "frontends/allo/Primitives.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace polyallo::allo {

namespace {

struct Param {
  std::string name;
  std::optional<Value> defaultValue; // nullopt = required
  bool variadic = false;             // *axes: every remaining positional argument
};

struct Signature {
  std::string name;
  std::vector<Param> params;
};

Param required(std::string name) { return {std::move(name), std::nullopt, false}; }
Param optional(std::string name, Value v) { return {std::move(name), std::move(v), false}; }
Param variadic(std::string name) { return {std::move(name), std::nullopt, true}; }

// Allo's spellings (allo/customize.py), plus tile, which Allo keeps internal.
const std::vector<Signature>& signatures() {
  static const std::vector<Signature> sigs = {
      {"split", {required("axis"), required("factor"), optional("tail", Value::string("guard"))}},
      {"reorder", {variadic("args")}},
      {"tile",
       {required("x_axis"), required("y_axis"), required("x_factor"), required("y_factor")}},
      {"fuse", {variadic("args")}},
      {"compute_at", {required("from_loop"), required("target_loop")}},
      {"unroll", {required("axis"), optional("factor", Value::integer(0))}},
      {"pipeline",
       {required("axis"), optional("initiation_interval", Value::integer(1)),
        optional("rewind", Value::boolean(false))}},
      {"parallel", {required("axis")}},
      {"partition",
       {required("target"), optional("partition_type", Value::integer(0)),
        optional("dim", Value::integer(0)), optional("factor", Value::integer(0))}},
      {"reshape", {required("target"), required("shape")}},
      {"buffer_at", {required("target"), required("axis")}},
      {"reuse_at", {required("target"), required("axis")}},
      {"unfold", {required("band_name"), required("axes"), optional("factor", Value::none())}},
      {"to",
       {required("target"), required("dst"), optional("axis", Value::none()),
        optional("depth", Value::integer(-1))}},
      {"dataflow", {required("target")}},
      {"inline", {optional("target", Value::none())}},
      {"compose",
       {required("schs"), optional("id", Value::none()), optional("instantiate", Value::none())}},
      {"scalar_expand", {required("target"), required("axis")}},
      {"build",
       {optional("target", Value::string("llvm")), optional("mode", Value::none()),
        optional("project", Value::none()), optional("configs", Value::none()),
        optional("wrap_io", Value::boolean(true))}},
      {"verify", {}},
  };
  return sigs;
}

const Signature* find(const std::string& name) {
  for (const Signature& s : signatures()) {
    if (s.name == name) {
      return &s;
    }
  }
  return nullptr;
}

std::string describe(const Signature& sig) {
  std::vector<std::string> parts;
  for (const Param& p : sig.params) {
    parts.push_back(p.variadic       ? "*" + p.name
                    : p.defaultValue ? fmt::format("{}={}", p.name, p.defaultValue->str())
                                     : p.name);
  }
  return fmt::format("{}({})", sig.name, fmt::join(parts, ", "));
}

} // namespace

const Value& PrimitiveCall::arg(const std::string& param) const {
  for (const auto& [name, v] : args) {
    if (name == param) {
      return v;
    }
  }
  throw Error(ErrorKind::Internal, fmt::format("primitive {} has no parameter '{}'", name, param),
              loc);
}

namespace {

bool isName(const Value& v) {
  return v.kind == ValueKind::Str || (v.kind == ValueKind::Handle && v.role == "loop");
}

} // namespace

std::string PrimitiveCall::loopName(const std::string& param) const {
  const Value& v = arg(param);
  require(
      isName(v), ErrorKind::InvalidArgument,
      [&] {
        return fmt::format("{}: '{}' takes a loop name such as \"i\" or \"func:i\", not {} "
                           "{}",
                           name, param, v.kindName(), v.str());
      },
      loc);
  return v.text;
}

std::vector<std::string> PrimitiveCall::loopNames(const std::string& param) const {
  std::vector<std::string> names;
  for (const Value& v : arg(param).elts) {
    require(
        isName(v), ErrorKind::InvalidArgument,
        [&] {
          return fmt::format("{} takes loop names such as \"i\", not {} {}", name, v.kindName(),
                             v.str());
        },
        loc);
    names.push_back(v.text);
  }
  return names;
}

int64_t PrimitiveCall::integer(const std::string& param) const {
  const Value& v = arg(param);
  require(
      v.kind == ValueKind::Int, ErrorKind::InvalidArgument,
      [&] {
        return fmt::format("{}: '{}' takes an integer, not {} {}", name, param, v.kindName(),
                           v.str());
      },
      loc);
  return v.i;
}

std::vector<int64_t> PrimitiveCall::integers(const std::string& param) const {
  const Value& v = arg(param);
  std::vector<const Value*> elts;
  if (v.kind == ValueKind::Tuple) {
    for (const Value& e : v.elts) {
      elts.push_back(&e);
    }
  } else {
    elts.push_back(&v);
  }
  std::vector<int64_t> out;
  for (const Value* element : elts) {
    const Value& e = *element;
    require(
        e.kind == ValueKind::Int, ErrorKind::InvalidArgument,
        [&] {
          // Value::str prints 8.0 as 8: name the element by its position.
          std::string given = &e == &v ? fmt::format("{} {}", v.kindName(), v.str())
                                       : fmt::format("a tuple whose element {} is {}",
                                                     out.size() + 1, e.kindName());
          return fmt::format("{}: '{}' takes an integer or a tuple of integers such as (4, 8), "
                             "not {}",
                             name, param, given);
        },
        loc);
    out.push_back(e.i);
  }
  return out;
}

bool PrimitiveCall::boolean(const std::string& param) const {
  const Value& v = arg(param);
  require((v.kind == ValueKind::Bool || v.kind == ValueKind::Int) && (v.i == 0 || v.i == 1),
          ErrorKind::InvalidArgument,
          [&] { return fmt::format("{}: '{}' takes True or False, not {}", name, param, v.str()); },
          loc);
  return v.i != 0;
}

bool isComputePrimitive(const std::string& name) {
  static const std::set<std::string> kCompute = {
      "split",    "reorder",  "tile",     "fuse",   "compute_at", "unroll",
      "pipeline", "parallel", "dataflow", "inline", "compose",    "scalar_expand"};
  return kCompute.count(name) != 0;
}

bool isMemoryPrimitive(const std::string& name) {
  return name == "partition" || name == "reshape" || name == "buffer_at" || name == "reuse_at";
}

bool isSpatialPrimitive(const std::string& name) { return name == "unfold" || name == "to"; }

const std::vector<std::string>& primitiveNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const Signature& s : signatures()) {
      n.push_back(s.name);
    }
    return n;
  }();
  return names;
}

bool isPrimitive(const std::string& name) { return find(name) != nullptr; }

PrimitiveCall bindPrimitive(const std::string& name, const std::vector<Value>& positional,
                            const std::vector<std::pair<std::string, Value>>& keywords,
                            const SourceLoc& loc) {
  const Signature* sig = find(name);
  require(sig != nullptr, ErrorKind::UnknownName,
          fmt::format("a schedule has no primitive '{}'; the primitives are {}", name,
                      fmt::join(primitiveNames(), ", ")),
          loc);
  std::vector<std::optional<Value>> bound(sig->params.size());
  size_t next = 0;
  for (size_t k = 0; k < positional.size(); ++k) {
    require(next < sig->params.size(), ErrorKind::InvalidCall,
            fmt::format("{} takes at most {} positional argument(s), got {}: {}", name,
                        sig->params.size(), positional.size(), describe(*sig)),
            loc);
    if (sig->params[next].variadic) {
      if (!bound[next]) {
        bound[next] = Value::tuple({});
      }
      bound[next]->elts.push_back(positional[k]);
      continue;
    }
    bound[next++] = positional[k];
  }
  for (const auto& [kw, v] : keywords) {
    auto it = std::find_if(sig->params.begin(), sig->params.end(),
                           [&kw = kw](const Param& p) { return p.name == kw && !p.variadic; });
    // Allo's unfold spells its second parameter `axis` in the seed programs.
    if (it == sig->params.end() && name == "unfold" && kw == "axis") {
      it = sig->params.begin() + 1;
    }
    require(it != sig->params.end(), ErrorKind::InvalidCall,
            fmt::format("{} has no parameter '{}': {}", name, kw, describe(*sig)), loc);
    size_t idx = static_cast<size_t>(it - sig->params.begin());
    require(!bound[idx], ErrorKind::InvalidCall,
            fmt::format("{} got two values for '{}': {}", name, it->name, describe(*sig)), loc);
    bound[idx] = v;
  }
  PrimitiveCall call;
  call.name = name;
  call.loc = loc;
  for (size_t k = 0; k < sig->params.size(); ++k) {
    const Param& p = sig->params[k];
    if (!bound[k]) {
      require(p.defaultValue || p.variadic, ErrorKind::InvalidCall,
              fmt::format("{} needs a value for '{}': {}", name, p.name, describe(*sig)), loc);
      bound[k] = p.variadic ? Value::tuple({}) : *p.defaultValue;
    }
    call.args.emplace_back(p.name, *bound[k]);
  }
  return call;
}

namespace {

/// The call's 'target' names an array: a handle (s.A) or a string ("A", "func:A").
void checkArrayTarget(const PrimitiveCall& call, const char* what) {
  const Value& target = call.arg("target");
  require((target.kind == ValueKind::Handle && target.role == "array") ||
              target.kind == ValueKind::Str,
          ErrorKind::InvalidArgument,
          [&] {
            return fmt::format("{}: 'target' takes {}, not {} {}", call.name, what,
                               target.kindName(), target.str());
          },
          call.loc);
}

} // namespace

void checkArguments(const PrimitiveCall& call) {
  const std::string& n = call.name;
  if (n == "reorder" || n == "fuse") {
    require(!call.loopNames("args").empty(), ErrorKind::InvalidCall,
            fmt::format("{} needs the loops it works on, e.g. {}(\"i\", \"j\")", n, n), call.loc);
  } else if (n == "tile") {
    call.loopName("x_axis");
    call.loopName("y_axis");
    call.integer("x_factor");
    call.integer("y_factor");
  } else if (n == "compute_at") {
    call.loopName("from_loop");
    call.loopName("target_loop");
  } else if (n == "partition") {
    checkArrayTarget(call, "an array, as s.A, \"A\" or \"func:A\"");
    call.integer("partition_type");
    call.integers("dim");
    call.integer("factor");
  } else if (n == "reshape") {
    checkArrayTarget(call, "an array, as s.A or \"A\"");
    call.integers("shape");
  } else if (n == "buffer_at" || n == "reuse_at") {
    checkArrayTarget(call, "an array, as s.A or \"A\"");
    call.loopName("axis");
  } else if (n == "unfold") {
    call.loopName("band_name");
    call.integers("axes");
    if (call.arg("factor").kind != ValueKind::None) {
      call.integers("factor");
    }
  } else if (n == "to") {
    checkArrayTarget(call, "a buffer, as the handle buffer_at returned, or \"A_buf\"");
    call.loopName("dst");
    if (call.arg("axis").kind != ValueKind::None) {
      call.integer("axis");
    }
    call.integer("depth");
  } else if (n == "scalar_expand") {
    checkArrayTarget(call, "the scalar, as s.t or \"t\"");
    call.loopName("axis");
  } else if (n == "inline") {
    if (call.arg("target").kind != ValueKind::None) {
      call.loopName("target");
    }
  } else {
    call.loopName(n == "dataflow" ? "target" : "axis");
    if (n == "split") {
      call.integer("factor");
      const Value& tail = call.arg("tail");
      require(tail.kind == ValueKind::Str && (tail.text == "guard" || tail.text == "shrink"),
              ErrorKind::InvalidArgument,
              fmt::format("split: tail= is \"guard\" (the inner loop keeps factor iterations, "
                          "its body is guarded) or \"shrink\" (the inner loop's bound is "
                          "min(factor, what remains)), not {}",
                          tail.str()),
              call.loc);
    } else if (n == "unroll") {
      call.integer("factor");
    } else if (n == "pipeline") {
      call.integer("initiation_interval");
      call.boolean("rewind");
    }
  }
}

} // namespace polyallo::allo

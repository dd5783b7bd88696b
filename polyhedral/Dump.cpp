#include "polyhedral/Dump.h"

#include "core/Json.h"
#include "polyhedral/IslShim.h"

#include <fmt/format.h>

namespace polyallo::poly {

std::string statementText(const Statement& st) {
  const core::StmtNode& s = *st.stmt;
  std::string text;
  if (s.kind == core::StmtKind::Call) {
    text = s.callee + "(";
    for (size_t i = 0; i < s.args.size(); ++i) {
      text += (i ? ", " : "") + s.args[i]->name;
    }
    text += ")";
  } else {
    text = s.target->name;
    if (!s.indices.empty()) {
      text += "[";
      for (size_t i = 0; i < s.indices.size(); ++i) {
        text += (i ? ", " : "") + core::str(s.indices[i]);
      }
      text += "]";
    }
    text += s.target->isStream() ? fmt::format(".put({})", core::str(s.value))
                                 : fmt::format(" = {}", core::str(s.value));
    if (s.reduce != core::ReduceOp::None) {
      text += fmt::format("  # {}", core::reduceOpName(s.reduce));
    }
  }
  for (const auto& g : st.guards) {
    text += fmt::format("  if {}", core::str(g));
  }
  return text;
}

namespace {

template <class T> std::string simplified(const T& obj, const isl::set& context) {
  return islStr(obj.gist_params(context));
}

void scheduleNodeText(const isl::schedule_node& node, const isl::set& context, int depth,
                      std::string& out) {
  std::string pad(2 * depth, ' ');
  if (node.isa<isl::schedule_node_domain>()) {
    out +=
        pad + "domain " + simplified(node.as<isl::schedule_node_domain>().domain(), context) + "\n";
  } else if (node.isa<isl::schedule_node_band>()) {
    auto band = node.as<isl::schedule_node_band>();
    isl::multi_union_pw_aff partial = band.partial_schedule();
    std::string members;
    for (unsigned i = 0; i < band.n_member(); ++i) {
      members += (i ? ", " : "") + islStr(partial.at(static_cast<int>(i)));
    }
    out += pad + "band " + members + "\n";
  } else if (node.isa<isl::schedule_node_mark>()) {
    isl::id id = markId(node);
    std::string loops;
    if (const BandNames* names = bandNames(id)) {
      loops = " (" + names->loopsText() + ")";
    }
    out += pad + "mark " + id.name() + loops + "\n";
  } else if (node.isa<isl::schedule_node_filter>()) {
    out +=
        pad + "filter " + simplified(node.as<isl::schedule_node_filter>().filter(), context) + "\n";
  } else if (node.isa<isl::schedule_node_sequence>()) {
    out += pad + "sequence\n";
  } else if (node.isa<isl::schedule_node_set>()) {
    out += pad + "set\n";
  } else if (node.isa<isl::schedule_node_extension>()) {
    out += pad + "extension " + islStr(node.as<isl::schedule_node_extension>().extension()) + "\n";
  } else if (node.isa<isl::schedule_node_leaf>()) {
    return;
  } else {
    out += pad + "(node)\n";
  }
  for (int c = 0; c < static_cast<int>(node.n_children()); ++c) {
    scheduleNodeText(node.child(c), context, depth + 1, out);
  }
}

} // namespace

std::string scheduleText(const isl::schedule& schedule, const isl::set& context) {
  std::string out;
  scheduleNodeText(schedule.root(), context, 0, out);
  return out;
}

std::string dumpText(const ModuleModel& model) {
  std::string out = fmt::format("module {}\n", model.module().name());
  for (const FunctionModel& fn : model.functions()) {
    out += fmt::format("\nfunction {}\n", fn.fn->name());
    const isl::set& ctx = fn.context;
    out += fmt::format("  context     {}\n", islStr(ctx));
    for (const auto& a : fn.arrays()) {
      out += fmt::format("  array {:<6} {} ({})\n", a->name, a->typeStr(), core::roleName(a->role));
    }
    for (const Statement& st : fn.statements) {
      out += fmt::format("  {:<4} {}\n", st.name, statementText(st));
      out += fmt::format("       domain  {}\n", simplified(st.domain, ctx));
      for (const Reference& r : fn.refs) {
        if (fn.statements[r.statement].name != st.name) {
          continue;
        }
        const char* kind = !r.write ? "read " : r.must ? "write" : "may-write";
        out += fmt::format("       {:<4} {} {}\n", r.tag, kind, simplified(r.access, ctx));
      }
    }
    out += "  schedule\n";
    scheduleNodeText(fn.schedule.root(), ctx, 2, out);
    out += fmt::format("  flow        {}\n", simplified(fn.deps.flow, ctx));
    out += fmt::format("  anti        {}\n", simplified(fn.deps.anti, ctx));
    out += fmt::format("  output      {}\n", simplified(fn.deps.output, ctx));
    out += fmt::format("  live-in     {}\n", simplified(fn.deps.liveIn, ctx));
  }
  return out;
}

std::string dumpJson(const ModuleModel& model) {
  Json j;
  j.beginObject();
  j.key("module").value(model.module().name());
  j.key("params").beginArray();
  for (const auto& p : model.module().params()) {
    j.value(p);
  }
  j.endArray();
  j.key("functions").beginArray();
  for (const FunctionModel& fn : model.functions()) {
    j.beginObject();
    j.key("name").value(fn.fn->name());
    j.key("context").value(islStr(fn.context));
    j.key("arrays").beginArray();
    for (const auto& a : fn.arrays()) {
      j.beginObject();
      j.key("name").value(a->name);
      j.key("type").value(a->type.str());
      j.key("shape").beginArray();
      for (const auto& e : a->shape) {
        j.value(core::str(e));
      }
      j.endArray();
      j.key("role").value(core::roleName(a->role));
      j.endObject();
    }
    j.endArray();
    j.key("statements").beginArray();
    for (const Statement& st : fn.statements) {
      j.beginObject();
      j.key("name").value(st.name);
      j.key("text").value(statementText(st));
      j.key("loc").value(st.stmt->loc.str());
      j.key("domain").value(islStr(st.domain));
      j.key("accesses").beginArray();
      for (const Reference& r : fn.refs) {
        if (fn.statements[r.statement].name != st.name) {
          continue;
        }
        j.beginObject();
        j.key("tag").value(r.tag);
        j.key("array").value(r.array);
        j.key("kind").value(!r.write ? "read" : r.must ? "write" : "may-write");
        j.key("affine").value(r.affine);
        j.key("relation").value(islStr(r.access));
        j.endObject();
      }
      j.endArray();
      j.endObject();
    }
    j.endArray();
    j.key("schedule").value(islStr(fn.schedule));
    j.key("dependences").beginObject();
    j.key("flow").value(islStr(fn.deps.flow));
    j.key("anti").value(islStr(fn.deps.anti));
    j.key("output").value(islStr(fn.deps.output));
    j.key("live_in").value(islStr(fn.deps.liveIn));
    j.endObject();
    j.endObject();
  }
  j.endArray();
  j.endObject();
  return j.str() + "\n";
}

} // namespace polyallo::poly

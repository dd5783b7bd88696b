// The top level of a kernel file: imports, module constants, kernel defs and
// the schedule script. Statements written for Python alone (NumPy set-up,
// asserts, test blocks) are skipped with a note; a statement that touches a
// schedule must be understood.
#include "frontends/allo/Program.h"

#include "frontends/allo/ConstEval.h"
#include "frontends/allo/Lower.h"
#include "frontends/allo/Parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace polyallo::allo {

std::string Note::str() const { return fmt::format("{}:{}: note: {}", loc.file, loc.line, text); }

std::string Program::defaultKernel() const {
  for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
    if (it->kind == ScriptAction::Build) {
      return schedules[it->schedule].function;
    }
  }
  if (!schedules.empty()) {
    return schedules.back().function;
  }
  return kernels.empty() ? "" : kernels.back();
}

const ScriptSchedule* Program::scheduleOf(const std::string& function) const {
  for (auto it = schedules.rbegin(); it != schedules.rend(); ++it) {
    if (it->function == function) {
      return &*it;
    }
  }
  return nullptr;
}

namespace {

const std::vector<std::string> kBuildTargets = {"llvm", "vhls", "vitis_hls"};

class ScriptRunner {
public:
  ScriptRunner(Program& program, const LoadOptions& options) : p_(program), options_(options) {
    table_.module = p_.module.get();
    table_.global = [this](const std::string& name) -> std::optional<Value> {
      auto it = globals_.find(name);
      // Opaque values too: a kernel using one gets told which line was skipped.
      if (it == globals_.end() ||
          !(isConstant(it->second) || it->second.kind == ValueKind::Opaque)) {
        return std::nullopt;
      }
      return it->second;
    };
  }

  void run(const ast::Module& file) {
    for (const auto& s : file.body) {
      statement(*s);
    }
    // Every kernel is checked, customized or not.
    for (const auto& [name, def] : table_.defs) {
      if (def->typeParams.empty()) {
        lowerKernel(table_, name, {}, true, def->loc);
      }
    }
    for (const auto& [name, text] : options_.defines) {
      require(applied_.count(name), ErrorKind::InvalidArgument,
              fmt::format("-D {}: {} assigns no module constant '{}'; {}", name, p_.source.path,
                          name, env().describeNames()));
    }
    for (const auto& f : p_.module->functions()) {
      p_.kernels.push_back(f->name());
    }
    if (!p_.kernels.empty()) {
      p_.module->setTop(p_.defaultKernel());
    }
  }

private:
  static bool isConstant(const Value& v) {
    return v.isNumber() || v.kind == ValueKind::Str || v.kind == ValueKind::Type ||
           (v.kind == ValueKind::Tuple &&
            std::all_of(v.elts.begin(), v.elts.end(),
                        [](const Value& e) { return isConstant(e); }));
  }

  void note(const SourceLoc& loc, const std::string& what) {
    std::string line = p_.source.line(loc.line);
    line.erase(0, line.find_first_not_of(" \t"));
    if (line.size() > 60) {
      line = line.substr(0, 57) + "...";
    }
    p_.notes.push_back({loc, fmt::format("skipped {}: {}", what, line)});
  }

  void statement(const ast::Stmt& s) {
    using ast::StmtKind;
    switch (s.kind) {
    case StmtKind::Import:
      imports(s);
      return;
    case StmtKind::ImportFrom:
      importFrom(s);
      return;
    case StmtKind::FunctionDef:
      def(s);
      return;
    case StmtKind::Pass:
      return;
    case StmtKind::Skipped:
      note(s.loc, fmt::format("block (lines {}-{})", s.loc.line, s.endLine));
      return;
    case StmtKind::Assert:
      note(s.loc, "assert");
      return;
    case StmtKind::Unparsed: {
      // A schedule line must parse; other Python is skipped.
      std::string line = p_.source.line(s.loc.line);
      size_t start = line.find_first_not_of(" \t");
      std::string first = start == std::string::npos ? "" : line.substr(start);
      first =
          first.substr(0, first.find_first_not_of(
                              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"));
      auto it = globals_.find(first);
      if (it != globals_.end() && touches(it->second)) {
        throw Error(ErrorKind::Syntax, s.error, s.errorLoc);
      }
      note(s.loc, "Python statement outside the kernel language");
      return;
    }
    case StmtKind::Expr:
    case StmtKind::Assign:
    case StmtKind::AnnAssign:
    case StmtKind::AugAssign:
      refuseTopLevelStream(s);
      scriptStatement(s);
      return;
    default:
      throw Error(ErrorKind::Syntax,
                  "this statement is not allowed at the top level of a kernel file", s.loc);
    }
  }

  void imports(const ast::Stmt& s) {
    for (const ast::Alias& a : s.names) {
      std::string bound = a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.name;
      std::string canonical = bound == "numpy" ? "np" : bound == "allo.dataflow" ? "df" : bound;
      globals_[a.asname.empty() ? bound : a.asname] = Value::named(ValueKind::Namespace, canonical);
    }
  }

  void importFrom(const ast::Stmt& s) {
    for (const ast::Alias& a : s.names) {
      if (a.name == "*") {
        continue; // the types are builtins already
      }
      std::optional<Value> v = builtin(a.name);
      if (a.name == "dataflow" && s.module == "allo") {
        v = Value::named(ValueKind::Namespace, "df");
      }
      globals_[a.asname.empty() ? a.name : a.asname] =
          v ? *v : Value::named(ValueKind::Namespace, s.module + "." + a.name);
    }
  }

  void def(const ast::Stmt& s) {
    // A @df.region() function is lowered like a kernel (LowerRegion.cpp).
    bool region = isRegionDef(s);
    if (!region && (!s.decorators.empty() || !isKernelDef(s))) {
      note(s.loc,
           fmt::format("def {} (not a kernel: its parameters have no type annotations)", s.name));
      globals_[s.name] = Value::named(ValueKind::Opaque, "def " + s.name);
      return;
    }
    auto prev = table_.defs.find(s.name);
    require(prev == table_.defs.end(), ErrorKind::Redefinition,
            fmt::format("kernel '{}' is already defined at {}", s.name,
                        prev != table_.defs.end() ? prev->second->loc.str() : ""),
            s.loc);
    table_.defs[s.name] = &s;
    globals_[s.name] = Value::named(ValueKind::Kernel, s.name);
  }

  /// True for values of the schedule script: using them must work.
  static bool touches(const Value& v) {
    return v.kind == ValueKind::Schedule || v.kind == ValueKind::Handle ||
           v.kind == ValueKind::Method;
  }

  bool mentionsSchedule(const ast::Expr& e) const {
    if (e.kind == ast::ExprKind::Name) {
      auto it = globals_.find(e.id);
      if (it != globals_.end() && touches(it->second)) {
        return true;
      }
    }
    if (e.kind == ast::ExprKind::Attribute && dottedName(e) == "allo.customize") {
      return true;
    }
    bool found = false;
    ast::forEachChild(e, [&](const ast::Expr& c) { found = found || mentionsSchedule(c); });
    return found;
  }

  void scriptStatement(const ast::Stmt& s) {
    if (!s.value) { // `x: int32` declares nothing a kernel file needs
      note(s.loc, "annotation without a value");
      return;
    }
    const ast::Expr& value = *s.value;
    bool schedule = mentionsSchedule(value);
    Value v;
    try {
      v = evaluate(value, env());
    } catch (const Error& e) {
      // Arithmetic that fails on constants is the file's mistake; a name or
      // operation only Python knows is test code to skip.
      bool pythonOnly = e.kind() == ErrorKind::UnknownName || e.kind() == ErrorKind::NotConstant;
      if (schedule || !pythonOnly) {
        throw;
      }
      note(s.loc, fmt::format("Python statement ({})", e.message()));
      for (const std::string& name : targetNames(s)) {
        globals_[name] = Value::named(ValueKind::Opaque,
                                      fmt::format("'{}' (line {} was skipped)", name, s.loc.line));
      }
      return;
    }
    if (s.kind == ast::StmtKind::Expr) {
      if (v.kind == ValueKind::Opaque && !schedule) {
        note(s.loc, "Python statement");
      }
      return;
    }
    if (s.kind == ast::StmtKind::AugAssign) {
      require(s.target->kind == ast::ExprKind::Name, ErrorKind::Syntax,
              "only names are updated at the top level", s.target->loc);
      auto it = globals_.find(s.target->id);
      require(it != globals_.end(), ErrorKind::UnknownName,
              fmt::format("name '{}' is not defined", s.target->id), s.target->loc);
      v = applyBinary(s.op, it->second, v, s.loc);
    }
    if (v.kind == ValueKind::Opaque) {
      note(s.loc, "NumPy or Python set-up");
    }
    const ast::Expr& target = s.kind == ast::StmtKind::Assign ? *s.targets.back() : *s.target;
    if (s.kind == ast::StmtKind::Assign) {
      for (const auto& t : s.targets) {
        bindTarget(*t, v);
      }
    } else {
      bindTarget(target, v);
    }
  }

  std::vector<std::string> targetNames(const ast::Stmt& s) const {
    std::vector<std::string> names;
    std::vector<const ast::Expr*> targets;
    if (s.kind == ast::StmtKind::Assign) {
      for (const auto& t : s.targets) {
        targets.push_back(t.get());
      }
    } else if (s.target) {
      targets.push_back(s.target.get());
    }
    for (const ast::Expr* t : targets) {
      if (t->kind == ast::ExprKind::Name) {
        names.push_back(t->id);
      }
      for (const auto& e : t->elts) {
        if (e->kind == ast::ExprKind::Name) {
          names.push_back(e->id);
        }
      }
    }
    return names;
  }

  void bindTarget(const ast::Expr& target, const Value& v) {
    if (target.kind == ast::ExprKind::Name) {
      bindName(target.id, v, target.loc);
      return;
    }
    if (target.kind == ast::ExprKind::Tuple || target.kind == ast::ExprKind::List) {
      if (v.kind == ValueKind::Opaque) {
        for (const auto& t : target.elts) {
          bindTarget(*t, v);
        }
        return;
      }
      require(v.kind == ValueKind::Tuple && v.elts.size() == target.elts.size(),
              ErrorKind::InvalidArgument,
              fmt::format("cannot unpack {} '{}' into {} names", v.kindName(), v.str(),
                          target.elts.size()),
              target.loc);
      for (size_t k = 0; k < v.elts.size(); ++k) {
        bindTarget(*target.elts[k], v.elts[k]);
      }
      return;
    }
    require(v.kind == ValueKind::Opaque, ErrorKind::Syntax,
            fmt::format("cannot assign to '{}' at the top level", str(target)), target.loc);
  }

  void bindName(const std::string& name, const Value& v, const SourceLoc& loc) {
    if (auto d = options_.defines.find(name); d != options_.defines.end() && isConstant(v)) {
      applied_.insert(name);
      globals_[name] = evaluate(*parseExpression(d->second, "-D " + name), env());
      p_.constants[name] = {globals_[name], loc};
      return;
    }
    if (table_.defs.count(name)) {
      throw Error(ErrorKind::Redefinition,
                  fmt::format("'{}' is a kernel of this file; assigning to it would hide it", name),
                  loc);
    }
    if (v.kind == ValueKind::Schedule && p_.schedules[static_cast<size_t>(v.i)].variable.empty()) {
      p_.schedules[static_cast<size_t>(v.i)].variable = name;
    }
    globals_[name] = v;
    if (isConstant(v)) {
      p_.constants[name] = {v, loc};
    } else {
      p_.constants.erase(name);
    }
  }

  ConstEnv env() {
    ConstEnv env;
    env.lookup = [this](const std::string& name, const SourceLoc&) -> std::optional<Value> {
      if (auto it = globals_.find(name); it != globals_.end()) {
        return it->second;
      }
      if (name == "print") {
        return Value::named(ValueKind::Namespace, "print");
      }
      return std::nullopt;
    };
    env.describeNames = [this] {
      std::vector<std::string> constants;
      for (const auto& [name, v] : globals_) {
        if (isConstant(v) && v.kind != ValueKind::Type) {
          constants.push_back(name);
        }
      }
      return fmt::format(
          "the kernels of this file are {}; the module constants are {}", kernelNames(),
          constants.empty() ? "none" : fmt::format("{}", fmt::join(constants, ", ")));
    };
    env.attribute = [this](const ast::Expr& e, const Value& base) { return attribute(e, base); };
    env.call = [this](const ast::Expr& e, const Value& callee) { return call(e, callee); };
    return env;
  }

  std::optional<Value> attribute(const ast::Expr& e, const Value& base) {
    if (base.kind == ValueKind::Handle && (base.role == "loops" || base.role == "band")) {
      // s.get_loops("f")["S_i_j_0"]["i"] (or .S_i_j_0.i): the loop "f:S_i_j_0:i".
      // Whether it exists is checked when a primitive uses it.
      Value h = base;
      h.role = base.role == "loops" ? "band" : "loop";
      h.text = base.text + ":" + e.id;
      return h;
    }
    if (base.kind != ValueKind::Schedule) {
      return std::nullopt;
    }
    const ScriptSchedule& sched = p_.schedules[static_cast<size_t>(base.i)];
    Value h;
    h.i = base.i;
    if (e.id == "module") {
      h.kind = ValueKind::Handle;
      h.role = "module";
      h.text = sched.function;
      return h;
    }
    if (isPrimitive(e.id) || e.id == "get_loops") {
      h.kind = ValueKind::Method;
      h.text = e.id;
      return h;
    }
    const core::Function& fn = *p_.module->findFunction(sched.function);
    if (fn.findArray(e.id)) {
      h.kind = ValueKind::Handle;
      h.role = "array";
      h.text = sched.function + ":" + e.id;
      return h;
    }
    std::vector<std::string> arrays;
    for (const auto& a : fn.arrays()) {
      arrays.push_back(a->name);
    }
    throw Error(
        ErrorKind::UnknownName,
        fmt::format("the schedule of '{}' has no array or primitive '{}'; its arrays are {}; "
                    "its primitives are {}",
                    sched.function, e.id, fmt::join(arrays, ", "),
                    fmt::join(primitiveNames(), ", ")),
        e.nameLoc);
  }

  std::optional<Value> call(const ast::Expr& e, const Value& callee) {
    if (callee.kind == ValueKind::Namespace && callee.text == "allo.customize") {
      return customize(e);
    }
    if (callee.kind == ValueKind::Namespace && callee.text == "print") {
      if (e.elts.size() == 1 && e.keywords.empty()) {
        Value v = evaluate(*e.elts[0], env());
        if (v.kind == ValueKind::Handle && v.role == "module") {
          size_t sched = static_cast<size_t>(v.i);
          p_.actions.push_back({ScriptAction::PrintModule,
                                sched,
                                p_.schedules[sched].steps.size(),
                                "",
                                "",
                                {},
                                e.loc});
          return Value::none();
        }
      }
      return Value::named(ValueKind::Opaque, "print");
    }
    if (callee.kind == ValueKind::Method && callee.text == "get_loops") {
      return loops(e, callee);
    }
    if (callee.kind == ValueKind::Method) {
      return primitive(e, callee);
    }
    if (callee.kind == ValueKind::Build) {
      return Value::named(ValueKind::Opaque, "a run of the built module");
    }
    if (callee.kind == ValueKind::Kernel) {
      // Calling a kernel from Python runs it on NumPy data: `polyallo run` does that.
      return Value::named(ValueKind::Opaque,
                          fmt::format("a Python call of kernel {}", callee.text));
    }
    return std::nullopt;
  }

  std::pair<std::vector<Value>, std::vector<std::pair<std::string, Value>>>
  arguments(const ast::Expr& e) {
    std::vector<Value> positional;
    for (const auto& a : e.elts) {
      positional.push_back(evaluate(*a, env()));
    }
    std::vector<std::pair<std::string, Value>> keywords;
    for (const auto& k : e.keywords) {
      keywords.emplace_back(k.name, evaluate(*k.value, env()));
    }
    for (const Value& v : positional) {
      requireKnown(v, e.loc);
    }
    for (const auto& [k, v] : keywords) {
      requireKnown(v, e.loc);
    }
    return {positional, keywords};
  }

  static void requireKnown(const Value& v, const SourceLoc& loc) {
    require(v.kind != ValueKind::Opaque, ErrorKind::NotConstant,
            fmt::format("{} is not known to the schedule script; schedule arguments are constants, "
                        "strings, lists and schedule handles",
                        v.str()),
            loc);
  }

  std::string kernelNames() const {
    std::vector<std::string> names;
    for (const auto& [name, def] : table_.defs) {
      names.push_back(name);
    }
    return names.empty() ? "none (a kernel is a def whose parameters have type annotations)"
                         : fmt::format("{}", fmt::join(names, ", "));
  }

  Value customize(const ast::Expr& e) {
    auto [positional, keywords] = arguments(e);
    require(positional.size() == 1 && positional[0].kind == ValueKind::Kernel,
            ErrorKind::InvalidCall,
            fmt::format("allo.customize takes one kernel of this file; the kernels are {}",
                        kernelNames()),
            e.loc);
    Value kernel = positional[0];
    for (const auto& [k, v] : keywords) {
      require(
          k == "instantiate", ErrorKind::InvalidCall,
          fmt::format("allo.customize has no option '{}'; polyallo accepts instantiate=[...]", k),
          e.loc);
      require(v.kind == ValueKind::Tuple, ErrorKind::InvalidArgument,
              "instantiate= takes a list of template arguments, e.g. instantiate=[float32, 16]",
              e.loc);
      kernel.templateArgs.insert(kernel.templateArgs.end(), v.elts.begin(), v.elts.end());
    }
    std::string fn = lowerKernel(table_, kernel.text, kernel.templateArgs, true, e.loc);
    ScriptSchedule sched;
    sched.function = fn;
    sched.kernel = kernel.text;
    sched.loc = e.loc;
    p_.schedules.push_back(sched);
    Value v = Value::named(ValueKind::Schedule, fn);
    v.i = static_cast<int64_t>(p_.schedules.size() - 1);
    return v;
  }

  /// s.get_loops(func_name=None): the loops of a function of the schedule,
  /// indexed by band and loop name.
  Value loops(const ast::Expr& e, const Value& method) {
    auto [positional, keywords] = arguments(e);
    const ScriptSchedule& sched = p_.schedules[static_cast<size_t>(method.i)];
    std::optional<Value> name;
    if (positional.size() == 1 && keywords.empty()) {
      name = positional[0];
    } else if (positional.empty() && keywords.size() == 1 && keywords[0].first == "func_name") {
      name = keywords[0].second;
    }
    require((positional.empty() && keywords.empty()) ||
                (name && (name->kind == ValueKind::Str || name->kind == ValueKind::None)),
            ErrorKind::InvalidCall,
            "get_loops takes at most a function name: get_loops(func_name=None)", e.loc);
    Value h = Value::named(ValueKind::Handle, sched.function);
    h.i = method.i;
    h.role = "loops";
    if (name && name->kind == ValueKind::Str) {
      require(
          p_.module->findFunction(name->text) != nullptr, ErrorKind::UnknownName,
          [&] {
            std::vector<std::string> names;
            for (const auto& f : p_.module->functions()) {
              names.push_back(f->name());
            }
            return fmt::format("get_loops: the module has no function '{}'; its functions are {}",
                               name->text, fmt::join(names, ", "));
          },
          e.loc);
      h.text = name->text;
    }
    return h;
  }

  Value primitive(const ast::Expr& e, const Value& method) {
    auto [positional, keywords] = arguments(e);
    const SourceLoc& at = e.value->kind == ast::ExprKind::Attribute ? e.value->nameLoc : e.loc;
    PrimitiveCall call = bindPrimitive(method.text, positional, keywords, at);
    size_t sched = static_cast<size_t>(method.i);
    if (call.name == "build") {
      const Value& target = call.arg("target");
      require(target.kind == ValueKind::Str &&
                  std::count(kBuildTargets.begin(), kBuildTargets.end(), target.text),
              ErrorKind::InvalidArgument,
              fmt::format("build target {} is unknown; the targets are \"llvm\" (CPU simulation), "
                          "\"vhls\", \"vitis_hls\"",
                          target.str()),
              e.loc);
      ScriptAction action{
          ScriptAction::Build, sched, p_.schedules[sched].steps.size(), target.text, "", {}, e.loc};
      if (target.text != "llvm") {
        hlsBuild(call, action);
      }
      p_.actions.push_back(action);
      return Value::named(ValueKind::Build, p_.schedules[sched].function);
    }
    require(
        isComputePrimitive(call.name) || isMemoryPrimitive(call.name) ||
            isSpatialPrimitive(call.name),
        ErrorKind::NotImplemented,
        [&] {
          return fmt::format("not implemented yet: {}; this version applies the compute "
                             "primitives (split, tile, reorder, fuse, compute_at, unroll, "
                             "pipeline, parallel, dataflow, inline, compose, scalar_expand) "
                             ", the memory primitives (partition, reshape, buffer_at, "
                             "reuse_at) and the spatial ones (unfold, to)",
                             call.name);
        },
        at);
    if (call.name == "compose") {
      compose(call, sched);
      return Value::none();
    }
    checkArguments(call);
    p_.schedules[sched].steps.push_back(call);
    if (call.name == "buffer_at" || call.name == "reuse_at") {
      return bufferHandle(call, sched);
    }
    if (call.name == "unfold") { // the PE band, for to(buf, pe, ...)
      return Value::string(call.loopName("band_name"));
    }
    return Value::none();
  }

  /// The handle buffer_at and reuse_at return: the buffer poly::Schedule
  /// will name (freshArrayName's rule: "A_buf", "A_buf_1", ..., "A_reuse"),
  /// so that later calls (partition, reuse_at, to) can name it before the
  /// schedule is applied.
  Value bufferHandle(const PrimitiveCall& call, size_t sched) {
    std::string target = call.arg("target").text;
    size_t colon = target.rfind(':');
    std::string function = colon == std::string::npos ? p_.schedules[sched].function
                                                      : target.substr(0, colon);
    std::string array = colon == std::string::npos ? target : target.substr(colon + 1);
    std::set<std::string>& taken = buffers_[function];
    const core::Function* fn = p_.module->findFunction(function);
    std::string base = array + (call.name == "buffer_at" ? "_buf" : "_reuse"), name = base;
    for (int k = 1; taken.count(name) != 0 || (fn != nullptr && fn->findArray(name)); ++k) {
      name = fmt::format("{}_{}", base, k);
    }
    taken.insert(name);
    Value h = Value::named(ValueKind::Handle, function + ":" + name);
    h.role = "array";
    h.i = static_cast<int64_t>(sched);
    return h;
  }

  /// build(target="vhls" | "vitis_hls", mode=, project=): the project folder
  /// and the Vitis HLS steps (Allo's modes).
  void hlsBuild(const PrimitiveCall& call, ScriptAction& action) const {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> kModes = {
        {"csim", {"csim"}},
        {"csyn", {"csynth"}},
        {"cosim", {"csynth", "cosim"}},
        {"impl", {"csynth", "export"}}};
    const Value& project = call.arg("project");
    require(project.kind == ValueKind::None || project.kind == ValueKind::Str,
            ErrorKind::InvalidArgument,
            fmt::format("build: project= takes a folder name, e.g. project=\"gemm.prj\", not {}",
                        project.str()),
            call.loc);
    action.project = project.kind == ValueKind::Str
                         ? project.text
                         : p_.schedules[action.schedule].function + ".prj";
    action.hlsSteps = {"csim", "csynth"};
    const Value& mode = call.arg("mode");
    if (mode.kind == ValueKind::None) {
      return;
    }
    std::vector<std::string> names;
    for (const auto& [m, steps] : kModes) {
      names.push_back("\"" + m + "\"");
      if (mode.kind == ValueKind::Str && mode.text == m) {
        action.hlsSteps = steps;
        return;
      }
    }
    throw Error(ErrorKind::InvalidArgument,
                fmt::format("build: mode {} is unknown; the modes are {} (Vitis HLS's csim, "
                            "csynth, csynth + cosim, csynth + export)",
                            mode.str(), fmt::join(names, ", ")),
                call.loc);
  }

  /// compose(s) and compose([s1, s2]): one step per composed schedule,
  /// each remembering how far that schedule had come.
  void compose(const PrimitiveCall& call, size_t sched) {
    const Value& schs = call.arg("schs");
    std::vector<Value> subs = schs.kind == ValueKind::Tuple ? schs.elts : std::vector<Value>{schs};
    const Value& id = call.arg("id");
    require(id.kind == ValueKind::None || id.kind == ValueKind::Str, ErrorKind::InvalidArgument,
            fmt::format("compose: id= takes the instance name given at the call, e.g. "
                        "id=\"FFN1\" for k[int8, 16, \"FFN1\"], not {}",
                        id.str()),
            call.loc);
    require(call.arg("instantiate").kind == ValueKind::None, ErrorKind::NotImplemented,
            "not implemented yet: compose(..., instantiate=); customize the instance itself "
            "(allo.customize(k, instantiate=[...])) and compose that schedule",
            call.loc);
    for (const Value& sub : subs) {
      require(sub.kind == ValueKind::Schedule && static_cast<size_t>(sub.i) != sched,
              ErrorKind::InvalidArgument,
              fmt::format("compose takes the schedule of another kernel (the result of "
                          "allo.customize), not {} {}",
                          sub.kindName(), sub.str()),
              call.loc);
      PrimitiveCall one = call;
      one.args = {{"schs", sub}, {"id", id}, {"instantiate", Value::none()}};
      one.composedSteps = p_.schedules[static_cast<size_t>(sub.i)].steps.size();
      p_.schedules[sched].steps.push_back(std::move(one));
    }
  }

  Program& p_;
  const LoadOptions& options_;
  KernelTable table_;
  std::map<std::string, Value> globals_;
  std::set<std::string> applied_; // the -D defines that replaced a constant
  std::map<std::string, std::set<std::string>> buffers_; // per function: what buffer_at made
};

} // namespace

Program load(const Source& source, const LoadOptions& options) {
  Program program;
  program.source = source;
  program.options = options;
  std::string stem = std::filesystem::path(source.path).stem().string();
  std::string moduleName;
  for (char c : stem) {
    moduleName += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  program.module = std::make_unique<core::Module>(moduleName.empty() ? "module" : moduleName);
  ast::Module file = parse(source);
  ScriptRunner(program, options).run(file);
  return program;
}

} // namespace polyallo::allo

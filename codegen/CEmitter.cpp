#include "codegen/CEmitter.h"

#include "codegen/BuildAst.h"
#include "codegen/CExpr.h"
#include "codegen/CTypes.h"
#include "codegen/DataflowRuntime.h"
#include "polyhedral/Unfold.h"

#include <fmt/format.h>

#include <functional>
#include <set>

namespace polyallo::codegen {

namespace {

using core::ArrayDecl;
using core::ArrayRole;
using core::StmtKind;

/// Names the emitted C must not redefine: keywords, what the prelude and
/// the C headers it includes declare.
bool reservedInC(const std::string& name) {
  static const std::set<std::string> kLibrary = {
      "abs",      "calloc",    "ceil",      "ceilf",     "cos",       "cosf",       "exp",
      "expf",     "fabs",      "fabsf",     "floor",     "floorf",    "fmod",       "fmodf",
      "free",     "isinf",     "isnan",     "ldexp",     "ldexpf",    "log",        "log10",
      "log10f",   "log2",      "log2f",     "logf",      "malloc",    "pow",        "powf",
      "sin",      "sinf",      "sqrt",      "sqrtf",     "tan",       "tanf",       "tanh",
      "tanhf",    "trunc",     "truncf",    "fmin",      "fmax",      "main",       "exit",
      "abort",    "int8_t",    "int16_t",   "int32_t",   "int64_t",   "uint8_t",    "uint16_t",
      "uint32_t", "uint64_t",  "size_t",    "NULL",      "INFINITY",  "NAN",        "INT64_C",
      "UINT64_C", "INT64_MAX", "INT64_MIN", "INT32_MIN", "INT32_MAX", "UINT64_MAX", "errno"};
  return isCKeyword(name) || kLibrary.count(name) != 0 || name.rfind("pa_", 0) == 0 ||
         name.rfind("polyallo_", 0) == 0 || name.rfind("__", 0) == 0;
}

/// A name not in `taken` (nor reserved), derived from `base`; records it.
std::string claim(const std::string& base, std::set<std::string>& taken) {
  std::string name = sanitizeIdentifier(base);
  if (name.rfind("pa_", 0) == 0 || name.rfind("polyallo_", 0) == 0 || name.rfind("__", 0) == 0) {
    name = "u" + name; // reserved prefixes: no suffix would help
  }
  std::string candidate = name;
  for (int k = 1; reservedInC(candidate) || taken.count(candidate) != 0; ++k) {
    candidate = fmt::format("{}_{}", name, k);
  }
  taken.insert(candidate);
  return candidate;
}

/// Functions some call passes the same array to twice: their pointer
/// parameters may alias, so they are not `restrict`.
std::set<std::string> aliasedCallees(const poly::ModuleModel& model) {
  std::set<std::string> out;
  for (const auto& fm : model.functions()) {
    for (const auto& st : fm.statements) {
      if (st.stmt->kind != StmtKind::Call) {
        continue;
      }
      std::set<const ArrayDecl*> seen;
      for (const auto& a : st.stmt->args) {
        if (!seen.insert(a.get()).second) {
          out.insert(st.stmt->callee);
        }
      }
    }
  }
  return out;
}

/// `text` as the inside of a C string literal.
std::string cString(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += (c == '"' || c == '\\' || c < ' ') ? '_' : c;
  }
  return out;
}

/// What the C of a module with dataflow regions needs beyond the runtime:
/// gets as expressions, and a failed run turned into the module's status.
const std::string& dataflowGlueC() {
  static const std::string kGlue = [] {
    std::string text = "\n/* ---- dataflow regions: a get is an expression of the element's "
                       "storage type ---- */\n";
    for (const char* t : {"int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
                          "uint32_t", "uint64_t", "float", "double"}) {
      text += fmt::format("static inline {0} pa_get_{0}(pa_fifo* f) {{\n  {0} v = 0;\n"
                          "  pa_fifo_get(f, &v);\n  return v;\n}}\n",
                          t);
    }
    // A nested region runs inside a PE of another, so two regions may fail
    // at once: the first report wins, under a lock.
    text += fmt::format(
        "static char pa_df_report[4096];\n"
        "static pthread_mutex_t pa_df_lock = PTHREAD_MUTEX_INITIALIZER;\n"
        "/* A region's run failed (1 deadlock, 2 misuse): status 3 and the first report, unless "
        "a\n   failed allocation (status 1) already explains why PEs stopped. */\n"
        "static void pa_df_failed(const char* region, int rc, const char* report) {{\n"
        "  pthread_mutex_lock(&pa_df_lock);\n"
        "  if (!{1}) {{\n"
        "    if (rc == 1 && strncmp(report, \"deadlock:\", 9) == 0) {{\n"
        "      snprintf(pa_df_report, sizeof pa_df_report, \"dataflow region '%s' "
        "deadlocked:%s\", region,\n"
        "               report + 9);\n"
        "    }} else {{\n"
        "      snprintf(pa_df_report, sizeof pa_df_report, \"dataflow region '%s' failed: "
        "%s\", region, report);\n"
        "    }}\n"
        "    {1} = pa_df_report;\n"
        "  }}\n"
        "  if ({0} != 1) {{\n    {0} = 3;\n  }}\n"
        "  pthread_mutex_unlock(&pa_df_lock);\n"
        "}}\n",
        kCStatusSymbol, kCDataflowReportSymbol);
    return text;
  }();
  return kGlue;
}

/// The gets of `e` in the order Python evaluates them: operands left to
/// right, a get's own subscripts before the get.
void collectGets(const core::Expr& e, std::vector<const core::ExprNode*>& out) {
  for (const core::Expr& op : e->ops) {
    collectGets(op, out);
  }
  if (e->kind == core::ExprKind::Read && e->array->isStream()) {
    out.push_back(&*e);
  }
}

bool hasGet(const core::Expr& e) {
  std::vector<const core::ExprNode*> gets;
  collectGets(e, gets);
  return !gets.empty();
}

/// A dataflow region: its PEs and the FIFOs between them, and the C names
/// of each PE's function, context struct and thread entry.
struct Region {
  std::vector<poly::PeInstance> pes;
  std::vector<poly::FifoLink> links;
  struct Names {
    std::string fn, ctx, thread;
  };
  std::vector<Names> names; // per PE
};

class ModuleEmitter {
public:
  ModuleEmitter(const poly::ModuleModel& model, const poly::ScheduleMap& schedules)
      : model_(model), schedules_(schedules) {}

  std::string run() {
    for (const auto& [name, schedule] : schedules_) {
      (void)model_.function(name); // throws UnknownName listing the functions
      require(!schedule.tree.is_null(), ErrorKind::Internal,
              fmt::format("the schedule given for function '{}' is null", name));
    }
    std::vector<const poly::FunctionModel*> order;
    for (const auto* fm : model_.calleesFirst()) {
      auto given = schedules_.find(fm->fn->name());
      bool rewritten = given != schedules_.end() && given->second.rewritten;
      order.push_back(rewritten ? given->second.rewritten.get() : fm);
    }
    aliased_ = aliasedCallees(model_);
    for (const auto* fm : order) {
      findRegion(*fm);
    }
    std::set<std::string> taken;
    for (const auto* fm : order) {
      fnNames_[fm->fn->name()] = claim(fm->fn->name(), taken);
    }
    for (auto& [name, region] : regions_) {
      for (const poly::PeInstance& pe : region.pes) {
        std::string base = fnNames_.at(name) + "_" + pe.name;
        region.names.push_back(
            {claim(base, taken), claim(base + "_ctx", taken), claim(base + "_thread", taken)});
      }
    }
    for (const auto& p : model_.module().params()) {
      paramNames_[p] = claim(p, taken);
    }
    globals_ = taken;

    out_ = fmt::format("/* Generated by polyallo from module {}. Do not edit. */\n",
                       sanitizeIdentifier(model_.module().name()));
    out_ += cPrelude();
    out_ += fmt::format(
        "\n/* 1 after a failed allocation of a local array, 2 after a subscript out of bounds, 3 "
        "after a\n   failed run of a dataflow region. */\n"
        "int {0} = 0;\n"
        "/* The first out-of-bounds subscript: where it is written. */\n"
        "const char* {1} = 0;\n"
        "/* 3: a dataflow region deadlocked or misused a FIFO; what happened. */\n"
        "const char* {2} = 0;\n"
        "static inline int64_t pa_oob(const char* site) {{\n"
        "  if (!{1}) {{\n    {1} = site;\n  }}\n  {0} = 2;\n  return 0;\n}}\n"
        "/* A subscript the model cannot bound: checked, and element 0 instead when out of bounds. "
        "*/\n"
        "static inline int64_t pa_idx(int64_t i, int64_t n, const char* site) {{\n"
        "  return i >= 0 && i < n ? i : pa_oob(site);\n}}\n",
        kCStatusSymbol, kCOutOfBoundsSymbol, kCDataflowReportSymbol);
    if (!regions_.empty()) {
      // Only modules with a region pay for compiling the runtime.
      out_ += "\n" + dataflowRuntimeC() + dataflowGlueC();
    }
    out_ += "\n/* ---- prototypes ---- */\n";
    for (const auto* fm : order) {
      nameArrays(*fm);
      out_ += signature(*fm) + ";\n";
      out_ += entrySignature(*fm) + ";\n";
    }
    for (const auto* fm : order) {
      function(*fm);
    }
    return out_;
  }

private:
  // ---- signatures ----

  /// Chooses the C names of `fm`'s arrays (they may not shadow a function
  /// or a parameter).
  void nameArrays(const poly::FunctionModel& fm) {
    std::set<std::string> taken = globals_;
    arrayNames_.clear();
    for (const auto& a : fm.arrays()) {
      arrayNames_[a.get()] = claim(a->name, taken);
    }
    locals_ = taken;
  }

  /// The C declarator of `fm` (after nameArrays(fm)).
  std::string signature(const poly::FunctionModel& fm) const {
    std::vector<std::string> args;
    for (const auto& p : model_.module().params()) {
      args.push_back("int64_t " + paramNames_.at(p));
    }
    bool restrict = aliased_.count(fm.fn->name()) == 0;
    for (const auto& a : fm.fn->params()) {
      args.push_back(fmt::format("{}* {}{}", cStorage(a->type).name, restrict ? "restrict " : "",
                                 arrayNames_.at(a.get())));
    }
    return fmt::format("void {}({})", fnNames_.at(fm.fn->name()),
                       args.empty() ? "void" : fmt::format("{}", fmt::join(args, ", ")));
  }

  static std::string entrySignature(const poly::FunctionModel& fm) {
    return fmt::format("void {}(const int64_t* params, void* const* buffers)",
                       cEntryName(fm.fn->name()));
  }

  // ---- functions ----

  const isl::schedule& treeOf(const poly::FunctionModel& fm) const {
    auto given = schedules_.find(fm.fn->name());
    return given != schedules_.end() ? given->second.tree : fm.schedule;
  }

  LoopNode loopAst(const poly::FunctionModel& fm, const isl::schedule& tree,
                   const std::string& what) const {
    LoopNode ast;
    model_.isl().withBudget(fmt::format("generating the loop nest of {}", what),
                            [&] { ast = buildLoopAst(fm, tree); });
    return ast;
  }

  /// Records `fm` in regions_ when its tree has unfolded loops; refuses the
  /// uses of streams the simulation cannot run.
  void findRegion(const poly::FunctionModel& fm) {
    const std::string& name = fm.fn->name();
    for (const poly::Statement& st : fm.statements) {
      for (const auto& g : st.guards) {
        // Every statement under a data-dependent if evaluates its condition
        // again: a get there would pop once per statement.
        require(!hasGet(g), ErrorKind::NotImplemented,
                fmt::format("function '{}' gets from a stream in the condition of an if; get "
                            "the value into a scalar first and test the scalar",
                            name),
                st.stmt->loc);
      }
      if (st.stmt->kind == StmtKind::Call) {
        for (const auto& a : st.stmt->args) {
          require(!a->isStream(), ErrorKind::NotImplemented,
                  fmt::format("function '{}' passes the stream '{}' to '{}'; a stream connects "
                              "the processing elements of the region that declares it",
                              name, a->name, st.stmt->callee),
                  st.stmt->loc);
        }
      }
    }
    const isl::schedule& tree = treeOf(fm);
    if (!poly::hasUnfoldedBand(tree)) {
      for (const poly::Reference& r : fm.refs) {
        require(r.stream == poly::StreamOp::None, ErrorKind::InvalidSchedule,
                fmt::format("function '{}' uses the stream '{}' but none of its loops is "
                            "unfolded; streams connect the processing elements of a dataflow "
                            "region: unfold the loop whose iterations are the PEs",
                            name, r.array));
      }
      return;
    }
    Region region;
    model_.isl().withBudget(fmt::format("finding the processing elements of function '{}'", name),
                            [&] {
                              region.pes = poly::peInstances(fm, tree);
                              region.links = poly::fifoLinks(fm, region.pes);
                            });
    regions_.emplace(name, std::move(region));
  }

  void function(const poly::FunctionModel& fm) {
    fn_ = &fm;
    nameArrays(fm);
    auto region = regions_.find(fm.fn->name());
    if (region != regions_.end()) {
      regionFunction(fm, region->second);
    } else {
      LoopNode ast = loopAst(fm, treeOf(fm), fmt::format("function '{}'", fm.fn->name()));
      out_ += "\n" + signature(fm) + " {\n";
      voidParams(fm);
      std::vector<const ArrayDecl*> locals;
      for (const auto& a : fm.arrays()) {
        if (a->role == ArrayRole::Local && !a->isStream()) {
          locals.push_back(a.get());
        }
      }
      body(locals, ast);
      out_ += "}\n";
    }
    entry(fm);
  }

  /// `(void)x;` for every parameter of `fm`'s C function.
  void voidParams(const poly::FunctionModel& fm) {
    for (const auto& p : model_.module().params()) {
      out_ += fmt::format("  (void){};\n", paramNames_.at(p));
    }
    for (const auto& a : fm.fn->params()) {
      out_ += fmt::format("  (void){};\n", arrayNames_.at(a.get()));
    }
  }

  /// `calloc` of `a`'s elements, as a `T*` expression.
  std::string allocation(const ArrayDecl& a) {
    return fmt::format("({0}*)calloc(pa_count({1}), sizeof({0}))", cStorage(a.type).name,
                       emitCElementCount(a, exprNames(nullptr)));
  }

  /// A function body: `locals` (scalars on the stack, arrays calloc-ed and
  /// freed; if one cannot be allocated, nothing runs and the status is 1),
  /// then `ast`.
  void body(const std::vector<const ArrayDecl*>& locals, const LoopNode& ast) {
    std::vector<std::string> heap;
    for (const ArrayDecl* a : locals) {
      const std::string& name = arrayNames_.at(a);
      const char* type = cStorage(a->type).name;
      if (a->isScalar()) {
        out_ += fmt::format("  {} {}[1] = {{0}};\n  (void){};\n", type, name, name);
      } else {
        out_ += fmt::format("  {}* {} = {};\n", type, name, allocation(*a));
        heap.push_back(name);
      }
    }
    int indent = 1;
    if (!heap.empty()) {
      out_ += fmt::format("  if ({}) {{\n", allocated(heap));
      indent = 2;
    }
    scope_.clear();
    nodes(ast.children, indent);
    if (!heap.empty()) {
      out_ += fmt::format("  }} else {{\n    {} = 1;\n  }}\n", kCStatusSymbol);
      for (const auto& h : heap) {
        out_ += fmt::format("  free({});\n", h);
      }
    }
  }

  static std::string allocated(const std::vector<std::string>& pointers) {
    std::vector<std::string> ok;
    for (const auto& p : pointers) {
      ok.push_back(p + " != NULL");
    }
    return fmt::format("{}", fmt::join(ok, " && "));
  }

  // ---- dataflow regions ----
  //
  // Each PE becomes a static function of the module parameters, its shared
  // arrays (arguments as pointers, streams as `pa_fifo*` to the flat array
  // of FIFOs) and its private arrays; a context struct and a thread entry
  // carry them through pa_run_instances. The thread entry, not the PE
  // function, allocates the PE's private arrays and records them in the
  // context: a deadlocked PE leaves by longjmp from inside a get or put, and
  // the region then frees what it left behind.

  void regionFunction(const poly::FunctionModel& fm, const Region& region) {
    for (size_t p = 0; p < region.pes.size(); ++p) {
      peFunction(fm, region.pes[p], region.names[p]);
    }
    out_ += "\n" + signature(fm) + " {\n";
    voidParams(fm);
    // The streams some PE uses: the region owns their FIFOs and storage.
    std::set<const ArrayDecl*> used;
    for (const poly::PeInstance& pe : region.pes) {
      for (const auto& a : pe.shared) {
        used.insert(a.get());
      }
    }
    std::vector<std::string> heap;
    for (const auto& a : fm.arrays()) {
      if (!a->isStream() || used.count(a.get()) == 0) {
        continue;
      }
      const std::string& name = arrayNames_.at(a.get());
      const char* type = cStorage(a->type).name;
      std::string count = emitCElementCount(*a, exprNames(nullptr));
      out_ += fmt::format("  pa_fifo* {} = (pa_fifo*)calloc(pa_count({}), sizeof(pa_fifo));\n",
                          name, count);
      out_ += fmt::format("  {0}* pa_mem_{1} = ({0}*)calloc(pa_count(({2}) * {3}), sizeof({0}));\n",
                          type, name, count, cIntLiteral(a->streamDepth));
      heap.push_back(name);
      heap.push_back("pa_mem_" + name);
    }
    std::string pad = "  ";
    if (!heap.empty()) {
      out_ += fmt::format("  if ({}) {{\n", allocated(heap));
      pad = "    ";
    }
    for (const poly::FifoLink& link : region.links) {
      auto a = fm.findArray(link.stream);
      require(a != nullptr && used.count(a.get()) != 0, ErrorKind::Internal,
              fmt::format("FIFO {} of function '{}' is not a stream of its PEs", link.str(),
                          fm.fn->name()));
      std::vector<core::Expr> index;
      for (int64_t i : link.index) {
        index.emplace_back(static_cast<long long>(i));
      }
      const std::string& name = arrayNames_.at(a.get());
      std::string flat = emitCFlatIndex(*a, index, exprNames(nullptr));
      std::string depth = cIntLiteral(a->streamDepth);
      out_ += fmt::format(
          "{}pa_fifo_init(&{}[{}], \"{}\", sizeof({}), {}, pa_mem_{} + ({}) * {});\n", pad, name,
          flat, cString(link.str()), cStorage(a->type).name, depth, name, flat, depth);
    }
    std::vector<std::string> instances;
    for (size_t p = 0; p < region.pes.size(); ++p) {
      std::vector<std::string> values;
      for (const auto& f : peFields(region.pes[p])) {
        values.push_back(f.isPrivate ? "NULL" : f.name);
      }
      if (values.empty()) {
        values.push_back("0");
      }
      out_ += fmt::format("{}{} pa_ctx{} = {{{}}};\n", pad, region.names[p].ctx, p,
                          fmt::join(values, ", "));
      instances.push_back(fmt::format("{{\"{}\", {}, &pa_ctx{}}}", cString(region.pes[p].name),
                                      region.names[p].thread, p));
    }
    out_ += fmt::format("{}pa_instance pa_pes[{}] = {{{}}};\n", pad, instances.size(),
                        fmt::join(instances, ", "));
    out_ += fmt::format("{}char pa_report[2048];\n", pad);
    out_ +=
        fmt::format("{}int pa_rc = pa_run_instances(pa_pes, {}, pa_report, sizeof pa_report);\n",
                    pad, instances.size());
    out_ +=
        fmt::format("{0}if (pa_rc != 0) {{\n{0}  pa_df_failed(\"{1}\", pa_rc, pa_report);\n{0}}}\n",
                    pad, cString(fm.fn->name()));
    for (size_t p = 0; p < region.pes.size(); ++p) {
      for (const auto& f : peFields(region.pes[p])) {
        if (f.isPrivate) {
          out_ += fmt::format("{}free(pa_ctx{}.{});\n", pad, p, f.name);
        }
      }
    }
    if (!heap.empty()) {
      out_ += fmt::format("  }} else {{\n    {} = 1;\n  }}\n", kCStatusSymbol);
      for (const auto& h : heap) {
        out_ += fmt::format("  free({});\n", h);
      }
    }
    out_ += "}\n";
  }

  /// One value a PE function takes: a module parameter, a shared array or
  /// a private array (scalars stay on the PE function's stack).
  struct PeField {
    std::string type; // "int64_t", "float*", "pa_fifo*"
    std::string name;
    const ArrayDecl* array = nullptr; // null for a module parameter
    bool isPrivate = false;
  };

  std::vector<PeField> peFields(const poly::PeInstance& pe) const {
    std::vector<PeField> fields;
    for (const auto& p : model_.module().params()) {
      fields.push_back({"int64_t", paramNames_.at(p)});
    }
    for (const auto& a : pe.shared) {
      std::string type = a->isStream() ? "pa_fifo*" : std::string(cStorage(a->type).name) + "*";
      fields.push_back({type, arrayNames_.at(a.get()), a.get(), false});
    }
    for (const auto& a : pe.privates) {
      if (!a->isScalar()) {
        fields.push_back(
            {std::string(cStorage(a->type).name) + "*", arrayNames_.at(a.get()), a.get(), true});
      }
    }
    return fields;
  }

  void peFunction(const poly::FunctionModel& fm, const poly::PeInstance& pe,
                  const Region::Names& names) {
    LoopNode ast =
        loopAst(fm, pe.tree, fmt::format("PE '{}' of function '{}'", pe.name, fm.fn->name()));
    std::vector<PeField> fields = peFields(pe);
    bool restrict = aliased_.count(fm.fn->name()) == 0;
    std::vector<std::string> members, params, args, heap;
    for (const PeField& f : fields) {
      members.push_back(fmt::format("  {} {};\n", f.type, f.name));
      bool data = f.array != nullptr && !f.array->isStream();
      params.push_back(fmt::format("{} {}{}", f.type, data&& restrict ? "restrict " : "", f.name));
      args.push_back("pa_c->" + f.name);
      if (f.isPrivate) {
        heap.push_back("pa_c->" + f.name);
      }
    }
    if (members.empty()) {
      members.push_back("  char pa_none;\n"); // C has no empty structs
    }
    std::vector<std::string> coords;
    for (size_t d = 0; d < pe.loops.size(); ++d) {
      coords.push_back(fmt::format("{} = {}", pe.loops[d], pe.coords[d]));
    }
    out_ +=
        fmt::format("\n/* ---- processing element {} of {} ({}) ---- */\n", cString(pe.name),
                    cString(fm.fn->name()), cString(fmt::format("{}", fmt::join(coords, ", "))));
    out_ += fmt::format("typedef struct {{\n{}}} {};\n", fmt::join(members, ""), names.ctx);
    out_ += fmt::format("static void {}({}) {{\n", names.fn,
                        params.empty() ? "void" : fmt::format("{}", fmt::join(params, ", ")));
    for (const PeField& f : fields) {
      out_ += fmt::format("  (void){};\n", f.name);
    }
    std::vector<const ArrayDecl*> scalars;
    for (const auto& a : pe.privates) {
      if (a->isScalar()) {
        scalars.push_back(a.get());
      }
    }
    body(scalars, ast);
    out_ += "}\n";
    // The thread entry: unpacks the context, allocates the private arrays.
    out_ += fmt::format("static void {}(void* pa_p) {{\n  {}* pa_c = ({}*)pa_p;\n", names.thread,
                        names.ctx, names.ctx);
    std::string call = fmt::format("{}({});", names.fn, fmt::join(args, ", "));
    if (heap.empty()) {
      out_ += fmt::format("  (void)pa_c;\n  {}\n}}\n", call);
      return;
    }
    for (const auto& p : model_.module().params()) {
      out_ += fmt::format("  int64_t {0} = pa_c->{0};\n  (void){0};\n", paramNames_.at(p));
    }
    for (const PeField& f : fields) {
      if (f.isPrivate) {
        out_ += fmt::format("  pa_c->{} = {};\n", f.name, allocation(*f.array));
      }
    }
    out_ += fmt::format("  if ({}) {{\n    {}\n", allocated(heap), call);
    for (const auto& h : heap) {
      out_ += fmt::format("    free({0});\n    {0} = NULL;\n", h);
    }
    out_ += fmt::format("  }} else {{\n    {} = 1;\n  }}\n}}\n", kCStatusSymbol);
  }

  void entry(const poly::FunctionModel& fm) {
    std::vector<std::string> args;
    const auto& params = model_.module().params();
    for (size_t i = 0; i < params.size(); ++i) {
      args.push_back(fmt::format("params[{}]", i));
    }
    auto arrays = fm.fn->params();
    for (size_t i = 0; i < arrays.size(); ++i) {
      args.push_back(fmt::format("({}*)buffers[{}]", cStorage(arrays[i]->type).name, i));
    }
    out_ += "\n" + entrySignature(fm) + " {\n  (void)params;\n  (void)buffers;\n";
    out_ += fmt::format("  {}({});\n}}\n", fnNames_.at(fm.fn->name()), fmt::join(args, ", "));
  }

  // ---- the loop nest ----

  void nodes(const std::vector<LoopNode>& list, int indent) {
    for (const auto& n : list) {
      node(n, indent);
    }
  }

  void node(const LoopNode& n, int indent) {
    std::string pad(static_cast<size_t>(indent) * 2, ' ');
    switch (n.kind) {
    case LoopNode::Kind::Block:
      nodes(n.children, indent);
      return;
    case LoopNode::Kind::Mark:
      out_ += fmt::format("{}/* mark {} */\n", pad, sanitizeIdentifier(n.markName));
      nodes(n.children, indent);
      return;
    case LoopNode::Kind::If:
      out_ += fmt::format("{}if ({}) {{\n", pad, ast(n.ifCond));
      nodes(n.children, indent + 1);
      if (!n.orelse.empty()) {
        out_ += pad + "} else {\n";
        nodes(n.orelse, indent + 1);
      }
      out_ += pad + "}\n";
      return;
    case LoopNode::Kind::For: {
      std::set<std::string> taken = locals_;
      for (const auto& s : scope_) {
        taken.insert(s.second);
      }
      std::string it = claim(n.iterator, taken);
      std::string init = ast(n.init); // outside the iterator's scope
      scope_.push_back({n.iterator, it});
      out_ += fmt::format("{}for (int64_t {} = {}; {}; {} += {}) {{\n", pad, it, init, ast(n.cond),
                          it, ast(n.inc));
      nodes(n.children, indent + 1);
      out_ += pad + "}\n";
      scope_.pop_back();
      return;
    }
    case LoopNode::Kind::User:
      statement(n, pad);
      return;
    }
  }

  /// An isl AST expression (iterators, parameters) as int64_t C.
  std::string ast(const AstExprPtr& e) {
    return emitCAstExpr(e, [this](const std::string& id) {
      for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
        if (it->first == id) {
          return it->second;
        }
      }
      auto p = paramNames_.find(id);
      require(p != paramNames_.end(), ErrorKind::Internal,
              fmt::format("the loop AST of '{}' uses '{}', which is neither an iterator nor a "
                          "module parameter",
                          fn_->fn->name(), id));
      return p->second;
    });
  }

  // ---- statements ----

  /// Names for core expressions; `vars` gives the iterator values (may be null
  /// for expressions without iterators, such as array extents).
  CNames exprNames(const std::map<const core::VarDecl*, std::string>* vars) {
    CNames names;
    names.var = [this, vars](const core::VarDecl& v) {
      if (vars != nullptr) {
        auto it = vars->find(&v);
        if (it != vars->end()) {
          return it->second;
        }
      }
      throw Error(ErrorKind::Internal,
                  fmt::format("C emission of '{}': iterator '{}' is not a dimension of the "
                              "statement",
                              fn_ != nullptr ? fn_->fn->name() : "?", v.name));
    };
    names.param = [this](const std::string& p) {
      auto it = paramNames_.find(p);
      require(it != paramNames_.end(), ErrorKind::UnknownName,
              fmt::format("unknown module parameter '{}'", p));
      return it->second;
    };
    names.array = [this](const ArrayDecl& a) {
      auto it = arrayNames_.find(&a);
      require(it != arrayNames_.end(), ErrorKind::Internal,
              fmt::format("C emission: array '{}' does not belong to the function", a.name));
      return it->second;
    };
    return names;
  }

  void statement(const LoopNode& n, const std::string& pad) {
    require(n.statement >= 0 && n.statement < static_cast<int>(fn_->statements.size()),
            ErrorKind::Internal, fmt::format("loop AST names statement {}", n.statement));
    const poly::Statement& st = fn_->statements[static_cast<size_t>(n.statement)];
    require(n.args.size() == st.loops.size(), ErrorKind::Internal,
            fmt::format("statement {} has {} loops but its AST node {} values", st.name,
                        st.loops.size(), n.args.size()));
    std::map<const core::VarDecl*, std::string> vars;
    for (size_t d = 0; d < st.loops.size(); ++d) {
      vars[st.loops[d]->var.get()] = ast(n.args[d]);
    }
    CNames names = exprNames(&vars);
    names.site = st.stmt->loc.str();
    names.checkAll = !st.guards.empty(); // extraction bounds only unguarded accesses
    const core::StmtNode& s = *st.stmt;
    std::vector<std::string> lines;                     // the body
    std::map<const core::ExprNode*, std::string> taken; // get -> its temporary
    if (s.kind == StmtKind::Assign) {
      // Gets pop in Python's order, each once, into temporaries: C leaves
      // the order of operands unspecified.
      std::vector<const core::ExprNode*> gets;
      collectGets(s.value, gets);
      for (const auto& i : s.indices) {
        collectGets(i, gets);
      }
      names.streamGet = [&taken, &st](const core::ExprNode& e) {
        auto it = taken.find(&e);
        require(it != taken.end(), ErrorKind::Internal,
                fmt::format("C emission of {}: a get from '{}' outside the statement's value",
                            st.name, e.array->name));
        return it->second;
      };
      for (const core::ExprNode* g : gets) {
        const char* type = cStorage(g->array->type).name;
        std::string temp = fmt::format("pa_get{}", taken.size());
        lines.push_back(fmt::format("{0} {1} = pa_get_{0}(&{2}[{3}]);", type, temp,
                                    names.array(*g->array),
                                    emitCFlatIndex(*g->array, g->ops, names)));
        taken[g] = temp;
      }
      // The value is normalized, so converting it to the storage type is exact.
      const char* storage = cStorage(s.target->type).name;
      bool sameType = std::string(storage) == cCarrier(s.target->type);
      std::string value = fmt::format("{}{}", sameType ? "" : fmt::format("({})", storage),
                                      emitCExpr(s.value, names));
      std::string element = fmt::format("{}[{}]", names.array(*s.target),
                                        emitCFlatIndex(*s.target, s.indices, names));
      if (s.target->isStream()) {
        lines.push_back(fmt::format("{} pa_put = {};", storage, value));
        lines.push_back(fmt::format("pa_fifo_put(&{}, &pa_put);", element));
      } else {
        lines.push_back(fmt::format("{} = {};", element, value));
      }
    } else if (s.kind == StmtKind::Call) {
      std::vector<std::string> args;
      for (const auto& p : model_.module().params()) {
        args.push_back(paramNames_.at(p));
      }
      for (const auto& a : s.args) {
        args.push_back(names.array(*a));
      }
      lines.push_back(fmt::format("{}({});", fnNames_.at(s.callee), fmt::join(args, ", ")));
    } else {
      throw Error(ErrorKind::Internal, fmt::format("statement {} is neither an assignment nor a "
                                                   "call",
                                                   st.name));
    }
    out_ += fmt::format("{}/* {} */\n", pad, st.name);
    if (st.guards.empty() && lines.size() == 1) {
      out_ += pad + lines[0] + "\n";
      return;
    }
    std::vector<std::string> conds;
    for (const auto& g : st.guards) {
      conds.push_back(emitCExpr(g, names));
    }
    out_ +=
        conds.empty() ? pad + "{\n" : fmt::format("{}if ({}) {{\n", pad, fmt::join(conds, " && "));
    for (const auto& line : lines) {
      out_ += pad + "  " + line + "\n";
    }
    out_ += pad + "}\n";
  }

  const poly::ModuleModel& model_;
  const poly::ScheduleMap& schedules_;
  std::set<std::string> aliased_;
  std::map<std::string, Region> regions_;         // dataflow regions by function name
  std::map<std::string, std::string> fnNames_;    // function -> C name
  std::map<std::string, std::string> paramNames_; // module parameter -> C name
  std::set<std::string> globals_;                 // functions and parameters
  // The function being emitted.
  const poly::FunctionModel* fn_ = nullptr;
  std::map<const ArrayDecl*, std::string> arrayNames_;
  std::set<std::string> locals_;                           // globals and arrays
  std::vector<std::pair<std::string, std::string>> scope_; // AST iterator -> C name
  std::string out_;
};

} // namespace

std::string cEntryName(const std::string& function) { return "polyallo_entry_" + function; }

std::string emitC(const poly::ModuleModel& model, const poly::ScheduleMap& schedules) {
  return ModuleEmitter(model, schedules).run();
}

} // namespace polyallo::codegen

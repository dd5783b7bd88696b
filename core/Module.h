// Functions and modules, and the C++ builder API that creates them.
//
//   Module m("gemm");
//   Function& f = m.function("gemm");
//   Array A = f.arg("A", Float32(), {32, 32});
//   Array B = f.arg("B", Float32(), {32, 32});
//   Array C = f.result("C", Float32(), {32, 32}, 0.0);   // returned, filled with 0
//   f.grid({"i", "j", "k"}, {32, 32, 32}, [&](Expr i, Expr j, Expr k) {
//     C(i, j) += A(i, k) * B(k, j);
//   });
//
// Every construction is validated at once; bad use throws polyallo::Error with
// what is wrong and what would be right.
#pragma once

#include "core/Stmt.h"

#include <functional>
#include <map>
#include <memory>
#include <source_location>
#include <string>
#include <vector>

namespace polyallo::core {

class Function;
class Array;

/// `A(i, j)`: an element reference. Reads as an Expr; assigning to it appends
/// a statement to the function being built.
class Access {
public:
  Access(const Array& array, std::vector<Expr> indices, SourceLoc loc);
  operator Expr() const; // NOLINT(google-explicit-constructor)

  Access& operator=(const Expr& value);
  Access& operator=(const Access& value); // a statement, not a copy
  Access& operator+=(const Expr& value);
  Access& operator-=(const Expr& value);
  Access& operator*=(const Expr& value);
  Access& operator&=(const Expr& value);
  Access& operator|=(const Expr& value);
  Access& operator^=(const Expr& value);
  /// `target = reduce(target, value)` for min/max reductions.
  Access& reduce(ReduceOp op, const Expr& value);

private:
  Function* fn_;
  std::shared_ptr<ArrayDecl> decl_;
  std::vector<Expr> indices_;
  SourceLoc loc_;
};

/// The first subscript of `A(i, j)`; it also records where the access is written.
struct FirstSubscript {
  template <class T>
  FirstSubscript(T index, // NOLINT(google-explicit-constructor)
                 std::source_location where = std::source_location::current())
      : expr(index), loc(SourceLoc::from(where)) {}
  Expr expr;
  SourceLoc loc;
};

/// A handle on an array of one function.
class Array {
public:
  Array() = default;
  Array(std::shared_ptr<ArrayDecl> decl, Function* fn) : decl_(std::move(decl)), fn_(fn) {}

  template <class... I> Access operator()(FirstSubscript first, I... rest) const {
    return Access(*this, std::vector<Expr>{first.expr, Expr(rest)...}, first.loc);
  }
  /// `s()`: the element of a scalar (0-d array).
  Access operator()(std::source_location loc = std::source_location::current()) const {
    return Access(*this, {}, SourceLoc::from(loc));
  }
  Access at(std::vector<Expr> idx,
            std::source_location loc = std::source_location::current()) const {
    return Access(*this, std::move(idx), SourceLoc::from(loc));
  }
  const std::shared_ptr<ArrayDecl>& decl() const { return decl_; }
  Function* function() const { return fn_; }
  const std::string& name() const { return decl_->name; }

private:
  std::shared_ptr<ArrayDecl> decl_;
  Function* fn_ = nullptr;
};

class Module;

/// One kernel: its arrays and its statement tree, and the builder methods.
class Function {
public:
  Function(Module& module, std::string name, SourceLoc loc);
  Function(const Function&) = delete;
  Function& operator=(const Function&) = delete;

  // ---- IR ----
  const std::string& name() const { return name_; }
  const SourceLoc& loc() const { return loc_; }
  Module& module() const { return *module_; }
  /// Parameters in call order: arguments, then returned arrays.
  std::vector<std::shared_ptr<ArrayDecl>> params() const;
  const std::vector<std::shared_ptr<ArrayDecl>>& arrays() const { return arrays_; }
  std::shared_ptr<ArrayDecl> findArray(const std::string& name) const;
  const std::vector<StmtPtr>& body() const { return body_; }
  std::vector<StmtPtr>& mutableBody() { return body_; }

  // ---- builder: arrays ----
  using Loc = std::source_location;
  Array arg(const std::string& name, ElemType type, std::vector<Expr> shape,
            Loc loc = Loc::current());
  /// A returned array (a trailing output argument); optionally filled with `init`.
  Array result(const std::string& name, ElemType type, std::vector<Expr> shape, Expr init = {},
               Loc loc = Loc::current());
  /// A local array; optionally filled with `init` here.
  Array local(const std::string& name, ElemType type, std::vector<Expr> shape, Expr init = {},
              Loc loc = Loc::current());
  /// A local array of FIFOs `Stream[type, depth][shape]` (shape {} = one
  /// FIFO): `s.at({i}) = v` puts, reading `s(i)` gets.
  Array stream(const std::string& name, ElemType type, std::vector<Expr> shape, int64_t depth,
               Loc loc = Loc::current());
  /// A local scalar (a 0-d array).
  Array scalar(const std::string& name, ElemType type, Expr init = {}, Loc loc = Loc::current());
  /// Adds an already-built declaration (frontends); checks its name and shape.
  Array declare(std::shared_ptr<ArrayDecl> decl);
  /// Appends a loop nest `A[...] = value` over all elements of A.
  void fill(const Array& a, Expr value, Loc loc = Loc::current());

  // ---- builder: statements (appended at the current insertion point) ----
  struct LoopOptions {
    int64_t step = 1;
    LoopHints hints;
    std::string bandLabel; // names the band this loop starts (allo.grid's name=)
  };
  void for_(const std::string& name, Expr lb, Expr ub, const std::function<void(Expr)>& body,
            Loc loc = Loc::current());
  /// `for name in range(lb, ub, step)` (step a positive constant).
  void for_(const std::string& name, Expr lb, Expr ub, int64_t step,
            const std::function<void(Expr)>& body, Loc loc = Loc::current());
  void for_(const std::string& name, Expr lb, Expr ub, LoopOptions opts,
            const std::function<void(Expr)>& body, Loc loc = Loc::current());
  /// Perfectly nested loops from 0 to each extent, outermost first; `body`
  /// takes one Expr per loop. Hints apply to the innermost loop (as Allo
  /// does); `band` names the band (allo.grid's name=).
  template <class F>
  void grid(const std::vector<std::string>& names, const std::vector<Expr>& extents, F body,
            LoopHints hints = {}, const std::string& band = "", Loc loc = Loc::current()) {
    gridImpl(names, extents, hints, band, SourceLoc::from(loc),
             [&](const std::vector<Expr>& it) { invokeWith(body, it, SourceLoc::from(loc)); });
  }
  void if_(Expr cond, const std::function<void()>& then, Loc loc = Loc::current());
  void ifElse(Expr cond, const std::function<void()>& then, const std::function<void()>& orelse,
              Loc loc = Loc::current());
  void call(const Function& callee, const std::vector<Array>& args, Loc loc = Loc::current());
  void assign(const std::shared_ptr<ArrayDecl>& target, std::vector<Expr> indices, Expr value,
              ReduceOp reduce, SourceLoc loc);

  // ---- builder with explicit source locations (frontends) ----
  Array addArray(const std::string& name, ElemType type, std::vector<Expr> shape, ArrayRole role,
                 SourceLoc loc);
  void fillAt(const Array& a, Expr value, SourceLoc loc);
  void loop(const std::string& name, Expr lb, Expr ub, LoopOptions opts,
            const std::function<void(Expr)>& body, const SourceLoc& loc);
  /// `orelse` may be empty (no else branch).
  void branch(Expr cond, const std::function<void()>& then, const std::function<void()>& orelse,
              const SourceLoc& loc);
  /// `argLocs` (optional, one per argument) is where each argument is written.
  void callAt(const Function& callee, const std::vector<Array>& args, const SourceLoc& loc,
              const std::vector<SourceLoc>& argLocs = {});

  // ---- builder: low level (frontends) ----
  /// Appends a statement node at the insertion point.
  void append(StmtPtr stmt);
  /// Makes `stmts` the insertion point while `fn` runs.
  void inside(std::vector<StmtPtr>& stmts, const std::function<void()>& fn);
  /// A fresh iterator for a loop named `name`.
  std::shared_ptr<const VarDecl> newVar(const std::string& name);

private:
  void forImpl(const std::string& name, Expr lb, Expr ub, LoopOptions opts,
               const std::function<void(Expr)>& body, const SourceLoc& where);
  void gridImpl(const std::vector<std::string>& names, const std::vector<Expr>& extents,
                LoopHints hints, const std::string& band, SourceLoc loc,
                const std::function<void(const std::vector<Expr>&)>& body);
  template <class F>
  static void invokeWith(F& body, const std::vector<Expr>& it, const SourceLoc& loc) {
    auto arity = [&](size_t n) {
      require(it.size() == n, ErrorKind::DimMismatch,
              "grid: the body takes " + std::to_string(n) + " iterator(s) but " +
                  std::to_string(it.size()) + " loop(s) were given",
              loc);
    };
    if constexpr (std::is_invocable_v<F, Expr>) {
      arity(1), body(it[0]);
    } else if constexpr (std::is_invocable_v<F, Expr, Expr>) {
      arity(2), body(it[0], it[1]);
    } else if constexpr (std::is_invocable_v<F, Expr, Expr, Expr>) {
      arity(3), body(it[0], it[1], it[2]);
    } else if constexpr (std::is_invocable_v<F, Expr, Expr, Expr, Expr>) {
      arity(4), body(it[0], it[1], it[2], it[3]);
    } else {
      static_assert(std::is_invocable_v<F, const std::vector<Expr>&>,
                    "grid body must take 1-4 Expr or a const std::vector<Expr>&");
      body(it);
    }
  }
  /// addArray, then fill with `init` when it is defined.
  Array addFilled(const std::string& name, ElemType type, std::vector<Expr> shape, ArrayRole role,
                  const Expr& init, Loc loc);
  void checkAffineInScope(const Expr& e, const char* what, const SourceLoc& loc) const;
  /// `e` uses only iterators of open loops, module parameters and arrays of this function.
  void checkInScope(const Expr& e, const std::string& what, const SourceLoc& loc) const;

  Module* module_;
  std::string name_;
  SourceLoc loc_;
  std::vector<std::shared_ptr<ArrayDecl>> arrays_;
  std::vector<StmtPtr> body_;
  std::vector<std::vector<StmtPtr>*> insertion_;
  std::vector<const StmtNode*> openLoops_;
};

/// A set of functions sharing symbolic size parameters.
class Module {
public:
  explicit Module(std::string name) : name_(std::move(name)) {}
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  const std::string& name() const { return name_; }
  /// A symbolic size parameter (`N`); every function of the module may use it.
  Expr param(const std::string& name, std::source_location loc = std::source_location::current());
  const std::vector<std::string>& params() const { return params_; }
  bool hasParam(const std::string& name) const;

  /// Creates a function (the first one created is the top unless setTop is called).
  Function& function(const std::string& name,
                     std::source_location loc = std::source_location::current());
  Function& functionAt(const std::string& name, const SourceLoc& loc);
  Function* findFunction(const std::string& name) const;
  const std::vector<std::unique_ptr<Function>>& functions() const { return functions_; }
  Function& top() const;
  void setTop(const std::string& name);

  /// While alive, no function body counts as open: a frontend that meets a
  /// call of a kernel it has not lowered yet builds that kernel on the spot,
  /// in the middle of the caller's loops.
  class BuildPause {
  public:
    explicit BuildPause(Module& m) : module_(m), saved_(std::move(m.building_)) {
      m.building_.clear();
    }
    ~BuildPause() { module_.building_ = std::move(saved_); }
    BuildPause(const BuildPause&) = delete;
    BuildPause& operator=(const BuildPause&) = delete;

  private:
    Module& module_;
    std::vector<Function*> saved_;
  };

private:
  friend class Function;
  /// Functions whose loop or branch bodies are being built, innermost last:
  /// a statement for another function's array there is a mistake.
  std::vector<Function*> building_;
  std::string name_;
  std::vector<std::string> params_;
  std::vector<std::unique_ptr<Function>> functions_;
  std::string top_;
};

} // namespace polyallo::core

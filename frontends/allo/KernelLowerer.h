// Internal to Lower*.cpp: the state of lowering one kernel instance.
#pragma once

#include "frontends/allo/ConstEval.h"
#include "frontends/allo/Lower.h"

namespace polyallo::allo {

/// What a name means inside a kernel.
struct Binding {
  enum Kind { Array, Iterator, Constant } kind = Constant;
  std::shared_ptr<core::ArrayDecl> array; // Array (a scalar is a 0-d array)
  core::Expr iterator;                    // Iterator
  Value constant;                         // Constant (template parameters, meta_for variables)
  SourceLoc loc;                          // where it was bound
};

/// The type (with shape) of an array a kernel declared: its extents are constants.
Value arrayType(const core::ArrayDecl& array);

// ---- the dataflow API's syntax (LowerRegion.cpp) ----
/// "get_pid" for `df.get_pid` (also `allo.dataflow.get_pid`, `dataflow.get_pid`), else "".
std::string dataflowMember(const ast::Expr& e);
/// `df.MEMBER(...)`.
bool isDataflowCall(const ast::Expr& e, const char* member);
/// `x.METHOD(...)` (`fifo[i].put(v)`, `fifo.get()`).
bool isMethodCall(const ast::Expr& e, const char* method);
/// The `@df.kernel(...)` decorator of `def`, or null.
const ast::Expr* kernelDecorator(const ast::Stmt& def);

class KernelLowerer {
public:
  KernelLowerer(KernelTable& table, const ast::Stmt& def, std::map<std::string, Value> templateEnv);
  void lower(core::Function& fn);

  // ---- expressions (LowerExpr.cpp) ----
  core::Expr expr(const ast::Expr& e);
  /// `e` as an array of this function (a Name bound to an array).
  std::shared_ptr<core::ArrayDecl> arrayOf(const ast::Expr& e, const char* what);
  /// `e` evaluated at compile time if it only uses constants; nullopt otherwise.
  std::optional<Value> tryConstant(const ast::Expr& e);
  /// True if `e` names a loop variable, an array or a kernel.
  bool usesRuntimeName(const ast::Expr& e);
  Value constant(const ast::Expr& e, const char* what);
  /// Appends a call of the kernel `call` refers to; `outputs` receive its
  /// returned values (created as temporaries when empty). Returns the outputs.
  std::vector<std::shared_ptr<core::ArrayDecl>>
  callKernel(const ast::Expr& call, std::vector<std::shared_ptr<core::ArrayDecl>> outputs);
  /// The kernel a call refers to, or nullopt if it is not a kernel call.
  std::optional<Value> kernelCallee(const ast::Expr& call);

private:
  /// One branch of a meta_if chain: its statement and condition (null for meta_else).
  struct MetaBranch {
    const ast::Stmt* stmt = nullptr;
    const ast::Expr* cond = nullptr;
  };
  /// The @df.kernel being lowered: its processing-element grid.
  struct DataflowKernel {
    const ast::Stmt* def = nullptr;
    std::vector<int64_t> mapping;
    std::vector<core::Expr> pids; // the band's loop iterators, outermost first
  };

  // ---- statements (LowerKernel.cpp) ----
  void block(const std::vector<ast::StmtPtr>& stmts);
  void stmt(const ast::Stmt& s);
  void metaChain(const std::vector<ast::StmtPtr>& stmts, size_t& k);
  /// Lowers the first branch of branches[from..] whose condition holds:
  /// constant conditions choose at compile time, conditions over the PE
  /// coordinates become affine ifs (each PE keeps its own branch).
  void metaBranches(const std::vector<MetaBranch>& branches, size_t from);
  /// A meta_if condition: its value when constant, otherwise (inside a
  /// @df.kernel) nullopt and `runtime` set to the condition over the pids.
  std::optional<bool> metaCondition(const ast::Expr& cond, core::Expr& runtime);
  void annAssign(const ast::Stmt& s);
  void assign(const ast::Stmt& s);
  void augAssign(const ast::Stmt& s);
  void assignTo(const ast::Expr& target, const ast::Expr& value, const SourceLoc& loc);
  void forLoop(const ast::Stmt& s);
  /// A loop bound: an affine integer expression (else an error at `e`).
  core::Expr loopBound(const ast::Expr& e);
  void ifStmt(const ast::Stmt& s);
  void withStmt(const ast::Stmt& s);
  void returnStmt(const ast::Stmt& s);
  void params();
  void planReturns();

  // ---- dataflow regions (LowerRegion.cpp) ----
  /// The body of a @df.region() function: streams, then one band per kernel.
  void region();
  void declareStream(const ast::Stmt& s);
  void dataflowKernel(const ast::Stmt& def);
  /// The region arrays a kernel's parameters stand for (args= or by name).
  std::vector<std::pair<std::string, std::shared_ptr<core::ArrayDecl>>>
  kernelParams(const ast::Stmt& def, const ast::Expr* args);
  /// `i, j = df.get_pid()`: binds the names to the band's iterators.
  void pidAssign(const ast::Stmt& s);
  /// `fifo[i, j].put(v)` as a statement; `fifo.get()` as a statement drops an element.
  void streamStatement(const ast::Expr& call);
  /// `fifo[i, j].get()` in an expression.
  core::Expr getExpr(const ast::Expr& call);
  /// The FIFO `base` names (`fifo` or `fifo[i, j]`) for `.method()`.
  std::pair<std::shared_ptr<core::ArrayDecl>, std::vector<core::Expr>>
  streamElement(const ast::Expr& base, const char* method, const SourceLoc& loc);
  /// The stream `target` (`fifo` or `fifo[...]`) names, or null.
  std::shared_ptr<core::ArrayDecl> streamNamed(const ast::Expr& target);
  /// Throws: `stream` is used as an array (read or written without get/put).
  [[noreturn]] void streamAsArray(const core::ArrayDecl& stream, bool write, const SourceLoc& loc);
  /// A meta_if condition over the PE coordinates (after `notConstant`).
  core::Expr pidCondition(const ast::Expr& cond);
  /// Throws for `fifo: Stream[...]` / `df.pipe(...)` outside a region's body.
  void refuseStreamHere(const ast::Stmt& s);
  /// The kernel being lowered, for messages (the @df.kernel inside a region).
  const std::string& kernelName() const { return kernel_ ? kernel_->def->name : def_.name; }

  // ---- helpers ----
  /// A new array bound to `name` in the innermost scope.
  std::shared_ptr<core::ArrayDecl> declare(const std::string& name, const Value& type,
                                           core::ArrayRole role, const SourceLoc& loc);
  /// A new array not bound to any name (temporaries, returned copies).
  std::shared_ptr<core::ArrayDecl> declareHidden(const std::string& name, const Value& type,
                                                 core::ArrayRole role, const SourceLoc& loc);
  /// Fills `dst` from `value`: a whole array of the same shape (copy), a
  /// kernel call returning one value, or a scalar expression (fill).
  void initialize(const std::shared_ptr<core::ArrayDecl>& dst, const ast::Expr& value,
                  const SourceLoc& loc);
  void copy(const std::shared_ptr<core::ArrayDecl>& dst,
            const std::shared_ptr<core::ArrayDecl>& src, const SourceLoc& loc);
  std::string uniqueArrayName(const std::string& base) const;
  void bind(const std::string& name, Binding b, const SourceLoc& loc);
  const Binding* lookup(const std::string& name) const;
  std::string namesInScope() const;
  ConstEnv constEnv();
  core::Array handle(const std::shared_ptr<core::ArrayDecl>& decl) {
    return core::Array(decl, fn_);
  }

  // LowerExpr.cpp
  core::Expr nameExpr(const ast::Expr& e);
  core::Expr valueToExpr(const Value& v, const SourceLoc& loc);
  core::Expr subscriptExpr(const ast::Expr& e);
  core::Expr callExpr(const ast::Expr& e);
  core::Expr compareExpr(const ast::Expr& e);
  std::optional<core::ElemType> tryConstantType(const ast::Expr& e);
  core::Expr bits(const core::Expr& x, const ast::Expr& index, const SourceLoc& loc);
  std::vector<core::Expr> indices(const ast::Expr& index);

  KernelTable& table_;
  const ast::Stmt& def_;
  core::Function* fn_ = nullptr;
  std::vector<std::map<std::string, Binding>> scopes_;
  std::vector<Value> returnTypes_;
  /// Locals declared at the top of the body and returned as they are
  /// (they become Returned arrays); empty when the return copies.
  std::vector<std::string> returnedLocals_;
  /// Otherwise the Returned arrays the return statement copies into.
  std::vector<std::shared_ptr<core::ArrayDecl>> retArrays_;
  /// usesRuntimeName's answers. A name's meaning changes only when a block
  /// ends, and an expression is lowered within one block, so entries stay valid.
  std::map<const ast::Expr*, bool> runtimeNames_;
  size_t metaCopies_ = 0; // meta_for body copies so far, nested ones included

  bool region_ = false;              // def_ is a @df.region() function
  size_t regionScope_ = 0;           // the scope of the region's streams and arguments
  DataflowKernel* kernel_ = nullptr; // the @df.kernel being lowered, if any
  /// Which @df.kernel declared each local of a region (names stay unique per kernel).
  std::map<std::string, std::string> owners_;
};

} // namespace polyallo::allo

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
  // ---- statements (LowerKernel.cpp) ----
  void block(const std::vector<ast::StmtPtr>& stmts);
  void stmt(const ast::Stmt& s);
  void metaChain(const std::vector<ast::StmtPtr>& stmts, size_t& k);
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
};

} // namespace polyallo::allo

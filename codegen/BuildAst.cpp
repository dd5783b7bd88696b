#include "codegen/BuildAst.h"

#include "polyhedral/IslAstShim.h"
#include "polyhedral/IslShim.h"

#include <fmt/format.h>

#include <any>
#include <map>
#include <set>

namespace polyallo::codegen {

namespace {

// A user node's annotation "U<k>" names users[k], recorded by at_each_domain.
constexpr char kUserPrefix = 'U';

/// What a user node computes: a statement instance in terms of iterators.
struct UserInfo {
  int statement = -1;
  std::vector<isl::ast_expr> args;
};

struct OpEntry {
  bool (*test)(const isl::ast_expr_op&);
  AstOp op;
};

template <class T> bool isOp(const isl::ast_expr_op& e) { return e.isa<T>(); }

const OpEntry kOps[] = {
    {isOp<isl::ast_expr_op_add>, AstOp::Add},
    {isOp<isl::ast_expr_op_sub>, AstOp::Sub},
    {isOp<isl::ast_expr_op_mul>, AstOp::Mul},
    {isOp<isl::ast_expr_op_minus>, AstOp::Minus},
    {isOp<isl::ast_expr_op_div>, AstOp::Div},
    {isOp<isl::ast_expr_op_fdiv_q>, AstOp::FdivQ},
    {isOp<isl::ast_expr_op_pdiv_q>, AstOp::PdivQ},
    {isOp<isl::ast_expr_op_pdiv_r>, AstOp::PdivR},
    {isOp<isl::ast_expr_op_zdiv_r>, AstOp::ZdivR},
    {isOp<isl::ast_expr_op_min>, AstOp::Min},
    {isOp<isl::ast_expr_op_max>, AstOp::Max},
    {isOp<isl::ast_expr_op_select>, AstOp::Select},
    {isOp<isl::ast_expr_op_cond>, AstOp::Cond},
    {isOp<isl::ast_expr_op_eq>, AstOp::Eq},
    {isOp<isl::ast_expr_op_le>, AstOp::Le},
    {isOp<isl::ast_expr_op_lt>, AstOp::Lt},
    {isOp<isl::ast_expr_op_ge>, AstOp::Ge},
    {isOp<isl::ast_expr_op_gt>, AstOp::Gt},
    {isOp<isl::ast_expr_op_and>, AstOp::And},
    {isOp<isl::ast_expr_op_or>, AstOp::Or},
    {isOp<isl::ast_expr_op_and_then>, AstOp::AndThen},
    {isOp<isl::ast_expr_op_or_else>, AstOp::OrElse},
};

int64_t toInt64(const isl::val& v) {
  static_assert(sizeof(long) == sizeof(int64_t), "isl::val::num_si returns a long");
  require(v.is_int() && v.le(INT64_MAX) && v.ge(INT64_MIN), ErrorKind::Internal,
          "the loop AST has a constant that is not a 64-bit integer");
  return v.num_si();
}

std::string fnName(const poly::FunctionModel& fn) { return fn.fn != nullptr ? fn.fn->name() : "?"; }

/// Converts isl's AST into LoopNodes, renaming iterators as it descends.
class Converter {
public:
  Converter(const poly::FunctionModel& fn, const std::vector<UserInfo>& users,
            const std::map<isl_id*, int>& markDepths)
      : fn_(fn), users_(users), markDepths_(markDepths) {
    if (fn.fn != nullptr) {
      for (const auto& a : fn.arrays()) {
        reserved_.insert(a->name);
      }
      for (const auto& p : fn.fn->module().params()) {
        reserved_.insert(p);
      }
    }
  }

  std::vector<LoopNode> nodes(const isl::ast_node& node) {
    std::vector<LoopNode> out;
    append(node, out);
    return out;
  }

private:
  struct Band {
    const poly::BandNames* names;
    int depth;
  };

  void append(const isl::ast_node& node, std::vector<LoopNode>& out) {
    if (node.isa<isl::ast_node_block>()) {
      isl::ast_node_list list = node.as<isl::ast_node_block>().children();
      for (int i = 0, n = static_cast<int>(list.size()); i < n; ++i) {
        append(list.at(i), out);
      }
    } else if (node.isa<isl::ast_node_for>()) {
      out.push_back(forNode(node));
    } else if (node.isa<isl::ast_node_if>()) {
      auto n = node.as<isl::ast_node_if>();
      LoopNode ln;
      ln.kind = LoopNode::Kind::If;
      ln.ifCond = expr(n.cond());
      append(n.then_node(), ln.children);
      if (n.has_else_node()) {
        append(n.else_node(), ln.orelse);
      }
      out.push_back(std::move(ln));
    } else if (node.isa<isl::ast_node_user>()) {
      out.push_back(userNode(node));
    } else if (node.isa<isl::ast_node_mark>()) {
      out.push_back(markNode(node));
    } else {
      throw Error(ErrorKind::Internal, "isl generated an AST node of an unknown kind");
    }
  }

  LoopNode forNode(const isl::ast_node& node) {
    auto n = node.as<isl::ast_node_for>();
    LoopNode ln;
    ln.kind = LoopNode::Kind::For;
    isl::id islIterator = n.iterator().as<isl::ast_expr_id>().id();
    ln.scheduleDepth = iteratorDepth(islIterator);
    std::string wanted =
        ln.scheduleDepth >= 0 ? fmt::format("c{}", ln.scheduleDepth) : islIterator.name();
    if (!bands_.empty() && ln.scheduleDepth >= 0) {
      const Band& b = bands_.back();
      int member = ln.scheduleDepth - b.depth;
      if (member >= 0 && member < static_cast<int>(b.names->loops.size())) {
        wanted = b.names->loops[static_cast<size_t>(member)];
        ln.band = b.names->band;
        ln.bandMember = member;
        ln.attrs = b.names->attrsOf(static_cast<size_t>(member));
      }
    }
    ln.iterator = uniqueName(sanitizeIdentifier(wanted));
    // init is evaluated outside the loop's scope; cond and inc inside it.
    ln.init = expr(n.init());
    scope_.push_back({islIterator.get(), ln.iterator});
    if (n.is_degenerate()) {
      // A single iteration: `for (it = init; it <= init; it += 1)`.
      ln.cond = AstExpr::make(AstOp::Le, {AstExpr::id(ln.iterator), ln.init});
      ln.inc = AstExpr::integer(1);
    } else {
      ln.cond = expr(n.cond());
      ln.inc = expr(n.inc());
    }
    append(n.body(), ln.children);
    scope_.pop_back();
    guardTail(ln);
    return ln;
  }

  /// The inner loop of a split with a remainder: isl bounds it by
  /// `min(factor - 1, ...)`; keep `factor` iterations and guard the body
  /// instead, so the loop has a constant trip count (what HLS pipelines best).
  static void guardTail(LoopNode& ln) {
    int64_t factor = ln.attrs.guardTail;
    bool minBound = ln.cond && ln.cond->kind == AstExpr::Kind::Op && ln.cond->args.size() == 2 &&
                    ln.cond->args[1]->kind == AstExpr::Kind::Op &&
                    ln.cond->args[1]->op == AstOp::Min;
    bool fromZero = ln.init && ln.init->kind == AstExpr::Kind::Int && ln.init->value == 0;
    if (factor <= 0 || !minBound || !fromZero || constantStep(ln) != 1) {
      return;
    }
    // The guard needs only the bounds other than factor - 1, which the loop keeps.
    std::vector<AstExprPtr> bounds;
    for (const AstExprPtr& b : ln.cond->args[1]->args) {
      if (b->kind != AstExpr::Kind::Int || b->value != factor - 1) {
        bounds.push_back(b);
      }
    }
    AstExprPtr bound = bounds.size() == 1 ? bounds[0] : AstExpr::make(AstOp::Min, bounds);
    LoopNode guard;
    guard.kind = LoopNode::Kind::If;
    guard.ifCond = AstExpr::make(ln.cond->op, {ln.cond->args[0], bound});
    guard.children = std::move(ln.children);
    ln.children = {std::move(guard)};
    ln.cond = AstExpr::make(AstOp::Lt, {AstExpr::id(ln.iterator), AstExpr::integer(factor)});
  }

  /// The schedule depth carried by one of our iterator ids, or -1 for a loop
  /// isl added below a leaf whose schedule leaves instances unordered (isl
  /// then scans the remaining domain dimensions in order).
  static int iteratorDepth(const isl::id& iterator) {
    const std::any* payload = poly::idPayload(iterator);
    const int* depth = payload != nullptr ? std::any_cast<int>(payload) : nullptr;
    return depth != nullptr ? *depth : -1;
  }

  LoopNode userNode(const isl::ast_node& node) {
    int k = annotationNumber(node, kUserPrefix);
    const UserInfo& info = users_.at(static_cast<size_t>(k));
    LoopNode ln;
    ln.kind = LoopNode::Kind::User;
    ln.statement = info.statement;
    for (const auto& a : info.args) {
      ln.args.push_back(expr(a));
    }
    return ln;
  }

  LoopNode markNode(const isl::ast_node& node) {
    auto n = node.as<isl::ast_node_mark>();
    LoopNode ln;
    ln.kind = LoopNode::Kind::Mark;
    isl::id id = n.id();
    ln.markId = id;
    ln.markName = id.name();
    const poly::BandNames* names = poly::bandNames(id);
    auto depth = markDepths_.find(id.get());
    bool isBand = names != nullptr && depth != markDepths_.end();
    if (isBand) {
      bands_.push_back({names, depth->second});
    }
    append(n.node(), ln.children);
    if (isBand) {
      bands_.pop_back();
    }
    return ln;
  }

  AstExprPtr expr(const isl::ast_expr& e) {
    if (e.isa<isl::ast_expr_int>()) {
      return AstExpr::integer(toInt64(e.as<isl::ast_expr_int>().val()));
    }
    if (e.isa<isl::ast_expr_id>()) {
      isl::id id = e.as<isl::ast_expr_id>().id();
      for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
        if (it->first == id.get()) {
          return AstExpr::id(it->second);
        }
      }
      return AstExpr::id(id.name()); // a module parameter
    }
    auto op = e.as<isl::ast_expr_op>();
    for (const auto& entry : kOps) {
      if (entry.test(op)) {
        std::vector<AstExprPtr> args;
        for (unsigned i = 0; i < op.n_arg(); ++i) {
          args.push_back(expr(op.arg(static_cast<int>(i))));
        }
        return AstExpr::make(entry.op, std::move(args));
      }
    }
    throw Error(
        ErrorKind::Internal,
        fmt::format("isl generated an AST expression polyallo does not handle: {}", e.to_C_str()));
  }

  /// The number after `prefix` in the node's annotation name.
  static int annotationNumber(const isl::ast_node& node, char prefix) {
    isl::id id = poly::astNodeAnnotation(node);
    std::string name = id.is_null() ? "" : id.name();
    require(name.size() > 1 && name[0] == prefix, ErrorKind::Internal,
            fmt::format("an isl AST node lacks its '{}' annotation (has '{}')", prefix, name));
    return std::stoi(name.substr(1));
  }

  std::string uniqueName(const std::string& base) {
    auto taken = [&](const std::string& n) {
      if (reserved_.count(n) != 0 || isCKeyword(n)) {
        return true;
      }
      for (const auto& s : scope_) {
        if (s.second == n) {
          return true;
        }
      }
      return false;
    };
    std::string name = base;
    for (int k = 1; taken(name); ++k) {
      name = fmt::format("{}_{}", base, k);
    }
    return name;
  }

  const poly::FunctionModel& fn_;
  const std::vector<UserInfo>& users_;
  const std::map<isl_id*, int>& markDepths_;
  std::set<std::string> reserved_;
  std::vector<Band> bands_;
  std::vector<std::pair<isl_id*, std::string>> scope_; // isl iterator -> our name
};

} // namespace

std::string sanitizeIdentifier(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    out += ok ? c : '_';
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) {
    out = "_" + out;
  }
  return out;
}

bool isCKeyword(const std::string& name) {
  static const std::set<std::string> kKeywords = {
      // C99
      "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
      "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
      "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
      "union", "unsigned", "void", "volatile", "while", "_Bool", "_Complex", "_Imaginary",
      // C++20 additions
      "alignas", "alignof", "and", "and_eq", "asm", "bitand", "bitor", "bool", "catch", "char8_t",
      "char16_t", "char32_t", "class", "compl", "concept", "consteval", "constexpr", "constinit",
      "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete", "dynamic_cast",
      "explicit", "export", "false", "friend", "mutable", "namespace", "new", "noexcept", "not",
      "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public",
      "reinterpret_cast", "requires", "static_assert", "static_cast", "template", "this",
      "thread_local", "throw", "true", "try", "typeid", "typename", "using", "virtual", "wchar_t",
      "xor", "xor_eq"};
  return kKeywords.count(name) != 0;
}

LoopNode buildLoopAst(const poly::FunctionModel& fn, const isl::schedule& schedule) {
  require(!schedule.is_null(), ErrorKind::Internal, "buildLoopAst: the schedule is null");
  isl::ctx ctx = schedule.ctx();
  try {
    // Schedule depths come from the tree, not from the AST build: isl drops
    // loops whose value is fixed, so counting generated loops would shift
    // the names of the loops inside a band after such a member.
    std::map<isl_id*, int> markDepths;
    std::vector<isl::id> marks; // keeps the keys of markDepths alive
    int maxDepth = 0;
    schedule.root().foreach_descendant_top_down([&](const isl::schedule_node& node) {
      if (node.isa<isl::schedule_node_mark>()) {
        marks.push_back(poly::markId(node));
        markDepths[marks.back().get()] = poly::scheduleDepth(node);
      } else if (node.isa<isl::schedule_node_leaf>()) {
        maxDepth = std::max(maxDepth, poly::scheduleDepth(node));
      }
      return true;
    });
    // Our own iterator ids, one per depth, each carrying its depth; distinct
    // objects from any parameter id even if the names coincide.
    std::vector<isl::id> iterators;
    for (int d = 0; d < maxDepth; ++d) {
      iterators.emplace_back(ctx, fmt::format("c{}", d), std::any(d));
    }

    std::vector<UserInfo> users;
    isl::set context =
        fn.context.is_null() ? isl::set::universe(schedule.domain().space().params()) : fn.context;
    isl::ast_build build =
        poly::setAstBuildIterators(isl::ast_build::from_context(context), iterators);
    // PPCG's approach: the value of each domain dimension in terms of the
    // iterators, from the inverse of the schedule at this leaf.
    build = build.set_at_each_domain([&](isl::ast_node node, isl::ast_build b) {
      isl::map executed = b.schedule().as_map();
      require(executed.is_injective(), ErrorKind::Internal,
              fmt::format("the schedule of function '{}' gives several instances of one statement "
                          "the same time ({}); every instance needs its own",
                          fnName(fn), poly::islStr(executed)));
      isl::pw_multi_aff values = executed.reverse().as_pw_multi_aff();
      std::string tuple = values.range_tuple_id().name();
      UserInfo info;
      info.statement = fn.statementIndex(tuple);
      require(info.statement >= 0, ErrorKind::Internal,
              fmt::format("the schedule has a statement '{}' that function '{}' does not have",
                          tuple, fnName(fn)));
      for (int d = 0, n = static_cast<int>(values.size()); d < n; ++d) {
        info.args.push_back(b.expr_from(values.at(d)));
      }
      isl::id annotation(ctx, fmt::format("{}{}", kUserPrefix, users.size()));
      users.push_back(std::move(info));
      return poly::astNodeSetAnnotation(node, annotation);
    });
    isl::ast_node root = build.node_from(schedule);
    Converter convert(fn, users, markDepths);
    return LoopNode::block(convert.nodes(root));
  } catch (const isl::exception_quota&) {
    throw Error(ErrorKind::IslQuota,
                "isl ran out of its operation budget while generating the loop AST");
  } catch (const isl::exception& e) {
    throw Error(ErrorKind::Internal,
                fmt::format("isl failed while generating the loop AST: {}", e.what()));
  }
}

} // namespace polyallo::codegen

#include "polyhedral/ModelEdit.h"

#include "polyhedral/Affine.h"
#include "polyhedral/IslShim.h"

#include <fmt/format.h>

namespace polyallo::poly {

using core::Expr;

namespace {

std::vector<Expr> exprsOf(const isl::multi_aff& index, const std::vector<Expr>& dims) {
  std::vector<Expr> out;
  for (int k = 0, n = static_cast<int>(index.size()); k < n; ++k) {
    out.push_back(toExpr(index.at(k), dims));
  }
  return out;
}

} // namespace

isl::set between(const isl::space& space, int dim, int64_t lo, int64_t hi) {
  isl::pw_aff value(space.identity_multi_aff_on_domain().at(dim));
  isl::pw_aff zero(space.zero_aff_on_domain());
  isl::ctx ctx = space.ctx();
  return value.ge_set(zero.add_constant(isl::val(ctx, static_cast<long>(lo))))
      .intersect(value.lt_set(zero.add_constant(isl::val(ctx, static_cast<long>(hi)))));
}

std::string freshArrayName(const FunctionModel& fm, const std::string& base) {
  std::string name = base;
  for (int k = 1; fm.findArray(name) != nullptr; ++k) {
    name = fmt::format("{}_{}", base, k);
  }
  return name;
}

isl::multi_aff singlePiece(const isl::pw_multi_aff& pma, const std::string& what) {
  require(pma.n_piece() == 1, ErrorKind::InvalidSchedule, [&] {
    return fmt::format("{} is not one affine function ({}); the buffer's offsets must be", what,
                       islStr(pma));
  });
  std::optional<isl::multi_aff> only;
  pma.foreach_piece([&](const isl::set&, const isl::multi_aff& ma) { only = ma; });
  return *only;
}

std::shared_ptr<core::ArrayDecl> ModelEdit::addBuffer(const std::string& name,
                                                      const core::ArrayDecl& like,
                                                      const std::vector<int64_t>& shape,
                                                      const SourceLoc& loc) {
  auto buffer = std::make_shared<core::ArrayDecl>();
  buffer->name = name;
  buffer->type = like.type;
  buffer->role = core::ArrayRole::Local;
  buffer->loc = loc;
  isl::space params = fm_.context.space();
  isl::space space =
      params.add_named_tuple(isl::id(params.ctx(), name), static_cast<unsigned>(shape.size()));
  isl::set extent = isl::set::universe(space);
  for (size_t d = 0; d < shape.size(); ++d) {
    buffer->shape.push_back(core::constant(shape[d], core::Index()));
    extent = extent.intersect(between(space, static_cast<int>(d), 0, shape[d]));
  }
  fm_.arrayExtents = fm_.arrayExtents.unite(isl::union_set(extent));
  fm_.buffers.push_back(buffer);
  return buffer;
}

void ModelEdit::redirect(int statement, const core::ArrayDecl& from,
                         const std::shared_ptr<core::ArrayDecl>& to, const Subscripts& subscripts,
                         const std::function<isl::map(const isl::map&)>& access) {
  Statement& st = fm_.statements.at(static_cast<size_t>(statement));
  auto stmt = std::make_shared<core::StmtNode>(*st.stmt);
  core::rewriteAccesses(*stmt, &from, subscripts, to);
  for (auto& arg : stmt->args) { // a call passes the array whole
    arg = arg.get() == &from ? to : arg;
  }
  for (Expr& guard : st.guards) {
    guard = core::rewriteReads(guard, &from, subscripts, to);
  }
  st.stmt = stmt;
  for (Reference& r : fm_.refs) {
    if (r.statement == statement && r.array == from.name) {
      r.array = to->name;
      r.access = access(r.access);
    }
  }
}

std::string ModelEdit::nextStatementName() const {
  return fmt::format("S{}", fm_.statements.size());
}

void ModelEdit::addCopy(const isl::set& domain, const std::vector<std::string>& dims,
                        const std::shared_ptr<core::ArrayDecl>& dst, const isl::multi_aff& dstIndex,
                        const std::shared_ptr<core::ArrayDecl>& src, const isl::multi_aff& srcIndex,
                        const SourceLoc& loc) {
  Statement st;
  st.name = nextStatementName(); // the tuple of `domain`
  st.domain = domain;
  std::vector<Expr> vars;
  for (const std::string& name : dims) {
    auto loop = std::make_shared<core::StmtNode>();
    loop->kind = core::StmtKind::For;
    loop->var = std::make_shared<core::VarDecl>(core::VarDecl{name});
    loop->name = name;
    loop->loc = loc;
    vars.push_back(core::varRef(loop->var, loc));
    st.loops.push_back(loop);
  }
  auto assign = std::make_shared<core::StmtNode>();
  assign->kind = core::StmtKind::Assign;
  assign->loc = loc;
  assign->target = dst;
  assign->indices = exprsOf(dstIndex, vars);
  assign->value = core::read(src, exprsOf(srcIndex, vars), loc);
  st.stmt = assign;
  int index = static_cast<int>(fm_.statements.size());
  fm_.statements.push_back(st);
  auto reference = [&](const core::ArrayDecl& array, const isl::multi_aff& at, bool write,
                       StreamOp op) {
    Reference r;
    r.tag = fmt::format("R{}", fm_.refs.size());
    r.statement = index;
    r.array = array.name;
    r.write = write;
    r.access = at.as_map().intersect_domain(domain);
    r.stream = op;
    fm_.refs.push_back(r);
  };
  // A stream access is a read and a write of its FIFO (as extraction records it).
  StreamOp get = src->isStream() ? StreamOp::Get : StreamOp::None;
  StreamOp put = dst->isStream() ? StreamOp::Put : StreamOp::None;
  reference(*src, srcIndex, false, get);
  if (get != StreamOp::None) {
    reference(*src, srcIndex, true, get);
  }
  if (put != StreamOp::None) {
    reference(*dst, dstIndex, false, put);
  }
  reference(*dst, dstIndex, true, put);
}

void ModelEdit::restrict(int statement, const isl::set& domain) {
  Statement& st = fm_.statements.at(static_cast<size_t>(statement));
  st.domain = st.domain.intersect(domain);
  for (Reference& r : fm_.refs) {
    if (r.statement == statement) {
      r.access = r.access.intersect_domain(st.domain);
    }
  }
}

FunctionModel ModelEdit::finish(const isl::schedule& tree) {
  fm_.indexAccesses();
  // Memory-based dependences (every earlier access of the element), not
  // value-based: later steps need only what they must keep in order, and a
  // schedule that keeps these keeps the value-based ones, which isl's flow
  // analysis takes most of a step's time to find on the copy statements.
  // What the function reads from outside (liveIn) does not change.
  isl::union_map before = scheduledBefore(tree.get_map().intersect_domain(fm_.domain));
  auto pairs = [&](const isl::union_map& first, const isl::union_map& second) {
    return first.apply_range(second.reverse()).intersect(before).coalesce();
  };
  fm_.deps.flow = pairs(fm_.mayWrites, fm_.reads);
  fm_.deps.anti = pairs(fm_.reads, fm_.mayWrites);
  fm_.deps.output = pairs(fm_.mayWrites, fm_.mayWrites);
  isl::union_map none = isl::union_map::empty(tree.ctx());
  fm_.deps.taggedFlow = fm_.deps.taggedAnti = fm_.deps.taggedOutput = none;
  return fm_;
}

} // namespace polyallo::poly

#include "codegen/Simulator.h"

#include "codegen/CEmitter.h"

#include <fmt/format.h>

#include <set>

namespace polyallo::codegen {

namespace {

using Entry = void (*)(const int64_t* params, void* const* buffers);

/// `v` unless the operation that produced it overflowed.
int64_t checked(bool overflow, int64_t v, const core::Expr& e) {
  require(!overflow, ErrorKind::InvalidArgument,
          fmt::format("the array extent '{}' overflows 64 bits for these parameter values",
                      core::str(e)));
  return v;
}

} // namespace

std::vector<int64_t> arrayShape(const core::ArrayDecl& array) {
  std::vector<int64_t> shape;
  for (const core::Expr& e : array.shape) {
    shape.push_back(evaluateExtent(e, {}));
  }
  return shape;
}

int64_t evaluateExtent(const core::Expr& e, const std::map<std::string, int64_t>& params) {
  using core::BinOp;
  using core::ExprKind;
  require(e.defined(), ErrorKind::Internal, "evaluateExtent of an empty expression");
  switch (e->kind) {
  case ExprKind::Const:
    require(!e->isFloatValue, ErrorKind::InvalidShape,
            fmt::format("array extent '{}' is not an integer", core::str(e)));
    return e->ival;
  case ExprKind::Param: {
    auto it = params.find(e->param);
    require(it != params.end(), ErrorKind::InvalidArgument,
            fmt::format("no value given for module parameter '{}'", e->param));
    return it->second;
  }
  case ExprKind::Cast:
    return evaluateExtent(e->ops[0], params);
  case ExprKind::Unary:
    if (e->unop == core::UnOp::Neg) {
      int64_t r = 0;
      bool overflow = __builtin_sub_overflow(int64_t{0}, evaluateExtent(e->ops[0], params), &r);
      return checked(overflow, r, e);
    }
    break;
  case ExprKind::Binary: {
    int64_t a = evaluateExtent(e->ops[0], params);
    int64_t b = evaluateExtent(e->ops[1], params);
    int64_t r = 0;
    bool overflow = false;
    switch (e->binop) {
    case BinOp::Add:
      overflow = __builtin_add_overflow(a, b, &r);
      return checked(overflow, r, e);
    case BinOp::Sub:
      overflow = __builtin_sub_overflow(a, b, &r);
      return checked(overflow, r, e);
    case BinOp::Mul:
      overflow = __builtin_mul_overflow(a, b, &r);
      return checked(overflow, r, e);
    case BinOp::Min:
      return std::min(a, b);
    case BinOp::Max:
      return std::max(a, b);
    case BinOp::FloorDiv:
    case BinOp::Mod:
      if (b > 0) {
        int64_t q = a / b - ((a % b != 0 && a < 0) ? 1 : 0);
        return e->binop == BinOp::FloorDiv ? q : a - q * b;
      }
      break;
    default:
      break;
    }
    break;
  }
  default:
    break;
  }
  throw Error(ErrorKind::InvalidShape,
              fmt::format("array extent '{}' is not an affine expression of module parameters",
                          core::str(e)));
}

Simulator::Simulator(const poly::ModuleModel& model, SimOptions options,
                     const poly::ScheduleMap& schedules)
    : model_(&model), source_(emitC(model, schedules)),
      library_(CompiledLibrary::compile(source_, options)) {}

void Simulator::run(const std::string& function, const std::map<std::string, int64_t>& params,
                    const std::vector<Buffer*>& args) const {
  const poly::FunctionModel& fm = model_->function(function); // UnknownName lists them
  const core::Function& fn = *fm.fn;

  // Parameters: exactly the module's, each >= 1 (the polyhedral context).
  const auto& names = model_->module().params();
  std::vector<int64_t> values;
  for (const auto& p : names) {
    auto it = params.find(p);
    require(it != params.end(), ErrorKind::InvalidArgument,
            fmt::format("run '{}': no value for module parameter '{}'; module parameters: {}",
                        function, p, fmt::join(names, ", ")));
    require(it->second >= 1, ErrorKind::InvalidArgument,
            fmt::format("run '{}': parameter {} = {}; parameters must be >= 1", function, p,
                        it->second));
    values.push_back(it->second);
  }
  for (const auto& [name, value] : params) {
    require(model_->module().hasParam(name), ErrorKind::InvalidArgument,
            fmt::format("run '{}': '{}' is not a module parameter; module parameters: {}", function,
                        name,
                        names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", "))));
  }

  // Buffers: one per function parameter, of its type and shape, distinct.
  auto decls = fn.params();
  std::vector<std::string> expected;
  for (const auto& d : decls) {
    expected.push_back(d->name + ": " + d->typeStr());
  }
  require(args.size() == decls.size(), ErrorKind::InvalidArgument,
          fmt::format("run '{}': {} buffer(s) given; it takes {} ({})", function, args.size(),
                      decls.size(), fmt::join(expected, ", ")));
  std::set<const Buffer*> seen;
  std::vector<void*> buffers;
  for (size_t i = 0; i < decls.size(); ++i) {
    const core::ArrayDecl& d = *decls[i];
    require(args[i] != nullptr, ErrorKind::InvalidArgument,
            fmt::format("run '{}': buffer {} ('{}') is null", function, i, d.name));
    const Buffer& b = *args[i];
    std::vector<int64_t> shape;
    for (const auto& extent : d.shape) {
      shape.push_back(evaluateExtent(extent, params));
    }
    require(b.type() == d.type && b.shape() == shape, ErrorKind::InvalidArgument,
            fmt::format("run '{}': buffer {} for '{}' is {} but must be {}[{}]", function, i,
                        d.name, b.typeStr(), d.type.str(), fmt::join(shape, ", ")));
    require(seen.insert(&b).second, ErrorKind::InvalidArgument,
            fmt::format("run '{}': the same buffer is passed for '{}' and an earlier parameter; "
                        "pass distinct buffers",
                        function, d.name));
    buffers.push_back(args[i]->data());
  }

  auto* status = static_cast<int*>(library_.symbol(kCStatusSymbol));
  auto* oobSite = static_cast<const char**>(library_.symbol(kCOutOfBoundsSymbol));
  auto* dataflowReport = static_cast<const char**>(library_.symbol(kCDataflowReportSymbol));
  auto entry = reinterpret_cast<Entry>(library_.symbol(cEntryName(function)));
  *status = 0;
  *oobSite = nullptr;
  *dataflowReport = nullptr;
  entry(values.data(), buffers.data());
  // Every PE thread has been joined: the flags are stable.
  if (*status == 3) {
    std::string report = *dataflowReport ? *dataflowReport : "a dataflow region failed";
    if (report.find("deadlocked") != std::string::npos) {
      report += "; every PE of the region waits on a FIFO: deepen the FIFOs marked full, or "
                "reorder the puts and gets that wait on each other";
    }
    // Located at the region's definition: "dataflow region 'top' ...".
    SourceLoc where;
    size_t open = report.find('\''), close = report.find('\'', open + 1);
    if (open != std::string::npos && close != std::string::npos) {
      const core::Function* region =
          model_->module().findFunction(report.substr(open + 1, close - open - 1));
      where = region != nullptr ? region->loc() : where;
    }
    throw Error(ErrorKind::Deadlock, report, where);
  }
  require(*status != 1, ErrorKind::InvalidArgument,
          fmt::format("run '{}': a local array could not be allocated; the parameter values "
                      "make it too large",
                      function));
  require(*status != 2, ErrorKind::OutOfBounds,
          fmt::format("run '{}': {} was out of bounds at run time (a subscript that depends on "
                      "data, or one under a data-dependent if); the access used element 0 "
                      "instead and the results are not meaningful",
                      function, *oobSite ? *oobSite : "a subscript"));
}

} // namespace polyallo::codegen

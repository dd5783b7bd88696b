// partition: validated and logged (it changes no loop). Which layout each
// array ends up with is layout inference's business (layout/Infer.h); the
// Schedule checks what one array's steps can get wrong on their own.
#include "polyhedral/Partition.h"

#include "polyhedral/Schedule.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::poly {

namespace {

bool isKnownType(int64_t type) { return type >= 0 && type <= 2; }

/// "dim=2", "dim=[1, 2]", "dim=0"
std::string dimsText(const std::vector<int64_t>& dims) {
  return dims.size() == 1 ? fmt::format("dim={}", dims[0])
                          : fmt::format("dim=[{}]", fmt::join(dims, ", "));
}

/// How `r` partitions one dim: "Complete", "Cyclic factor 4".
std::string dimText(const PartitionRequest& r) {
  return r.type == static_cast<int64_t>(PartitionType::Complete)
             ? "Complete"
             : fmt::format("{} factor {}", partitionTypeName(r.type), r.factor);
}

bool samePartition(const PartitionRequest& a, const PartitionRequest& b) {
  return a.type == b.type && a.factor == b.factor;
}

} // namespace

std::string partitionTypeName(int64_t type) {
  switch (type) {
  case 0:
    return "Complete";
  case 1:
    return "Block";
  case 2:
    return "Cyclic";
  default:
    return fmt::format("{}", type);
  }
}

bool PartitionRequest::allDims() const {
  return std::find(dims.begin(), dims.end(), 0) != dims.end();
}

std::vector<size_t> PartitionRequest::dimsOf(size_t rank) const {
  std::vector<size_t> out;
  for (size_t d = 0; d < rank; ++d) {
    if (allDims() ||
        std::find(dims.begin(), dims.end(), static_cast<int64_t>(d + 1)) != dims.end()) {
      out.push_back(d);
    }
  }
  return out;
}

PartitionRequest partitionRequest(const Step& step) {
  require(
      step.primitive == "partition" && step.names.size() == 1 && step.values.size() >= 2,
      ErrorKind::InvalidArgument,
      [&] {
        return fmt::format("{} is not a partition step: it takes one array and the values "
                           "{{partition type, factor, dims...}}",
                           step.str());
      },
      step.loc);
  PartitionRequest r;
  const std::string& name = step.names[0];
  size_t colon = name.find(':');
  require(name.find(':', colon == std::string::npos ? colon : colon + 1) == std::string::npos &&
              !name.empty() && name.back() != ':',
          ErrorKind::InvalidArgument,
          fmt::format("partition: '{}' is not an array name; write s.A, \"A\" or \"func:A\"", name),
          step.loc);
  r.function = colon == std::string::npos ? step.function : name.substr(0, colon);
  r.array = colon == std::string::npos ? name : name.substr(colon + 1);
  r.type = step.values[0];
  r.factor = step.values[1];
  r.dims.assign(step.values.begin() + 2, step.values.end());
  r.loc = step.loc;
  return r;
}

std::string partitionStepText(const Step& step) {
  if (step.names.size() != 1 || step.values.size() < 2) {
    return fmt::format("partition(\"{}\", {})", fmt::join(step.names, "\", \""),
                       fmt::join(step.values, ", "));
  }
  std::vector<int64_t> dims(step.values.begin() + 2, step.values.end());
  std::string text = fmt::format("partition(\"{}\", partition_type={}, {}", step.names[0],
                                 partitionTypeName(step.values[0]), dimsText(dims));
  if (step.values[0] != static_cast<int64_t>(PartitionType::Complete) || step.values[1] != 0) {
    text += fmt::format(", factor={}", step.values[1]);
  }
  return text + ")";
}

Schedule& Schedule::partition(const std::string& array, PartitionType type,
                              const std::vector<int64_t>& dims, int64_t factor, Here here) {
  std::vector<int64_t> values = {static_cast<int64_t>(type), factor};
  values.insert(values.end(), dims.begin(), dims.end());
  return run({"partition", "", {array}, values, false, {}}, here);
}

void Schedule::applyPartition(const Step& step) {
  PartitionRequest r = partitionRequest(step);
  const FunctionModel& fm = functionModel(r.function, step.loc);
  std::shared_ptr<core::ArrayDecl> decl = fm.array(r.array, "partition", step.loc);
  std::string what = fmt::format("'{}' of function '{}'", r.array, r.function);
  size_t rank = decl->rank();
  require(rank > 0, ErrorKind::InvalidArgument,
          fmt::format("partition: {} is a scalar (a 0-d array), a register already; partition "
                      "spreads the elements of an array over memory banks",
                      what),
          step.loc);
  require(!r.dims.empty(), ErrorKind::InvalidArgument,
          "partition: dim=[] names no dim; dim= takes a dim (counting from 1), a list of dims, "
          "or 0 for every dim",
          step.loc);
  require(isKnownType(r.type), ErrorKind::InvalidArgument,
          fmt::format("partition: partition_type {} is unknown; it is Partition.Complete (0), "
                      "Partition.Block (1) or Partition.Cyclic (2)",
                      r.type),
          step.loc);
  for (size_t k = 0; k < r.dims.size(); ++k) {
    int64_t d = r.dims[k];
    require(d >= 0 && d <= static_cast<int64_t>(rank), ErrorKind::InvalidArgument,
            fmt::format("partition: dim {} is out of range for {}, which has {} dim(s); dims count "
                        "from 1 to {}, and 0 means every dim",
                        d, what, rank, rank),
            step.loc);
    require(
        std::find(r.dims.begin(), r.dims.begin() + static_cast<std::ptrdiff_t>(k), d) ==
            r.dims.begin() + static_cast<std::ptrdiff_t>(k),
        ErrorKind::InvalidArgument,
        fmt::format("partition: {} names dim {} twice; name each dim once", dimsText(r.dims), d),
        step.loc);
  }
  if (r.type == static_cast<int64_t>(PartitionType::Complete)) {
    require(r.factor == 0, ErrorKind::InvalidArgument,
            fmt::format("partition: Partition.Complete gives every element its own bank and takes "
                        "no factor (factor={} given); drop it, or ask for {} banks with "
                        "Partition.Block or Partition.Cyclic",
                        r.factor, r.factor),
            step.loc);
  }
  for (size_t d : r.dimsOf(rank)) {
    if (r.type == static_cast<int64_t>(PartitionType::Complete)) {
      break;
    }
    int64_t extent = 0;
    bool constant = core::constantValue(decl->shape[d], extent);
    require(r.factor >= 2 && (!constant || r.factor <= extent), ErrorKind::InvalidArgument,
            fmt::format("partition: factor {} does not fit dim {} of {}{}; Partition.{} takes the "
                        "number of banks, from 2 to {}",
                        r.factor, d + 1, what,
                        constant ? fmt::format(" ({} elements)", extent) : "",
                        partitionTypeName(r.type),
                        constant ? fmt::format("{} (= Partition.Complete)", extent) : "the extent"),
            step.loc);
  }
  // Each dim of an array takes one partition: a later step may repeat it,
  // never change it (Allo refuses a second partition of the same array).
  for (const Step& earlier : steps_) {
    if (earlier.primitive != "partition") {
      continue;
    }
    PartitionRequest e = partitionRequest(earlier);
    if (e.function != r.function || e.array != r.array || samePartition(e, r)) {
      continue;
    }
    std::vector<size_t> mine = r.dimsOf(rank), theirs = e.dimsOf(rank);
    for (size_t d : mine) {
      if (std::find(theirs.begin(), theirs.end(), d) == theirs.end()) {
        continue;
      }
      bool mixed = e.allDims() != r.allDims();
      throw Error(ErrorKind::InvalidSchedule,
                  fmt::format("partition: dim {} of {} is already partitioned {} by {} at {}; {}",
                              d + 1, what, dimText(e), earlier.str(), earlier.loc.str(),
                              mixed ? "dim=0 partitions every dim, so it cannot be mixed with a "
                                      "per-dim partition of the same array: name the dims in "
                                      "each step, or partition every dim in one step"
                                    : fmt::format("a dim takes one partition: drop one step, or "
                                                  "partition dim {} {} in both",
                                                  d + 1, dimText(e))),
                  step.loc);
    }
  }
}

} // namespace polyallo::poly

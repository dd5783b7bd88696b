// The QoR estimate of one function body (codegen/Estimate.h): its cycles, the rows of its
// loops, the operators it needs at once and the BRAM of its arrays. It walks the loop AST
// the HLS emitter prints:
//
//   sequence    segments of statements (one ASAP schedule each), loops and calls in turn
//   sequential  trip * iterLat + loop overhead per entry
//   unrolled F  ceil(trip / F) rounds of F copies (side by side for a straight-line body
//               that carries no flow dependence, the banks serving them in turn; else one
//               after another)
//   pipelined   iterLat + II * (trip - 1) + overhead, the iteration and its recurrence from
//               codegen/PipelineIteration.h, the port bound from layout::bankConflicts
//
// A dataflow body takes its slowest top-level stage.
#pragma once

#include "codegen/ArrayStorage.h"
#include "codegen/CarriedFlows.h"
#include "codegen/Estimate.h"
#include "codegen/LoopCounts.h"
#include "codegen/PipelineIteration.h"
#include "layout/BankConflicts.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polyallo::codegen {

using OpCounts = std::map<OpKind, int64_t>;

class FunctionEstimator {
public:
  /// Rows of the loops of `tree` (the schedule of `fm`, or of one of its PEs) go to
  /// `rows`, labelled with the HLS function name `hlsName`; `callees` are done already.
  FunctionEstimator(const poly::FunctionModel& fm, const isl::schedule& tree,
                    const ArrayLayouts& layouts, const Target& target,
                    const std::map<std::string, FunctionEstimate>& callees, std::string hlsName,
                    std::vector<LoopEstimate>& rows)
      : fm_(fm), tree_(tree), layouts_(layouts), target_(target), callees_(callees),
        name_(std::move(hlsName)), rows_(rows) {}

  /// Cycles of the whole body `ast` (the loop AST of the tree), summed over its one
  /// execution; a dataflow body: its slowest top-level stage (`notes` says so).
  int64_t run(const LoopNode& ast, bool dataflow, std::string& notes);

  /// Per operator kind, the most instances any part of the body needs at once.
  const OpCounts& operators() const { return ops_; }

  /// BRAM18K blocks of `a` under the function's layouts.
  int64_t bramBlocks(const core::ArrayDecl& a) const {
    return codegen::bramBlocks(a, layouts_, target_.bramBlockBits);
  }

private:
  const NodeCount& count(const LoopNode& n) const;
  int64_t entries(const LoopNode& n) const { return count(n).entries; }
  bool isCall(const LoopNode& n) const;
  const FunctionEstimate& callee(const LoopNode& n) const;
  SegmentSchedule newSegment() const;
  BodyContext bodyContext() const;

  int64_t sequence(const std::vector<LoopNode>& list, int depth, size_t from = 0,
                   size_t to = SIZE_MAX);
  LoopEstimate row(const LoopNode& n, int depth) const;
  int64_t loop(const LoopNode& n, int depth);
  int64_t pipelined(const LoopNode& n, int depth);
  void addInnerRows(const std::vector<LoopNode>& list, int depth);
  int64_t portStall(const std::vector<LoopNode>& body, int64_t factor) const;
  const poly::BandSite* site(const LoopNode& n) const;
  std::vector<CarriedFlow> carried(const LoopNode& n, int unroll = -1) const;
  const std::vector<layout::PipelinedLoop>& bankUse();

  const poly::FunctionModel& fm_;
  const isl::schedule& tree_;
  const ArrayLayouts& layouts_;
  const Target& target_;
  const std::map<std::string, FunctionEstimate>& callees_;
  std::string name_;
  std::vector<LoopEstimate>& rows_;
  std::map<const LoopNode*, NodeCount> counts_;
  std::vector<poly::BandSite> sites_;
  std::optional<std::vector<layout::PipelinedLoop>> bankUse_;
  OpCounts ops_;
};

} // namespace polyallo::codegen

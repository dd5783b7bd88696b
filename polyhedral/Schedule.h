// The schedule of a module: one isl schedule tree per function, changed only
// by primitives, every step validated, proven legal against the exact
// dependences of the original program, and logged. The log is the
// schedule: replaying it on the original model rebuilds every tree.
//
//   poly::Schedule s(model, "gemm");       // every function at program order
//   s.reorder({"k", "j"});                 // i, k, j: legal (only k carries)
//   s.pipeline("j");                       // a mark on loop j
//   s.tree("gemm");                        // the current isl::schedule
//   s.steps();                             // [reorder("k", "j"), pipeline("j")]
//
// Loops are named as in Allo: "i", "i.outer" / "i.inner" after split,
// "i_j_fused" after fuse; "func:i" names a loop of another function of the
// module and "band:i" (or "func:band:i") picks one of several loops of the
// same name. A step that fails leaves the schedule as it was and throws
// Error: UnknownName (listing the loops that exist), InvalidArgument (bad
// factor), InvalidSchedule (loops that do not fit the primitive, with the
// reason), IllegalSchedule (the dependence broken, with a witness pair of
// instances), IslQuota (naming the step).
//
// The primitives, by family (docs/primitives/*.md show each on a loop nest):
//   loops    split, tile, reorder, fuse           (LoopPrimitives.cpp)
//   marks    unroll, pipeline, parallel, dataflow, inline   (MarkPrimitives.cpp)
//   nests    compute_at                           (ComputeAt.cpp)
//   memory   buffer_at, reuse_at                  (BufferAt.cpp, ReuseAt.cpp)
//   whole    compose                              (Schedule.cpp)
//   memory   partition (validated and logged; layout/Infer.h reads it)   (Partition.cpp)
// scalar_expand rewrites the kernel itself, before extraction
// (core/ExpandScalar.h); marks are LoopAttrs in the band marks' payloads.
#pragma once

#include "polyhedral/Legality.h"
#include "polyhedral/Model.h"
#include "polyhedral/Partition.h"
#include "polyhedral/TreeEdit.h"

#include <cstdint>
#include <map>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

namespace polyallo::poly {

/// One primitive as the log records it.
struct Step {
  std::string primitive;          // "split", "reorder", ...
  std::string function;           // where unqualified names resolve
  std::vector<std::string> names; // the loops / bands / functions it names, as written
  std::vector<int64_t> values;    // factors, II, ...
  bool flag = false;              // pipeline: rewind; split: shrink the tail instead of guarding
  SourceLoc loc;

  /// The call as a script spells it: `split("i", 4)`, `reorder("k", "j")`.
  std::string str() const;
};

/// How split treats a trip count the factor does not divide.
enum class Tail {
  Guard,  // the inner loop keeps `factor` iterations, the body is guarded (default)
  Shrink, // the inner loop's bound is min(factor, what remains)
};

class Schedule {
public:
  /// Every function of `model` at program order; `function` is the one
  /// unqualified names refer to (what allo.customize was given).
  Schedule(const ModuleModel& model, std::string function);

  const ModuleModel& model() const { return *model_; }
  const std::string& function() const { return function_; }
  /// The current tree of `function` (default: this schedule's function).
  const isl::schedule& tree(const std::string& function = "") const;
  /// Every function's tree, with its rewritten statements where a memory
  /// primitive changed them: what emitters and the simulator take.
  ScheduleMap trees() const;
  /// `function` as the steps so far left it: the extracted model, or its
  /// rewrite by buffer_at / reuse_at (more statements, buffers, accesses).
  const FunctionModel& functionModel(const std::string& function) const;
  const std::vector<Step>& steps() const { return steps_; }

  /// Applies one logged step (what replay and the script use).
  void apply(Step step);
  /// A fresh schedule with the first `count` steps of this one replayed.
  Schedule replay(size_t count) const;

  using Here = std::source_location;

  /// for i in range(10):        for i.outer in range(3):
  ///   S(i)              ->       for i.inner in range(4):
  ///                                if i.inner <= 9 - 4 * i.outer:   (Tail::Guard)
  ///                                  S(4 * i.outer + i.inner)
  /// The factor lies in [1, trip count]; the marks of `axis` stay on i.inner.
  Schedule& split(const std::string& axis, int64_t factor, Tail tail = Tail::Guard,
                  Here here = Here::current());
  /// for i, j, k: S   --reorder("k", "j")-->   for i, k, j: S
  /// The loops named take, in the order given, the positions they held in
  /// their band; they must lie in one perfectly nested band.
  Schedule& reorder(const std::vector<std::string>& axes, Here here = Here::current());
  /// split(x, fx), split(y, fy), then x.outer, y.outer, x.inner, y.inner.
  Schedule& tile(const std::string& x, const std::string& y, int64_t fx, int64_t fy,
                 Here here = Here::current());
  /// for i in range(4): for j in range(8): S(i, j)
  ///   --fuse("i", "j")-->  for i_j_fused in range(32): S(i_j_fused // 8, i_j_fused % 8)
  /// Consecutive members of one band; each inner one with constant bounds.
  Schedule& fuse(const std::vector<std::string>& axes, Here here = Here::current());
  /// for i, j: B[i, j] = ...           for i, j:
  /// for i, j: C[i, j] = B[i, j]  -->    B[i, j] = ...
  ///                                     C[i, j] = B[i, j]
  /// `producer` names a loop (its band) or a band; the producer's outer loops
  /// join the consumer's loops down to `consumerAxis`.
  Schedule& computeAt(const std::string& producer, const std::string& consumerAxis,
                      Here here = Here::current());
  /// Marks (they never change the order of execution, so they are always
  /// legal, except parallel on a loop that carries a dependence):
  /// `#pragma HLS unroll [factor=F]` (0 = fully), `pipeline II=N [rewind]`.
  Schedule& unroll(const std::string& axis, int64_t factor = 0, Here here = Here::current());
  Schedule& pipeline(const std::string& axis, int64_t ii = 1, bool rewind = false,
                     Here here = Here::current());
  Schedule& parallel(const std::string& axis, Here here = Here::current());
  /// A function (its whole body runs as a dataflow region) or a loop.
  Schedule& dataflow(const std::string& target, Here here = Here::current());
  /// `#pragma HLS inline` on a function (default: this schedule's).
  Schedule& inlineFunction(const std::string& target = "", Here here = Here::current());
  /// Replays `sub`'s steps on function `target` of this module (default:
  /// sub's own function; a template instance's name for compose(s, id=)).
  Schedule& compose(const Schedule& sub, const std::string& target = "",
                    Here here = Here::current());
  Schedule& compose(const Schedule& sub, const std::string& target, const SourceLoc& loc);
  /// `#pragma HLS array_partition` for `array` ("A" or "func:A"): `dims`
  /// count from 1, {0} means every dim; Block and Cyclic take the number of
  /// banks (2 to the extent), Complete none. Logged only: layout::infer
  /// propagates it over calls and reports requirements that do not meet.
  ///   A: float32[8, 8], partition("A", PartitionType::Cyclic, {2}, 4)
  ///   -> banks { A[i, j] -> [0, j mod 4, i, floor(j / 4)] }
  Schedule& partition(const std::string& array, PartitionType type = PartitionType::Complete,
                      const std::vector<int64_t>& dims = {0}, int64_t factor = 0,
                      Here here = Here::current());

  /// An on-chip buffer for `array` inside loop `axis`; returns its name
  /// ("C_buf"). Before / after (docs/primitives/memory.md):
  ///   for i: for k: for j:            for i:
  ///     C[i, j] += A[i, k] * B[k, j]     for j_init: C_buf[j_init] = C[i, j_init]
  ///                                      for k: for j: C_buf[j] += A[i, k] * B[k, j]
  ///                                      for j_back: C[i, j_back] = C_buf[j_back]
  /// The buffer holds the box of elements one iteration of `axis` touches;
  /// refused when that box has no constant size.
  std::string bufferAt(const std::string& array, const std::string& axis,
                       Here here = Here::current());

  /// A shift buffer for the reads of `array` inside loop `axis`, whose
  /// window moves along one dimension of `array` as `axis` advances; returns
  /// its name ("A_reuse"). Before / after (docs/primitives/memory.md):
  ///   for y: for x:                       for y:
  ///     B[y, x] = A[y, x] + A[y + 1, x]      (y > 0) for x_shift: A_reuse[0, x_shift] = A_reuse[1,
  ///     x_shift]
  ///                                          (y > 0) for x_load: A_reuse[1, x_load] = A[y + 1,
  ///                                          x_load] (y = 0) for y_load, x_load: A_reuse[..] = A[y
  ///                                          + .., x_load] for x: B[y, x] = A_reuse[0, x] +
  ///                                          A_reuse[1, x]
  /// The buffer holds `distance + 1` rows of the window (the box of what one
  /// iteration reads); each iteration shifts it by the window's stride and
  /// loads the new rows. Applied to the returned buffer along an inner loop
  /// it gives the window buffer. Refused when the loop writes `array`.
  std::string reuseAt(const std::string& array, const std::string& axis,
                      Here here = Here::current());

  /// One processing element (PE) per value of the loops `axes` of `band`
  /// (indices among its loops, outermost 0); each PE becomes a function of
  /// its own, all running concurrently (docs/primitives/dataflow.md):
  ///   for i, j in grid(2, 2, name="PE"):        PE_0_0: for k: C[0, 0] += A[0, k] * B[k, 0]
  ///     for k: C[i, j] += A[i, k] * B[k, j]  -> PE_0_1: for k: C[0, 1] += A[0, k] * B[k, 1]
  ///                                             PE_1_0, PE_1_1 likewise
  /// `factors` (optional, one per axis) must equal the loops' trip counts.
  /// Refused when two PEs touch one element of a shared array with a write,
  /// or a PE reads a local another PE wrote (PEs share data through streams).
  Schedule& unfold(const std::string& band, const std::vector<int64_t>& axes,
                   const std::vector<int64_t>& factors = {}, Here here = Here::current());

  /// Streams the buffer `buffer` (from buffer_at inside an unfolded band)
  /// between neighbouring PEs: the first PE along the relay axis loads it
  /// from memory, every other PE gets it from its predecessor's FIFO, and
  /// every PE but the last passes it on (the systolic relay). The relay
  /// runs along the unfolded loop the buffer's contents do not depend on;
  /// `axis` (an index among the unfolded loops, as in Allo) names it or, in
  /// the spelling that names the buffer's spatial dimension, the other one.
  /// FIFOs of `depth` elements (-1: 2); returns the stream's name ("A_buf_fifo").
  /// Without `axis`, streams the local `buffer` from the statement that last
  /// writes it to `band` (the function, loop or band that reads it next):
  /// the function becomes two concurrent stages joined by one FIFO
  /// (docs/primitives/dataflow.md).
  ///   PE_i_j: for k: A_buf[k] = A[i, k]     ->   PE_i_0: for k: A_buf[k] = A[i, k]; fifo[i,
  ///   1].put(A_buf[k])
  ///                                              PE_i_j: for k: A_buf[k] = fifo[i, j].get();
  ///                                              fifo[i, j + 1].put(..)
  std::string to(const std::string& buffer, const std::string& band, std::optional<int64_t> axis,
                 int64_t depth = -1, Here here = Here::current());

  /// Function-level marks, read back (the mark under the tree's root).
  bool isDataflow(const std::string& function) const;
  bool isInline(const std::string& function) const;

private:
  /// A loop found by name: its function, its band and its member.
  struct Loop {
    std::string function;
    BandSite band;
    size_t member = 0;
    const std::string& name() const { return band.names.loops[member]; }
  };

  Loop findLoop(const Step& step, const std::string& spelling) const;
  std::vector<Loop> findLoops(const Step& step, const std::vector<std::string>& spellings) const;
  /// A band by its name or by one of its loops.
  Loop findBand(const Step& step, const std::string& spelling) const;
  /// Every loop of `function`, qualified where names repeat ("S_i_0:i").
  std::string loopList(const std::string& function) const;
  /// functionModel(name), or Error(UnknownName) at `loc` listing the functions.
  const FunctionModel& functionModel(const std::string& name, const SourceLoc& loc) const;

  /// "the scalar 'acc' is shared by every iteration: s.scalar_expand(...)"
  /// when `v` is about a scalar, else "".
  static std::string scalarHint(const Violation& v, const std::string& loop);
  /// What a step's new tree must be checked for.
  enum class Check {
    Nothing,       // marks that order nothing
    ParallelMarks, // a rewritten program whose dependences come from this tree
    Everything,    // a new order of the same program
  };
  /// Checks `tree` against the dependences of `function` (Everything) and
  /// every loop marked parallel against the dependences it would carry
  /// (ParallelMarks too), then installs it.
  void commit(const Step& step, const std::string& function, isl::schedule tree, Check check);
  /// `loop`'s band with its mark payload replaced by `names`.
  isl::schedule withNames(const Loop& loop, const BandNames& names) const;
  /// `loop`'s band with new members and names.
  isl::schedule withBand(const Loop& loop, const isl::multi_union_pw_aff& partial,
                         const BandNames& names) const;

  void applySplit(const Step& step);
  void applyReorder(const Step& step);
  void applyTile(const Step& step);
  void applyFuse(const Step& step);
  void applyComputeAt(const Step& step);
  void applyMark(const Step& step);
  void applyParallel(const Step& step);
  void applyFunctionMark(const Step& step);
  void applyPartition(const Step& step);
  void applyBufferAt(const Step& step);
  void applyReuseAt(const Step& step);
  void applyUnfold(const Step& step);
  void applyTo(const Step& step);
  void applyStageStream(const Step& step);

  /// The array and loop a memory primitive (buffer_at, reuse_at) names,
  /// validated, with the references to the array inside the loop.
  struct MemoryTarget {
    Loop axis;
    std::shared_ptr<core::ArrayDecl> array;
    std::vector<int> refs; // indices into the function's refs
    std::string call;      // `buffer_at(A, "i")`, for messages
  };
  MemoryTarget memoryTarget(const Step& step) const;

  Schedule& run(Step step, const Here& here);

  const ModuleModel* model_;
  std::string function_;
  std::map<std::string, isl::schedule> trees_;
  /// Functions whose statements a memory primitive rewrote.
  std::map<std::string, std::shared_ptr<const FunctionModel>> rewritten_;
  std::vector<Step> steps_;
};

} // namespace polyallo::poly

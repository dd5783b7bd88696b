// The polyhedral model of a module: per function, statement instances,
// tagged accesses, the initial schedule tree and exact dependences.
//
//   for i, j, k in allo.grid(M, N, K):          S0 domain  [M, N, K] -> { S0[i, j, k] :
//     C[i, j] += A[i, k] * B[k, j]                            0 <= i < M and ... }
//                                                reads  { [S0[i, j, k] -> R0[]] -> C[i, j];
//                                                         [S0[i, j, k] -> R1[]] -> A[i, k]; ... }
//                                                writes { [S0[i, j, k] -> R3[]] -> C[i, j] }
//                                                schedule: mark "S_i_j_k_0" (loops i, j, k)
//                                                          band [i, j, k]
//
// Statements are numbered S0, S1, ... in program order per function; each
// array access has a reference tag R0, R1, ... (unique per function). Array
// tuples are named after the arrays; symbolic sizes are isl parameters.
#pragma once

#include "core/Module.h"
#include "polyhedral/Isl.h"
#include "polyhedral/LoopAttrs.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace polyallo::poly {

/// The payload of the mark node directly above every band: the band's name
/// and one loop name per band member, outermost first, with each loop's
/// hardware attributes.
struct BandNames {
  std::string band;               // "S_i_j_k_0", or the grid's name= label
  std::vector<std::string> loops; // "i", "j", "k"
  std::vector<LoopAttrs> attrs;   // per loop; missing entries are default

  /// The attributes of member `m` (default ones if none were recorded).
  LoopAttrs attrsOf(size_t m) const { return m < attrs.size() ? attrs[m] : LoopAttrs{}; }
  /// "loops i, j [pipeline II=1], k"
  std::string loopsText() const;
};

/// Reads the BandNames payload of a mark id; nullptr if it has none.
const BandNames* bandNames(const isl::id& markId);
/// Makes a mark id carrying `names` (id name = names.band).
isl::id makeBandMark(isl::ctx ctx, BandNames names);

/// What an access of a stream does to its FIFO (each is both a read and a
/// write of the FIFO element, so accesses of one FIFO keep their order).
enum class StreamOp { None, Get, Put };

/// One array access of one statement.
struct Reference {
  std::string tag;   // "R3"
  int statement = 0; // index into FunctionModel::statements
  std::string array;
  bool write = false;
  bool must = true;   // false for guarded or non-affine writes (may-writes)
  bool affine = true; // false: the relation over-approximates (whole array)
  isl::map access;    // S[i..] -> A[...] (untagged)
  StreamOp stream = StreamOp::None;
};

/// One statement: an assignment, or a call summarised by its footprints.
struct Statement {
  std::string name; // "S0"
  core::StmtPtr stmt;
  /// Enclosing loops, outermost first: domain dimension d is loops[d]'s iterator.
  std::vector<core::StmtPtr> loops;
  /// Data-dependent conditions that must all hold (else branches negated).
  std::vector<core::Expr> guards;
  isl::set domain;
};

/// Exact dependences between statement instances (S[i..] -> S'[j..]):
/// a source executes before its sink in the original program.
struct Dependences {
  isl::union_map flow;   // read after write (value-based, last writer)
  isl::union_map anti;   // write after read
  isl::union_map output; // write after write
  /// The same relations between tagged references ([S[..] -> R[]] -> [S'[..] -> R'[]]).
  isl::union_map taggedFlow, taggedAnti, taggedOutput;
  /// Reads that may see a value from before the function (no writer inside
  /// it precedes them): what a call of the function really reads.
  isl::union_map liveIn;
  /// flow + anti + output: the relations a transformation must respect.
  isl::union_map all() const;
};

/// isl's C++ objects throw when a null one is copied: a FunctionModel is
/// only ever copied once extraction has filled every member.
struct FunctionModel {
  const core::Function* fn = nullptr;
  /// On-chip buffers a memory primitive (buffer_at, reuse_at) introduced:
  /// locals of the function that fn's own declarations do not list.
  std::vector<std::shared_ptr<core::ArrayDecl>> buffers;
  std::vector<Statement> statements;
  std::vector<Reference> refs;
  isl::set context;            // constraints on parameters (each >= 1)
  isl::union_set domain;       // all statement instances
  isl::union_set arrayExtents; // A[i, j] : 0 <= i < M and 0 <= j < N, per array
  isl::union_map taggedReads, taggedMayWrites, taggedMustWrites;
  isl::union_map reads, mayWrites, mustWrites; // untagged
  isl::schedule schedule;                      // program order, a BandNames mark above each band
  Dependences deps;

  /// fn's arrays, then the buffers.
  std::vector<std::shared_ptr<core::ArrayDecl>> arrays() const;
  /// The array or buffer named `name`, or nullptr.
  std::shared_ptr<core::ArrayDecl> findArray(const std::string& name) const;
  /// The array or buffer named `name`; Error(UnknownName) at `loc` listing
  /// them otherwise ("partition: function 'k' has no array 'Z'; its arrays are A, B").
  std::shared_ptr<core::ArrayDecl> array(const std::string& name, const std::string& primitive,
                                         const SourceLoc& loc) const;
  /// Recomputes domain and the access unions (tagged and untagged) from
  /// statements and refs, after extraction or a rewrite changed them.
  void indexAccesses();

  const Statement& statement(const std::string& name) const;
  /// Statement index of an isl tuple name "S3" (-1 if unknown).
  int statementIndex(const std::string& name) const;
};

/// A function as a schedule leaves it: its tree, and its statements when a
/// memory primitive rewrote them (accesses redirected to a buffer, copy
/// statements added). Converts from a bare tree (the extracted statements).
struct ScheduledFunction {
  ScheduledFunction(isl::schedule t) : tree(std::move(t)) {} // NOLINT(google-explicit-constructor)
  ScheduledFunction(isl::schedule t, std::shared_ptr<const FunctionModel> m)
      : tree(std::move(t)), rewritten(std::move(m)) {}
  isl::schedule tree;
  std::shared_ptr<const FunctionModel> rewritten; // null: the extracted statements
};

/// What emitters and the simulator take: per function, how it is scheduled
/// (a function missing from the map runs at program order).
using ScheduleMap = std::map<std::string, ScheduledFunction>;

struct ExtractOptions {
  unsigned long maxOperations = IslContext::kDefaultMaxOperations;
};

/// The model of a whole module. Owns the isl context, which must outlive
/// every isl object derived from it, so keep the ModuleModel alive.
class ModuleModel {
public:
  const core::Module& module() const { return *module_; }
  const IslContext& isl() const { return *ctx_; }
  const std::vector<FunctionModel>& functions() const { return functions_; }
  /// Throws Error(UnknownName) listing the functions when not found.
  const FunctionModel& function(const std::string& name) const;
  /// The functions ordered so that every callee comes before its callers.
  std::vector<const FunctionModel*> calleesFirst() const;

private:
  friend ModuleModel extract(const core::Module& module, const ExtractOptions& options);
  const core::Module* module_ = nullptr;
  std::unique_ptr<IslContext> ctx_; // declared first among isl owners: destroyed last
  std::vector<FunctionModel> functions_;
  std::vector<std::string> calleesFirst_;
};

/// Extracts every function of `module` (callees before callers) and computes
/// dependences. Throws Error on non-affine structure the model cannot express
/// and Error(IslQuota) when isl exceeds its budget.
ModuleModel extract(const core::Module& module, const ExtractOptions& options = {});

} // namespace polyallo::poly

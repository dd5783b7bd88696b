// Hardware intent on one loop: what pipeline, unroll, parallel, dataflow and
// split's guarded tail leave behind. It lives in the tree, in the BandNames
// payload of the mark above the loop's band (one LoopAttrs per band member),
// so it moves with its loop through later splits and reorders; the loop AST
// copies it onto every For (LoopNode::attrs) for the emitters.
//
//   s.pipeline("j"); s.unroll("k", 4)     mark S_i_j_k_0 (loops i, j [pipeline II=1], k [unroll 4])
//                                           band [i, j, k]
#pragma once

#include <string>

namespace polyallo::poly {

struct LoopAttrs {
  int pipelineII = 0; // 0 = not pipelined
  bool rewind = false;
  int unroll = -1; // -1 = not unrolled, 0 = fully, F = by a factor F
  bool parallel = false;
  bool dataflow = false;
  /// unfold: one processing element (a function of its own) per iteration.
  bool unfold = false;
  /// The inner loop of a split whose factor does not divide the trip count:
  /// it keeps `guardTail` iterations and its body runs under a guard.
  int guardTail = 0;

  bool empty() const { return str().empty(); }
  /// "pipeline II=2 rewind, unroll 4" ("" when nothing is set).
  std::string str() const;
};

} // namespace polyallo::poly

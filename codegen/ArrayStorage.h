// How the QoR estimator (codegen/Estimate.h) sees an array under its partitions: a
// register (a scalar, one element, or partitioned completely in every dimension of extent
// above 1), a FIFO (a stream), else a BRAM per bank; and the BRAM18K blocks it takes.
//
//   A: float32[64, 64], cyclic factor 4 on dim 1      BRAM, 4 banks of 1024 elements:
//                                                     ceil(1024 * 32 / 18432) = 2 blocks
//                                                     each, 8 in all
#pragma once

#include "codegen/StatementTiming.h"
#include "layout/Infer.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace polyallo::codegen {

using ArrayLayouts = std::map<std::string, layout::LayoutType>;

/// The constant extents of `a` (Error(NotImplemented) for a symbolic one).
std::vector<int64_t> extents(const core::ArrayDecl& a);

/// Where `a` lives, under `layouts` (an array without a layout is one bank).
Storage storageOf(const core::ArrayDecl& a, const ArrayLayouts& layouts);

/// The banks `a` is partitioned into.
int64_t banksOf(const core::ArrayDecl& a, const ArrayLayouts& layouts);

/// BRAM18K blocks of `a`: per bank ceil(bits / block bits); 0 unless it is a BRAM.
int64_t bramBlocks(const core::ArrayDecl& a, const ArrayLayouts& layouts, int64_t blockBits);

} // namespace polyallo::codegen

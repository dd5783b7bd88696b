#include "layout/LayoutType.h"

#include <fmt/format.h>

#include <numeric>

namespace polyallo::layout {

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// Elements per block of block(f) on `extent` elements.
int64_t blockSize(int64_t factor, int64_t extent) { return ceilDiv(extent, factor); }

/// The block partition whose blocks hold `size` elements, if some factor
/// gives blocks of exactly that size (on 10 elements no factor gives 6).
std::optional<DimPartition> blockOfSize(int64_t size, int64_t extent) {
  int64_t factor = ceilDiv(extent, size);
  if (blockSize(factor, extent) != size) {
    return std::nullopt;
  }
  return normalize(DimPartition::block(factor), extent);
}

bool bothOf(const DimPartition& a, const DimPartition& b, PartitionKind kind) {
  return a.kind == kind && b.kind == kind;
}

/// lcm(a, b), or nullopt when it does not fit in 62 bits.
std::optional<int64_t> lcmOf(int64_t a, int64_t b) {
  int64_t g = std::gcd(a, b);
  if (a / g > (int64_t{1} << 62) / b) {
    return std::nullopt;
  }
  return a / g * b;
}

} // namespace

std::string DimPartition::str() const {
  switch (kind) {
  case PartitionKind::None:
    return "none";
  case PartitionKind::Complete:
    return "complete";
  case PartitionKind::Block:
    return fmt::format("block({})", factor);
  case PartitionKind::Cyclic:
    return fmt::format("cyclic({})", factor);
  }
  return "?";
}

bool LayoutType::partitioned() const {
  for (const DimPartition& d : dims) {
    if (d.kind != PartitionKind::None) {
      return true;
    }
  }
  return false;
}

std::string LayoutType::str() const {
  std::vector<std::string> parts;
  for (const DimPartition& d : dims) {
    parts.push_back(d.str());
  }
  return fmt::format("[{}]", fmt::join(parts, ", "));
}

DimPartition normalize(DimPartition p, int64_t extent) {
  if (extent == 1 || p.kind == PartitionKind::None) {
    return DimPartition::none();
  }
  if (p.kind == PartitionKind::Complete) {
    return p;
  }
  if (p.factor <= 1) {
    return DimPartition::none();
  }
  if (extent <= 0) {
    return p; // symbolic: the factor is all we know
  }
  if (p.factor >= extent) {
    return DimPartition::complete();
  }
  if (p.kind == PartitionKind::Block) {
    // The number of non-empty blocks: block(6) on 10 elements has 5.
    p.factor = ceilDiv(extent, blockSize(p.factor, extent));
  }
  return p;
}

LayoutType normalize(LayoutType layout, const std::vector<int64_t>& extents) {
  require(layout.dims.size() == extents.size(), ErrorKind::Internal,
          [&] { return fmt::format("layout {} given {} extents", layout.str(), extents.size()); });
  for (size_t d = 0; d < extents.size(); ++d) {
    layout.dims[d] = normalize(layout.dims[d], extents[d]);
  }
  return layout;
}

isl::map bankMap(isl::ctx ctx, const std::string& array, const std::vector<int64_t>& extents,
                 const LayoutType& layout) {
  size_t rank = extents.size();
  require(layout.dims.size() == rank, ErrorKind::InvalidArgument,
          fmt::format("bankMap: layout {} of array '{}' has {} dims, the array {}", layout.str(),
                      array, layout.dims.size(), rank));
  isl::space space = isl::space::unit(ctx).add_named_tuple(array, static_cast<unsigned>(rank));
  isl::multi_aff index = space.identity_multi_aff_on_domain();
  isl::aff zero = space.zero_aff_on_domain();
  isl::set box = space.universe_set();
  isl::aff_list banks(ctx, static_cast<int>(rank)), offsets(ctx, static_cast<int>(rank));
  for (size_t d = 0; d < rank; ++d) {
    int64_t n = extents[d];
    require(n > 0, ErrorKind::InvalidArgument,
            fmt::format("bankMap: dim {} of array '{}' has extent {}; bank maps need positive "
                        "constant extents",
                        d + 1, array, n));
    isl::aff i = index.at(static_cast<int>(d));
    box = box.intersect(i.ge_set(zero)).intersect(i.lt_set(zero.add_constant(n)));
    const DimPartition& p = layout.dims[d];
    require(p.kind == PartitionKind::None || p.kind == PartitionKind::Complete || p.factor >= 1,
            ErrorKind::InvalidArgument,
            fmt::format("bankMap: {} on dim {} of array '{}' needs a positive number of banks",
                        p.str(), d + 1, array));
    switch (p.kind) {
    case PartitionKind::None:
      banks = banks.add(zero);
      offsets = offsets.add(i);
      break;
    case PartitionKind::Complete:
      banks = banks.add(i);
      offsets = offsets.add(zero);
      break;
    case PartitionKind::Block: {
      int64_t size = blockSize(p.factor, n);
      banks = banks.add(i.scale_down(size).floor());
      offsets = offsets.add(i.mod(size));
      break;
    }
    case PartitionKind::Cyclic:
      banks = banks.add(i.mod(p.factor));
      offsets = offsets.add(i.scale_down(p.factor).floor());
      break;
    }
  }
  isl::aff_list all = banks.concat(offsets);
  isl::space mapSpace = space.add_unnamed_tuple(static_cast<unsigned>(2 * rank));
  return isl::multi_aff(mapSpace, all).as_map().intersect_domain(box);
}

bool isSubtype(const DimPartition& finer, const DimPartition& coarser, int64_t extent) {
  DimPartition a = normalize(finer, extent), b = normalize(coarser, extent);
  if (b.kind == PartitionKind::None || a.kind == PartitionKind::Complete) {
    return true;
  }
  if (bothOf(a, b, PartitionKind::Cyclic)) {
    return a.factor % b.factor == 0;
  }
  if (bothOf(a, b, PartitionKind::Block)) {
    // Block boundaries lie at multiples of the block size: every g-boundary
    // must be an f-boundary.
    return extent > 0 ? blockSize(b.factor, extent) % blockSize(a.factor, extent) == 0
                      : a.factor == b.factor;
  }
  return false; // none below a partition, a partition below complete, block vs cyclic
}

bool isSubtype(const LayoutType& finer, const LayoutType& coarser,
               const std::vector<int64_t>& extents) {
  for (size_t d = 0; d < extents.size(); ++d) {
    if (!isSubtype(finer.dims.at(d), coarser.dims.at(d), extents[d])) {
      return false;
    }
  }
  return true;
}

std::optional<DimPartition> meet(const DimPartition& a, const DimPartition& b, int64_t extent) {
  if (isSubtype(a, b, extent)) {
    return normalize(a, extent);
  }
  if (isSubtype(b, a, extent)) {
    return normalize(b, extent);
  }
  DimPartition x = normalize(a, extent), y = normalize(b, extent);
  if (bothOf(x, y, PartitionKind::Cyclic)) {
    // Residues mod lcm determine residues mod both; below the extent only.
    std::optional<int64_t> l = lcmOf(x.factor, y.factor);
    if (l && (extent <= 0 || *l < extent)) {
      return DimPartition::cyclic(*l);
    }
  } else if (bothOf(x, y, PartitionKind::Block) && extent > 0) {
    // The common refinements are the blocks whose size divides both sizes;
    // the coarsest one some factor realizes (1 element = complete: refused).
    int64_t g = std::gcd(blockSize(x.factor, extent), blockSize(y.factor, extent));
    for (int64_t size = g; size >= 2; --size) {
      if (g % size == 0) {
        if (std::optional<DimPartition> p = blockOfSize(size, extent)) {
          return p;
        }
      }
    }
  }
  return std::nullopt;
}

std::optional<LayoutType> meet(const LayoutType& a, const LayoutType& b,
                               const std::vector<int64_t>& extents) {
  LayoutType out;
  for (size_t d = 0; d < extents.size(); ++d) {
    std::optional<DimPartition> m = meet(a.dims.at(d), b.dims.at(d), extents[d]);
    if (!m) {
      return std::nullopt;
    }
    out.dims.push_back(*m);
  }
  return out;
}

DimPartition join(const DimPartition& a, const DimPartition& b, int64_t extent) {
  if (isSubtype(a, b, extent)) {
    return normalize(b, extent);
  }
  if (isSubtype(b, a, extent)) {
    return normalize(a, extent);
  }
  DimPartition x = normalize(a, extent), y = normalize(b, extent);
  if (bothOf(x, y, PartitionKind::Cyclic)) {
    return normalize(DimPartition::cyclic(std::gcd(x.factor, y.factor)), extent);
  }
  if (bothOf(x, y, PartitionKind::Block) && extent > 0) {
    // The common coarsenings are the blocks whose size is a multiple of both
    // sizes; the finest one some factor realizes, else none.
    int64_t sx = blockSize(x.factor, extent), sy = blockSize(y.factor, extent);
    int64_t l = sx / std::gcd(sx, sy) * sy;
    for (int64_t size = l; size < extent; size += l) {
      if (std::optional<DimPartition> p = blockOfSize(size, extent)) {
        return *p;
      }
    }
  }
  return DimPartition::none();
}

LayoutType join(const LayoutType& a, const LayoutType& b, const std::vector<int64_t>& extents) {
  LayoutType out;
  for (size_t d = 0; d < extents.size(); ++d) {
    out.dims.push_back(join(a.dims.at(d), b.dims.at(d), extents[d]));
  }
  return out;
}

} // namespace polyallo::layout

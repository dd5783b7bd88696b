#include "codegen/ArrayStorage.h"

#include <fmt/format.h>

namespace polyallo::codegen {

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return b <= 0 ? a : (a + b - 1) / b; }

} // namespace

using layout::PartitionKind;

std::vector<int64_t> extents(const core::ArrayDecl& a) {
  std::vector<int64_t> out;
  for (const core::Expr& e : a.shape) {
    int64_t n = 0;
    require(core::constantValue(e, n), ErrorKind::NotImplemented,
            fmt::format("not implemented yet: a QoR estimate for array '{}' of non-constant shape",
                        a.name));
    out.push_back(n);
  }
  return out;
}

Storage storageOf(const core::ArrayDecl& a, const ArrayLayouts& layouts) {
  if (a.isStream()) {
    return Storage::Fifo;
  }
  std::vector<int64_t> ext = extents(a);
  int64_t elements = 1;
  for (int64_t e : ext) {
    elements *= e;
  }
  if (elements <= 1) {
    return Storage::Register;
  }
  auto l = layouts.find(a.name);
  if (l == layouts.end()) {
    return Storage::Bram;
  }
  for (size_t d = 0; d < ext.size(); ++d) {
    if (ext[d] > 1 && l->second.dims[d].kind != PartitionKind::Complete) {
      return Storage::Bram;
    }
  }
  return Storage::Register;
}

int64_t banksOf(const core::ArrayDecl& a, const ArrayLayouts& layouts) {
  std::vector<int64_t> ext = extents(a);
  int64_t banks = 1;
  auto l = layouts.find(a.name);
  for (size_t d = 0; l != layouts.end() && d < ext.size(); ++d) {
    const layout::DimPartition& p = l->second.dims[d];
    banks *= p.kind == PartitionKind::Complete ? ext[d]
             : p.kind == PartitionKind::None   ? 1
                                               : p.factor;
  }
  return banks;
}

int64_t bramBlocks(const core::ArrayDecl& a, const ArrayLayouts& layouts, int64_t blockBits) {
  if (storageOf(a, layouts) != Storage::Bram) {
    return 0;
  }
  int64_t elements = 1;
  for (int64_t e : extents(a)) {
    elements *= e;
  }
  int64_t banks = banksOf(a, layouts);
  int64_t bits = ceilDiv(elements, banks) * a.type.width;
  return ceilDiv(bits, blockBits) * banks;
}

} // namespace polyallo::codegen

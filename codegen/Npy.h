// NumPy .npy files for host Buffers: the way Allo users pass test data in and
// get results out.
//
//   Buffer a = readNpy("a.npy", core::Int(7), {4, 4}, "A");  // checked: shape, range
//   writeNpy("c.npy", c);                                    // np.load("c.npy") reads it
//   npyDtypeFor(core::Int(7));                               // "|i1"
//
// Reading accepts format versions 1.0, 2.0 and 3.0, dtypes |b1, i1/i2/i4/i8,
// u1/u2/u4/u8, f4/f8 in either byte order, C or Fortran order. Every value
// must be representable in the declared element type; nothing wraps silently.
// Fixed-point arrays travel as real values (Allo passes them as NumPy floats):
// v is stored as the raw floor(v * 2^frac). Extra bytes after the data are
// ignored, as np.load does (np.save can append several arrays to one file).
//
// Writing produces exactly what np.save writes for the "next standard dtype":
// format 1.0 (2.0 if the header needs it), data 64-byte aligned, C order.
#pragma once

#include "codegen/Buffer.h"
#include "core/Types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polyallo::codegen {

/// Reads the .npy file `path` into a Buffer of `type` and `shape`; `arrayName`
/// names the array in messages. A declared scalar (empty shape) accepts file
/// shapes () and (1,).
/// Errors: LoadFailed if the file cannot be opened; InvalidArgument (naming
/// the path or the array) for a malformed or truncated file, an unsupported
/// dtype, a shape mismatch, or an element out of range for `type` (integers
/// must be integral, fixed point and float-to-integer values finite).
Buffer readNpy(const std::string& path, const core::ElemType& type,
               const std::vector<int64_t>& shape, const std::string& arrayName);

/// Writes `buffer` to `path` as np.save would write it with dtype
/// npyDtypeFor(buffer.type()). Fixed-point elements are written as float64
/// real values raw * 2^-frac: exact when width <= 53, rounded to nearest
/// otherwise. Error InvalidArgument "cannot write PATH: REASON" on I/O failure.
void writeNpy(const std::string& path, const Buffer& buffer);

/// The NumPy dtype descr writeNpy uses for `type`: bool -> "|b1"; Int(w) ->
/// the smallest of |i1, <i2, <i4, <i8 with >= w bits; UInt(w) -> |u1 .. <u8;
/// index -> "<i8"; float32 -> "<f4"; float64 and fixed point -> "<f8".
std::string npyDtypeFor(const core::ElemType& type);

} // namespace polyallo::codegen

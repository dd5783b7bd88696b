// polyallo's own C-simulation headers for emitted Vitis HLS C++ (codegen/csim/): ap_int.h,
// ap_fixed.h, hls_stream.h, hls_math.h, embedded in the library so that emitted code can be
// compiled and run without Vitis.
//
//   for (const CsimHeader& h : csimHeaders())
//     writeFile(outDir + "/" + h.name, h.text);   // then: g++ -std=c++17 -I outDir kernel.cpp
//
// The texts are generated at build time from codegen/csim/*.h (CMakeLists.txt, a configured
// CsimHeaders.cpp in the build directory); editing a header regenerates them.
#pragma once

#include <vector>

namespace polyallo::codegen {

struct CsimHeader {
  const char* name; // file name, e.g. "ap_int.h"
  const char* text; // the header's full text
};

/// Every csim header, sorted by name.
const std::vector<CsimHeader>& csimHeaders();

} // namespace polyallo::codegen

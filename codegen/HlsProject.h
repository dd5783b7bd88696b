// A Vitis HLS project folder around the emitted kernel: kernel.h and
// kernel.cpp (HlsEmitter.h), a testbench that reads the top kernel's arrays
// from .npy files, calls it and writes every array back, run_hls.tcl, a
// Makefile, and our csim headers under csim/ so that `make csim` builds and
// runs the testbench with g++ on a machine without Vitis.
//
//   DIR/kernel.h kernel.cpp testbench.cpp run_hls.tcl Makefile csim/ap_int.h ...
//   make -C DIR csim DATA=in OUT=out      # g++ -I csim; reads in/A.npy ..., writes out/A.npy ...
//   vitis_hls -f run_hls.tcl              # csim + csynth on xcu280 at 300 MHz (settable)
#pragma once

#include "polyhedral/Schedule.h"

#include <string>
#include <utility>
#include <vector>

namespace polyallo::codegen {

struct HlsProjectOptions {
  std::string top; // the kernel the testbench calls
  /// The `vitis_hls` target: the top is the extern "C" m_axi wrapper
  /// (HlsEmitter.h's axiTopName); otherwise (`vhls`) the kernel itself.
  bool axi = false;
  std::string part = "xcu280-fsvh2892-2L-e"; // Alveo U280
  double clockMHz = 300.0;
  std::vector<std::string> steps = {"csim", "csynth"}; // of csim, csynth, cosim, export
};

/// Every file of the project, as (path relative to the folder, contents).
/// Throws Error(UnknownName) for an unknown top and Error(InvalidArgument) for
/// an unknown step.
std::vector<std::pair<std::string, std::string>> hlsProject(const poly::Schedule& schedule,
                                                            const HlsProjectOptions& options);

/// The testbench alone (testbench.cpp): `testbench IN OUT` reads IN/NAME.npy
/// for every array parameter of `top` (dtype codegen::npyDtypeFor), calls it,
/// and writes OUT/NAME.npy for every array parameter; exit code 1 on an I/O error.
/// With `axi`, it calls the m_axi wrapper with flat pointers.
std::string hlsTestbench(const poly::ModuleModel& model, const std::string& top, bool axi);

} // namespace polyallo::codegen

// libFuzzer target for the Allo frontend: lexer, parser, lowering of kernels,
// evaluation of the schedule script (allo::load), then extraction and every
// schedule step of the script (allo::applySchedule), on arbitrary bytes.
//
// Every bad input must end in a polyallo::Error: that is the expected outcome and
// the input is simply rejected. Anything else is a bug and must reach libFuzzer as a
// crash: sanitizer reports and signals do by themselves; an exception of another type
// (std::out_of_range, std::bad_alloc, ...) or an Error of kind Internal ("a bug in
// polyallo", core/Diagnostics.h) is printed and turned into abort().
#include "frontends/allo/Program.h"
#include "frontends/allo/ScriptSchedules.h"
#include "polyhedral/Model.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  polyallo::allo::Source source{"fuzz.py", std::string(reinterpret_cast<const char*>(data), size)};
  try {
    polyallo::allo::Program program = polyallo::allo::load(source);
    if (!program.schedules.empty()) {
      polyallo::allo::rewriteKernels(program);
      polyallo::poly::ModuleModel model = polyallo::poly::extract(*program.module);
      for (size_t k = 0; k < program.schedules.size(); ++k) {
        polyallo::allo::applySchedule(program, model, k);
      }
    }
  } catch (const polyallo::Error& e) {
    if (e.kind() != polyallo::ErrorKind::Internal) {
      return 0; // rejected with a diagnostic: expected
    }
    std::fprintf(stderr, "fuzz_frontend: internal error: %s\n", e.formatted().c_str());
    std::abort();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_frontend: exception other than polyallo::Error: %s\n", e.what());
    std::abort();
  }
  return 0;
}

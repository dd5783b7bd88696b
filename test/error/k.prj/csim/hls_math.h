// polyallo's own C-simulation subset of Vitis HLS's <hls_math.h>.
//
// Written for polyallo (no Xilinx code). Each function returns exactly the C library's
// result at the argument's precision - the float overloads call the float functions (expf,
// logf, ...), the double overloads the double ones - because polyallo's CPU simulation
// calls the same functions; Vitis' own hardware implementations may differ in the last
// bits. Overloads: float and double only (pass an ap_int / ap_fixed converted with
// to_float() or to_double(); an ap_int argument would be ambiguous). The Vitis spellings
// expf, logf, ... (float) are provided too.
#ifndef POLYALLO_CSIM_HLS_MATH_H
#define POLYALLO_CSIM_HLS_MATH_H

#include <cmath>

namespace hls {

#define POLYALLO_CSIM_MATH1(NAME, STD)                                                             \
  inline float NAME(float x) { return STD(x); }                                                    \
  inline double NAME(double x) { return STD(x); }                                                  \
  inline float NAME##f(float x) { return STD(x); }

POLYALLO_CSIM_MATH1(exp, std::exp)
POLYALLO_CSIM_MATH1(log, std::log)
POLYALLO_CSIM_MATH1(log2, std::log2)
POLYALLO_CSIM_MATH1(log10, std::log10)
POLYALLO_CSIM_MATH1(sqrt, std::sqrt)
POLYALLO_CSIM_MATH1(sin, std::sin)
POLYALLO_CSIM_MATH1(cos, std::cos)
POLYALLO_CSIM_MATH1(tan, std::tan)
POLYALLO_CSIM_MATH1(tanh, std::tanh)
POLYALLO_CSIM_MATH1(fabs, std::fabs)
POLYALLO_CSIM_MATH1(floor, std::floor)
POLYALLO_CSIM_MATH1(ceil, std::ceil)

#undef POLYALLO_CSIM_MATH1

inline float abs(float x) { return std::fabs(x); }
inline double abs(double x) { return std::fabs(x); }
inline float pow(float x, float y) { return std::pow(x, y); }
inline double pow(double x, double y) { return std::pow(x, y); }
inline float powf(float x, float y) { return std::pow(x, y); }

} // namespace hls

#endif // POLYALLO_CSIM_HLS_MATH_H

// The Vitis HLS emitter: kernel.h and kernel.cpp for a module, one C++
// function per kernel (callees first, never flattened into the top), loops
// labelled `l_<band>_<loop>`, pragmas from the schedule's marks.
//
//   s.reorder("k", "j"); s.pipeline("j")   ->
//
//   void gemm(float A[32][32], float B[32][32], float C[32][32]) {
//     l_S_i_k_j_1_i: for (int i = 0; i < 32; i += 1) {
//       l_S_i_k_j_1_k: for (int k = 0; k < 32; k += 1) {
//         l_S_i_k_j_1_j: for (int j = 0; j < 32; j += 1) {
//     #pragma HLS pipeline II=1
//           C[i][j] = (C[i][j] + (A[i][k] * B[k][j]));
//   }}}}
//
// Element types map to ap_int<N>, ap_uint<N>, ap_fixed<W, I>, ap_ufixed<W, I>,
// float and double; expressions follow HlsExpr.h, so the code computes what
// the CPU simulation computes, bit for bit, when compiled against the csim
// headers (CsimHeaders.h) or Vitis HLS's own. Marks become `#pragma HLS
// pipeline II=N [rewind]`, `unroll [factor=F]`, `dataflow` (a loop or a
// function), `inline`. Arrays are passed as plain C arrays (the `vhls`
// target); the `vitis_hls` target's AXI wrapper builds on this.
//
// A function with unfolded loops is a dataflow region (polyhedral/Unfold.h):
// one static function per processing element (`<fn>_<PE name>`, with
// `#pragma HLS inline off` so that HLS keeps it a process of its own) taking
// the PE's shared arrays, streams as arrays of hls::stream (a single FIFO by
// reference), and declaring its private arrays; the region declares the
// streams with their depth and calls every PE under `#pragma HLS dataflow`:
//
//   static void f_pe_1(ap_int<32> B[6], hls::stream<ap_int<32>>& s) {
//     l_S_k_2_k: for (int k = 0; k < 6; ++k) {
//       B[k] = ... s.read() ...;                  // a get; a put is s.write(v)
//   }}
//   void f(ap_int<32> A[6], ap_int<32> B[6]) {
//   #pragma HLS dataflow
//     hls::stream<ap_int<32>> s;
//   #pragma HLS stream variable=s depth=2
//     f_pe_0(A, s);                               // puts into s
//     f_pe_1(B, s);
//   }
//
// C simulation runs the calls one after the other on unbounded FIFOs, so
// they follow the FIFO graph, producers before consumers (program order when
// it has a cycle: such a region cannot run in C simulation, and says so).
#pragma once

#include "polyhedral/Schedule.h"

#include <map>
#include <string>

namespace polyallo::codegen {

struct HlsSources {
  std::string header; // kernel.h: includes, helpers, prototypes
  std::string source; // kernel.cpp: the functions
};

/// The HLS C++ of every function of `model` under `schedule` (the trees of
/// every function and their function-level marks). With `axiTop`, kernel
/// `axiTop` also gets the `vitis_hls` wrapper: `extern "C" void
/// <axiTop>_top(T* A, ...)` with an m_axi interface per array, copying each
/// array into an on-chip buffer (`load_A`), calling the kernel, and copying
/// the arrays it writes back (`store_C`), each copy a pipelined loop.
/// Throws Error(NotImplemented) for a module with symbolic sizes (HLS arrays
/// need constant extents).
HlsSources emitHls(const poly::Schedule& schedule, const std::string& axiTop = "");

/// The name of the `vitis_hls` wrapper of kernel `top`: "<top>_top".
std::string axiTopName(const std::string& top);

} // namespace polyallo::codegen

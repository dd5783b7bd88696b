// The hardware architecture of a kernel as a Graphviz DOT graph: what
// `polyallo graph` draws. A dataflow region (a function with unfolded
// bands, polyhedral/Unfold.h) becomes its processing elements and the FIFOs
// between them; every function is drawn with the memories (arrays) it loads
// from and stores to, and with the functions it calls.
//
//   systolic GEMM, s.unfold("PE", axis=[0, 1], factor=[2, 3]) and s.to(...):
//
//   digraph "matmul" {
//     compound=true;
//     subgraph "cluster_matmul" {
//       label="matmul: dataflow region, 6 PE(s), 7 FIFO(s)";
//       "matmul/mem/A" [shape="cylinder", label="A: int8[2, 4]", ...];
//       "matmul/PE_0_0" [shape="box", style="filled", fillcolor="plum", label="PE_0_0",
//                        tooltip="PE_0_0 (i = 0, j = 0), ...: loader of A, B, C; drainer of C"];
//       ...
//       { rank=same; "matmul/PE_0_0"; "matmul/PE_0_1"; "matmul/PE_0_2"; }
//       "matmul/PE_0_0" -> "matmul/PE_0_1" [label="A_buf_fifo[0][1] depth 3", penwidth="2"];
//       "matmul/mem/A" -> "matmul/PE_0_0" [label="load", color="steelblue"];
//       "matmul/PE_0_0" -> "matmul/mem/C" [label="load/store", dir="both", ...];
//     }
//   }
//
// Node ids are "<function>/<PE>", "<function>/mem/<array>",
// "<function>/call/<statement>" (a call), "<function>/callee/<callee>" (a
// function a PE calls), "<function>/body" (a function's own loops) and
// "<function>/unconnected/<n>" (the open end of a FIFO that no PE puts into
// or gets from, drawn dashed so the mistake is visible).
#pragma once

#include "polyhedral/Model.h"

#include <string>

namespace polyallo::codegen {

/// The architecture of `kernel` under `schedules` (a function missing from
/// it runs at program order; a rewritten model is used when a memory
/// primitive left one) as DOT text: one cluster "cluster_<fn>" for the
/// kernel and for every function it calls, directly or not, that is a
/// dataflow region or calls others; a called function without either is a
/// node in its caller's cluster. Inside a region: one node per PE (in a grid,
/// one rank per row, when the PEs have two coordinates), one edge per FIFO
/// labelled with its name and depth; argument arrays are cylinders with
/// "load" edges to the PEs that read them and "store" edges from those that
/// write them (one two-headed "load/store" edge for both); PEs that load are
/// loaders, PEs that store drainers (colour and tooltip). Error(UnknownName) for an unknown kernel;
/// the Errors of poly::peInstances / poly::fifoLinks for a malformed region.
std::string architectureDot(const poly::ModuleModel& model, const poly::ScheduleMap& schedules,
                            const std::string& kernel);

/// `text` as a DOT double-quoted string: quotes and backslashes escaped,
/// newlines as "\n" (a centred line break in a label).
std::string dotQuoted(const std::string& text);

} // namespace polyallo::codegen

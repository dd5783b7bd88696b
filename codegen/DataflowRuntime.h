// The CPU-simulation runtime of dataflow regions: bounded FIFOs, every kernel
// instance running concurrently, and exact deadlock detection, as C source
// text that the emitter prepends to the C of a region.
//
// Before (what a region means):
//
//   fifo_A: Stream[int32, 2][4]
//   @df.kernel(mapping=[4]) def pe(...): ... fifo_A[i + 1].put(fifo_A[i].get() + w) ...
//
// After (the C the emitter writes, after dataflowRuntimeC()):
//
//   typedef struct { pa_fifo* in; pa_fifo* out; int32_t w; } pe_ctx;
//   static void pe_1(void* p) {                    // one function per instance
//     pe_ctx* c = (pe_ctx*)p; int32_t v;
//     pa_fifo_get(c->in, &v); v += c->w; pa_fifo_put(c->out, &v);
//   }
//   int polyallo_entry_top(..., char* report, size_t report_size) {
//     pa_fifo fifo_A[4]; int32_t fifo_A_mem[4][2];  // depth 2 each
//     pa_fifo_init(&fifo_A[1], "fifo_A[1]", sizeof(int32_t), 2, fifo_A_mem[1]);
//     pa_instance insts[] = {{"pe_1", pe_1, &ctx1}, ...};
//     return pa_run_instances(insts, 4, report, report_size);  // 0 ok, 1 deadlock, 2 misuse
//   }
//
// API of the C text (all names start with pa_ / PA_):
//   pa_fifo_init(f, name, elem_size, depth, storage)   storage: depth * elem_size bytes
//   pa_fifo_put(f, &value)   blocks while full;  pa_fifo_get(f, &value)  blocks while empty
//   pa_run_instances(instances, count, report, report_size)
//     0: every instance finished; 1: deadlock, `report` = "deadlock: PE_0 waits to put
//     on fifo_A[1] (full, depth 2); PE_1 waits to get from fifo_B[0] (empty, depth 2)";
//     2: misuse (a second producer or consumer of a FIFO, depth < 1, no thread).
//   put/get must only be called by an instance run by pa_run_instances (else abort()).
//   Re-initialise every FIFO before each run (it remembers its producer and consumer).
//
// Design: one POSIX thread per instance, one mutex per run and one condition
// variable per instance. Chosen over a single-threaded coroutine scheduler
// (ucontext) because (a) the test suite runs under AddressSanitizer, which
// supports threads but not stack switching by swapcontext, (b) instance
// bodies are ordinary C functions whose stack needs are unknown (coroutine
// stacks must be sized up front), and (c) Kahn-network semantics (blocking
// get, single producer/consumer) make the results independent of the
// interleaving, so threads lose no determinism. Deadlock detection is exact:
// every wait happens under the run's mutex and the waker (not the sleeper)
// takes the sleeper off the blocked count, so "blocked == live" holds exactly
// when the last live instance blocks; that thread writes the report and wakes
// everyone, and each blocked instance longjmp()s back to its thread's entry.
// No timeouts are involved. The instance identity comes from a __thread
// variable (a GNU keyword accepted by gcc and clang under -std=c99).
//
// Compiling: the text includes <pthread.h>, <setjmp.h>, <stdio.h>, <stdlib.h>,
// <string.h> itself and is valid under CompilerOptions' fixed flags
// (-std=c99 -Wall -Wextra -Werror). With glibc >= 2.34 (Debian 12) pthreads
// live in libc, so no -pthread / -lpthread is needed; older C libraries would
// need -pthread in CompilerOptions::flags. Define PA_THREAD_STACK_SIZE (bytes)
// before the text to give instance threads a larger stack than the default.
#pragma once

#include <string>

namespace polyallo::codegen {

/// The C source of the dataflow runtime (see the file comment).
const std::string& dataflowRuntimeC();

} // namespace polyallo::codegen

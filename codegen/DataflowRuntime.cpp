#include "codegen/DataflowRuntime.h"

namespace polyallo::codegen {

const std::string& dataflowRuntimeC() {
  // The invariants the C relies on, in one place:
  //  - every FIFO and bookkeeping field is touched only under run->lock;
  //  - a blocked instance has waiting_on != NULL, is fifo->waiter of that FIFO
  //    and is counted in run->blocked; whoever satisfies its wait (the other
  //    end of the FIFO) clears all three before signalling, so a woken but not
  //    yet running instance never counts as blocked (no false deadlock);
  //  - run->live counts instances not yet finished, including threads not yet
  //    scheduled, so "blocked == live" means no instance can make progress.
  static const std::string kRuntime = R"pa_df(/* ---- polyallo dataflow runtime ---- */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pa_run;
struct pa_inst_rec;

typedef struct pa_fifo {
  const char* name;
  size_t elem_size;
  int64_t depth;
  unsigned char* storage; /* depth * elem_size bytes, a ring */
  int64_t head;           /* slot of the oldest element */
  int64_t count;
  struct pa_inst_rec* waiter;   /* the instance blocked on this FIFO, if any */
  struct pa_inst_rec* producer; /* for the single-producer check and the report */
  struct pa_inst_rec* consumer;
} pa_fifo;

typedef struct {
  const char* name;
  void (*fn)(void*);
  void* ctx;
} pa_instance;

enum { PA_RUNNING = 0, PA_FINISHED = 1, PA_LEFT = 2, PA_NOT_STARTED = 3 };

typedef struct pa_inst_rec {
  const pa_instance* inst;
  struct pa_run* run;
  pthread_t thread;
  pthread_cond_t wake;
  jmp_buf leave; /* where a blocked instance returns to when the run fails */
  pa_fifo* waiting_on;
  int waiting_to_put;
  int state;
} pa_inst_rec;

typedef struct pa_run {
  pthread_mutex_t lock;
  pa_inst_rec* recs;
  size_t count;
  size_t live;
  size_t blocked;
  int status; /* 0 running, 1 deadlock, 2 misuse */
  char* report;
  size_t report_size;
  size_t report_len;
} pa_run;

static __thread pa_inst_rec* pa_self;

void pa_fifo_init(pa_fifo* f, const char* name, size_t elem_size, int64_t depth,
                  void* storage) {
  memset(f, 0, sizeof *f);
  f->name = name;
  f->elem_size = elem_size;
  f->depth = depth;
  f->storage = (unsigned char*)storage;
}

/* Appends to the report, truncating silently at report_size - 1. */
static void pa_say(pa_run* run, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
static void pa_say(pa_run* run, const char* fmt, ...) {
  size_t room;
  int w;
  va_list ap;
  if (run->report == NULL || run->report_size == 0 || run->report_len + 1 >= run->report_size)
    return;
  room = run->report_size - run->report_len;
  va_start(ap, fmt);
  w = vsnprintf(run->report + run->report_len, room, fmt, ap);
  va_end(ap);
  if (w > 0)
    run->report_len += (size_t)w < room ? (size_t)w : room - 1;
}

static const char* pa_name(const pa_inst_rec* r) {
  return r->inst->name != NULL ? r->inst->name : "(unnamed)";
}

/* Ends the run (status 1 or 2): every blocked instance wakes and leaves. */
static void pa_stop(pa_run* run, int status) {
  size_t i;
  if (run->status == 0)
    run->status = status;
  for (i = 0; i < run->count; ++i)
    pthread_cond_signal(&run->recs[i].wake);
}

/* Called under the lock when every live instance is blocked. */
static void pa_deadlock(pa_run* run) {
  size_t i;
  const char* sep = "";
  pa_say(run, "deadlock:");
  for (i = 0; i < run->count; ++i) {
    const pa_inst_rec* r = &run->recs[i];
    const pa_fifo* f = r->waiting_on;
    if (f == NULL)
      continue;
    pa_say(run, "%s %s waits ", sep, pa_name(r));
    if (r->waiting_to_put) {
      pa_say(run, "to put on %s (full, depth %lld", f->name, (long long)f->depth);
      if (f->consumer != NULL && f->consumer->state == PA_FINISHED)
        pa_say(run, ", its consumer %s has finished", pa_name(f->consumer));
      else if (f->consumer == NULL)
        pa_say(run, ", nothing was ever taken from it");
    } else {
      pa_say(run, "to get from %s (empty, depth %lld", f->name, (long long)f->depth);
      if (f->producer != NULL && f->producer->state == PA_FINISHED)
        pa_say(run, ", its producer %s has finished", pa_name(f->producer));
      else if (f->producer == NULL)
        pa_say(run, ", nothing was ever put on it");
    }
    pa_say(run, ")");
    sep = ";";
  }
  pa_stop(run, 1);
}

/* Unlocks and returns to the instance's thread entry (the run has failed). */
static void pa_leave(pa_inst_rec* self) {
  self->state = PA_LEFT;
  pthread_mutex_unlock(&self->run->lock);
  longjmp(self->leave, 1);
}

static pa_inst_rec* pa_enter(pa_fifo* f, int put) {
  pa_inst_rec* self = pa_self;
  pa_run* run;
  pa_inst_rec** end;
  if (self == NULL) {
    fprintf(stderr, "polyallo: %s on FIFO %s outside pa_run_instances\n", put ? "put" : "get",
            f->name);
    abort();
  }
  run = self->run;
  pthread_mutex_lock(&run->lock);
  if (run->status != 0)
    pa_leave(self);
  if (f->depth < 1 || f->storage == NULL) {
    pa_say(run, "stream misuse: FIFO %s has depth %lld (must be >= 1, with storage)", f->name,
           (long long)f->depth);
    pa_stop(run, 2);
    pa_leave(self);
  }
  end = put ? &f->producer : &f->consumer;
  if (*end == NULL) {
    *end = self;
  } else if (*end != self) {
    pa_say(run,
           "stream misuse: FIFO %s has two %s: %s and %s (streams are single-producer "
           "single-consumer)",
           f->name, put ? "producers" : "consumers", pa_name(*end), pa_name(self));
    pa_stop(run, 2);
    pa_leave(self);
  }
  return self;
}

/* Waits (under the lock) until the other end of f takes self off the FIFO. */
static void pa_block(pa_inst_rec* self, pa_fifo* f, int put) {
  pa_run* run = self->run;
  self->waiting_on = f;
  self->waiting_to_put = put;
  f->waiter = self;
  run->blocked++;
  if (run->blocked == run->live)
    pa_deadlock(run);
  while (self->waiting_on != NULL && run->status == 0)
    pthread_cond_wait(&self->wake, &run->lock);
  if (run->status != 0)
    pa_leave(self);
}

/* Releases the instance blocked on the other end of f, if any. */
static void pa_wake(pa_fifo* f) {
  pa_inst_rec* w = f->waiter;
  if (w == NULL)
    return;
  f->waiter = NULL;
  w->waiting_on = NULL;
  w->run->blocked--;
  pthread_cond_signal(&w->wake);
}

void pa_fifo_put(pa_fifo* f, const void* value) {
  pa_inst_rec* self = pa_enter(f, 1);
  while (f->count == f->depth)
    pa_block(self, f, 1);
  memcpy(f->storage + (size_t)((f->head + f->count) % f->depth) * f->elem_size, value,
         f->elem_size);
  f->count++;
  pa_wake(f);
  pthread_mutex_unlock(&self->run->lock);
}

void pa_fifo_get(pa_fifo* f, void* value) {
  pa_inst_rec* self = pa_enter(f, 0);
  while (f->count == 0)
    pa_block(self, f, 0);
  memcpy(value, f->storage + (size_t)f->head * f->elem_size, f->elem_size);
  f->head = (f->head + 1) % f->depth;
  f->count--;
  pa_wake(f);
  pthread_mutex_unlock(&self->run->lock);
}

static void* pa_thread_main(void* arg) {
  pa_inst_rec* self = (pa_inst_rec*)arg;
  pa_run* run = self->run;
  pa_self = self;
  if (setjmp(self->leave) == 0) {
    self->inst->fn(self->inst->ctx);
    pthread_mutex_lock(&run->lock);
    self->state = PA_FINISHED;
    run->live--;
    /* The others may all be waiting on this one (e.g. a get after its last put). */
    if (run->status == 0 && run->live > 0 && run->blocked == run->live)
      pa_deadlock(run);
    pthread_mutex_unlock(&run->lock);
  }
  pa_self = NULL;
  return NULL;
}

int pa_run_instances(pa_instance* instances, size_t count, char* report, size_t report_size) {
  pa_run run;
  pthread_attr_t attr;
  size_t i, started = 0;
  int rc;
  if (report != NULL && report_size > 0)
    report[0] = '\0';
  if (count == 0)
    return 0;
  memset(&run, 0, sizeof run);
  run.report = report;
  run.report_size = report_size;
  run.count = count;
  run.live = count;
  run.recs = (pa_inst_rec*)calloc(count, sizeof(pa_inst_rec));
  if (run.recs == NULL) {
    pa_say(&run, "out of memory for %llu instances", (unsigned long long)count);
    return 2;
  }
  pthread_mutex_init(&run.lock, NULL);
  pthread_attr_init(&attr);
#ifdef PA_THREAD_STACK_SIZE
  pthread_attr_setstacksize(&attr, (size_t)(PA_THREAD_STACK_SIZE));
#endif
  for (i = 0; i < count; ++i) {
    run.recs[i].inst = &instances[i];
    run.recs[i].run = &run;
    pthread_cond_init(&run.recs[i].wake, NULL);
  }
  for (i = 0; i < count; ++i) {
    rc = pthread_create(&run.recs[i].thread, &attr, pa_thread_main, &run.recs[i]);
    if (rc != 0) {
      size_t j;
      pthread_mutex_lock(&run.lock);
      for (j = i; j < count; ++j)
        run.recs[j].state = PA_NOT_STARTED;
      run.live -= count - i;
      pa_say(&run, "could not start a thread for instance %s: %s", pa_name(&run.recs[i]),
             strerror(rc));
      pa_stop(&run, 2);
      pthread_mutex_unlock(&run.lock);
      break;
    }
    started++;
  }
  for (i = 0; i < started; ++i)
    pthread_join(run.recs[i].thread, NULL);
  for (i = 0; i < count; ++i)
    pthread_cond_destroy(&run.recs[i].wake);
  pthread_attr_destroy(&attr);
  pthread_mutex_destroy(&run.lock);
  free(run.recs);
  return run.status;
}
/* ---- end of the polyallo dataflow runtime ---- */
)pa_df";
  return kRuntime;
}

} // namespace polyallo::codegen

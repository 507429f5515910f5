#ifndef CZEROMQ_SHIM_H
#define CZEROMQ_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <zmq.h>
#include <errno.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <malloc.h>

/// errno values Swift cannot import as macros on every platform.
static inline int czmq_eintr(void) { return EINTR; }
static inline int czmq_eagain(void) { return EAGAIN; }
static inline int czmq_ehostunreach(void) { return EHOSTUNREACH; }
static inline int czmq_eterm(void) { return ETERM; }

/// Names the calling thread (15 bytes kept) for `top -H`, `perf` and `gdb`.
static inline void czmq_name_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }

/// Schedules the calling thread as SCHED_BATCH: woken, it does not preempt the thread running
/// on its core, but runs when that one blocks (or at the next tick). 0, or the errno.
static inline int czmq_schedule_as_batch(void) {
#ifdef SCHED_BATCH
    struct sched_param param = { .sched_priority = 0 };
    return sched_setscheduler(0, SCHED_BATCH, &param) == 0 ? 0 : errno;
#else
    return ENOSYS;
#endif
}

/// glibc's heap: blocks of at least `bytes` are mapped on their own and returned to the system
/// when freed (a fixed threshold; glibc otherwise raises it after each large free).
static inline int czmq_heap_map_large_blocks(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }
/// glibc's heap: returns the free memory at the top of the heap and in whole free pages to the
/// system; 1 if any was returned.
static inline int czmq_heap_trim(void) { return malloc_trim(0); }

#endif

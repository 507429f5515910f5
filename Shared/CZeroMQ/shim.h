#ifndef CZEROMQ_SHIM_H
#define CZEROMQ_SHIM_H

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

/// glibc's heap: blocks of at least `bytes` are mapped on their own and returned to the system
/// when freed (a fixed threshold; glibc otherwise raises it after each large free).
static inline int czmq_heap_map_large_blocks(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }
/// glibc's heap: returns the free memory at the top of the heap and in whole free pages to the
/// system; 1 if any was returned.
static inline int czmq_heap_trim(void) { return malloc_trim(0); }

#endif

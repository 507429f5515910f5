#ifndef CZEROMQ_SHIM_H
#define CZEROMQ_SHIM_H

#include <zmq.h>
#include <errno.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>

/// errno values Swift cannot import as macros on every platform.
static inline int czmq_eintr(void) { return EINTR; }
static inline int czmq_eagain(void) { return EAGAIN; }
static inline int czmq_ehostunreach(void) { return EHOSTUNREACH; }
static inline int czmq_eterm(void) { return ETERM; }

/// Names the calling thread (15 bytes kept) for `top -H`, `perf` and `gdb`.
static inline void czmq_name_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }

#endif

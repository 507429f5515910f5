#ifndef CZEROMQ_SHIM_H
#define CZEROMQ_SHIM_H

#include <zmq.h>
#include <errno.h>
#include <unistd.h>
#include <sys/eventfd.h>

/// errno values Swift cannot import as macros on every platform.
static inline int czmq_eintr(void) { return EINTR; }
static inline int czmq_eagain(void) { return EAGAIN; }
static inline int czmq_ehostunreach(void) { return EHOSTUNREACH; }
static inline int czmq_eterm(void) { return ETERM; }

#endif

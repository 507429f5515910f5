#if canImport(Glibc)
import Glibc
#endif

/// The I/O thread's wait: plain `poll(2)` over the eventfd and the sockets' `ZMQ_FD`s, one
/// system call per sleep. `zmq_poll` asks every socket for `ZMQ_EVENTS` before and after each
/// wait and polls once more without a timeout first; the loop instead reads a socket only when
/// its descriptor fired or it was sent on (until `EAGAIN`), and sleeps only after a pass that
/// found nothing to do — the documented pattern for `ZMQ_FD`, which signals changes, not
/// readiness.
struct ReadinessWait {
    private(set) var descriptors: [pollfd] = []

    mutating func reset(_ fds: [Int32]) {
        descriptors = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    }

    /// Waits until one descriptor is readable or `timeoutMilliseconds` pass (-1: no limit); an
    /// interrupted wait returns early, as a spurious wake-up. Throws the errno of a failed poll.
    mutating func wait(timeoutMilliseconds: Int) throws {
        let count = nfds_t(descriptors.count)
        let result = descriptors.withUnsafeMutableBufferPointer {
            Glibc.poll($0.baseAddress, count, Int32(clamping: timeoutMilliseconds))
        }
        if result < 0 && errno != EINTR { throw ZMQError(operation: "poll", code: errno) }
    }

    /// Whether the descriptor at `index` was readable after the last wait.
    func isReadable(_ index: Int) -> Bool {
        descriptors[index].revents & Int16(POLLIN) != 0
    }
}

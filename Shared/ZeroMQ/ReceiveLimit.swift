#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How much a socket's consumer may have received and not yet finished with before the socket
/// thread stops reading that socket. libzmq then holds what arrives next (up to the socket's
/// receive high-water mark, per peer), and past that TCP pushes back on the sender: nothing is
/// read into memory faster than it is handled.
public struct ReceiveLimit: Sendable, Equatable {
    /// When a message counts as finished with.
    public enum Release: Sendable, Equatable {
        /// When the consumer takes it from ``SocketMessages``: the queue alone is bounded.
        case onTake
        /// When the consumer calls ``SocketMessages/release(_:)``, after handling it: the
        /// messages in handling are bounded too.
        case explicit
    }

    /// Most messages outstanding.
    public var messages: Int
    /// Most bytes outstanding (the frames' sizes added up).
    public var bytes: Int
    public var release: Release

    public init(messages: Int = 1024, bytes: Int = 32 << 20, release: Release = .onTake) {
        self.messages = max(1, messages)
        self.bytes = max(1, bytes)
        self.release = release
    }

    /// Whether `count` messages of `size` bytes in all are over the limit.
    public func isExceeded(count: Int, size: Int) -> Bool { count >= messages || size >= bytes }

    /// Whether reading may resume: at most half of each bound outstanding, so that a socket at
    /// its limit is not paused and resumed once per message.
    public func allowsResuming(count: Int, size: Int) -> Bool { count <= messages / 2 && size <= bytes / 2 }
}

extension Array where Element == Data {
    /// The bytes of a multipart message's frames.
    public var byteCount: Int { reduce(0) { $0 + $1.count } }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Code that handles a socket's messages on its I/O thread, synchronously, as they are read:
/// like a SwiftNIO `ChannelHandler` or a czmq `zloop` reader. It runs from the receive to the
/// sends it causes with no task, continuation or executor job per message; a send it makes
/// through a ``SocketHandle`` of the same thread goes straight to libzmq.
///
/// Installed with ``SocketHandle/startReading(with:)``. Its methods must not block: while one
/// runs, no socket of the thread is read or written. A class: the thread reaches it through one
/// reference per message, not a copy of an existential's contents.
public protocol SocketReader: AnyObject, Sendable {
    /// One whole multipart message from `socket`.
    func received(_ frames: [Data], on socket: SocketHandle)
    /// A message `socket` could not send, with the reason.
    func sendFailed(_ failure: SendFailure, on socket: SocketHandle)
    /// A peer connection of `socket` closed, if it was opened with
    /// ``SocketSpec/monitorDisconnects`` (libzmq does not say which routing id it had).
    func peerDisconnected(on socket: SocketHandle)
}

extension SocketReader {
    public func sendFailed(_ failure: SendFailure, on socket: SocketHandle) {}
    public func peerDisconnected(on socket: SocketHandle) {}
}

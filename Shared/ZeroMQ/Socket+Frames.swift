import CZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Frames between `Data` and `zmq_msg_t` without copying the large ones: a received frame of
/// at least ``zeroCopyBytes`` is a `Data` over the message's own bytes, which it keeps (the
/// message is closed when the last copy of the `Data` goes); a frame sent is handed to libzmq
/// as it is, kept alive until libzmq has written it out (`zmq_msg_init_data`). Small frames
/// are copied: for them one copy costs less than the two allocations keeping a buffer alive.
extension Socket {
    /// Frames this long or longer are neither copied in nor copied out.
    static let zeroCopyBytes = 1024

    /// The frame `message` holds. A large one takes the message over (it is left empty);
    /// a small one is copied out of it.
    static func frame(taking message: inout zmq_msg_t) -> Data {
        let size = zmq_msg_size(&message)
        guard size >= zeroCopyBytes else {
            return size == 0 ? Data() : Data(bytes: zmq_msg_data(&message), count: size)
        }
        let received = ReceivedMessage()
        // Moved, not copied: the bytes stay where libzmq put them, now owned by `received`.
        zmq_msg_move(&received.message, &message)
        return Data(
            bytesNoCopy: zmq_msg_data(&received.message), count: size,
            deallocator: .custom { _, _ in withExtendedLifetime(received) {} })
    }

    /// Initialises `message` with `frame`'s bytes: a large frame's own bytes, kept alive until
    /// libzmq frees the message (on its I/O thread, once sent, or when the message is closed);
    /// a small frame's bytes copied.
    static func initialize(_ message: inout zmq_msg_t, with frame: Data) throws {
        guard frame.count >= zeroCopyBytes else {
            guard zmq_msg_init_size(&message, frame.count) == 0 else { throw ZMQError.last("zmq_msg_init_size") }
            if !frame.isEmpty {
                frame.withUnsafeBytes { source in
                    zmq_msg_data(&message).copyMemory(from: source.baseAddress!, byteCount: source.count)
                }
            }
            return
        }
        let kept = SentFrame(frame)
        let hint = Unmanaged.passRetained(kept).toOpaque()
        guard
            zmq_msg_init_data(
                &message, kept.bytes, frame.count,
                { _, hint in
                    Unmanaged<SentFrame>.fromOpaque(hint!).release()
                }, hint) == 0
        else {
            Unmanaged<SentFrame>.fromOpaque(hint).release()
            throw ZMQError.last("zmq_msg_init_data")
        }
    }
}

/// A received message whose bytes a `Data` reads in place; closed when that `Data` goes.
private final class ReceivedMessage: @unchecked Sendable {
    var message = zmq_msg_t()

    init() { zmq_msg_init(&message) }

    deinit { zmq_msg_close(&message) }
}

/// A frame libzmq sends from its own bytes: the `Data` held, unchanged, until libzmq frees the
/// message, and where its bytes are. A `Data` this long keeps its bytes in a heap storage of
/// its own, which does not move while the `Data` is alive and not mutated (this one is
/// neither mutated nor shared out).
private final class SentFrame: @unchecked Sendable {
    let frame: Data
    let bytes: UnsafeMutableRawPointer

    init(_ frame: Data) {
        self.frame = frame
        bytes = UnsafeMutableRawPointer(mutating: frame.withUnsafeBytes { $0.baseAddress! })
    }
}

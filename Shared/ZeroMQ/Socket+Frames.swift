import CZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Frames between `Data` and `zmq_msg_t`. A frame sent of at least ``zeroCopyBytes`` is handed
/// to libzmq as it is, kept alive until libzmq has written it out (`zmq_msg_init_data`), then
/// handed back to its socket's ``SentFrameReturn``; a shorter one is copied into the message,
/// which holds up to 33 bytes itself. A longer copy would be a block libzmq allocates on this
/// thread and frees on its I/O thread, into this thread's heap arena under its lock (which
/// this thread was taking to allocate the next one): at 8 in flight copying the services'
/// requests (about 100 bytes) served 3.7 % less than handing them over (BENCHMARKS.md).
/// A received frame is copied out of its message, which is closed at once. Holding libzmq's
/// bytes instead was tried (a `Data` over the message): at 32 in flight the build without it
/// was ahead in 6 of 6 interleaved rounds (`report_ab.py`, 2026-12-02), most likely because a
/// held message keeps libzmq's receive buffer from being reused, so that libzmq allocates
/// another for each read and the old one is freed on another thread.
extension Socket {
    /// Frames this long or longer are not copied when sent: longer than libzmq keeps inside a
    /// message (`ZMQ_MAX_VSM_SIZE`, 33 bytes).
    static let zeroCopyBytes = 34

    /// The frame `message` holds, copied out of it.
    static func frame(of message: inout zmq_msg_t) -> Data {
        let size = zmq_msg_size(&message)
        return size == 0 ? Data() : Data(bytes: zmq_msg_data(&message), count: size)
    }

    /// Initialises `message` with `frame`'s bytes: a large frame's own bytes, kept alive until
    /// libzmq frees the message (on its I/O thread, once sent, or when the message is closed),
    /// then handed back to `returns` to be released by its owner, if there is one; a small
    /// frame's bytes copied.
    static func initialize(_ message: inout zmq_msg_t, with frame: Data, returns: SentFrameReturn?) throws {
        guard frame.count >= zeroCopyBytes else {
            guard zmq_msg_init_size(&message, frame.count) == 0 else { throw ZMQError.last("zmq_msg_init_size") }
            if !frame.isEmpty {
                frame.withUnsafeBytes { source in
                    zmq_msg_data(&message).copyMemory(from: source.baseAddress!, byteCount: source.count)
                }
            }
            return
        }
        let kept = SentFrame(frame, returns: returns)
        let hint = Unmanaged.passRetained(kept).toOpaque()
        guard
            zmq_msg_init_data(
                &message, kept.bytes, frame.count,
                { _, hint in
                    let frame = Unmanaged<SentFrame>.fromOpaque(hint!)
                    if let returns = frame.takeUnretainedValue().returns {
                        returns.handBack(frame)
                    } else {
                        frame.release()
                    }
                }, hint) == 0
        else {
            Unmanaged<SentFrame>.fromOpaque(hint).release()
            throw ZMQError.last("zmq_msg_init_data")
        }
    }
}

/// A frame libzmq sends from its own bytes: the `Data` held, unchanged, until libzmq frees the
/// message, and where its bytes are. A `Data` this long keeps its bytes in a heap storage of
/// its own, which does not move while the `Data` is alive and not mutated (this one is
/// neither mutated nor shared out).
final class SentFrame: @unchecked Sendable {
    let frame: Data
    let bytes: UnsafeMutableRawPointer
    /// Where libzmq hands it back when done; `nil`: released on libzmq's thread.
    let returns: SentFrameReturn?
    /// The next frame in ``SentFrameReturn``'s stack, written before the frame is pushed.
    var next = 0

    init(_ frame: Data, returns: SentFrameReturn?) {
        self.frame = frame
        self.returns = returns
        bytes = UnsafeMutableRawPointer(mutating: frame.withUnsafeBytes { $0.baseAddress! })
    }
}

import Synchronization

/// Frames libzmq has finished sending, handed back to the thread that sent them to be released
/// there. libzmq frees a message it was given (`zmq_msg_init_data`) on its own I/O thread, and
/// a frame's bytes freed there go back to the heap arena of the thread that allocated them —
/// under that arena's lock, which the socket thread was taking at that moment to allocate the
/// next request's frames: both threads then waited in `futex` (0.7 calls a request at 32 in
/// flight, see Tests/bench/BENCHMARKS.md). Handed back, a frame costs libzmq's thread one
/// compare-and-swap, and its memory is freed by the thread that owns it.
///
/// A lock-free stack: libzmq's threads push, the owning thread takes them all at once. Once
/// closed (the owning thread has stopped), a frame handed back is released where it is.
public final class SentFrameReturn: Sendable {
    /// The top frame (an `Unmanaged<SentFrame>`'s bits), 0 for none, or ``closedMark``.
    private let head = Atomic<Int>(0)
    private static let closedMark = 1

    public init() {}

    /// From any thread: `frame`, retained once for this stack, is released by the owner.
    func handBack(_ frame: Unmanaged<SentFrame>) {
        let bits = Int(bitPattern: frame.toOpaque())
        var top = head.load(ordering: .relaxed)
        while true {
            if top == Self.closedMark {
                frame.release()
                return
            }
            frame.takeUnretainedValue().next = top
            let (exchanged, original) = head.compareExchange(
                expected: top, desired: bits, successOrdering: .releasing, failureOrdering: .relaxed)
            if exchanged { return }
            top = original
        }
    }

    /// On the owning thread: releases every frame handed back so far; how many.
    @discardableResult
    public func releaseReturned() -> Int {
        guard head.load(ordering: .relaxed) > Self.closedMark else { return 0 }
        return Self.release(list: head.exchange(0, ordering: .acquiring))
    }

    /// On the owning thread, once it sends no more: releases what was handed back, and from now
    /// on a frame is released where it is handed back.
    public func close() {
        let list = head.exchange(Self.closedMark, ordering: .acquiring)
        if list != Self.closedMark { Self.release(list: list) }
    }

    @discardableResult
    private static func release(list: Int) -> Int {
        var bits = list
        var count = 0
        while bits != 0, let pointer = UnsafeRawPointer(bitPattern: bits) {
            let frame = Unmanaged<SentFrame>.fromOpaque(pointer)
            bits = frame.takeUnretainedValue().next
            frame.release()
            count += 1
        }
        return count
    }
}

import Foundation
import Testing

@testable import ZeroMQ

/// Large sent frames handed back by libzmq to the thread that sent them (``SentFrameReturn``).
@Suite("sent frames handed back to their thread")
struct SentFrameReturnTests {
    @Test("a frame sent over tcp comes back once libzmq is done with it, and is released only when taken")
    func sentFrameComesBack() throws {
        let context = try ZMQContext()
        let returns = SentFrameReturn()
        let a = try Socket(context: context, type: .pair)
        let b = try Socket(context: context, type: .pair)
        a.sentFrameReturn = returns
        try a.bind("tcp://127.0.0.1:*")
        try b.connect(try a.lastEndpoint())
        let frame = Data(repeating: 7, count: Socket.zeroCopyBytes * 4)
        for _ in 0..<3 { try a.send([Data("small".utf8), frame]) }
        for _ in 0..<3 { #expect(try b.receive() == [Data("small".utf8), frame]) }
        // Received means written out: libzmq has freed (handed back) each large frame by now or
        // will shortly, on its own thread; only the large one of each message comes back.
        var released = 0
        let deadline = ContinuousClock.now + .seconds(10)
        while released < 3, ContinuousClock.now < deadline {
            released += returns.releaseReturned()
            if released < 3 { usleep(1_000) }
        }
        #expect(released == 3)
        #expect(returns.releaseReturned() == 0)
        a.close()
        b.close()
        returns.close()
    }

    @Test("frames handed back from many threads at once are each released once, by the owner")
    func concurrentHandBack() async throws {
        let returns = SentFrameReturn()
        let threads = 4
        let perThread = 5_000
        var kept: [WeakFrame] = []
        // Frames made here, handed back from other threads, taken here while they come.
        let frames = (0..<(threads * perThread)).map { _ in SentFrame(Data(repeating: 1, count: 2048), returns: returns)
        }
        for frame in frames.prefix(100) { kept.append(WeakFrame(frame)) }
        let pointers = frames.map { Unmanaged.passRetained($0).toOpaque() }
        let batches = stride(from: 0, to: pointers.count, by: perThread).map {
            Array(pointers[$0..<($0 + perThread)]).map { UInt(bitPattern: $0) }
        }
        _ = consume frames
        let released = await withTaskGroup(of: Int.self) { group in
            for batch in batches {
                group.addTask {
                    for bits in batch {
                        returns.handBack(Unmanaged<SentFrame>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!))
                    }
                    return 0
                }
            }
            group.addTask {
                var total = 0
                while total < threads * perThread {
                    let taken = returns.releaseReturned()
                    total += taken
                    if taken == 0 { await Task.yield() }  // let the pushers run, on a pool of one thread too
                }
                return total
            }
            return await group.reduce(0, +)
        }
        #expect(released == threads * perThread)
        #expect(kept.allSatisfy { $0.frame == nil })
    }

    @Test("once closed, a frame handed back is released at once; what was waiting is released by close")
    func closed() {
        let returns = SentFrameReturn()
        var waiting: SentFrame? = SentFrame(Data(repeating: 2, count: 2048), returns: returns)
        let waitingRef = WeakFrame(waiting!)
        returns.handBack(Unmanaged.passRetained(waiting!))
        waiting = nil
        #expect(waitingRef.frame != nil)  // held by the stack until the owner takes it
        returns.close()
        #expect(waitingRef.frame == nil)
        var late: SentFrame? = SentFrame(Data(repeating: 3, count: 2048), returns: returns)
        let lateRef = WeakFrame(late!)
        returns.handBack(Unmanaged.passRetained(late!))
        late = nil
        #expect(lateRef.frame == nil)
        #expect(returns.releaseReturned() == 0)
    }
}

/// A frame watched without being kept.
final class WeakFrame: @unchecked Sendable {
    weak var frame: SentFrame?
    init(_ frame: SentFrame) { self.frame = frame }
}

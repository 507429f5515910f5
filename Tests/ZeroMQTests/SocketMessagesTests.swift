import Foundation
import Testing

@testable import ZeroMQ

@Suite("a socket's message sequence")
struct SocketMessagesTests {
    private func message(_ number: Int) -> [Data] { [Data("\(number)".utf8)] }

    @Test("a burst is delivered whole and in order, then the queued rest after finish, then nil")
    func order() async {
        let queue = MessageQueue()
        let messages = SocketMessages(queue: queue)
        // More than the compaction threshold, taken while more arrive.
        for number in 0..<300 { queue.yield(message(number)) }
        var iterator = messages.makeAsyncIterator()
        var received: [[Data]] = []
        for _ in 0..<200 { if let frames = await iterator.next() { received.append(frames) } }
        for number in 300..<1000 { queue.yield(message(number)) }
        queue.finish()
        queue.yield(message(-1))
        while let frames = await iterator.next() { received.append(frames) }
        #expect(received == (0..<1000).map(message))
        #expect(await iterator.next() == nil)
    }

    @Test("a waiting consumer is resumed by the next message and by finish")
    func waiting() async {
        let queue = MessageQueue()
        let messages = SocketMessages(queue: queue)
        async let first: [[Data]] = {
            var all: [[Data]] = []
            for await frames in messages { all.append(frames) }
            return all
        }()
        queue.yield(message(1))
        queue.yield(message(2))
        queue.finish()
        #expect(await first == [message(1), message(2)])
    }

    @Test("cancelling the consumer's task ends its wait with nil")
    func cancelled() async {
        let queue = MessageQueue()
        let consumer = Task {
            var iterator = SocketMessages(queue: queue).makeAsyncIterator()
            return await iterator.next()
        }
        consumer.cancel()
        #expect(await consumer.value == nil)
    }
}

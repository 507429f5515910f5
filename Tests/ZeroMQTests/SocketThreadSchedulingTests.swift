import Foundation
import Logging
import Testing

@testable import ZeroMQ

@Suite("the I/O thread's scheduling")
struct SocketThreadSchedulingTests {
    /// `SCHED_BATCH` in `sched.h` (Linux).
    static let batchPolicy = 3

    /// The scheduling policy of this process's thread named `name` (`/proc/self/task/*/stat`,
    /// field 41), or `nil` if there is no such thread.
    static func policy(ofThreadNamed name: String) throws -> Int? {
        for task in try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") {
            let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
            guard comm?.trimmingCharacters(in: .whitespacesAndNewlines) == name,
                let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
                let end = stat.lastIndex(of: ")")
            else { continue }
            // After "pid (comm) " come the fields from the third (state) on.
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            return Int(fields[41 - 3])
        }
        return nil
    }

    @Test("the socket thread runs as SCHED_BATCH")
    func batch() async throws {
        let name = "sched-\(UInt16.random(in: 0...UInt16.max))"
        let context = try ZMQContext()
        let io = try SocketThread(context: context, name: name, logger: Logger(label: "test"))
        let socket = try await io.open(SocketSpec(type: .router, bind: ["tcp://127.0.0.1:*"]))
        #expect(socket.boundEndpoints.count == 1)
        #expect(try Self.policy(ofThreadNamed: name) == Self.batchPolicy)
        await io.stop()
        context.terminate()
    }
}

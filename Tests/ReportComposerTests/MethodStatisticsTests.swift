import Foundation
import Testing
import WireProtocol

@testable import ReportComposer

@Suite("method statistics (system.stats)")
struct MethodStatisticsTests {
    @Test("requests, errors and timeouts are counted per method; times are the recent window's")
    func counts() throws {
        let statistics = MethodStatistics()
        for micros in 1...10 {
            statistics.record(
                method: MethodName.Report.compose, duration: .microseconds(micros * 100),
                outcome: .result(Data("1".utf8)))
        }
        statistics.record(
            method: MethodName.Report.compose, duration: .milliseconds(5), outcome: .error(.internalError("x")))
        statistics.record(
            method: MethodName.Report.compose, duration: .milliseconds(9),
            outcome: .error(JSONRPCError(code: JSONRPCError.deadlineExceededCode, message: "late")))
        statistics.record(method: MethodName.System.ping, duration: .microseconds(3), outcome: .result(Data("1".utf8)))
        let snapshot = statistics.snapshot()
        let compose = try #require(snapshot[MethodName.Report.compose])
        #expect(compose.requests == 12 && compose.errors == 1 && compose.timeouts == 1)
        #expect(compose.processingMicroseconds["max"] == 9000)
        #expect(compose.processingMicroseconds["p50"] == 600 || compose.processingMicroseconds["p50"] == 700)
        #expect(snapshot[MethodName.System.ping]?.requests == 1)
    }

    @Test("a forwarded service response counts as an error only when it is one")
    func forwarded() throws {
        let statistics = MethodStatistics()
        let error = JSONRPCResponse(id: .integer(1), error: .invalidParams(field: "year", "no such year")).encoded()
        let result = JSONRPCResponse(id: .integer(2), outcome: .result(Data(#"{"note":1,"error":{"code":1}}"#.utf8)))
            .encoded()
        statistics.record(method: MethodName.Statistics.regions, duration: .microseconds(10), outcome: .response(error))
        statistics.record(
            method: MethodName.Statistics.regions, duration: .microseconds(10), outcome: .response(result))
        let entry = try #require(statistics.snapshot()[MethodName.Statistics.regions])
        #expect(entry.requests == 2 && entry.errors == 1 && entry.timeouts == 0)
    }

    @Test("beyond the window the oldest times are replaced, and every request is still counted")
    func window() throws {
        let statistics = MethodStatistics()
        for _ in 0..<MethodStatistics.window {
            statistics.record(method: "m", duration: .milliseconds(100), outcome: .result(Data()))
        }
        for _ in 0..<MethodStatistics.window {
            statistics.record(method: "m", duration: .microseconds(1), outcome: .result(Data()))
        }
        let entry = try #require(statistics.snapshot()["m"])
        #expect(entry.requests == 2 * MethodStatistics.window)
        #expect(entry.processingMicroseconds["max"] == 1)
    }
}

@Suite("second clock")
struct SecondClockTests {
    @Test("gives the current second as Foundation's ISO 8601 text")
    func text() throws {
        let clock = SecondClock()
        let before = Date().formatted(.iso8601)
        let text = clock.iso8601
        let after = Date().formatted(.iso8601)
        #expect(text == before || text == after)
        #expect(clock.iso8601 >= text)
    }
}

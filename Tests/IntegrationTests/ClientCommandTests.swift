import Foundation
import Testing
import WireProtocol

@Suite("the report-client command")
struct ClientCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try ProcessStack.runToEnd("report-client", arguments)
    }

    @Test("prints the report, writes it to a file, and shows JSON-RPC errors")
    func report() async throws {
        let stack = try await ProcessStack.full()
        let markdown = try run(["--endpoint", stack.clientEndpoint])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("## ５．まとめ"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try run(["report", "--endpoint", stack.clientEndpoint, "--format", "text", "--output", file.path])
        #expect(text.status == 0)
        #expect(text.stderr.contains("wrote"))
        #expect(try String(contentsOf: file, encoding: .utf8).contains("５．まとめ"))
        let bad = try run(["--endpoint", stack.clientEndpoint, "--format", "pdf"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("-32602"))
        let call = try run(["call", "--endpoint", stack.clientEndpoint, MethodName.Statistics.regions])
        #expect(call.status == 0)
        #expect(call.stdout.contains("川崎市"))
    }

    @Test("endpoints where nothing listens are a clear error at once, each one tried")
    func unreachable() throws {
        let result = try run([
            "--endpoint", "ipc:///tmp/nobody-\(UUID()).ipc", "--endpoint", "ipc:///tmp/nobody-\(UUID()).ipc",
            "--timeout", "200", "--attempts", "2",
        ])
        #expect(result.status != 0)
        #expect(result.status == 69)
        #expect(result.stderr.contains("nothing is listening at ipc:///tmp/nobody-"))
        #expect(result.stderr.contains("retrying"))
        #expect(!result.stderr.contains("authentication"))
    }
}

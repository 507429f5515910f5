import Testing

@testable import ZeroMQ

@Suite("endpoint syntax")
struct EndpointSyntaxTests {
    @Test(
        "well-formed endpoints pass",
        arguments: [
            "tcp://127.0.0.1:5555", "tcp://*:5556", "tcp://0.0.0.0:0", "tcp://[::1]:5556", "tcp://composer:5556",
            "tcp://127.0.0.1;composer:5556", "ipc:///tmp/report.ipc", "inproc://zap",
        ])
    func wellFormed(endpoint: String) {
        #expect(EndpointSyntax.problem(in: endpoint) == nil)
    }

    @Test(
        "malformed endpoints are named with what is wrong",
        arguments: [
            ("tcp//127.0.0.1:5555", "expected TRANSPORT://ADDRESS"), ("udp://h:1", "unknown transport \"udp\""),
            ("tcp://127.0.0.1", "needs a port"), ("tcp://:5555", "no host"), ("tcp://h:65536", "not a number"),
            ("tcp://[::1:5", "[brackets]"), ("ipc://", "no address"),
        ])
    func malformed(endpoint: String, expected: String) throws {
        let problem = try #require(EndpointSyntax.problem(in: endpoint))
        #expect(problem.hasPrefix(endpoint + ": ") && problem.contains(expected), "\(problem)")
    }
}

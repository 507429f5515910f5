import Testing

@testable import ZeroMQ

@Suite("endpoints by name")
struct EndpointResolverTests {
    @Test(
        "addresses, wildcards and other transports are used as given",
        arguments: [
            "tcp://127.0.0.1:5556", "tcp://[::1]:5556", "tcp://*:5556", "ipc:///tmp/x.ipc", "inproc://a",
        ])
    func asGiven(endpoint: String) {
        #expect(EndpointResolver.name(in: endpoint) == nil)
        #expect(EndpointResolver.resolve(endpoint) == [endpoint])
    }

    @Test("a name becomes one endpoint per address it resolves to")
    func byName() {
        let name = EndpointResolver.name(in: "tcp://localhost:5556")
        #expect(name?.host == "localhost" && name?.port == "5556")
        let resolved = EndpointResolver.resolve("tcp://localhost:5556")
        #expect(resolved.contains("tcp://127.0.0.1:5556"))
        #expect(resolved.allSatisfy { $0.hasPrefix("tcp://") && $0.hasSuffix(":5556") })
    }
}

/// What is wrong with an endpoint as typed, checked before anything binds or connects, so that a
/// typo is a usage error (exit 64) naming the endpoint instead of a libzmq `EINVAL` later.
public enum EndpointSyntax {
    /// The transports this system uses.
    static let transports = ["tcp", "ipc", "inproc"]

    /// What is wrong with the first malformed endpoint of `endpoints`, or `nil` if all are well
    /// formed: what each command's `validate()` reports as a usage error.
    public static func problem(in endpoints: [String]) -> String? {
        endpoints.lazy.compactMap { problem(in: $0) }.first
    }

    /// Why `endpoint` is malformed, or `nil` if it is well formed.
    public static func problem(in endpoint: String) -> String? {
        guard let separator = endpoint.firstRange(of: "://") else {
            return "\(endpoint): expected TRANSPORT://ADDRESS, e.g. tcp://127.0.0.1:5555 or ipc:///run/report.ipc"
        }
        let transport = String(endpoint[..<separator.lowerBound])
        let address = String(endpoint[separator.upperBound...])
        guard transports.contains(transport) else {
            return "\(endpoint): unknown transport \"\(transport)\"; use \(transports.joined(separator: ", "))"
        }
        guard !address.isEmpty else { return "\(endpoint): no address after \(transport)://" }
        guard transport == "tcp" else { return nil }
        // tcp://HOST:PORT, tcp://[IPv6]:PORT, or with a source: tcp://SOURCE;HOST:PORT.
        let target = address.split(separator: ";").last.map(String.init) ?? address
        guard let colon = target.lastIndex(of: ":") else {
            return "\(endpoint): a tcp endpoint needs a port, e.g. tcp://127.0.0.1:5555"
        }
        let host = target[..<colon]
        let port = target[target.index(after: colon)...]
        guard !host.isEmpty else { return "\(endpoint): no host before the port" }
        if host.hasPrefix("[") != host.hasSuffix("]") { return "\(endpoint): an IPv6 address goes in [brackets]" }
        guard port == "*" || (UInt16(port).map { _ in true } ?? false) else {
            return "\(endpoint): the port \"\(port)\" is not a number from 0 to 65535 or *"
        }
        return nil
    }
}

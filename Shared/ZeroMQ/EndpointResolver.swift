#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Expands a `tcp://NAME:PORT` endpoint into one endpoint per address the name resolves to (a
/// Kubernetes headless Service, a Compose service with several containers, DNS round robin), so
/// that a worker can register with every composer behind one name. An IP address, `*`, or any
/// other transport (`ipc://`, `inproc://`) is one endpoint, as given.
public enum EndpointResolver {
    /// The host and port of a `tcp://` endpoint whose host is a name, or `nil`.
    public static func name(in endpoint: String) -> (host: String, port: String)? {
        guard endpoint.hasPrefix("tcp://") else { return nil }
        let rest = endpoint.dropFirst("tcp://".count)
        guard !rest.hasPrefix("["), let colon = rest.lastIndex(of: ":") else { return nil }
        let host = String(rest[..<colon])
        let port = String(rest[rest.index(after: colon)...])
        guard !host.isEmpty, host != "*", !port.isEmpty, !isAddress(host) else { return nil }
        return (host, port)
    }

    static func isAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// The endpoints `endpoint` stands for now: one per address of its name, sorted; the
    /// endpoint itself when it names no host to resolve. Empty when the name resolves to nothing
    /// (yet). Blocks while the resolver works: call it off the socket thread.
    public static func resolve(_ endpoint: String) -> [String] {
        guard let (host, port) = name(in: endpoint) else { return [endpoint] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, port, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var endpoints = Set<String>()
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
            let info = current.pointee
            if info.ai_family == AF_INET, let address = info.ai_addr {
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    var raw = v4.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                }
                endpoints.insert("tcp://\(Self.string(text)):\(port)")
            } else if info.ai_family == AF_INET6, let address = info.ai_addr {
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    var raw = v6.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                }
                endpoints.insert("tcp://[\(Self.string(text))]:\(port)")
            }
            entry = info.ai_next
        }
        return endpoints.sorted()
    }

    /// A NUL-terminated C string written into `buffer`.
    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}

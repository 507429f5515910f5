import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `--metrics-bind`: where a process serves Prometheus metrics and its health endpoints.
public struct ObservabilityOptions: ParsableArguments, Sendable {
    @Option(
        help: ArgumentHelp(
            """
            Serve /metrics (Prometheus), /healthz and /readyz over HTTP on this address: an IPv4 address, \
            localhost or a bracketed IPv6 address, then the port, e.g. 127.0.0.1:9100, localhost:9100, [::1]:9100, \
            0.0.0.0:9100 (port 0: any free port). Off by default. Default: $REPORT_METRICS_BIND.
            """,
            valueName: "host:port"))
    public var metricsBind: String?

    public init() {}

    public mutating func validate() throws {
        if let bind = metricsBind ?? Environment.value("REPORT_METRICS_BIND"), Self.parse(bind) == nil {
            throw ValidationError(
                "--metrics-bind takes host:port with an IPv4 address, localhost or [IPv6] as the host, e.g. "
                    + "127.0.0.1:9100, localhost:9100 or [::1]:9100; got \"\(bind)\"")
        }
    }

    /// The address to serve on, if metrics are on.
    public var address: (host: String, port: UInt16)? {
        (metricsBind ?? Environment.value("REPORT_METRICS_BIND")).flatMap(Self.parse)
    }

    static func parse(_ text: String) -> (host: String, port: UInt16)? {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            return nil
        }
        let host = String(text[..<colon])
        if host == "localhost" { return (host, port) }
        if host.hasPrefix("["), host.hasSuffix("]") {
            let address = String(host.dropFirst().dropLast())
            var bytes = in6_addr()
            return inet_pton(AF_INET6, address, &bytes) == 1 ? (address, port) : nil
        }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return nil }
        return (host, port)
    }
}

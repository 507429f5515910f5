import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// Serves `/metrics` (Prometheus text format), `/healthz` and `/readyz` over HTTP with
/// SwiftNIO on one event-loop thread of its own, until graceful shutdown.
public struct MetricsServer: Service {
    /// An HTTP/1.1 connection as the server sees it: request parts in, response parts out.
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let host: String
    let port: UInt16
    let routes: ProbeRoutes
    let logger: Logger

    public init(host: String, port: UInt16, registry: PrometheusCollectorRegistry, readiness: Readiness, logger: Logger)
    {
        self.host = host
        self.port = port
        self.routes = ProbeRoutes(registry: registry, readiness: readiness)
        self.logger = logger
    }

    public func run() async throws {
        let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let outcome: Result<Void, any Error>
        do {
            try await cancelWhenGracefulShutdown { try await serve(on: eventLoops) }
            outcome = .success(())
        } catch is CancellationError where Task.isShuttingDownGracefully {
            // Graceful shutdown cancels the listener and its connections: that is how it ends.
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await eventLoops.shutdownGracefully()
        try outcome.get()
    }

    private func serve(on eventLoops: MultiThreadedEventLoopGroup) async throws {
        let listener = try await ServerBootstrap(group: eventLoops)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: Int(port)) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        if let address = listener.channel.localAddress, let ip = address.ipAddress, let port = address.port {
            let host = ip.contains(":") ? "[\(ip)]" : ip
            logger.info("metrics on http://\(host):\(port)/metrics")
        }
        let routes = self.routes
        let logger = self.logger
        try await listener.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in connections {
                    group.addTask {
                        do {
                            try await Self.answer(connection, routes: routes)
                        } catch {
                            logger.debug("metrics connection ended: \(error)")
                        }
                    }
                }
            }
        }
    }

    /// Answers the requests of one connection in order, keeping it open while the client asks to.
    private static func answer(_ connection: Connection, routes: ProbeRoutes) async throws {
        try await connection.executeThenClose { requests, responses in
            var head: HTTPRequestHead?
            for try await part in requests {
                switch part {
                case .head(let received):
                    head = received
                case .body:
                    continue
                case .end:
                    guard let request = head else { continue }
                    head = nil
                    let answer = routes.answer(method: request.method, uri: request.uri)
                    var headers = HTTPHeaders()
                    headers.add(name: "content-type", value: answer.contentType)
                    headers.add(name: "content-length", value: String(answer.body.count))
                    if !request.isKeepAlive { headers.add(name: "connection", value: "close") }
                    try await responses.write(
                        .head(HTTPResponseHead(version: request.version, status: answer.status, headers: headers)))
                    if request.method != .HEAD {
                        try await responses.write(.body(.byteBuffer(ByteBuffer(bytes: answer.body))))
                    }
                    try await responses.write(.end(nil))
                    if !request.isKeepAlive { return }
                }
            }
        }
    }
}

extension MetricsServer: CustomStringConvertible {
    public var description: String { "MetricsServer(\(host):\(port))" }
}

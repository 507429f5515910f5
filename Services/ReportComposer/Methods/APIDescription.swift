import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The composer's `rpc.discover` document (OpenRPC 1.3): its own methods, described here from
/// the types they decode and encode, and the data services' methods as each service describes
/// them (`statistics.discover`, `initiatives.discover`), with what the composer adds to a
/// forwarded call.
struct APIDescription: Codable, Sendable {
    struct Info: Codable, Sendable {
        var title: String
        var version: String
        var description: String
    }

    static let openRPCVersion = "1.3.2"

    var openrpc = Self.openRPCVersion
    var info: Info
    var methods: [JSONValue]
    /// The services that did not describe themselves in time: their methods are left out.
    var unavailable: [String]?

    enum CodingKeys: String, CodingKey {
        case openrpc, info, methods
        case unavailable = "x-unavailable"
    }

    /// The composer's own methods, described once: they depend on nothing but the code.
    static let composerMethodObjects: Result<[JSONValue], SchemaError> = Result {
        () throws(SchemaError) -> [JSONValue] in try composerMethods().map(\.openRPC)
    }

    /// The composer's own methods.
    static func composerMethods() throws(SchemaError) -> [MethodDescription] {
        [
            try MethodDescription(
                MethodName.Report.compose,
                summary: "The whole report in a format and language, from both services' current answers.",
                params: ComposeParams.self, result: ComposeResult.self),
            try MethodDescription(
                MethodName.Report.sections, summary: "The report's section headings, in order.",
                params: SectionsParams.self, result: SectionHeadings.self),
            try MethodDescription(
                MethodName.System.ping, summary: "Answers at once: the composer is alive.", params: NoParams.self,
                result: Pong.self),
            try MethodDescription(
                MethodName.System.info,
                summary: "The composer's version, endpoints and uptime, and each service's live replicas.",
                params: NoParams.self, result: SystemInfo.self),
            try MethodDescription(
                MethodName.System.stats,
                summary: "Per method: requests, errors, timeouts and recent processing-time percentiles.",
                params: NoParams.self, result: MethodStatisticsSnapshot.self),
            try MethodDescription(
                MethodName.RPC.discover,
                summary: "This document: every method a client can call here, with its params, result and errors.",
                params: NoParams.self, result: APIDescription.self),
        ]
    }

    /// The document: the composer's methods and those `services` described, sorted by name.
    init(services: [ServiceDescription], unavailable: [ServiceName]) throws(SchemaError) {
        info = Info(
            title: "Keihin report system",
            version: ProjectVersion.current,
            description: """
                The Keihin Coastal Area Life Innovation report and the data behind it, as JSON-RPC 2.0 \
                over ZeroMQ: one request per message on a DEALER or REQ socket connected to the composer's \
                client endpoint, or RFC 7 client frames (MDPC01) to service report, statistics or initiatives. \
                Methods of the statistics and initiatives services are forwarded to a live replica.
                """)
        var all = try Self.composerMethodObjects.get()
        for service in services {
            all += service.methods.map(Self.forwarded)
        }
        methods = all.sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
        self.unavailable = unavailable.isEmpty ? nil : unavailable.map(\.rawValue)
    }

    /// The document as JSON, written straight from its values (`JSONEncoder` over a tree of
    /// `JSONValue`s costs milliseconds for a document of this size).
    func encoded() -> Data {
        var members: [String: JSONValue] = [
            "openrpc": .string(openrpc),
            "info": .object([
                "title": .string(info.title), "version": .string(info.version),
                "description": .string(info.description),
            ]),
            "methods": .array(methods),
        ]
        if let unavailable { members[CodingKeys.unavailable.rawValue] = .array(unavailable.map(JSONValue.string)) }
        return JSONValue.object(members).encoded()
    }

    /// A service's method object as a client of the composer calls it: the broker's errors
    /// added, and `timeoutMs`, which the composer takes out of named params before forwarding.
    static func forwarded(_ method: JSONValue) -> JSONValue {
        guard case .object(var members) = method else { return method }
        var errors = members["errors"]?.arrayValue ?? []
        let codes = Set(errors.compactMap { $0["code"] })
        errors += JSONRPCError.Kind.forwarded.map(\.openRPC).filter { !codes.contains($0["code"]!) }
        members["errors"] = .array(errors.sorted { ($0["code"]?.integer ?? 0) > ($1["code"]?.integer ?? 0) })
        let timeout =
            "How long the composer waits for the service, in milliseconds; at most its limit (--timeout)."
        if members["paramStructure"] == "by-name", case .array(var params)? = members["params"] {
            params.append(
                .object([
                    "name": "timeoutMs", "summary": .string(timeout), "required": .bool(false),
                    "schema": .object(["type": "integer", "minimum": .integer(1)]),
                ]))
            members["params"] = .array(params)
        } else {
            members["description"] = .string("By name only, timeoutMs: \(timeout)")
        }
        return .object(members)
    }
}

extension JSONValue {
    fileprivate var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}

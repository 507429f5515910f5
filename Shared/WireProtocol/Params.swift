#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Params a method takes, decoded from the request with errors that name the field.
///
/// The members a params object may have are its `CodingKeys`, declared once: any other member
/// is refused, so a misspelt parameter is an error rather than silently ignored. The defaults
/// are what `init()` gives; a decoder that starts from `init()` and sets only what the request
/// has states each default once.
///
/// The API description (`rpc.discover`) is made from the same declarations: each member's
/// schema from what the decoder reads (``JSONSchema``), its default from encoding `init()`,
/// and what it means from ``describe(_:)``, which must answer for every member.
public protocol MethodParams: Codable, Sendable {
    /// The params object's members.
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// The params when the request has none: every default.
    init()
    /// The members params given by position stand for, in order (`report.compose ["html",
    /// "en"]`); empty for a method whose params are named only. A `null` in a position is the
    /// member left out.
    static var positionalOrder: [CodingKeys] { get }
    /// What `member` means, and any bound its decoder checks, for the API description.
    static func describe(_ member: CodingKeys) -> ParamDescription
}

extension MethodParams {
    /// Every member the params object may have, from ``CodingKeys``.
    public static var fields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    /// Named only, unless a method says otherwise.
    public static var positionalOrder: [CodingKeys] { [] }
}

/// The params of a method that takes none: absent, `{}` or `[]`.
public struct NoParams: MethodParams, Equatable {
    public enum CodingKeys: CodingKey, CaseIterable {}
    public init() {}
    public static func describe(_ member: CodingKeys) -> ParamDescription {}
}

extension JSONRPCRequest {
    /// Decodes `params` as `P`. Absent or empty params give `P()`. Errors are -32602 naming
    /// the field at fault.
    public func decodeParams<P: MethodParams>(_ type: P.Type = P.self) throws(JSONRPCError) -> P {
        switch params {
        case nil: return P()
        case .array(let items)?:
            if items.isEmpty { return P() }
            let order = P.positionalOrder.map(\.stringValue)
            guard !order.isEmpty else {
                throw .invalidParams(field: "params", "this method takes its params by name, as an object")
            }
            guard items.count <= order.count else {
                throw .invalidParams(
                    field: "params",
                    "at most \(order.count) params by position (\(order.joined(separator: ", "))), got \(items.count)")
            }
            var members: [String: JSONValue] = [:]
            for (name, item) in zip(order, items) where item != .null { members[name] = item }
            return try Self.decodeNamed(P.self, members)
        case .object(let members)?:
            return try Self.decodeNamed(P.self, members)
        default:
            throw .invalidParams(field: "params", "params must be an object (or an array, by position)")
        }
    }

    /// Decodes named params, refusing any member `P` does not have.
    private static func decodeNamed<P: MethodParams>(_ type: P.Type, _ members: [String: JSONValue])
        throws(JSONRPCError) -> P
    {
        do {
            if members.isEmpty { return P() }
            // Each member is a key of the params type (a switch, with no set made per request);
            // the first unknown one in sorted order is named, so the error does not vary.
            if members.keys.contains(where: { P.CodingKeys(stringValue: $0) == nil }),
                let unknown = members.keys.sorted().first(where: { P.CodingKeys(stringValue: $0) == nil })
            {
                throw JSONRPCError.invalidParams(
                    field: unknown.clipped, "unknown parameter; accepted: \(P.fields.sorted().joined(separator: ", "))")
            }
            return try JSONValueDecoder.decode(P.self, from: .object(members))
        } catch let error as JSONRPCError {
            throw error
        } catch let error as DecodingError {
            throw Self.describe(error)
        } catch {
            throw .invalidParams(field: "params", "\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> JSONRPCError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.enumerated().map { index, key in
                key.intValue.map { "[\($0)]" } ?? (index == 0 ? key.stringValue : "." + key.stringValue)
            }.joined()
        }
        switch error {
        case .typeMismatch(let type, let context):
            return .invalidParams(field: path(context.codingPath), "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return .invalidParams(field: path(context.codingPath), "expected \(describe(type)), got null")
        case .keyNotFound(let key, let context):
            return .invalidParams(field: path(context.codingPath + [key]), "required")
        case .dataCorrupted(let context):
            return .invalidParams(field: path(context.codingPath), context.debugDescription)
        @unknown default:
            return .invalidParams(field: "params", "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "\(type)"
        }
    }
}

/// Reads a string parameter that must be one of a fixed set, with an error listing the set.
public protocol ParameterChoice: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension ParameterChoice {
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: raw) else {
            let field = decoder.codingPath.last?.stringValue ?? "value"
            throw JSONRPCError.invalidParams(
                field: field,
                """
                unsupported value \"\(raw.clipped)\"; supported: \
                \(Self.allCases.map(\.rawValue).joined(separator: ", "))
                """
            )
        }
        self = value
    }
}

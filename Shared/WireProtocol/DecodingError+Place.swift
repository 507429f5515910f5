#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension DecodingError {
    /// The error as "where: what", with the path into the document (`initiatives[2].summary:
    /// expected String`), for messages about data files.
    public var placeDescription: String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch self {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): required"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)): expected \(type), got null"
        case .dataCorrupted(let context):
            let detail = context.underlyingError.map { "\($0)" }
            return context.codingPath.isEmpty
                ? "not valid JSON\(detail.map { ": \($0)" } ?? "")"
                : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(self)"
        }
    }
}

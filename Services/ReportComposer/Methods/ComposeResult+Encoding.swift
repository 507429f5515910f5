import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ComposeResult {
    /// The result as JSON, written directly for a rendered document (the common case: the
    /// document is one long string, and `JSONEncoder` would go through `Codable` to write it);
    /// through `JSONEncoder` for the structured report. Both give the same bytes for the same
    /// value: members in sorted order, `/` not escaped.
    func encoded() throws -> Data {
        guard case .document(let document) = content else { return try JSONCoding.encoder.encode(self) }
        var writer = JSONWriter(capacity: document.utf8.count + document.utf8.count / 8 + 512)
        writer.raw("{\"content\":")
        document.utf8.withUnsafeBufferPointer { writer.string(utf8: $0) }
        writer.raw(",\"degraded\":")
        writer.bool(degraded)
        writer.raw(",\"format\":")
        writer.string(format.rawValue)
        writer.raw(",\"generatedAt\":")
        writer.string(generatedAt)
        writer.raw(",\"lang\":")
        writer.string(lang.rawValue)
        writer.raw(",\"missing\":")
        strings(missing, into: &writer)
        writer.raw(",\"sections\":")
        strings(sections, into: &writer)
        writer.raw("}")
        return writer.data
    }

    private func strings(_ items: [String], into writer: inout JSONWriter) {
        writer.raw("[")
        for (index, item) in items.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.string(item)
        }
        writer.raw("]")
    }
}

import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ComposeResult {
    /// The result as JSON, written directly (a rendered document is one long string; the
    /// structured report is written by ``Report/write(to:)``): the same bytes `JSONEncoder`
    /// gives for the same value — members in sorted order, `/` not escaped — with no `Codable`.
    func encoded() throws -> Data {
        var writer: JSONWriter
        switch content {
        case .document(let document):
            writer = JSONWriter(capacity: document.utf8.count + document.utf8.count / 8 + 512)
            writer.raw("{\"content\":")
            document.utf8.withUnsafeBufferPointer { writer.string(utf8: $0) }
        case .report(let report):
            writer = JSONWriter(capacity: 16 << 10)
            writer.raw("{\"content\":")
            report.write(to: &writer)
        }
        writer.raw(",\"degraded\":")
        writer.bool(degraded)
        writer.member(",\"format\":", format.rawValue)
        writer.member(",\"generatedAt\":", generatedAt)
        writer.member(",\"lang\":", lang.rawValue)
        writer.raw(",\"missing\":")
        strings(missing, into: &writer)
        writer.raw(",\"sections\":")
        strings(sections, into: &writer)
        writer.raw("}")
        return writer.data
    }

    private func strings(_ items: [some UTF8Text], into writer: inout JSONWriter) {
        writer.raw("[")
        for (index, item) in items.enumerated() {
            if index > 0 { writer.raw(",") }
            item.withUTF8Bytes { writer.string(utf8: $0) }
        }
        writer.raw("]")
    }
}

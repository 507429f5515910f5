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
        var writer = writer(headroom: 0)
        write(into: &writer)
        return writer.data
    }

    /// The whole JSON-RPC response to the request `id` with this result, written once: the
    /// bytes ``JSONRPCResponse/encoded()`` gives for it, without writing the result first and
    /// copying it into the envelope.
    func encodedResponse(id: JSONValue) -> Data {
        var writer = writer(headroom: 64)
        JSONRPCResponse.writeResult(id: id, into: &writer) { write(into: &$0) }
        return writer.data
    }

    /// A writer with room for the result and `headroom` bytes more.
    private func writer(headroom: Int) -> JSONWriter {
        switch content {
        case .document(let document):
            JSONWriter(capacity: document.utf8.count + document.utf8.count / 8 + 512 + headroom)
        case .report:
            JSONWriter(capacity: (16 << 10) + headroom)
        }
    }

    private func write(into writer: inout JSONWriter) {
        switch content {
        case .document(let document):
            writer.raw("{\"content\":")
            document.utf8.withUnsafeBufferPointer { writer.string(utf8: $0) }
        case .report(let report):
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

import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the texts of one service reply as ranges of a copy of it (``TextStorage``): a text
/// without escapes is where it is in the reply; one with escapes is decoded into the storage
/// after the copy. Decoding never lengthens a text, so twice the reply's size always suffices.
struct ReplyTextReader {
    let storage: TextStorage

    /// A reader of texts of `reply`, which must be the bytes the ``JSONReader`` reads.
    init(copying reply: Data) {
        let storage = TextStorage(capacity: reply.count * 2)
        reply.withUnsafeBytes { _ = storage.append($0.assumingMemoryBound(to: UInt8.self)) }
        self.storage = storage
    }

    /// Reads the next value, a string, as a text.
    func text(_ reader: inout JSONReader) throws -> ReportText {
        try reader.readStringUTF8 { utf8, offset in
            guard let offset else { return storage.text(appending: utf8) }
            return ReportText(storage: storage, start: offset, count: utf8.count)
        }
    }

    /// Reads `null` as `nil`, else a string as a text.
    func optionalText(_ reader: inout JSONReader) throws -> ReportText? {
        try reader.readNullIfPresent() ? nil : text(&reader)
    }

    /// Reads an array of strings as texts.
    func texts(_ reader: inout JSONReader) throws -> [ReportText] {
        try reader.readArray { try text(&$0) }
    }

    /// Reads `null` as `nil`, else an array of strings as texts.
    func optionalTexts(_ reader: inout JSONReader) throws -> [ReportText]? {
        try reader.readNullIfPresent() ? nil : texts(&reader)
    }
}

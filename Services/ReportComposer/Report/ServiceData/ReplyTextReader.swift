import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the texts of one service reply as ranges of it (``TextStorage``), in place: a text
/// without escapes is where it is in the reply (the usual case); one with escapes is decoded
/// into a storage of its own.
struct ReplyTextReader {
    let storage: TextStorage

    /// A reader of texts of `reply`, which must be the bytes the ``JSONReader`` reads.
    init(reading reply: Data) {
        storage = TextStorage(bytesOf: reply)
    }

    /// Reads the next value, a string, as a text.
    func text(_ reader: inout JSONReader) throws -> ReportText {
        try reader.readStringUTF8 { utf8, offset in
            guard let offset else { return ReportText(copying: utf8) }
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

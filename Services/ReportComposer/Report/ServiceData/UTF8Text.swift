import WireProtocol

/// Text the renderers can read as UTF-8 bytes: the report's texts (``ReportText``) and the
/// `String`s a renderer makes itself (figures, marks, labels).
protocol UTF8Text {
    /// Calls `body` with the text's UTF-8, valid only during the call.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
}

extension String: UTF8Text {
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var text = self
        return try text.withUTF8(body)
    }
}

extension ReportText: UTF8Text {
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUTF8(body)
    }
}

extension RenderedText: UTF8Text {
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try utf8.withUnsafeBufferPointer(body)
    }
}

extension JSONWriter {
    /// Appends a report's text as a JSON string.
    mutating func string(_ text: ReportText) {
        text.withUTF8 { string(utf8: $0) }
    }

    /// Appends `key` (already JSON, with its punctuation: `,"name":`) and `text`.
    mutating func member(_ key: StaticString, _ text: ReportText) {
        raw(key)
        string(text)
    }

    /// Appends `key` and `text` when there is a text; nothing otherwise.
    mutating func optional(_ key: StaticString, _ text: ReportText?) {
        guard let text else { return }
        member(key, text)
    }
}

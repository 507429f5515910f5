/// A rendered document as the UTF-8 bytes its renderer wrote. A renderer writes only the bytes
/// of `String`s and ASCII, so they are well-formed, and the result encoder copies them into the
/// JSON reply as they are: making a `String` of a 5 KB Japanese document would check every
/// character again (a fifth of the Markdown renderer's time in a profile) for nothing.
struct RenderedText: Sendable, Encodable, Equatable {
    let utf8: [UInt8]

    /// Bytes a renderer wrote from `String`s and ASCII.
    init(writtenUTF8 bytes: [UInt8]) {
        utf8 = bytes
    }

    init(_ text: String) {
        utf8 = Array(text.utf8)
    }

    /// The document as a `String`.
    var text: String { String(decoding: utf8, as: UTF8.self) }

    func encode(to encoder: any Encoder) throws {
        try text.encode(to: encoder)
    }
}

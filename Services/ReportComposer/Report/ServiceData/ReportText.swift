/// A text of the report as UTF-8 bytes kept in a ``TextStorage``: a service's text is a range
/// of the reply it came in (its bytes between the quotes, when it has no escapes), so reading a
/// reply makes no `String` — no allocation, no copy and no second UTF-8 check per text — and the
/// renderers copy the bytes as they are. Copying one costs a retain, as a `String` does.
struct ReportText: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    private let storage: TextStorage
    private let start: Int32
    /// The length in UTF-8 bytes.
    let count: Int32

    /// A range of `storage`'s bytes, which must be well-formed UTF-8.
    init(storage: TextStorage, start: Int, count: Int) {
        self.storage = storage
        self.start = Int32(start)
        self.count = Int32(count)
    }

    init(_ text: String) {
        var text = text
        let utf8Count = text.utf8.count
        let storage = TextStorage(capacity: utf8Count)
        text.withUTF8 { _ = storage.append($0) }
        self.init(storage: storage, start: 0, count: utf8Count)
    }

    init(stringLiteral value: String) {
        self.init(value)
    }

    var isEmpty: Bool { count == 0 }

    /// Calls `body` with the text's bytes, valid only during the call.
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) {
            try body(UnsafeBufferPointer(start: storage.base + Int(start), count: Int(count)))
        }
    }

    /// The text as a `String`, for the renderers that measure or concatenate it.
    var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }

    var description: String { string }

    static func == (lhs: ReportText, rhs: ReportText) -> Bool {
        lhs.count == rhs.count
            && lhs.withUTF8 { left in rhs.withUTF8 { right in left.elementsEqual(right) } }
    }

    func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The texts one after the other, as one text.
    static func + (lhs: ReportText, rhs: ReportText) -> ReportText {
        let storage = TextStorage(capacity: Int(lhs.count + rhs.count))
        lhs.withUTF8 { _ = storage.append($0) }
        rhs.withUTF8 { _ = storage.append($0) }
        return ReportText(storage: storage, start: 0, count: Int(lhs.count + rhs.count))
    }

    init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}

/// Bytes allocated once at a fixed capacity and filled from the front: the texts of one reply
/// (a copy of the reply, then the decoded texts that had escapes). Filled only while the reply
/// is read, on one thread, before any ``ReportText`` of it is shared; read-only after.
final class TextStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: max(capacity, 1))
    }

    deinit { base.deallocate() }

    /// Appends `bytes`, which must fit, and returns where they start.
    @discardableResult
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        precondition(count + bytes.count <= capacity, "TextStorage holds at most its capacity")
        let start = count
        if let source = bytes.baseAddress { (base + start).initialize(from: source, count: bytes.count) }
        count += bytes.count
        return start
    }

    /// Appends `bytes` and returns them as a text.
    func text(appending bytes: UnsafeBufferPointer<UInt8>) -> ReportText {
        ReportText(storage: self, start: append(bytes), count: bytes.count)
    }
}

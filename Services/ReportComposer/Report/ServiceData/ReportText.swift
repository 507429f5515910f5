#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A text of the report as UTF-8 bytes: a service's text is a range of the reply it came in
/// (its bytes between the quotes, when it has no escapes) kept in a ``TextStorage``, so reading
/// a reply makes no `String` — no allocation, no copy and no second UTF-8 check per text — and
/// the renderers copy the bytes as they are. A text of at most 15 bytes (a code, a short name,
/// a year) is held inline instead, as a small `String` is: copying it costs no retain.
struct ReportText: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Sendable as its storage is: a slice's pointer is into an owner that is read-only once
    /// shared.
    private enum Bytes: @unchecked Sendable {
        /// Up to 15 bytes, inline; `count` says how many.
        case inline((UInt64, UInt64), count: UInt8)
        /// A range of a storage's bytes: where they start, and the storage that keeps them. The
        /// pointer is read without the storage (kept alive by the text holding it), so reading a
        /// text costs no reference count.
        case slice(UnsafePointer<UInt8>, count: Int32, owner: TextStorage)
    }

    private let bytes: Bytes

    /// Texts this long or shorter are held inline.
    private static let inlineCapacity = 15

    /// A range of `storage`'s bytes, which must be well-formed UTF-8; held inline when short.
    /// Borrowed: a short text, held inline, costs no reference count at all.
    init(storage: borrowing TextStorage, start: Int, count: Int) {
        if count <= Self.inlineCapacity {
            self.init(inline: UnsafeBufferPointer(start: storage.base + start, count: count))
        } else {
            self.init(bytes: .slice(storage.base + start, count: Int32(count), owner: copy storage))
        }
    }

    /// At most ``inlineCapacity`` bytes of well-formed UTF-8, copied inline.
    private init(inline utf8: UnsafeBufferPointer<UInt8>) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            if let source = utf8.baseAddress { raw.baseAddress!.copyMemory(from: source, byteCount: utf8.count) }
        }
        self.init(bytes: .inline(words, count: UInt8(utf8.count)))
    }

    private init(bytes: Bytes) {
        self.bytes = bytes
    }

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { Self(copying: $0) }
    }

    /// A copy of `utf8`, which must be well-formed UTF-8: inline when short, else in a storage
    /// of its own.
    init(copying utf8: UnsafeBufferPointer<UInt8>) {
        if utf8.count <= Self.inlineCapacity {
            self.init(inline: utf8)
            return
        }
        let storage = TextStorage(capacity: utf8.count)
        self.init(bytes: .slice(storage.base + storage.append(utf8), count: Int32(utf8.count), owner: storage))
    }

    init(stringLiteral value: String) {
        self.init(value)
    }

    /// The length in UTF-8 bytes.
    var count: Int {
        switch bytes {
        case .inline(_, let count): Int(count)
        case .slice(_, let count, _): Int(count)
        }
    }

    var isEmpty: Bool { count == 0 }

    /// Calls `body` with the text's bytes, valid only during the call.
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch bytes {
        case .inline(var words, let count):
            return try withUnsafeBytes(of: &words) { raw in
                try body(
                    UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(count)))
            }
        case .slice(let start, let count, _):
            // `self` holds the owner for the whole call.
            return try body(UnsafeBufferPointer(start: start, count: Int(count)))
        }
    }

    /// The text as a `String`, for the renderers that measure or concatenate it.
    var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }

    var description: String { string }

    static func == (lhs: ReportText, rhs: ReportText) -> Bool {
        // Inline texts are zero past their bytes: equal texts have equal words.
        if case .inline(let left, let leftCount) = lhs.bytes, case .inline(let right, let rightCount) = rhs.bytes {
            return leftCount == rightCount && left.0 == right.0 && left.1 == right.1
        }
        return lhs.count == rhs.count
            && lhs.withUTF8 { left in rhs.withUTF8 { right in left.elementsEqual(right) } }
    }

    func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The texts one after the other, as one text.
    static func + (lhs: ReportText, rhs: ReportText) -> ReportText {
        let storage = TextStorage(capacity: lhs.count + rhs.count)
        lhs.withUTF8 { _ = storage.append($0) }
        rhs.withUTF8 { _ = storage.append($0) }
        return ReportText(storage: storage, start: 0, count: lhs.count + rhs.count)
    }

    init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}

/// Bytes allocated once at a fixed capacity and filled from the front, or the bytes of a
/// received reply read in place: the texts of one reply. Filled only while the reply is read,
/// on one thread, before any ``ReportText`` of it is shared; read-only after.
final class TextStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0
    /// The reply whose bytes `base` points at, kept unchanged for as long as this storage is;
    /// `nil` when the bytes are this storage's own.
    private let reply: Data?

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: max(capacity, 1))
        reply = nil
    }

    /// The bytes of `reply`, in place: nothing can be appended. A `Data` of more than
    /// ``inlineDataBytes`` (a received frame, copied out of libzmq) keeps its bytes in a heap
    /// storage of its own, which does not move while the `Data` is alive and not mutated — and
    /// this one is held, never mutated. A shorter one, whose bytes may move with it, is copied.
    init(bytesOf reply: Data) {
        capacity = reply.count
        count = reply.count
        if reply.count > Self.inlineDataBytes {
            self.reply = reply
            base = UnsafeMutablePointer(
                mutating: reply.withUnsafeBytes { $0.baseAddress!.assumingMemoryBound(to: UInt8.self) })
        } else {
            self.reply = nil
            let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(reply.count, 1))
            reply.copyBytes(to: bytes, count: reply.count)
            base = bytes
        }
    }

    /// A `Data` of at most this many bytes may keep them inline, where they move with it.
    private static let inlineDataBytes = 15

    deinit { if reply == nil { base.deallocate() } }

    /// Appends `bytes`, which must fit, and returns where they start.
    @discardableResult
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        precondition(count + bytes.count <= capacity, "TextStorage holds at most its capacity")
        let start = count
        if let source = bytes.baseAddress { (base + start).initialize(from: source, count: bytes.count) }
        count += bytes.count
        return start
    }
}

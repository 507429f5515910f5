#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes compact JSON into a byte buffer: the hot-path encoder for envelopes, requests and
/// documents. Its output matches `JSONCoding.encoder`'s for the same values: members in sorted
/// order (for ``JSONValue``), `/` not escaped, non-ASCII text as UTF-8, control characters
/// escaped.
public struct JSONWriter {
    public internal(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The JSON written so far.
    public var data: Data { Data(bytes) }

    /// Appends bytes that are already JSON (an encoded value, or punctuation).
    public mutating func raw(_ json: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: json.utf8Start, count: json.utf8CodeUnitCount))
    }

    /// Appends bytes that are already JSON.
    public mutating func raw(_ json: Data) {
        bytes.append(contentsOf: json)
    }

    /// Appends once more what this writer wrote at `range` (offsets into ``bytes``): a value
    /// that appears twice is written once.
    public mutating func repeatWritten(_ range: Range<Int>) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { copy in
            _ = copy.initialize(from: bytes[range])
            bytes.append(contentsOf: copy)
        }
    }

    /// Appends `text` as a JSON string, quoted and escaped.
    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(utf8: $0) }
    }

    /// Appends well-formed UTF-8 text as a JSON string, quoted and escaped: for text kept as the
    /// bytes it was written in, which need not become a `String` first.
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        // Escaped run by run into a buffer on the stack with room for the worst case (every
        // byte as `\u00XX`), each run appended at once: appending each unescaped stretch and
        // each escape to the array cost a call, a uniqueness and a capacity check per newline
        // of a document, and a buffer for the whole text (a report is 6 KiB, so 36 KiB) came
        // from the heap, the largest allocation of a request.
        guard let source = utf8.baseAddress else {
            raw("\"\"")
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.escapeRun * 6 + 2) { buffer in
            let out = buffer.baseAddress!
            var start = 0
            repeat {
                let count = min(Self.escapeRun, utf8.count - start)
                var written = 0
                if start == 0 {
                    out[0] = UInt8(ascii: "\"")
                    written = 1
                }
                written += Self.escape(source + start, count: count, into: out + written)
                start += count
                if start == utf8.count {
                    out[written] = UInt8(ascii: "\"")
                    written += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: out, count: written))
            } while start < utf8.count
        }
    }

    /// Bytes escaped at a time: six bytes each at worst and the quotes, 1,022 bytes, which Swift
    /// keeps on the stack (a temporary allocation of more than 1 KiB may come from the heap).
    static let escapeRun = 170

    /// Writes `count` bytes at `source` escaped (not quoted) at `out`, which has room for six
    /// bytes per byte; returns how many bytes it wrote. A run may end inside a character: no
    /// byte of a multi-byte UTF-8 sequence is ever escaped.
    private static func escape(
        _ source: UnsafePointer<UInt8>, count: Int, into out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let hex: StaticString = "0123456789abcdef"
        var written = 0
        func put(_ byte: UInt8) {
            out[written] = byte
            written += 1
        }
        var index = 0
        while index < count {
            // Eight bytes at a time while none needs escaping; in a word with one, the bytes
            // before it go at once (an HTML page has a quote every few bytes: handling each byte
            // of such a word alone cost more than the whole escape of a Markdown report).
            if index + 8 <= count {
                let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                let special = JSONReader.specialBytes(UInt64(littleEndian: word))
                // Eight bytes are stored either way: there is room for six per byte left.
                UnsafeMutableRawPointer(out + written).storeBytes(of: word, as: UInt64.self)
                if special == 0 {
                    written += 8
                    index += 8
                    continue
                }
                let clean = special.trailingZeroBitCount / 8
                written += clean
                index += clean
            }
            let byte = source[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                put(byte)
                continue
            }
            put(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): put(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): put(UInt8(ascii: "\\"))
            case 0x0a: put(UInt8(ascii: "n"))
            case 0x0d: put(UInt8(ascii: "r"))
            case 0x09: put(UInt8(ascii: "t"))
            case 0x08: put(UInt8(ascii: "b"))
            case 0x0c: put(UInt8(ascii: "f"))
            default:
                put(UInt8(ascii: "u"))
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "0"))
                put(hex.utf8Start[Int(byte >> 4)])
                put(hex.utf8Start[Int(byte & 0xf)])
            }
        }
        return written
    }

    public mutating func integer(_ value: some BinaryInteger) {
        if let small = Int64(exactly: value) {
            integer(small)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// Appends an integer's decimal digits, written from the last into a stack buffer: a
    /// `String` of it cost an allocation and a generic conversion per request id and count.
    public mutating func integer(_ value: Int64) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    public mutating func bool(_ value: Bool) {
        value ? raw("true") : raw("false")
    }

    /// Appends a finite number as the shortest text that reads back as the same `Double`
    /// (`2.5`, `1e+20`); integral values without a fraction (`3`). Non-finite values, which
    /// JSON cannot hold, become `null`.
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return raw("null") }
        if value == value.rounded(), abs(value) < 1e15 {
            integer(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// Appends any JSON value; object members in sorted order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): bool(flag)
        case .integer(let number): integer(number)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                self.value(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                string(key)
                bytes.append(UInt8(ascii: ":"))
                self.value(members[key]!)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }
}

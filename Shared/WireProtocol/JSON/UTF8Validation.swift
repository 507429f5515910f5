#if canImport(Glibc)
import Glibc
#endif

/// Text from bytes that must be well-formed UTF-8 (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
@usableFromInline
enum UTF8Validation {
    /// The text of `bytes`, or `nil` if they are not well-formed UTF-8.
    ///
    /// `String(decoding:as:)` checks the bytes as it copies them and replaces each ill-formed
    /// sequence with U+FFFD, so the bytes are well-formed exactly when the string holds the same
    /// bytes. Comparing them (`memcmp`) costs far less than checking every character a second
    /// time; `String(validating:as:)` goes through a generic path that costs several times more
    /// on Japanese text.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var string = String(decoding: bytes, as: UTF8.self)
        let unchanged = string.withUTF8 { utf8 in
            utf8.count == bytes.count
                && (bytes.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return unchanged ? string : nil
    }
}

extension UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8 (Unicode's table 3-7), checked without making a
    /// string: runs of ASCII eight bytes at a time, then each sequence by its lead byte.
    @usableFromInline
    static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        while index < count {
            if index + 8 <= count,
                UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // Most Japanese text: three-byte sequences E1–EC or EE–EF, no further limits; two of
            // them at a time while eight bytes are left (E0 and ED, whose second byte has
            // narrower limits, go one at a time below).
            if lead & 0xF0 == 0xE0 {
                let start = index
                while index + 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    guard word & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0 else { break }
                    let first = word & 0x0F
                    let second = (word >> 24) & 0x0F
                    guard first != 0, first != 0x0D, second != 0, second != 0x0D else { break }
                    index += 6
                }
                if index != start { continue }
            }
            if lead >= 0xE1, lead != 0xED, index + 3 <= count {
                let second = base[index + 1]
                let third = base[index + 2]
                if lead <= 0xEF, second & 0xC0 == 0x80, third & 0xC0 == 0x80 {
                    index += 3
                    continue
                }
            }
            guard let length = sequenceLength(base + index, available: count - index) else { return false }
            index += length
        }
        return true
    }

    /// The length of the well-formed sequence at `bytes`, or `nil` if it is not one.
    private static func sequenceLength(_ bytes: UnsafePointer<UInt8>, available: Int) -> Int? {
        let lead = bytes[0]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard length <= available, bytes[1] >= low, bytes[1] <= high else { return nil }
        for offset in 2..<length where bytes[offset] & 0xC0 != 0x80 { return nil }
        return length
    }
}

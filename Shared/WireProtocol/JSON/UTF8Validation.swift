#if canImport(Glibc)
import Glibc
#endif

/// Text from bytes that must be well-formed UTF-8 (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
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

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A strict JSON (RFC 8259) pull parser over UTF-8 bytes: it reads values in document order
/// straight into the caller's types, with no intermediate tree and no `Codable` machinery.
///
/// It is the hot-path reader: every request frame and every service reply is read with it.
/// It refuses what RFC 8259 refuses — leading zeros, trailing commas, unescaped control
/// characters, invalid escapes or UTF-8, lone surrogates, anything after the value — and
/// nesting deeper than ``maxDepth``, so hostile input cannot exhaust the stack.
///
/// ```swift
/// let name = try JSONReader.read(data) { reader in
///     var name = ""
///     try reader.readObject { key, reader in
///         if key == "name" { name = try reader.readString() } else { try reader.skipValue() }
///     }
///     return name
/// }
/// ```
public struct JSONReader {
    /// The kind of the next value.
    public enum Kind: Equatable, Sendable {
        case object, array, string, number, bool, null
    }

    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var index: Int
    private var depth = 0
    /// Deepest nesting of arrays and objects accepted.
    public let maxDepth: Int

    @usableFromInline
    init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        self.bytes = bytes
        self.index = 0
        self.maxDepth = maxDepth
    }

    /// Reads one whole JSON text from `data` with `body`, then checks that nothing but
    /// whitespace follows it. Inlinable, so that it is made for each reader's own `T` (a
    /// generic call found `T`'s metadata at run time for every reply).
    @inlinable
    public static func read<T>(
        _ data: Data, maxDepth: Int = 64, _ body: (inout JSONReader) throws -> T
    ) throws -> T {
        try data.withUnsafeBytes { bytes in
            var reader = JSONReader(bytes: bytes, maxDepth: maxDepth)
            let value = try body(&reader)
            reader.skipWhitespace()
            guard reader.index == bytes.count else { throw reader.error("unexpected data after the JSON value") }
            return value
        }
    }

    // MARK: peeking

    /// The kind of the next value (whitespace before it is skipped).
    ///
    /// Asked before every value, so it is small enough to be inlined into the readers: the error
    /// is made out of line.
    @inline(__always)
    public mutating func peekKind() throws -> Kind {
        skipWhitespace()
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return .string
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
            case UInt8(ascii: "{"): return .object
            case UInt8(ascii: "["): return .array
            case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
            case UInt8(ascii: "n"): return .null
            default: break
            }
        }
        throw noValue()
    }

    /// Why no value starts at the current position.
    @inline(never)
    private func noValue() -> JSONReadError {
        index < bytes.count ? error("unexpected \(describeByte(at: index))") : error("unexpected end of the JSON text")
    }

    /// Reads `null` if it comes next and returns `true`; otherwise reads nothing.
    public mutating func readNullIfPresent() throws -> Bool {
        guard try peekKind() == .null else { return false }
        try expectLiteral("null")
        return true
    }

    // MARK: scalars

    public mutating func readNull() throws {
        guard try peekKind() == .null else { throw mismatch("null") }
        try expectLiteral("null")
    }

    public mutating func readBool() throws -> Bool {
        guard try peekKind() == .bool else { throw mismatch("a boolean") }
        if bytes[index] == UInt8(ascii: "t") {
            try expectLiteral("true")
            return true
        }
        try expectLiteral("false")
        return false
    }

    /// Reads a string, decoding its escapes.
    public mutating func readString() throws -> String {
        let (start, plain, nonASCII) = try scanString()
        guard let plain else { return try readEscapedString(from: start) }
        if !nonASCII { return String(decoding: plain, as: UTF8.self) }
        return try makeString(plain, start: start)
    }

    /// Reads a string without making a `String` of it: `body` gets its UTF-8, checked to be
    /// well-formed — the bytes between the quotes and their offset in the JSON text when the
    /// string has no escapes (the usual case), else the decoded bytes and `nil`. The bytes are
    /// valid only during the call.
    @inlinable
    public mutating func readStringUTF8<R>(
        _ body: (_ utf8: UnsafeBufferPointer<UInt8>, _ offset: Int?) throws -> R
    ) throws -> R {
        let (start, plain, nonASCII) = try scanString()
        if let plain {
            guard !nonASCII || UTF8Validation.isWellFormed(plain) else { throw invalidUTF8(at: start) }
            return try body(plain, start)
        }
        let decoded = try readEscapedUTF8(from: start)
        return try decoded.withUnsafeBufferPointer { utf8 in
            guard UTF8Validation.isWellFormed(utf8) else { throw invalidUTF8(at: start) }
            return try body(utf8, nil)
        }
    }

    /// The error for a string at `start` whose bytes are not well-formed UTF-8.
    @usableFromInline
    func invalidUTF8(at start: Int) -> JSONReadError {
        error("a string is not valid UTF-8", at: start, kind: .invalidUTF8)
    }

    /// Reads up to a string's closing quote when it has no escapes and returns its bytes
    /// (`plain`) and whether any is not ASCII; at the first backslash it stops there, with
    /// `plain` `nil`. `start` is just after the opening quote.
    @usableFromInline
    mutating func scanString() throws -> (start: Int, plain: UnsafeBufferPointer<UInt8>?, nonASCII: Bool) {
        guard try peekKind() == .string else { throw mismatch("a string") }
        index += 1
        let start = index
        var sawNonASCII = false
        // Eight bytes at a time while none is a quote, a backslash or a control character.
        let base = bytes.baseAddress!
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let special = Self.specialBytes(word)
            if special != 0 {
                // Straight to the first special byte (the lowest mark is exact): the bytes
                // before it are plain.
                let plain = special.trailingZeroBitCount / 8
                let before: UInt64 = plain == 0 ? 0 : ~0 >> (64 - 8 * plain)
                sawNonASCII = sawNonASCII || word & before & 0x8080_8080_8080_8080 != 0
                index += plain
                break
            }
            sawNonASCII = sawNonASCII || word & 0x8080_8080_8080_8080 != 0
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<index]).assumingMemoryBound(to: UInt8.self)
                index += 1
                return (start, slice, sawNonASCII)
            }
            if byte == UInt8(ascii: "\\") { return (start, nil, sawNonASCII) }
            if byte < 0x20 { throw error("a control character inside a string (escape it)") }
            sawNonASCII = sawNonASCII || byte >= 0x80
            index += 1
        }
        throw error("a string is not closed", at: start - 1)
    }

    /// A number as scanned: where its text is, and its digits as an integer when they fit.
    private struct ScannedNumber {
        var start: Int
        var end: Int
        var negative = false
        var isInteger = true
        /// The digits (integer and fraction) as one integer, if at most 18 of them.
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        /// The written exponent (`e…`), if it fits.
        var exponent = 0
        var exponentFits = true
        var fitsFast: Bool { digits <= 18 && exponentFits }
    }

    /// Scans a number, checked against the JSON grammar, accumulating its digits.
    private mutating func scanNumber() throws -> ScannedNumber {
        guard try peekKind() == .number else { throw mismatch("a number") }
        var number = ScannedNumber(start: index, end: index)
        if bytes[index] == UInt8(ascii: "-") {
            number.negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs digits after \"-\"") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error("a number must not have leading zeros", at: number.start)
            }
        } else {
            accumulateDigits(into: &number)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            number.isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs digits after \".\"") }
            let before = number.digits
            accumulateDigits(into: &number)
            number.fractionDigits = number.digits - before
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            number.isInteger = false
            index += 1
            var negativeExponent = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("a number needs digits in its exponent")
            }
            var exponent = 0
            while index < bytes.count, isDigit(bytes[index]) {
                if exponent < 100_000 {
                    exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                } else {
                    number.exponentFits = false
                }
                index += 1
            }
            number.exponent = negativeExponent ? -exponent : exponent
        }
        number.end = index
        return number
    }

    private mutating func accumulateDigits(into number: inout ScannedNumber) {
        while index < bytes.count, isDigit(bytes[index]) {
            number.digits += 1
            if number.digits <= 18 {
                number.significand = number.significand * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
            }
            index += 1
        }
    }

    private func text(of number: ScannedNumber) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[number.start..<number.end]), as: UTF8.self)
    }

    /// Reads a number's literal text, checked against the JSON grammar.
    public mutating func readNumber() throws -> JSONNumber {
        let number = try scanNumber()
        return JSONNumber(text: text(of: number), isInteger: number.isInteger)
    }

    /// Reads an integer that fits `Int`.
    public mutating func readInt() throws -> Int {
        let number = try scanNumber()
        if number.isInteger, number.fitsFast {
            return number.negative ? -Int(number.significand) : Int(number.significand)
        }
        let literal = JSONNumber(text: text(of: number), isInteger: number.isInteger)
        guard let value = literal.int else { throw mismatch("an integer", found: literal.text) }
        return value
    }

    /// Reads a number of at most 18 digits exactly, as an ``ExactDecimal``.
    public mutating func readExactDecimal() throws -> ExactDecimal {
        let number = try scanNumber()
        let exponent = number.exponent - number.fractionDigits
        guard number.fitsFast, abs(exponent) <= 1_000 else {
            throw mismatch("a decimal number of at most 18 digits", found: text(of: number))
        }
        let significand = Int64(number.significand)
        return ExactDecimal(significand: number.negative ? -significand : significand, exponent: exponent)
    }

    // MARK: containers

    /// Reads an object, calling `body` with each member's key as the bytes it was written
    /// with (no `String` is made: compare it with `==` or `switch` against literals); `body`
    /// must read (or skip) exactly the member's value.
    public mutating func readObject(_ body: (JSONKey, inout JSONReader) throws -> Void) throws {
        guard try peekKind() == .object else { throw mismatch("an object") }
        try enter()
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a member name (a string) in an object")
            }
            if let plain = readPlainKey() {
                try readMember(named: JSONKey(raw: plain), body)
            } else {
                // Escaped or not ASCII (rare): decoded and checked into bytes of its own.
                let name = try readKeyBytes()
                try name.withUnsafeBytes { try readMember(named: JSONKey(raw: $0), body) }
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("an object is not closed") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw error("expected \",\" or \"}\" in an object") }
            index += 1
            depth -= 1
            return
        }
    }

    /// The `:` after a member's name, then its value, read by `body`.
    private mutating func readMember(named key: JSONKey, _ body: (JSONKey, inout JSONReader) throws -> Void) throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            throw error("expected \":\" after a member name")
        }
        index += 1
        try body(key, &self)
    }

    /// A member name's bytes in the text, read, when it is plain ASCII without escapes (the
    /// usual case); else `nil`, with nothing read.
    private mutating func readPlainKey() -> UnsafeRawBufferPointer? {
        let start = index + 1
        var end = start
        // Eight bytes at a time while none is a quote, a backslash, a control character or
        // not ASCII; then straight to the first that is.
        let base = bytes.baseAddress!
        while end + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
            let stop = Self.specialBytes(word) | word & 0x8080_8080_8080_8080
            if stop != 0 {
                end += stop.trailingZeroBitCount / 8
                break
            }
            end += 8
        }
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                index = end + 1
                return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            end += 1
        }
        return nil
    }

    /// A member name with escapes or non-ASCII text: its decoded bytes, checked to be
    /// well-formed UTF-8.
    private mutating func readKeyBytes() throws -> [UInt8] {
        try readStringUTF8 { utf8, _ in Array(utf8) }
    }

    /// Reads an array, calling `body` once per element; `body` must read (or skip) exactly
    /// that element.
    public mutating func readElements(_ body: (inout JSONReader) throws -> Void) throws {
        guard try peekKind() == .array else { throw mismatch("an array") }
        try enter()
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return
        }
        while true {
            try body(&self)
            skipWhitespace()
            guard index < bytes.count else { throw error("an array is not closed") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw error("expected \",\" or \"]\" in an array") }
            index += 1
            depth -= 1
            return
        }
    }

    /// Reads an array of `T`, each element read by `element`.
    @inlinable
    public mutating func readArray<T>(of element: (inout JSONReader) throws -> T) throws -> [T] {
        var items: [T] = []
        try readElements { reader in
            // Room for a few elements at the first: growing from one at a time cost an
            // allocation per doubling. An empty array allocates nothing.
            if items.isEmpty { items.reserveCapacity(8) }
            items.append(try element(&reader))
        }
        return items
    }

    /// Reads and checks the next value, whatever it is, and drops it.
    public mutating func skipValue() throws {
        switch try peekKind() {
        case .object: try readObject { _, reader in try reader.skipValue() }
        case .array: try readElements { reader in try reader.skipValue() }
        case .string: try readStringUTF8 { _, _ in }
        case .number: _ = try scanNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        }
    }

    /// The raw bytes of the next value (checked), e.g. to pass a member on without reading it.
    public mutating func readRawValue() throws -> Data {
        skipWhitespace()
        let start = index
        try skipValue()
        return Data(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
    }

    // MARK: errors

    /// An error at the current position.
    public func error(_ message: String) -> JSONReadError {
        error(message, at: index)
    }

    private func error(_ message: String, at offset: Int, kind: JSONReadError.Kind = .syntax) -> JSONReadError {
        JSONReadError(kind: kind, message: message, offset: offset)
    }

    /// An error at the current position about a value that is valid JSON but not what was expected.
    public func unexpected(_ message: String) -> JSONReadError {
        error(message, at: index, kind: .unexpectedValue)
    }

    /// "expected a string, got a number".
    @inline(never)
    private mutating func mismatch(_ expected: String, found: String? = nil) -> JSONReadError {
        let got: String
        if let found {
            got = found
        } else {
            switch try? peekKind() {
            case .object?: got = "an object"
            case .array?: got = "an array"
            case .string?: got = "a string"
            case .number?: got = "a number"
            case .bool?: got = "a boolean"
            case .null?: got = "null"
            case nil: got = index < bytes.count ? describeByte(at: index) : "the end of the text"
            }
        }
        return error("expected \(expected), got \(got)", at: index, kind: .unexpectedValue)
    }

    private func describeByte(at offset: Int) -> String {
        let byte = bytes[offset]
        return (0x21..<0x7f).contains(byte)
            ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x\(String(byte, radix: 16))"
    }

    // MARK: lexing

    private mutating func enter() throws {
        depth += 1
        if depth > maxDepth { throw error("nested deeper than \(maxDepth) levels", at: index, kind: .tooDeep) }
    }

    @inline(__always) @usableFromInline
    mutating func skipWhitespace() {
        // Every whitespace byte is at most 0x20: one comparison for the usual compact text.
        guard index < bytes.count, bytes[index] <= 0x20 else { return }
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0a, 0x0d, 0x09: index += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count,
            memcmp(bytes.baseAddress! + index, literal.utf8Start, count) == 0
        else { throw error("unexpected \(describeByte(at: index))") }
        index += count
    }

    /// The high bit of each of the eight bytes of `word` that is `"`, `\\` or below 0x20 (SWAR:
    /// "has a zero byte" after XOR, and "has a byte less than 0x20"). A borrow can also mark a
    /// byte above a marked one, so only the lowest mark is exact: in memory order (`word` read
    /// little-endian) it is the first such byte.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        let hasControl = (word &- ones &* 0x20) & ~word & highs
        return hasQuote | hasBackslash | hasControl
    }

    private func makeString(_ utf8: UnsafeBufferPointer<UInt8>, start: Int) throws -> String {
        guard let string = UTF8Validation.string(utf8) else {
            throw error("a string is not valid UTF-8", at: start, kind: .invalidUTF8)
        }
        return string
    }

    /// The slow path of ``readString()``: from `start` (just after the opening quote), with
    /// escapes.
    private mutating func readEscapedString(from start: Int) throws -> String {
        let utf8 = try readEscapedUTF8(from: start)
        return try utf8.withUnsafeBufferPointer { try makeString($0, start: start) }
    }

    /// The decoded bytes of a string with escapes, from `start` (just after the opening quote)
    /// to its closing quote, which is read; not yet checked to be well-formed UTF-8.
    @usableFromInline
    mutating func readEscapedUTF8(from start: Int) throws -> [UInt8] {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(index - start + 16)
        utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return utf8
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0c)
                case UInt8(ascii: "n"): utf8.append(0x0a)
                case UInt8(ascii: "r"): utf8.append(0x0d)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try readUnicodeEscape()
                    utf8.append(contentsOf: String(Character(scalar)).utf8)
                default:
                    throw error("an invalid escape \"\\\(Character(Unicode.Scalar(escape)))\"", at: index - 2)
                }
            default:
                if byte < 0x20 { throw error("a control character inside a string (escape it)") }
                utf8.append(byte)
                index += 1
            }
        }
        throw error("a string is not closed", at: start - 1)
    }

    /// After `\u`: four hex digits, or a surrogate pair written as two escapes.
    private mutating func readUnicodeEscape() throws -> Unicode.Scalar {
        let escapeStart = index - 2
        let first = try readHex4()
        switch first {
        case 0xD800..<0xDC00:
            guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else {
                throw error("a lone surrogate \\u\(String(first, radix: 16))", at: escapeStart)
            }
            index += 2
            let second = try readHex4()
            guard (0xDC00..<0xE000).contains(second) else {
                throw error("a lone surrogate \\u\(String(first, radix: 16))", at: escapeStart)
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        case 0xDC00..<0xE000:
            throw error("a lone surrogate \\u\(String(first, radix: 16))", at: escapeStart)
        default:
            return Unicode.Scalar(first)!
        }
    }

    private mutating func readHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("\\u needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

/// A member name as ``JSONReader/readObject(_:)`` hands it over, as its decoded UTF-8 bytes:
/// valid only during that call. Nothing in it is reference-counted, so handing one over costs
/// no retain and no release.
public struct JSONKey {
    @usableFromInline let raw: UnsafeRawBufferPointer

    init(raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    /// The name as a string.
    public var string: String { String(decoding: raw, as: UTF8.self) }

    @inlinable @inline(__always)
    public static func == (key: JSONKey, name: StaticString) -> Bool {
        let raw = key.raw
        guard raw.count == name.utf8CodeUnitCount else { return false }
        // Names are short and most differ in their first bytes: a byte loop that stops at the
        // first difference beats a call to memcmp for each `case` a key is tried against.
        let other = name.utf8Start
        for offset in 0..<raw.count where raw[offset] != other[offset] { return false }
        return true
    }

    /// Lets `switch key { case "name": … }` compare bytes.
    @inlinable @inline(__always)
    public static func ~= (name: StaticString, key: JSONKey) -> Bool {
        key == name
    }
}

/// Why a JSON text could not be read, and where (a byte offset).
public struct JSONReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is, for callers that answer each kind differently.
    public enum Kind: Sendable, Equatable {
        /// The text is not JSON.
        case syntax
        /// A string's bytes are not valid UTF-8.
        case invalidUTF8
        /// Nested deeper than the reader allows.
        case tooDeep
        /// Valid JSON, but not the value the reader expected (a missing member, a wrong type).
        case unexpectedValue
    }

    public var kind: Kind = .syntax
    public var message: String
    public var offset: Int

    public init(kind: Kind = .syntax, message: String, offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) (at byte \(offset))" }
}

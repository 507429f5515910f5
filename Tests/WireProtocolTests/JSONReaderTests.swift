import Foundation
import Testing

@testable import WireProtocol

/// The hot-path JSON reader against RFC 8259 and against Foundation's `JSONSerialization`.
@Suite("JSON reader")
struct JSONReaderTests {
    /// Foundation's reading of `text`, in `JSONValue` terms, for comparison.
    static func foundation(_ text: Data) throws -> JSONValue {
        func convert(_ any: Any) -> JSONValue {
            switch any {
            case is NSNull: return .null
            case let string as String: return .string(string)
            case let array as [Any]: return .array(array.map(convert))
            case let object as [String: Any]: return .object(object.mapValues(convert))
            case let number as NSNumber:
                if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
                let double = number.doubleValue
                if double == double.rounded(), abs(double) < 9e15, !String(describing: number).contains(".") {
                    return .integer(number.int64Value)
                }
                return .number(double)
            default: return .string("unexpected \(type(of: any))")
            }
        }
        return convert(try JSONSerialization.jsonObject(with: text, options: [.fragmentsAllowed]))
    }

    @Test(
        "valid documents read as Foundation reads them",
        arguments: [
            #"{}"#, #"[]"#, #"  {"a" : [1, -2, 3.5, -0.25e2, 1E3, 0, -0]} "#, #""plain""#, #"true"#, #"false"#,
            #"null"#,
            #"{"k":"\u00e9\u3042\ud83d\ude00 \n\t\r\b\f\/\\\""}"#, #"["川崎市", "横浜市", "☆"]"#,
            #"{"nested":{"deep":[[[{"x":[]}]]]},"e":""}"#,
            #"{"a":1,"a":2}"#, "[1.5e-7, 6.02E+23, 0.1]",
        ])
    func valid(text: String) throws {
        let data = Data(text.utf8)
        let ours = try JSONValue.parse(data)
        let theirs = try Self.foundation(data)
        if case .array(let items) = ours, case .array(let expected) = theirs, items.count == expected.count {
            for (item, other) in zip(items, expected) {
                if case .number(let a) = item, case .number(let b) = other {
                    #expect(a == b)
                } else {
                    // Integers beyond Int64 come out as doubles here; compare those by value.
                    if case .number(let a) = item, case .integer(let b) = other {
                        #expect(a == Double(b))
                    } else {
                        #expect(item == other)
                    }
                }
            }
        } else {
            #expect(ours == theirs)
        }
    }

    @Test("integers that fit Int64 stay exact; larger ones become doubles")
    func bigIntegers() throws {
        let value = try JSONValue.parse(Data("[9007199254740993, -9223372036854775808, 9223372036854775808]".utf8))
        #expect(value == .array([.integer(9_007_199_254_740_993), .integer(.min), .number(9_223_372_036_854_775_808)]))
    }

    @Test(
        "invalid documents are refused",
        arguments: [
            "", " ", "{", "}", "[1,]", "[,1]", #"{"a":1,}"#, #"{"a" 1}"#, #"{a:1}"#, "[01]", "[-]", "[1.]", "[.5]",
            "[1e]",
            "[+1]", "[0x10]", "[NaN]", "[Infinity]", "[tru]", "[nul]", "[True]", #"["a\x"]"#, #"["\u12"]"#,
            #"["\ud800"]"#,
            #"["\udc00x"]"#, "[\"tab\there\"]", "[\"line\nbreak\"]", #"["unclosed"#, "[1] [2]", "{} x", "[1 2]",
            "'single'",
            #"{"a":1}}"#, "[1e400]",
        ])
    func invalid(text: String) {
        #expect(throws: JSONReadError.self) { try JSONValue.parse(Data(text.utf8)) }
    }

    @Test("invalid UTF-8 in a string is refused; outside strings too")
    func invalidUTF8() throws {
        let inString = try #require(throws: JSONReadError.self) { try JSONValue.parse(Data([0x22, 0xff, 0xfe, 0x22])) }
        #expect(inString.kind == .invalidUTF8)
        let outside = try #require(throws: JSONReadError.self) { try JSONValue.parse(Data([0x5b, 0xc3, 0x5d])) }
        #expect(outside.kind == .syntax)
        let surrogate = try #require(throws: JSONReadError.self) {
            try JSONValue.parse(Data([0x22, 0xed, 0xa0, 0x80, 0x22]))  // an encoded surrogate
        }
        #expect(surrogate.kind == .invalidUTF8)
    }

    @Test("nesting beyond the limit is refused before the stack is at risk")
    func depth() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(throws: JSONReadError.self) { try JSONValue.parse(Data(deep.utf8)) }
        #expect(error.message == "nested deeper than 64 levels")
        #expect(error.kind == .tooDeep)
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONValue.parse(Data(ok.utf8)) }
    }

    @Test("errors say what and where")
    func messages() throws {
        let error = try #require(throws: JSONReadError.self) { try JSONValue.parse(Data(#"{"a":[1,]}"#.utf8)) }
        #expect(error.description == #"unexpected "]" (at byte 8)"#)
        #expect(error.kind == .syntax)
        let mismatch = try #require(throws: JSONReadError.self) {
            try JSONReader.read(Data(#"{"n":"x"}"#.utf8)) { reader in
                try reader.readObject { _, reader in _ = try reader.readInt() }
            }
        }
        #expect(mismatch.message == "expected a number, got a string")
        #expect(mismatch.kind == .unexpectedValue)
    }

    @Test(
        "numbers convert exactly",
        arguments: [
            ("2.39", "2.39"), ("-50.6", "-50.6"), ("100", "100"), ("0", "0"), ("-0", "0"), ("1e2", "100"),
            ("2.5E-1", "0.25"),
            ("123456789012345678901234", "123456789012345678901234"),
        ])
    func decimals(text: String, expected: String) throws {
        let value = try JSONReader.read(Data(text.utf8)) { try $0.readNumber() }.decimal
        #expect(value == Decimal(string: expected))
    }

    /// A deterministic generator, so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomValue(_ rng: inout SplitMix, depth: Int = 0) -> Any {
        let alphabet = Array("ab\"\\/\n\t\u{01}é川崎市😀 ")
        switch Int.random(in: depth > 4 ? 0..<5 : 0..<7, using: &rng) {
        case 0: return NSNull()
        case 1: return Bool.random(using: &rng)
        case 2: return Int.random(in: -1_000_000...1_000_000, using: &rng)
        case 3: return Double(Int.random(in: -100_000...100_000, using: &rng)) / 100
        case 4:
            return String((0..<Int.random(in: 0..<40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        case 5: return (0..<Int.random(in: 0..<5, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) }
        default:
            var object: [String: Any] = [:]
            for index in 0..<Int.random(in: 0..<5, using: &rng) {
                object["k\(index)\(alphabet.randomElement(using: &rng)!)"] = randomValue(&rng, depth: depth + 1)
            }
            return object
        }
    }

    @Test("2,000 random documents read as Foundation reads them")
    func differential() throws {
        var rng = SplitMix(state: 20_261_129)
        for _ in 0..<2_000 {
            let value = Self.randomValue(&rng)
            let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
            let ours = try JSONValue.parse(data)
            let theirs = try Self.foundation(data)
            #expect(ours == theirs, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test("the UTF-8 check agrees with the standard library on 20,000 random byte strings")
    func utf8Differential() {
        var rng = SplitMix(state: 7)
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe3, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0,
            0x90, 0x8f,
        ]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0..<24, using: &rng)).map { _ in
                Bool.random(using: &rng)
                    ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let ours = bytes.withUnsafeBufferPointer(UTF8Validation.string)
            #expect((ours != nil) == expected, "\(bytes)")
            if let ours { #expect(Array(ours.utf8) == bytes) }
            #expect(bytes.withUnsafeBufferPointer(UTF8Validation.isWellFormed) == expected, "\(bytes)")
        }
        let japanese = "川崎市及び横浜市における「京浜臨海部」☆😀\u{FFFD}"
        #expect(Array(japanese.utf8).withUnsafeBufferPointer(UTF8Validation.string) == japanese)
        #expect(Array(japanese.utf8).withUnsafeBufferPointer(UTF8Validation.isWellFormed))
        // A three-byte sequence cut short at the end, after a long run of them.
        let cut = Array(String(repeating: "川", count: 9).utf8.dropLast())
        #expect(!cut.withUnsafeBufferPointer(UTF8Validation.isWellFormed))
    }

    @Test("the UTF-8 check agrees with the standard library on 20,000 runs of three-byte characters, one byte changed")
    func utf8ThreeByteRuns() {
        var rng = SplitMix(state: 11)
        let characters = Array("川崎市横浜産業構造「」（）ｱ\u{E000}\u{FFFD}\u{0800}\u{D7FF}".unicodeScalars).map {
            Array(String($0).utf8)
        }
        let replacements: [UInt8] = [0xE0, 0xED, 0xEF, 0xF0, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0x41, 0xFF]
        for _ in 0..<20_000 {
            var bytes = (0..<Int.random(in: 1..<9, using: &rng)).flatMap { _ in characters.randomElement(using: &rng)! }
            if Int.random(in: 0..<4, using: &rng) > 0 {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = replacements.randomElement(using: &rng)!
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer(UTF8Validation.isWellFormed) == expected, "\(bytes)")
        }
    }

    @Test("a string's UTF-8 is handed over in place when it has no escapes, decoded when it has")
    func stringUTF8() throws {
        let json = Data(#"["川崎市", "a\"b\u00e9\n", "\ud83d\ude00", ""]"#.utf8)
        let read = try JSONReader.read(json) { reader in
            try reader.readArray { reader in
                try reader.readStringUTF8 { utf8, offset in (String(decoding: utf8, as: UTF8.self), offset) }
            }
        }
        #expect(read.map(\.0) == ["川崎市", "a\"bé\n", "😀", ""])
        #expect(read.map(\.1) == [2, nil, nil, 47])
        for bad in [
            Data([0x22, 0xe5, 0xb7, 0x22]), Data(#""\ud800""#.utf8), Data(#""a"#.utf8), Data([0x22, 0x0a, 0x22]),
        ] {
            #expect(throws: JSONReadError.self) { try JSONReader.read(bad) { try $0.readStringUTF8 { _, _ in } } }
        }
        let invalid = try #require(throws: JSONReadError.self) {
            try JSONReader.read(Data([0x22, 0x61, 0xe5, 0xb7, 0x22])) { try $0.readStringUTF8 { _, _ in } }
        }
        #expect(invalid.kind == .invalidUTF8 && invalid.offset == 1)
        // An ill-formed byte anywhere in the eight bytes before the closing quote, after runs of
        // eight plain bytes or none, is still found (the scan jumps to the quote).
        for run in [0, 8, 16] {
            for position in 0..<8 {
                var bytes = [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "a"), count: run + 8)
                bytes[1 + run + position] = 0xff
                let closed = Data(bytes + [UInt8(ascii: "\""), UInt8(ascii: "a")].prefix(1))
                let error = try #require(throws: JSONReadError.self) {
                    try JSONReader.read(closed) { try $0.readStringUTF8 { _, _ in } }
                }
                #expect(error.kind == .invalidUTF8, "run \(run), position \(position)")
            }
        }
    }

    @Test("JSONWriter writes what JSONEncoder writes, for 2,000 random values")
    func writerDifferential() throws {
        var rng = SplitMix(state: 42)
        for _ in 0..<2_000 {
            let value = try JSONValue.parse(
                try JSONSerialization.data(withJSONObject: Self.randomValue(&rng), options: [.fragmentsAllowed]))
            let expected = try JSONCoding.encoder.encode(value)
            #expect(String(decoding: value.encoded(), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test("JSONWriter writes integers' digits as String(_:) does, at the edges of Int64 and beyond")
    func writerIntegers() {
        let values: [Int64] = [0, 7, -7, 10, -10, 1_000_000, Int64.max, Int64.min, Int64.min + 1]
        for value in values {
            var writer = JSONWriter()
            writer.integer(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
        }
        var wide = JSONWriter()
        wide.integer(UInt64.max)
        #expect(String(decoding: wide.bytes, as: UTF8.self) == "18446744073709551615")
    }

    @Test("JSONWriter escapes a long text as JSONEncoder does, whatever falls on the edge of a run it escapes at once")
    func writerLongText() throws {
        let run = JSONWriter.escapeRun
        for length in [0, 1, run - 1, run, run + 1, 2 * run, 2 * run + 1, 6_000] {
            for (place, special) in [(run - 1, "\n"), (run, "\""), (run - 1, "川"), (run - 2, "\u{1}"), (2 * run, "\\")]
            {
                var text = String(repeating: "a", count: length)
                if place <= length {
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: place))
                }
                var writer = JSONWriter()
                writer.string(text)
                let expected = try JSONCoding.encoder.encode(text)
                #expect(writer.bytes == Array(expected), "length \(length), \(special.debugDescription) at \(place)")
            }
        }
        // Nothing but escapes: six bytes for each byte of the text.
        let controls = String(repeating: "\u{1f}", count: 3 * run + 5)
        var writer = JSONWriter()
        writer.string(controls)
        #expect(writer.bytes.count == controls.utf8.count * 6 + 2)
        #expect(try JSONDecoder().decode(String.self, from: Data(writer.bytes)) == controls)
    }

    @Test("a member name of any length reads whole, with an escape, a non-ASCII or a control byte at any place")
    func keyAtEveryPlace() throws {
        for length in 0..<20 {
            for place in 0...length {
                for (written, decoded) in [(#"\n"#, "\n"), (#"\u00e9"#, "é"), ("川", "川"), (#"\""#, "\"")] {
                    let name =
                        String(repeating: "k", count: place) + decoded + String(repeating: "v", count: length - place)
                    let text =
                        "{\"" + String(repeating: "k", count: place) + written
                        + String(repeating: "v", count: length - place) + "\":1,\"after\":2}"
                    let keys = try JSONReader.read(Data(text.utf8)) { reader in
                        var keys: [String] = []
                        try reader.readObject { key, reader in
                            keys.append(key.string)
                            _ = try reader.readInt()
                        }
                        return keys
                    }
                    #expect(keys == [name, "after"], "\(text)")
                }
                let control = "{\"" + String(repeating: "k", count: place) + "\u{1}" + "\":1}"
                #expect(throws: JSONReadError.self) { try JSONReader.read(Data(control.utf8)) { try $0.skipValue() } }
            }
        }
    }

    @Test("member names match by bytes, and by their decoded text when escaped")
    func keys() throws {
        let text = #"{"na\u006de":1,"plain":2,"川崎":3,"":4}"#
        let seen = try JSONReader.read(Data(text.utf8)) { reader in
            var seen: [String: Int] = [:]
            try reader.readObject { key, reader in
                let value = try reader.readInt()
                switch key {
                case "name": seen["name"] = value
                case "plain": seen["plain"] = value
                case "川崎": seen["川崎"] = value
                case "": seen["empty"] = value
                default: seen["other " + key.string] = value
                }
            }
            return seen
        }
        #expect(seen == ["name": 1, "plain": 2, "川崎": 3, "empty": 4])
    }

    @Test(
        "integers read exactly; fractions and exponents are not integers",
        arguments: [
            ("-42", -42), ("0", 0), ("-0", 0), ("123456789012345678", 123_456_789_012_345_678),
            ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ])
    func integers(text: String, expected: Int) throws {
        #expect(try JSONReader.read(Data(text.utf8)) { try $0.readInt() } == expected)
    }

    @Test("what is not an integer is refused as one", arguments: ["1.5", "1e2", "9223372036854775808", "\"7\""])
    func notIntegers(text: String) {
        #expect(throws: JSONReadError.self) { try JSONReader.read(Data(text.utf8)) { try $0.readInt() } }
    }

    /// A minimal readable type for the envelope tests.
    struct Count: JSONReadable, Equatable {
        var count: Int
        init(count: Int) { self.count = count }
        init(reading reader: inout JSONReader) throws {
            var count: Int?
            try reader.readObject { key, reader in
                if key == "count" { count = try reader.readInt() } else { try reader.skipValue() }
            }
            self.count = try reader.required(count, "count", of: "Count")
        }
    }

    @Test("a response's result is read as its type; an error response is the error; neither is refused")
    func envelopes() throws {
        let ok = try JSONRPCResponse.readResult(
            Count.self, from: Data(#"{"jsonrpc":"2.0","id":1,"result":{"count":3,"x":[1]}}"#.utf8))
        #expect(try ok.get() == Count(count: 3))
        let failed = try JSONRPCResponse.readResult(
            Count.self, from: Data(#"{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Invalid params"}}"#.utf8)
        )
        guard case .failure(let error) = failed else {
            Issue.record("not an error")
            return
        }
        #expect(error.code == -32602)
        #expect(throws: JSONRPCError.self) {
            try JSONRPCResponse.readResult(Count.self, from: Data(#"{"jsonrpc":"2.0","id":1}"#.utf8))
        }
        #expect(throws: JSONReadError.self) {
            try JSONRPCResponse.readResult(Count.self, from: Data(#"{"result":{}}"#.utf8))
        }
    }
}

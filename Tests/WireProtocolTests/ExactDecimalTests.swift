import Foundation
import Testing
import WireProtocol

@Suite("ExactDecimal: figures as significand and power of ten")
struct ExactDecimalTests {
    /// Random values with up to 12 digits and up to 6 places, some negative, some zero.
    static func randomValues(count: Int, seed: UInt64) -> [ExactDecimal] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let significand = Int64(bitPattern: state >> 16) % 1_000_000_000_000 / Int64(1 + (state >> 60))
            return ExactDecimal(significand: significand, exponent: -Int(state % 7))
        }
    }

    @Test("order, equality and hashing agree with Decimal on 3,000 pairs")
    func agreesWithDecimal() {
        let left = Self.randomValues(count: 3_000, seed: 7)
        let right = Self.randomValues(count: 3_000, seed: 11)
        for (a, b) in Array(zip(left, right)) + Array(zip(left, left)) {
            #expect((a < b) == (a.decimal < b.decimal), "\(a) < \(b)")
            #expect((a == b) == (a.decimal == b.decimal), "\(a) == \(b)")
            #expect(a.description == a.decimal.description, "\(a)")
            #expect(ExactDecimal(exactly: a.decimal) == a)
        }
        let scaled = ExactDecimal(significand: 3540, exponent: -2)
        let plain = ExactDecimal(significand: 354, exponent: -1)
        #expect(scaled == plain && scaled.hashValue == plain.hashValue && Set([scaled, plain]).count == 1)
        #expect(ExactDecimal(significand: 0, exponent: -3) == 0)
    }

    @Test("comparisons that overflow when aligned")
    func farApart() {
        let huge = ExactDecimal(significand: 5, exponent: 30)
        let tiny = ExactDecimal(significand: 5, exponent: -30)
        #expect(tiny < huge && !(huge < tiny))
        #expect(-huge < -tiny && !(-tiny < -huge))
        #expect(-huge < tiny && -tiny < huge)
        #expect(!(huge < huge))
    }

    @Test("the JSON writer writes each value as its description, on 3,000 values and the edges")
    func written() {
        let edges: [ExactDecimal] = [
            0, -5, 100, ExactDecimal(significand: 0, exponent: -3), ExactDecimal(significand: 6, exponent: -2),
            ExactDecimal(significand: -354, exponent: -1), ExactDecimal(significand: 3540, exponent: -2),
            ExactDecimal(significand: 7, exponent: 5), ExactDecimal(significand: Int64.min, exponent: -25),
            ExactDecimal(significand: Int64.max, exponent: 3), ExactDecimal(significand: 12345, exponent: -5),
        ]
        for value in edges + Self.randomValues(count: 3_000, seed: 5) {
            var writer = JSONWriter()
            writer.number(value)
            #expect(
                String(decoding: writer.bytes, as: UTF8.self) == value.description,
                "\(value.significand)e\(value.exponent)")
        }
    }

    @Test("as a Double: the value its digits parse to, on 3,000 values and the edges")
    func double() {
        let edges: [ExactDecimal] = [
            0, -5, ExactDecimal(significand: 1 << 53 - 1, exponent: -22),
            ExactDecimal(significand: 1 << 53, exponent: 3),
            ExactDecimal(significand: 7, exponent: 22), ExactDecimal(significand: 7, exponent: -23),
            ExactDecimal(significand: -354, exponent: -1), ExactDecimal(significand: Int64.max, exponent: -30),
        ]
        for value in edges + Self.randomValues(count: 3_000, seed: 9) {
            #expect(value.doubleValue == Double("\(value.significand)e\(value.exponent)"), "\(value.description)")
        }
    }

    @Test("plain digits in and out")
    func description() {
        #expect(ExactDecimal(significand: -354, exponent: -1).description == "-35.4")
        #expect(ExactDecimal(significand: 6, exponent: -2).description == "0.06")
        #expect(ExactDecimal(significand: 1, exponent: 2).description == "100")
        #expect(ExactDecimal(significand: 0, exponent: -2).description == "0")
        #expect(ExactDecimal(exactly: Decimal(string: "123456789012345678901")!) == nil)
        #expect(ExactDecimal(exactly: .nan) == nil)
        #expect(ExactDecimal(significand: 1255, exponent: -2).doubleValue == 12.55)
    }

    @Test("on the wire: a JSON number written as Decimal writes it, read back exactly")
    func wire() throws {
        let values: [ExactDecimal] = [
            ExactDecimal(significand: 3540, exponent: -2), -5, ExactDecimal(significand: 6, exponent: -2),
        ]
        let encoded = try JSONEncoder().encode(values)
        #expect(encoded == (try JSONEncoder().encode(values.map(\.decimal))))
        #expect(String(decoding: encoded, as: UTF8.self) == "[35.4,-5,0.06]")
        #expect(try JSONDecoder().decode([ExactDecimal].self, from: encoded) == values)
        #expect(try JSONReader.read(encoded) { try $0.readArray { try $0.readExactDecimal() } } == values)
        #expect(try JSONReader.read(Data("1.5e3".utf8)) { try $0.readExactDecimal() } == 1500)
        #expect(throws: JSONReadError.self) {
            try JSONReader.read(Data("1234567890123456789".utf8)) { try $0.readExactDecimal() }
        }
    }
}

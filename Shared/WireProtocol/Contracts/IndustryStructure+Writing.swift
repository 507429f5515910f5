/// ``IndustryStructure`` written straight into a ``JSONWriter``: the same bytes as
/// `JSONCoding.encoder` gives (members in sorted order, absent optionals left out), without
/// going through `Codable` — the composer writes the table into every `json` report.
extension IndustryStructure {
    public func write(to writer: inout JSONWriter) {
        writer.member("{\"dataset\":", dataset)
        writer.member(",\"decimals\":", decimals)
        writer.member(",\"measure\":", measure)
        writer.optional(",\"measureEn\":", measureEn)
        writer.raw(",\"regions\":")
        writer.array(regions) { region, writer in
            writer.member("{\"code\":", region.code)
            writer.member(",\"kind\":", region.kind)
            writer.member(",\"name\":", region.name)
            writer.optional(",\"nameEn\":", region.nameEn)
            writer.raw("}")
        }
        writer.raw(",\"rows\":")
        writer.array(rows) { row, writer in
            writer.raw("{")
            if let change = row.change {
                writer.raw("\"change\":{\"differencePoints\":")
                writer.number(change.differencePoints)
                writer.member(",\"from\":", change.from)
                if let rate = change.ratePercent {
                    writer.raw(",\"ratePercent\":")
                    writer.number(rate)
                }
                writer.member(",\"to\":", change.to)
                writer.raw("},")
            }
            writer.member("\"region\":", row.region)
            writer.member(",\"sector\":", row.sector)
            writer.raw(",\"values\":")
            writer.array(row.values) { value, writer in writer.number(value) }
            writer.raw("}")
        }
        writer.raw(",\"sectors\":")
        writer.array(sectors) { sector, writer in
            writer.member("{\"code\":", sector.code)
            writer.member(",\"name\":", sector.name)
            writer.optional(",\"nameEn\":", sector.nameEn)
            writer.optional(",\"parent\":", sector.parent)
            writer.raw("}")
        }
        writer.member(",\"source\":", source)
        writer.optional(",\"sourceEn\":", sourceEn)
        writer.member(",\"unit\":", unit)
        writer.raw(",\"years\":")
        writer.array(years) { year, writer in
            writer.member("{\"era\":", year.era)
            writer.optional(",\"eraEn\":", year.eraEn)
            writer.member(",\"year\":", year.year)
            writer.raw("}")
        }
        writer.raw("}")
    }
}

extension JSONWriter {
    /// Appends `items` as a JSON array, each written by `element`.
    public mutating func array<Element>(_ items: [Element], _ element: (Element, inout JSONWriter) -> Void) {
        raw("[")
        for (index, item) in items.enumerated() {
            if index > 0 { raw(",") }
            element(item, &self)
        }
        raw("]")
    }

    /// Appends `key` (already JSON, with its punctuation: `,"name":`) and `value`.
    public mutating func member(_ key: StaticString, _ value: String) {
        raw(key)
        string(value)
    }

    /// Appends `key` (already JSON, with its punctuation) and `value`.
    public mutating func member(_ key: StaticString, _ value: Int) {
        raw(key)
        integer(value)
    }

    /// Appends `key` (already JSON, with its comma and colon) and `value`, if there is one.
    public mutating func optional(_ key: StaticString, _ value: String?) {
        if let value { member(key, value) }
    }

    /// Appends an exact decimal as its plain digits (`-1.21`, `0.06`, `100`), as its
    /// `description` and `JSONEncoder` (for the `Decimal` it encodes as) write it, with no
    /// `String` made: a table writes one for every figure.
    public mutating func number(_ value: ExactDecimal) {
        let value = value.normalized
        if value.significand < 0 { bytes.append(UInt8(ascii: "-")) }
        // The significand's digits, least significant first (an Int64 has at most 19).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.significand.magnitude
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            let places = value.exponent < 0 ? -value.exponent : 0
            if count <= places {
                // Below one: `0.`, then the zeros before the first digit.
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "."))
                for _ in 0..<(places - count) { bytes.append(UInt8(ascii: "0")) }
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                if index == places - 1, count > places { bytes.append(UInt8(ascii: ".")) }
                bytes.append(digits[index])
            }
            if value.exponent > 0 { for _ in 0..<value.exponent { bytes.append(UInt8(ascii: "0")) } }
        }
    }
}

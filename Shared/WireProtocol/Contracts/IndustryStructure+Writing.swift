/// ``IndustryStructure`` written straight into a ``JSONWriter``: the same bytes as
/// `JSONCoding.encoder` gives (members in sorted order, absent optionals left out), without
/// going through `Codable` — the composer writes the table into every `json` report.
extension IndustryStructure {
    public func write(to writer: inout JSONWriter) {
        writer.raw("{\"dataset\":")
        writer.string(dataset)
        writer.raw(",\"decimals\":")
        writer.integer(decimals)
        writer.raw(",\"measure\":")
        writer.string(measure)
        if let measureEn {
            writer.raw(",\"measureEn\":")
            writer.string(measureEn)
        }
        writer.raw(",\"regions\":")
        writer.array(regions) { region, writer in
            writer.raw("{\"code\":")
            writer.string(region.code)
            writer.raw(",\"kind\":")
            writer.string(region.kind)
            writer.raw(",\"name\":")
            writer.string(region.name)
            writer.optional(",\"nameEn\":", region.nameEn)
            writer.raw("}")
        }
        writer.raw(",\"rows\":")
        writer.array(rows) { row, writer in
            writer.raw("{")
            if let change = row.change {
                writer.raw("\"change\":{\"differencePoints\":")
                writer.number(change.differencePoints)
                writer.raw(",\"from\":")
                writer.integer(change.from)
                if let rate = change.ratePercent {
                    writer.raw(",\"ratePercent\":")
                    writer.number(rate)
                }
                writer.raw(",\"to\":")
                writer.integer(change.to)
                writer.raw("},")
            }
            writer.raw("\"region\":")
            writer.string(row.region)
            writer.raw(",\"sector\":")
            writer.string(row.sector)
            writer.raw(",\"values\":")
            writer.array(row.values) { value, writer in writer.number(value) }
            writer.raw("}")
        }
        writer.raw(",\"sectors\":")
        writer.array(sectors) { sector, writer in
            writer.raw("{\"code\":")
            writer.string(sector.code)
            writer.raw(",\"name\":")
            writer.string(sector.name)
            writer.optional(",\"nameEn\":", sector.nameEn)
            writer.optional(",\"parent\":", sector.parent)
            writer.raw("}")
        }
        writer.raw(",\"source\":")
        writer.string(source)
        writer.optional(",\"sourceEn\":", sourceEn)
        writer.raw(",\"unit\":")
        writer.string(unit)
        writer.raw(",\"years\":")
        writer.array(years) { year, writer in
            writer.raw("{\"era\":")
            writer.string(year.era)
            writer.optional(",\"eraEn\":", year.eraEn)
            writer.raw(",\"year\":")
            writer.integer(year.year)
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

    /// Appends `key` (already JSON, with its comma and colon) and `value`, if there is one.
    public mutating func optional(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        raw(key)
        string(value)
    }

    /// Appends an exact decimal as its plain digits (`-1.21`, `100`), as `JSONEncoder` writes
    /// the `Decimal` it encodes as.
    public mutating func number(_ value: ExactDecimal) {
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}

import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reading ``StatisticsTable`` from a reply, as strictly as ``IndustryStructure``'s own reader.
extension StatisticsTable {
    /// The table in the result of a `statistics.industryStructure` reply, or the error the
    /// service answered with.
    static func readResult(from reply: Data) throws -> Result<StatisticsTable, JSONRPCError> {
        let texts = ReplyTextReader(reading: reply)
        return try JSONRPCResponse.readResult(from: reply) { try StatisticsTable(reading: &$0, texts: texts) }
    }

    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var dataset: ReportText?
        var measure: ReportText?
        var measureEn: ReportText?
        var unit: ReportText?
        var decimals: Int?
        var source: ReportText?
        var sourceEn: ReportText?
        var years: [Year]?
        var regions: [Region]?
        var sectors: [Sector]?
        var rows: [Row]?
        try reader.readObject { key, reader in
            switch key {
            case "dataset": dataset = try texts.text(&reader)
            case "measure": measure = try texts.text(&reader)
            case "measureEn": measureEn = try texts.optionalText(&reader)
            case "unit": unit = try texts.text(&reader)
            case "decimals": decimals = try reader.readInt()
            case "source": source = try texts.text(&reader)
            case "sourceEn": sourceEn = try texts.optionalText(&reader)
            case "years": years = try reader.readArray { try Year(reading: &$0, texts: texts) }
            case "regions": regions = try reader.readArray { try Region(reading: &$0, texts: texts) }
            case "sectors": sectors = try reader.readArray { try Sector(reading: &$0, texts: texts) }
            case "rows": rows = try reader.readArray { try Row(reading: &$0, texts: texts) }
            default: try reader.skipValue()
            }
        }
        let type: StaticString = "IndustryStructure"
        self.init(
            dataset: try reader.required(dataset, "dataset", of: type),
            measure: try reader.required(measure, "measure", of: type), measureEn: measureEn,
            unit: try reader.required(unit, "unit", of: type),
            decimals: try reader.required(decimals, "decimals", of: type),
            source: try reader.required(source, "source", of: type), sourceEn: sourceEn,
            years: try reader.required(years, "years", of: type),
            regions: try reader.required(regions, "regions", of: type),
            sectors: try reader.required(sectors, "sectors", of: type),
            rows: try reader.required(rows, "rows", of: type))
    }
}

extension StatisticsTable.Year {
    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var year: Int?
        var era: ReportText?
        var eraEn: ReportText?
        try reader.readObject { key, reader in
            switch key {
            case "year": year = try reader.readInt()
            case "era": era = try texts.text(&reader)
            case "eraEn": eraEn = try texts.optionalText(&reader)
            default: try reader.skipValue()
            }
        }
        self.init(
            year: try reader.required(year, "year", of: "Year"), era: try reader.required(era, "era", of: "Year"),
            eraEn: eraEn)
    }
}

extension StatisticsTable.Region {
    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var code: ReportText?
        var name: ReportText?
        var nameEn: ReportText?
        var kind: ReportText?
        try reader.readObject { key, reader in
            switch key {
            case "code": code = try texts.text(&reader)
            case "name": name = try texts.text(&reader)
            case "nameEn": nameEn = try texts.optionalText(&reader)
            case "kind": kind = try texts.text(&reader)
            default: try reader.skipValue()
            }
        }
        self.init(
            code: try reader.required(code, "code", of: "Region"),
            name: try reader.required(name, "name", of: "Region"),
            nameEn: nameEn, kind: try reader.required(kind, "kind", of: "Region"))
    }
}

extension StatisticsTable.Sector {
    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var code: ReportText?
        var name: ReportText?
        var nameEn: ReportText?
        var parent: ReportText?
        try reader.readObject { key, reader in
            switch key {
            case "code": code = try texts.text(&reader)
            case "name": name = try texts.text(&reader)
            case "nameEn": nameEn = try texts.optionalText(&reader)
            case "parent": parent = try texts.optionalText(&reader)
            default: try reader.skipValue()
            }
        }
        self.init(
            code: try reader.required(code, "code", of: "Sector"),
            name: try reader.required(name, "name", of: "Sector"),
            nameEn: nameEn, parent: parent)
    }
}

extension StatisticsTable.Row {
    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var region: ReportText?
        var sector: ReportText?
        var values: StatisticsTable.RowValues?
        var change: IndustryStructure.Change?
        try reader.readObject { key, reader in
            switch key {
            case "region": region = try texts.text(&reader)
            case "sector": sector = try texts.text(&reader)
            case "values":
                var read = StatisticsTable.RowValues()
                try reader.readElements { read.append(try $0.readExactDecimal()) }
                values = read
            case "change": change = try reader.readOptional { try IndustryStructure.Change(reading: &$0) }
            default: try reader.skipValue()
            }
        }
        self.init(
            region: try reader.required(region, "region", of: "Row"),
            sector: try reader.required(sector, "sector", of: "Row"),
            values: try reader.required(values, "values", of: "Row"), change: change)
    }
}

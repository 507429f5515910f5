#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension IndustryStructure: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var dataset: String?
        var measure: String?
        var measureEn: String?
        var unit: String?
        var decimals: Int?
        var source: String?
        var sourceEn: String?
        var years: [Year]?
        var regions: [Region]?
        var sectors: [Sector]?
        var rows: [Row]?
        try reader.readObject { key, reader in
            switch key {
            case "dataset": dataset = try reader.readString()
            case "measure": measure = try reader.readString()
            case "measureEn": measureEn = try reader.readOptional { try $0.readString() }
            case "unit": unit = try reader.readString()
            case "decimals": decimals = try reader.readInt()
            case "source": source = try reader.readString()
            case "sourceEn": sourceEn = try reader.readOptional { try $0.readString() }
            case "years": years = try reader.readArray(of: Year.self)
            case "regions": regions = try reader.readArray(of: Region.self)
            case "sectors": sectors = try reader.readArray(of: Sector.self)
            case "rows": rows = try reader.readArray(of: Row.self)
            default: try reader.skipValue()
            }
        }
        let type: StaticString = "IndustryStructure"
        self.init(
            dataset: try reader.required(dataset, "dataset", of: type),
            measure: try reader.required(measure, "measure", of: type),
            measureEn: measureEn, unit: try reader.required(unit, "unit", of: type),
            decimals: try reader.required(decimals, "decimals", of: type),
            source: try reader.required(source, "source", of: type),
            sourceEn: sourceEn, years: try reader.required(years, "years", of: type),
            regions: try reader.required(regions, "regions", of: type),
            sectors: try reader.required(sectors, "sectors", of: type),
            rows: try reader.required(rows, "rows", of: type))
    }
}

extension IndustryStructure.Year: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var year: Int?
        var era: String?
        var eraEn: String?
        try reader.readObject { key, reader in
            switch key {
            case "year": year = try reader.readInt()
            case "era": era = try reader.readString()
            case "eraEn": eraEn = try reader.readOptional { try $0.readString() }
            default: try reader.skipValue()
            }
        }
        self.init(
            year: try reader.required(year, "year", of: "Year"), era: try reader.required(era, "era", of: "Year"),
            eraEn: eraEn)
    }
}

extension IndustryStructure.Region: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var code: String?
        var name: String?
        var nameEn: String?
        var kind: String?
        try reader.readObject { key, reader in
            switch key {
            case "code": code = try reader.readString()
            case "name": name = try reader.readString()
            case "nameEn": nameEn = try reader.readOptional { try $0.readString() }
            case "kind": kind = try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.init(
            code: try reader.required(code, "code", of: "Region"),
            name: try reader.required(name, "name", of: "Region"),
            nameEn: nameEn, kind: try reader.required(kind, "kind", of: "Region"))
    }
}

extension IndustryStructure.Sector: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var code: String?
        var name: String?
        var nameEn: String?
        var parent: String?
        try reader.readObject { key, reader in
            switch key {
            case "code": code = try reader.readString()
            case "name": name = try reader.readString()
            case "nameEn": nameEn = try reader.readOptional { try $0.readString() }
            case "parent": parent = try reader.readOptional { try $0.readString() }
            default: try reader.skipValue()
            }
        }
        self.init(
            code: try reader.required(code, "code", of: "Sector"),
            name: try reader.required(name, "name", of: "Sector"),
            nameEn: nameEn, parent: parent)
    }
}

extension IndustryStructure.Change: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var from: Int?
        var to: Int?
        var ratePercent: ExactDecimal?
        var differencePoints: ExactDecimal?
        try reader.readObject { key, reader in
            switch key {
            case "from": from = try reader.readInt()
            case "to": to = try reader.readInt()
            case "ratePercent": ratePercent = try reader.readOptional { try $0.readExactDecimal() }
            case "differencePoints": differencePoints = try reader.readExactDecimal()
            default: try reader.skipValue()
            }
        }
        self.init(
            from: try reader.required(from, "from", of: "Change"), to: try reader.required(to, "to", of: "Change"),
            ratePercent: ratePercent,
            differencePoints: try reader.required(differencePoints, "differencePoints", of: "Change"))
    }
}

extension IndustryStructure.Row: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var region: String?
        var sector: String?
        var values: [ExactDecimal]?
        var change: IndustryStructure.Change?
        try reader.readObject { key, reader in
            switch key {
            case "region": region = try reader.readString()
            case "sector": sector = try reader.readString()
            case "values": values = try reader.readArray { try $0.readExactDecimal() }
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

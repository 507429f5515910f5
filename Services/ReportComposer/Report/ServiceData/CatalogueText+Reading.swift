import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reading ``CatalogueText`` from a reply, as strictly as ``ZoneCatalogue``'s own reader: every
/// member the contract requires must be there, even those the report does not print.
extension CatalogueText {
    /// The catalogue in the result of an `initiatives.catalogue` reply, or the error the service
    /// answered with.
    static func readResult(from reply: Data) throws -> Result<CatalogueText, JSONRPCError> {
        let texts = ReplyTextReader(reading: reply)
        return try JSONRPCResponse.readResult(from: reply) { try CatalogueText(reading: &$0, texts: texts) }
    }

    /// A catalogue written as JSON on its own (the initiatives service's data file).
    init(json: Data) throws {
        let texts = ReplyTextReader(reading: json)
        self = try JSONReader.read(json) { try CatalogueText(reading: &$0, texts: texts) }
    }

    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var zone: Zone?
        var cities: [City]?
        var initiatives: [Initiative]?
        try reader.readObject { key, reader in
            switch key {
            case "zone": zone = try Zone(reading: &reader, texts: texts)
            case "cities": cities = try reader.readArray { try City(reading: &$0, texts: texts) }
            case "initiatives": initiatives = try reader.readArray { try Initiative(reading: &$0, texts: texts) }
            default: try reader.skipValue()
            }
        }
        let type: StaticString = "ZoneCatalogue"
        self.init(
            zone: try reader.required(zone, "zone", of: type), cities: try reader.required(cities, "cities", of: type),
            initiatives: try reader.required(initiatives, "initiatives", of: type))
    }
}

extension CatalogueText.Zone {
    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var name = false
        var definition: ReportText?
        var definitionEn: ReportText?
        var designation: ReportText?
        var designationEn: ReportText?
        var reasons: [CatalogueText.Localized]?
        try reader.readObject { key, reader in
            switch key {
            case "name": name = try reader.checkString()
            case "definition": definition = try texts.text(&reader)
            case "definitionEn": definitionEn = try texts.optionalText(&reader)
            case "designation": designation = try texts.text(&reader)
            case "designationEn": designationEn = try texts.optionalText(&reader)
            case "applicationReasons": reasons = try reader.readArray { try Self.statement(&$0, texts: texts) }
            default: try reader.skipValue()
            }
        }
        let type: StaticString = "ZoneFacts"
        try reader.require(name, "name", of: type)
        self.init(
            definition: .init(ja: try reader.required(definition, "definition", of: type), en: definitionEn),
            designation: .init(ja: try reader.required(designation, "designation", of: type), en: designationEn),
            applicationReasons: try reader.required(reasons, "applicationReasons", of: type))
    }

    /// A `CityStatement`: its text and English.
    private static func statement(_ reader: inout JSONReader, texts: ReplyTextReader) throws -> CatalogueText.Localized
    {
        var city = false
        var text: ReportText?
        var textEn: ReportText?
        try reader.readObject { key, reader in
            switch key {
            case "city": city = try reader.checkString()
            case "text": text = try texts.text(&reader)
            case "textEn": textEn = try texts.optionalText(&reader)
            default: try reader.skipValue()
            }
        }
        try reader.require(city, "city", of: "CityStatement")
        return .init(ja: try reader.required(text, "text", of: "CityStatement"), en: textEn)
    }
}

extension CatalogueText.City {
    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var code: ReportText?
        var name = false
        var credits: [ReportText]?
        var creditsEn: [ReportText]?
        try reader.readObject { key, reader in
            switch key {
            case "code": code = try texts.text(&reader)
            case "name": name = try reader.checkString()
            case "credits": credits = try texts.texts(&reader)
            case "creditsEn": creditsEn = try texts.optionalTexts(&reader)
            default: try reader.skipValue()
            }
        }
        try reader.require(name, "name", of: "City")
        self.init(
            code: try reader.required(code, "code", of: "City"),
            credits: try reader.required(credits, "credits", of: "City"), creditsEn: creditsEn)
    }
}

extension CatalogueText.Initiative {
    init(reading reader: inout JSONReader, texts: ReplyTextReader) throws {
        var id = false
        var partners = false
        var fields = false
        var city: ReportText?
        var section: ReportText?
        var organisation: CatalogueText.Localized?
        var leadsWithOrganisation: Bool?
        var summary: ReportText?
        var summaryEn: ReportText?
        var outlook: ReportText?
        var outlookEn: ReportText?
        var credits: [ReportText]?
        var creditsEn: [ReportText]?
        try reader.readObject { key, reader in
            switch key {
            case "id": id = try reader.checkString()
            case "city": city = try texts.text(&reader)
            case "section": section = try texts.text(&reader)
            case "organisation": organisation = try Self.organisation(&reader, texts: texts)
            case "leadsWithOrganisation": leadsWithOrganisation = try reader.readBool()
            case "partners":
                try reader.readElements { _ = try Self.organisation(&$0, texts: texts) }
                partners = true
            case "summary": summary = try texts.text(&reader)
            case "summaryEn": summaryEn = try texts.optionalText(&reader)
            case "outlook": outlook = try texts.optionalText(&reader)
            case "outlookEn": outlookEn = try texts.optionalText(&reader)
            case "fields":
                try reader.readElements { _ = try $0.checkString() }
                fields = true
            case "credits": credits = try texts.texts(&reader)
            case "creditsEn": creditsEn = try texts.optionalTexts(&reader)
            default: try reader.skipValue()
            }
        }
        let type: StaticString = "Initiative"
        try reader.require(id, "id", of: type)
        try reader.require(partners, "partners", of: type)
        try reader.require(fields, "fields", of: type)
        self.init(
            city: try reader.required(city, "city", of: type),
            section: try reader.required(section, "section", of: type),
            organisation: try reader.required(organisation, "organisation", of: type),
            leadsWithOrganisation: try reader.required(leadsWithOrganisation, "leadsWithOrganisation", of: type),
            summary: .init(ja: try reader.required(summary, "summary", of: type), en: summaryEn),
            outlook: outlook, outlookEn: outlookEn,
            credits: try reader.required(credits, "credits", of: type), creditsEn: creditsEn)
    }

    /// An `Organisation`: its name and English name (its `kind` checked, not kept).
    private static func organisation(_ reader: inout JSONReader, texts: ReplyTextReader) throws
        -> CatalogueText.Localized
    {
        var name: ReportText?
        var nameEn: ReportText?
        var kind = false
        try reader.readObject { key, reader in
            switch key {
            case "name": name = try texts.text(&reader)
            case "nameEn": nameEn = try texts.optionalText(&reader)
            case "kind": kind = try reader.checkString()
            default: try reader.skipValue()
            }
        }
        try reader.require(kind, "kind", of: "Organisation")
        return .init(ja: try reader.required(name, "name", of: "Organisation"), en: nameEn)
    }
}

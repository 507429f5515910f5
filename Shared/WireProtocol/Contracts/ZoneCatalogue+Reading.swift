#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ZoneCatalogue: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var zone: ZoneFacts?
        var cities: [City]?
        var initiatives: [Initiative]?
        try reader.readObject { key, reader in
            switch key {
            case "zone": zone = try reader.read(ZoneFacts.self)
            case "cities": cities = try reader.readArray(of: City.self)
            case "initiatives": initiatives = try reader.readArray(of: Initiative.self)
            default: try reader.skipValue()
            }
        }
        let type: StaticString = "ZoneCatalogue"
        self.init(
            zone: try reader.required(zone, "zone", of: type), cities: try reader.required(cities, "cities", of: type),
            initiatives: try reader.required(initiatives, "initiatives", of: type))
    }
}

extension ZoneFacts: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var name: String?
        var nameEn: String?
        var definition: String?
        var definitionEn: String?
        var designation: String?
        var designationEn: String?
        var applicationReasons: [CityStatement]?
        try reader.readObject { key, reader in
            switch key {
            case "name": name = try reader.readString()
            case "nameEn": nameEn = try reader.readOptional { try $0.readString() }
            case "definition": definition = try reader.readString()
            case "definitionEn": definitionEn = try reader.readOptional { try $0.readString() }
            case "designation": designation = try reader.readString()
            case "designationEn": designationEn = try reader.readOptional { try $0.readString() }
            case "applicationReasons": applicationReasons = try reader.readArray(of: CityStatement.self)
            default: try reader.skipValue()
            }
        }
        let type: StaticString = "ZoneFacts"
        self.init(
            name: try reader.required(name, "name", of: type), nameEn: nameEn,
            definition: try reader.required(definition, "definition", of: type), definitionEn: definitionEn,
            designation: try reader.required(designation, "designation", of: type), designationEn: designationEn,
            applicationReasons: try reader.required(applicationReasons, "applicationReasons", of: type))
    }
}

extension CityStatement: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var city: String?
        var text: String?
        var textEn: String?
        try reader.readObject { key, reader in
            switch key {
            case "city": city = try reader.readString()
            case "text": text = try reader.readString()
            case "textEn": textEn = try reader.readOptional { try $0.readString() }
            default: try reader.skipValue()
            }
        }
        self.init(
            city: try reader.required(city, "city", of: "CityStatement"),
            text: try reader.required(text, "text", of: "CityStatement"),
            textEn: textEn)
    }
}

extension City: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var code: String?
        var name: String?
        var nameEn: String?
        var credits: [String]?
        var creditsEn: [String]?
        try reader.readObject { key, reader in
            switch key {
            case "code": code = try reader.readString()
            case "name": name = try reader.readString()
            case "nameEn": nameEn = try reader.readOptional { try $0.readString() }
            case "credits": credits = try reader.readStrings()
            case "creditsEn": creditsEn = try reader.readOptional { try $0.readStrings() }
            default: try reader.skipValue()
            }
        }
        self.init(
            code: try reader.required(code, "code", of: "City"), name: try reader.required(name, "name", of: "City"),
            nameEn: nameEn,
            credits: try reader.required(credits, "credits", of: "City"), creditsEn: creditsEn)
    }
}

extension Organisation: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var name: String?
        var nameEn: String?
        var kind: String?
        try reader.readObject { key, reader in
            switch key {
            case "name": name = try reader.readString()
            case "nameEn": nameEn = try reader.readOptional { try $0.readString() }
            case "kind": kind = try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.init(
            name: try reader.required(name, "name", of: "Organisation"), nameEn: nameEn,
            kind: try reader.required(kind, "kind", of: "Organisation"))
    }
}

extension Initiative: JSONReadable {
    public init(reading reader: inout JSONReader) throws {
        var id: String?
        var city: String?
        var section: String?
        var organisation: Organisation?
        var leadsWithOrganisation: Bool?
        var partners: [Organisation]?
        var summary: String?
        var summaryEn: String?
        var outlook: String?
        var outlookEn: String?
        var fields: [String]?
        var credits: [String]?
        var creditsEn: [String]?
        try reader.readObject { key, reader in
            switch key {
            case "id": id = try reader.readString()
            case "city": city = try reader.readString()
            case "section": section = try reader.readString()
            case "organisation": organisation = try reader.read(Organisation.self)
            case "leadsWithOrganisation": leadsWithOrganisation = try reader.readBool()
            case "partners": partners = try reader.readArray(of: Organisation.self)
            case "summary": summary = try reader.readString()
            case "summaryEn": summaryEn = try reader.readOptional { try $0.readString() }
            case "outlook": outlook = try reader.readOptional { try $0.readString() }
            case "outlookEn": outlookEn = try reader.readOptional { try $0.readString() }
            case "fields": fields = try reader.readStrings()
            case "credits": credits = try reader.readStrings()
            case "creditsEn": creditsEn = try reader.readOptional { try $0.readStrings() }
            default: try reader.skipValue()
            }
        }
        let type: StaticString = "Initiative"
        self.init(
            id: try reader.required(id, "id", of: type), city: try reader.required(city, "city", of: type),
            section: try reader.required(section, "section", of: type),
            organisation: try reader.required(organisation, "organisation", of: type),
            leadsWithOrganisation: try reader.required(leadsWithOrganisation, "leadsWithOrganisation", of: type),
            partners: try reader.required(partners, "partners", of: type),
            summary: try reader.required(summary, "summary", of: type),
            summaryEn: summaryEn, outlook: outlook, outlookEn: outlookEn,
            fields: try reader.required(fields, "fields", of: type),
            credits: try reader.required(credits, "credits", of: type), creditsEn: creditsEn)
    }
}

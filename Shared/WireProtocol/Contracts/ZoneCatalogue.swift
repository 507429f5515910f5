/// Params of `initiatives.list`: filters and paging.
public struct InitiativesListParams: MethodParams, Encodable, Equatable {
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case city, field, organisationKind, section, offset, limit
    }
    /// A city code (`kawasaki`) or name (`川崎市`).
    public var city: String?
    /// A field of work, e.g. `regenerative medicine`.
    public var field: String?
    /// `municipality`, `company`, `university`, `foundation` or `network`.
    public var organisationKind: String?
    /// The report section the initiatives belong to.
    public var section: String?
    public var offset: Int?
    /// At most this many items (1–1000; default 100).
    public var limit: Int?
    public init() {}

    /// Items on a page when `limit` is absent.
    public static let defaultLimit = 100
    /// The page sizes a client may ask for.
    public static let limits = 1...1000

    public static func describe(_ member: CodingKeys) -> ParamDescription {
        switch member {
        case .city: "A city code (kawasaki) or name (川崎市); absent means both cities."
        case .field: "A field of work, e.g. regenerative medicine; absent means every field."
        case .organisationKind:
            ParamDescription(
                "The kind of organisation that leads the initiative.", choices: Organisation.kinds.sorted())
        case .section: "The id of the report section the initiatives belong to."
        case .offset: ParamDescription("Items to skip.", minimum: 0, default: .integer(0))
        case .limit:
            ParamDescription("At most this many items.", range: limits, default: .integer(Int64(defaultLimit)))
        }
    }
    public init(
        city: String? = nil, field: String? = nil, organisationKind: String? = nil, section: String? = nil,
        offset: Int? = nil, limit: Int? = nil
    ) {
        self.city = city
        self.field = field
        self.organisationKind = organisationKind
        self.section = section
        self.offset = offset
        self.limit = limit
    }
}

/// A page of `initiatives.list`.
public struct InitiativesPage: Codable, Sendable, Equatable {
    public var total: Int
    public var offset: Int
    public var limit: Int
    public var items: [Initiative]
    public init(total: Int, offset: Int, limit: Int, items: [Initiative]) {
        self.total = total
        self.offset = offset
        self.limit = limit
        self.items = items
    }
}

/// Params of `initiatives.get`.
public struct InitiativeGetParams: MethodParams, Encodable, Equatable {
    public enum CodingKeys: String, CodingKey, CaseIterable { case id }
    public static let positionalOrder: [CodingKeys] = [.id]
    public var id: String = ""
    public init() {}
    public init(id: String) { self.id = id }

    public static func describe(_ member: CodingKeys) -> ParamDescription {
        switch member {
        case .id: "The initiative's id, as initiatives.list gives it."
        }
    }
}

/// The initiatives service's catalogue: the special zone's facts, the cities, and their
/// initiatives.
public struct ZoneCatalogue: Codable, Sendable, Equatable {
    public var zone: ZoneFacts
    public var cities: [City]
    public var initiatives: [Initiative]
    public init(zone: ZoneFacts, cities: [City], initiatives: [Initiative]) {
        self.zone = zone
        self.cities = cities
        self.initiatives = initiatives
    }

    /// The initiatives of one report section, in catalogue order.
    public func initiatives(inSection section: String) -> [Initiative] {
        initiatives.filter { $0.section == section }
    }
}

/// What the International Strategic Comprehensive Special Zone is and how this one came to be.
public struct ZoneFacts: Codable, Sendable, Equatable {
    public var name: String
    public var nameEn: String?
    /// What such a zone is and what support it brings.
    public var definition: String
    public var definitionEn: String?
    /// The joint application and the designation.
    public var designation: String
    public var designationEn: String?
    /// Each city's reasons for applying, in the report's order.
    public var applicationReasons: [CityStatement]
    public init(
        name: String, nameEn: String? = nil, definition: String, definitionEn: String? = nil,
        designation: String, designationEn: String? = nil, applicationReasons: [CityStatement]
    ) {
        self.name = name
        self.nameEn = nameEn
        self.definition = definition
        self.definitionEn = definitionEn
        self.designation = designation
        self.designationEn = designationEn
        self.applicationReasons = applicationReasons
    }
}

/// A paragraph about one city.
public struct CityStatement: Codable, Sendable, Equatable {
    public var city: String
    public var text: String
    public var textEn: String?
    public init(city: String, text: String, textEn: String? = nil) {
        self.city = city
        self.text = text
        self.textEn = textEn
    }
}

/// A city, with the notes on where its material came from (e.g. `川崎市へのヒアリング`).
public struct City: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var nameEn: String?
    public var credits: [String]
    public var creditsEn: [String]?
    public init(code: String, name: String, nameEn: String? = nil, credits: [String] = [], creditsEn: [String]? = nil) {
        self.code = code
        self.name = name
        self.nameEn = nameEn
        self.credits = credits
        self.creditsEn = creditsEn
    }
}

/// An organisation, with its official English name where it has one.
public struct Organisation: Codable, Sendable, Equatable {
    /// `municipality`, `company`, `university`, `foundation` or `network`.
    public static let kinds: Set<String> = ["municipality", "company", "university", "foundation", "network"]

    public var name: String
    public var nameEn: String?
    public var kind: String
    public init(name: String, nameEn: String? = nil, kind: String) {
        self.name = name
        self.nameEn = nameEn
        self.kind = kind
    }
}

/// One initiative: who, what, the outlook or open challenge (➢), and where it goes.
public struct Initiative: Codable, Sendable, Equatable {
    public var id: String
    /// The city code.
    public var city: String
    /// The report section it belongs to, e.g. `kawasaki`.
    public var section: String
    public var organisation: Organisation
    /// Whether the report's paragraph leads with the organisation's name (`味の素(株)…`).
    public var leadsWithOrganisation: Bool
    /// Other organisations the initiative names.
    public var partners: [Organisation]
    public var summary: String
    public var summaryEn: String?
    public var outlook: String?
    public var outlookEn: String?
    /// Fields of work, e.g. `diagnostics`, `regenerative medicine`.
    public var fields: [String]
    /// Credits printed with it, e.g. `画像提供：味の素(株)`.
    public var credits: [String]
    public var creditsEn: [String]?

    public init(
        id: String, city: String, section: String, organisation: Organisation, leadsWithOrganisation: Bool,
        partners: [Organisation] = [], summary: String, summaryEn: String? = nil, outlook: String?,
        outlookEn: String? = nil,
        fields: [String] = [], credits: [String] = [], creditsEn: [String]? = nil
    ) {
        self.id = id
        self.city = city
        self.section = section
        self.organisation = organisation
        self.leadsWithOrganisation = leadsWithOrganisation
        self.partners = partners
        self.summary = summary
        self.summaryEn = summaryEn
        self.outlook = outlook
        self.outlookEn = outlookEn
        self.fields = fields
        self.credits = credits
        self.creditsEn = creditsEn
    }
}

/// Params of `initiatives.catalogue`.
public struct ZoneCatalogueParams: MethodParams, Encodable, Equatable {
    public enum CodingKeys: String, CodingKey, CaseIterable { case lang }
    public static let positionalOrder: [CodingKeys] = [.lang]

    /// Which edition's text to include.
    public enum Language: String, ParameterChoice {
        /// Only the Japanese text: the English members (`…En`) are left out.
        case ja
        /// Both: the English members, and the Japanese text they fall back to.
        case en
    }

    /// `ja` for the Japanese text alone; absent or `en` for both languages.
    public var lang: Language?

    public init() {}
    public init(lang: Language?) { self.lang = lang }

    public static func describe(_ member: CodingKeys) -> ParamDescription {
        switch member {
        case .lang: "ja for the Japanese text alone; absent or en for both languages (the English members end in En)."
        }
    }
}

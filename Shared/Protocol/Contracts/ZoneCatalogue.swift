/// Params of `initiatives.list`.
public struct InitiativesListParams: MethodParams, Encodable, Equatable {
    public static let fields: Set<String> = ["city"]
    /// A city code (`kawasaki`, `yokohama`) or name (`川崎市`); absent means every city.
    public var city: String?
    public init() {}
    public init(city: String?) { self.city = city }
}

/// The initiatives service's catalogue: the special zone's facts and each city's initiatives.
public struct ZoneCatalogue: Codable, Sendable, Equatable {
    public var zone: ZoneFacts
    public var cities: [CityInitiatives]
    public init(zone: ZoneFacts, cities: [CityInitiatives]) { self.zone = zone; self.cities = cities }
}

/// What the International Strategic Comprehensive Special Zone is and how this one came to be.
public struct ZoneFacts: Codable, Sendable, Equatable {
    /// The zone's name.
    public var name: String
    /// What such a zone is and what support it brings.
    public var definition: String
    /// The joint application and the designation.
    public var designation: String
    /// Each city's reasons for applying, in the report's order.
    public var applicationReasons: [CityStatement]
    public init(name: String, definition: String, designation: String, applicationReasons: [CityStatement]) {
        self.name = name
        self.definition = definition
        self.designation = designation
        self.applicationReasons = applicationReasons
    }
}

/// A paragraph about one city.
public struct CityStatement: Codable, Sendable, Equatable {
    public var city: String
    public var text: String
    public init(city: String, text: String) { self.city = city; self.text = text }
}

/// One city's initiatives, with the credits printed beside them.
public struct CityInitiatives: Codable, Sendable, Equatable {
    /// `kawasaki` or `yokohama`.
    public var city: String
    public var name: String
    public var initiatives: [Initiative]
    /// Credits and notes printed with the section, e.g. `画像提供：味の素(株)`.
    public var credits: [String]
    public init(city: String, name: String, initiatives: [Initiative], credits: [String]) {
        self.city = city
        self.name = name
        self.initiatives = initiatives
        self.credits = credits
    }
}

/// One initiative: who, what, and the outlook or open challenge (➢).
public struct Initiative: Codable, Sendable, Equatable {
    /// The organisation the paragraph leads with (`味の素(株)`), when it leads with one.
    public var organisation: String?
    /// Every organisation the initiative names.
    public var organisations: [String]
    public var description: String
    public var outlook: String?
    public init(organisation: String?, organisations: [String], description: String, outlook: String?) {
        self.organisation = organisation
        self.organisations = organisations
        self.description = description
        self.outlook = outlook
    }
}

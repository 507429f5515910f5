import WireProtocol

/// What the report takes from the initiatives service's catalogue (`initiatives.catalogue`'s
/// ``ZoneCatalogue``), its texts as ranges of the reply they came in (``ReportText``).
struct CatalogueText: Sendable {
    /// The zone's definition, its designation, and each city's reasons for applying.
    struct Zone: Sendable {
        var definition: Localized
        var designation: Localized
        var applicationReasons: [Localized]
    }

    /// A city's code and the notes on where its material came from.
    struct City: Sendable {
        var code: ReportText
        var credits: [ReportText]
        var creditsEn: [ReportText]?
    }

    /// One initiative as a paragraph of the report prints it.
    struct Initiative: Sendable {
        var city: ReportText
        var section: ReportText
        var organisation: Localized
        var leadsWithOrganisation: Bool
        var summary: Localized
        var outlook: ReportText?
        var outlookEn: ReportText?
        var credits: [ReportText]
        var creditsEn: [ReportText]?
    }

    /// A text and its English, where the data has one.
    struct Localized: Sendable {
        var ja: ReportText
        var en: ReportText?

        /// The English where there is one, else the Japanese, so nothing goes missing.
        func text(_ lang: ReportLanguage) -> ReportText {
            lang == .en ? en ?? ja : ja
        }
    }

    /// The members, held once and shared by every copy: the assembler reads the catalogue for
    /// each part of the report, and a copy of the members cost a retain and a release of each.
    private final class Storage: Sendable {
        let zone: Zone
        let cities: [City]
        let initiatives: [Initiative]

        init(zone: Zone, cities: [City], initiatives: [Initiative]) {
            self.zone = zone
            self.cities = cities
            self.initiatives = initiatives
        }
    }

    private let storage: Storage

    init(zone: Zone, cities: [City], initiatives: [Initiative]) {
        storage = Storage(zone: zone, cities: cities, initiatives: initiatives)
    }

    var zone: Zone { storage.zone }
    var cities: [City] { storage.cities }
    var initiatives: [Initiative] { storage.initiatives }
}

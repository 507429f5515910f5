import WireProtocol

/// The statistics service's industry structure (``IndustryStructure``) as the report holds it:
/// the same members, its texts ranges of the reply they came in (``ReportText``).
struct StatisticsTable: Sendable, Equatable {
    struct Year: Sendable, Equatable {
        var year: Int
        var era: ReportText
        var eraEn: ReportText?
    }

    struct Region: Sendable, Equatable {
        var code: ReportText
        var name: ReportText
        var nameEn: ReportText?
        var kind: ReportText
    }

    struct Sector: Sendable, Equatable {
        var code: ReportText
        var name: ReportText
        var nameEn: ReportText?
        var parent: ReportText?
        var isTotal: Bool { parent == nil }
    }

    struct Row: Sendable, Equatable {
        var region: ReportText
        var sector: ReportText
        var values: RowValues
        var change: IndustryStructure.Change?
    }

    /// The table's members, held once in a ``Storage`` that every copy of the table shares: a
    /// report holds the table in two blocks (the table and the chart) and each renderer reads
    /// it, and a copy of these members cost a retain and a release of each text and array.
    struct Members: Sendable, Equatable {
        var dataset: ReportText
        var measure: ReportText
        var measureEn: ReportText?
        var unit: ReportText
        var decimals: Int
        var source: ReportText
        var sourceEn: ReportText?
        var years: [Year]
        var regions: [Region]
        var sectors: [Sector]
        var rows: [Row]
    }

    private final class Storage: Sendable {
        let members: Members

        init(_ members: Members) {
            self.members = members
        }
    }

    private var storage: Storage

    init(
        dataset: ReportText, measure: ReportText, measureEn: ReportText?, unit: ReportText, decimals: Int,
        source: ReportText, sourceEn: ReportText?, years: [Year], regions: [Region], sectors: [Sector], rows: [Row]
    ) {
        storage = Storage(
            Members(
                dataset: dataset, measure: measure, measureEn: measureEn, unit: unit, decimals: decimals,
                source: source,
                sourceEn: sourceEn, years: years, regions: regions, sectors: sectors, rows: rows))
    }

    /// Changes members (a test's): the change goes to a storage of this copy's own.
    mutating func modify(_ change: (inout Members) -> Void) {
        var members = storage.members
        change(&members)
        storage = Storage(members)
    }

    var dataset: ReportText { storage.members.dataset }
    var measure: ReportText { storage.members.measure }
    var measureEn: ReportText? { storage.members.measureEn }
    var unit: ReportText { storage.members.unit }
    var decimals: Int { storage.members.decimals }
    var source: ReportText { storage.members.source }
    var sourceEn: ReportText? { storage.members.sourceEn }
    var years: [Year] { storage.members.years }
    var regions: [Region] { storage.members.regions }
    var sectors: [Sector] { storage.members.sectors }
    var rows: [Row] { storage.members.rows }

    static func == (left: StatisticsTable, right: StatisticsTable) -> Bool {
        left.storage === right.storage || left.storage.members == right.storage.members
    }

    /// Where the row for a region and sector is in ``rows`` (the first, if the data has two).
    /// By index: iterating the rows would copy each one (a retain of its values) to compare
    /// two codes.
    func rowIndex(region: ReportText, sector: ReportText) -> Int? {
        rows.indices.first { rows[$0].region == region && rows[$0].sector == sector }
    }
}

/// The table and the contract's own type, each made from the other: the `json` format writes
/// the contract's type, and a report read back (or a test) starts from it.
extension StatisticsTable: Codable {
    init(_ structure: IndustryStructure) {
        func text(_ string: String?) -> ReportText? { string.map { ReportText($0) } }
        self.init(
            dataset: ReportText(structure.dataset), measure: ReportText(structure.measure),
            measureEn: text(structure.measureEn), unit: ReportText(structure.unit), decimals: structure.decimals,
            source: ReportText(structure.source), sourceEn: text(structure.sourceEn),
            years: structure.years.map { Year(year: $0.year, era: ReportText($0.era), eraEn: text($0.eraEn)) },
            regions: structure.regions.map {
                Region(
                    code: ReportText($0.code), name: ReportText($0.name), nameEn: text($0.nameEn),
                    kind: ReportText($0.kind))
            },
            sectors: structure.sectors.map {
                Sector(
                    code: ReportText($0.code), name: ReportText($0.name), nameEn: text($0.nameEn),
                    parent: text($0.parent))
            },
            rows: structure.rows.map {
                Row(
                    region: ReportText($0.region), sector: ReportText($0.sector), values: RowValues($0.values),
                    change: $0.change)
            })
    }

    /// The table as the contract's type, with `String`s.
    var structure: IndustryStructure {
        IndustryStructure(
            dataset: dataset.string, measure: measure.string, measureEn: measureEn?.string, unit: unit.string,
            decimals: decimals, source: source.string, sourceEn: sourceEn?.string,
            years: years.map { .init(year: $0.year, era: $0.era.string, eraEn: $0.eraEn?.string) },
            regions: regions.map {
                .init(code: $0.code.string, name: $0.name.string, nameEn: $0.nameEn?.string, kind: $0.kind.string)
            },
            sectors: sectors.map {
                .init(code: $0.code.string, name: $0.name.string, nameEn: $0.nameEn?.string, parent: $0.parent?.string)
            },
            rows: rows.map {
                .init(region: $0.region.string, sector: $0.sector.string, values: Array($0.values), change: $0.change)
            })
    }

    init(from decoder: any Decoder) throws {
        self.init(try IndustryStructure(from: decoder))
    }

    func encode(to encoder: any Encoder) throws {
        try structure.encode(to: encoder)
    }
}

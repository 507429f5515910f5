import WireProtocol

/// The report, assembled: what `format: "json"` returns and what every renderer reads.
struct Report: Codable, Sendable, Equatable {
    /// The edition: `ja` or `en`.
    var lang: ReportLanguage
    /// Words printed around the data, in the edition's language.
    var labels: Labels
    var series: String
    var title: String
    var authors: [String]
    var abstract: [String]
    var sections: [Section]

    struct Labels: Codable, Sendable, Equatable {
        var abstract: String
        var changeRate: String
        var chartTitle: String
    }

    struct Section: Codable, Sendable, Equatable {
        var id: String
        var heading: String
        var blocks: [Block]
    }

    /// One block of a section.
    struct Block: Codable, Sendable, Equatable {
        enum Kind: String, Codable, Sendable, CaseIterable {
            /// A ○ paragraph.
            case paragraph
            /// A ○ paragraph about an initiative, led by its organisation, with its ➢ outlook.
            case initiative
            /// The industry-structure table; its source line follows as a `note`.
            case table
            /// The chart of the same data (rendered in HTML and SVG; text formats leave it out).
            case chart
            /// A parenthesised caption or credit: a source line, an image credit.
            case note
            /// A part whose service did not answer.
            case unavailable
        }

        var kind: Kind
        var text: String?
        var organisation: String?
        var outlook: String?
        var table: IndustryStructure?
        var service: String?

        static func paragraph(_ text: String) -> Block { Block(kind: .paragraph, text: text) }
        static func note(_ text: String) -> Block { Block(kind: .note, text: text) }
        static func initiative(_ initiative: Initiative, lang: ReportLanguage) -> Block {
            let english = lang == .en
            let organisation =
                english ? initiative.organisation.nameEn ?? initiative.organisation.name : initiative.organisation.name
            return Block(
                kind: .initiative, text: english ? initiative.summaryEn ?? initiative.summary : initiative.summary,
                organisation: initiative.leadsWithOrganisation ? organisation : nil,
                outlook: english ? initiative.outlookEn ?? initiative.outlook : initiative.outlook)
        }
        static func table(_ table: IndustryStructure) -> Block { Block(kind: .table, table: table) }
        static func chart(_ table: IndustryStructure) -> Block { Block(kind: .chart, table: table) }
        static func unavailable(_ service: String) -> Block { Block(kind: .unavailable, service: service) }
    }

    /// The numbered section headings, in order.
    var headings: [String] { sections.map(\.heading) }
}

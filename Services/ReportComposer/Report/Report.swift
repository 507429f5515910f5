import WireProtocol

/// The report, assembled: what `format: "json"` returns and what every renderer reads.
struct Report: Codable, Sendable, Equatable {
    /// The edition: `ja` or `en`.
    var lang: ReportLanguage
    /// Words printed around the data, in the edition's language.
    var labels: Labels
    var series: ReportText
    var title: ReportText
    var authors: [ReportText]
    var abstract: [ReportText]
    var sections: [Section]

    struct Labels: Codable, Sendable, Equatable {
        var abstract: ReportText
        var changeRate: ReportText
        var chartTitle: ReportText
    }

    struct Section: Codable, Sendable, Equatable {
        var id: String
        var heading: ReportText
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
        var text: ReportText?
        var organisation: ReportText?
        var outlook: ReportText?
        var table: StatisticsTable?
        var service: String?

        static func paragraph(_ text: ReportText) -> Block { Block(kind: .paragraph, text: text) }
        static func note(_ text: ReportText) -> Block { Block(kind: .note, text: text) }
        static func table(_ table: StatisticsTable) -> Block { Block(kind: .table, table: table) }
        static func chart(_ table: StatisticsTable) -> Block { Block(kind: .chart, table: table) }
        static func unavailable(_ service: String) -> Block { Block(kind: .unavailable, service: service) }
    }

    /// The numbered section headings, in order.
    var headings: [ReportText] { sections.map(\.heading) }
}

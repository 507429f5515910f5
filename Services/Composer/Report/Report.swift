import WireProtocol

/// The report, assembled: what `format: "json"` returns and what every renderer reads.
struct Report: Codable, Sendable, Equatable {
    var series: String
    var title: String
    var authors: [String]
    var abstract: [String]
    var sections: [Section]

    struct Section: Codable, Sendable, Equatable {
        var id: String
        var heading: String
        var blocks: [Block]
    }

    /// One block of a section.
    struct Block: Codable, Sendable, Equatable {
        enum Kind: String, Codable, Sendable {
            /// A ○ paragraph.
            case paragraph
            /// A ○ paragraph about an initiative, led by its organisation, with its ➢ outlook.
            case initiative
            /// The industry-structure table; its source line follows as a `note`.
            case table
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
        static func initiative(_ initiative: Initiative) -> Block {
            Block(kind: .initiative, text: initiative.summary,
                  organisation: initiative.leadsWithOrganisation ? initiative.organisation.name : nil,
                  outlook: initiative.outlook)
        }
        static func table(_ table: IndustryStructure) -> Block { Block(kind: .table, table: table) }
        static func unavailable(_ service: String) -> Block { Block(kind: .unavailable, service: service) }
    }

    /// The numbered section headings, in order.
    var headings: [String] { sections.map(\.heading) }
}

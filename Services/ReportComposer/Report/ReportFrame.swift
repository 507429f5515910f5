import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The composer's own part of the report: title, authors, the ☆ abstract, the paragraphs the
/// composer owns, and the order of sections, with slots where the services' data goes.
struct ReportFrame: Decodable, Sendable {
    /// A text in both editions.
    struct Localized: Decodable, Sendable, Equatable {
        var ja: ReportText
        var en: ReportText

        func text(_ lang: ReportLanguage) -> ReportText {
            switch lang {
            case .ja: ja
            case .en: en
            }
        }
    }

    /// Words the renderers print around the data.
    struct Labels: Decodable, Sendable {
        var abstract: Localized
        var changeRate: Localized
        var sourcePrefix: Localized
        var chartTitle: Localized
    }

    struct Section: Decodable, Sendable {
        var id: String
        var heading: Localized
        var blocks: [Block]
    }

    /// A paragraph written into the frame, or a slot the services fill.
    enum Block: Decodable, Sendable, Equatable {
        case paragraph(Localized)
        case slot(Slot)

        private enum CodingKeys: String, CodingKey { case paragraph, slot }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let text = try container.decodeIfPresent(Localized.self, forKey: .paragraph) {
                self = .paragraph(text)
            } else {
                let name = try container.decode(String.self, forKey: .slot)
                guard let slot = Slot(name: name) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .slot, in: container, debugDescription: "unknown slot \"\(name)\"")
                }
                self = .slot(slot)
            }
        }
    }

    /// Where service data goes.
    enum Slot: Sendable, Equatable {
        case zoneDefinition, zoneDesignation, zoneApplicationReasons
        case industryStructure
        case sectionInitiatives(section: ReportText)

        init?(name: String) {
            switch name {
            case "zone.definition": self = .zoneDefinition
            case "zone.designation": self = .zoneDesignation
            case "zone.applicationReasons": self = .zoneApplicationReasons
            case "statistics.industryStructure": self = .industryStructure
            default:
                guard name.hasPrefix("initiatives."), name.count > "initiatives.".count else { return nil }
                self = .sectionInitiatives(section: ReportText(String(name.dropFirst("initiatives.".count))))
            }
        }

        /// The service whose data fills the slot.
        var service: ServiceName {
            switch self {
            case .industryStructure: .statistics
            default: .initiatives
            }
        }
    }

    var series: Localized
    var title: Localized
    var authors: [Localized]
    var abstract: [Localized]
    var labels: Labels
    var sections: [Section]

    /// The numbered section headings in `lang`, in order: what ``Report/headings`` is for a
    /// report assembled from this frame.
    func headings(_ lang: ReportLanguage) -> [ReportText] {
        sections.map { $0.heading.text(lang) }
    }

    static func load(from url: URL) throws -> ReportFrame {
        try JSONDecoder().decode(ReportFrame.self, from: Data(contentsOf: url))
    }

    /// The frame built into the composer: `Resources/report-frame.json`, embedded in the
    /// executable at build time (no resource bundle to ship beside it).
    static func builtIn() throws -> ReportFrame {
        try JSONDecoder().decode(ReportFrame.self, from: Data(PackageResources.report_frame_json))
    }
}

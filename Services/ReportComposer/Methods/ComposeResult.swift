import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The result of `report.compose`.
struct ComposeResult: Codable, Sendable {
    /// The rendered document, or the structured report for `json`.
    enum Content: Codable, Sendable, SchemaDescribed {
        case document(RenderedText)
        case report(Report)

        /// `report` in `format`; `width` is the `text` format's line width.
        static func rendering(_ report: Report, as format: ReportFormat, width: Int = 80) -> Content {
            switch format {
            case .markdown: .document(MarkdownRenderer().renderUTF8(report))
            case .text: .document(TextRenderer(width: width).renderUTF8(report))
            case .json: .report(report)
            case .html: .document(HTMLRenderer().renderUTF8(report))
            case .svg:
                .document(RenderedText(ChartRenderer(report: report).standaloneSVG() ?? ChartRenderer.emptySVG(report)))
            }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .document(let text): try text.encode(to: encoder)
            case .report(let report): try report.encode(to: encoder)
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .document(RenderedText(text))
            } else {
                self = .report(try container.decode(Report.self))
            }
        }

        /// The document's text, or for `json` the structured report.
        static func jsonSchema() throws(SchemaError) -> JSONValue {
            .object(["oneOf": .array([.object(["type": "string"]), try JSONSchema.of(Report.self)])])
        }

        static var schemaPlaceholder: Content { .document(RenderedText("")) }
    }

    var format: ReportFormat
    var lang: ReportLanguage
    var content: Content
    var sections: [ReportText]
    var degraded: Bool
    var missing: [String]
    var generatedAt: String
}

/// The result of `system.info`.
struct SystemInfo: Codable, Sendable {
    var name = "report-composer"
    var version: String
    /// The git commit the composer was built from, as `--version` and `report_build_info` say.
    var commit = ProjectVersion.commit
    var swift = ProjectVersion.swift
    var libzmq: String
    var startedAt: String
    var uptimeSeconds: Double
    var endpoints: [String: String]
    var services: [ServiceReport]
}

/// The result of `report.sections`.
struct SectionHeadings: Codable, Sendable {
    var sections: [String]
}

/// The result of `system.ping`.
struct Pong: Codable, Sendable {
    var pong = true
}

/// The result of `system.stats`: per method, by name.
struct MethodStatisticsSnapshot: Codable, Sendable {
    var methods: [String: MethodStatistics.Entry]
}

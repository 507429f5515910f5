import WireProtocol

/// Report formats.
enum ReportFormat: String, ParameterChoice, Codable {
    case markdown, text, json, html, svg
}

/// Report editions: the Japanese original and the English translation.
enum ReportLanguage: String, ParameterChoice, Codable {
    case ja, en
}

/// Params of `report.compose`.
struct ComposeParams: MethodParams {
    static let fields: Set<String> = ["format", "lang", "timeoutMs", "width"]
    var format: ReportFormat = .markdown
    var lang: ReportLanguage = .ja
    /// How long the composer may wait for the services; at most the composer's own limit.
    var timeoutMs: Int?
    /// Line width of the `text` format, in display columns.
    var width: Int = 80

    init() {}

    private enum CodingKeys: String, CodingKey { case format, lang, timeoutMs, width }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decodeIfPresent(ReportFormat.self, forKey: .format) ?? .markdown
        lang = try container.decodeIfPresent(ReportLanguage.self, forKey: .lang) ?? .ja
        timeoutMs = try container.decodeIfPresent(Int.self, forKey: .timeoutMs)
        width = try container.decodeIfPresent(Int.self, forKey: .width) ?? 80
        if let timeoutMs, timeoutMs < 1 {
            throw JSONRPCError.invalidParams(field: "timeoutMs", "must be a positive number of milliseconds")
        }
        guard (20...1000).contains(width) else {
            throw JSONRPCError.invalidParams(field: "width", "must be between 20 and 1000 columns")
        }
    }
}

/// Params of `report.sections`.
struct SectionsParams: MethodParams {
    static let fields: Set<String> = ["lang"]
    var lang: ReportLanguage = .ja
    init() {}
}

/// Params of methods that take none.
struct NoParams: MethodParams {
    static let fields: Set<String> = []
    init() {}
}

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
    var format: ReportFormat = .markdown
    var lang: ReportLanguage = .ja
    /// How long the composer may wait for the services; at most the composer's own limit.
    var timeoutMs: Int?
    /// Line width of the `text` format, in display columns.
    var width: Int = 80

    init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case format, lang, timeoutMs, width }
    /// `report.compose ["html", "en"]`, `["text", "ja", 60]`.
    static let positionalOrder: [CodingKeys] = [.format, .lang, .width, .timeoutMs]

    /// Starts from the defaults above and sets what the request gives.
    init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let format = try container.decodeIfPresent(ReportFormat.self, forKey: .format) { self.format = format }
        if let lang = try container.decodeIfPresent(ReportLanguage.self, forKey: .lang) { self.lang = lang }
        timeoutMs = try container.decodeIfPresent(Int.self, forKey: .timeoutMs)
        if let width = try container.decodeIfPresent(Int.self, forKey: .width) { self.width = width }
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
    enum CodingKeys: String, CodingKey, CaseIterable { case lang }
    static let positionalOrder: [CodingKeys] = [.lang]
    var lang: ReportLanguage = .ja
    init() {}

    /// Starts from the default above and sets what the request gives.
    init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let lang = try container.decodeIfPresent(ReportLanguage.self, forKey: .lang) { self.lang = lang }
    }
}

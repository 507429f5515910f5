import WireProtocol

/// Report formats.
enum ReportFormat: String, ParameterChoice {
    case markdown, text, json, html, svg
}

/// Report editions: the Japanese original and the English translation.
enum ReportLanguage: String, ParameterChoice {
    case ja, en
}

/// Params of `report.compose`.
struct ComposeParams: MethodParams {
    /// The `text` format's line widths.
    static let widths = 20...1000
    /// The waits `timeoutMs` may ask for, in milliseconds.
    static let timeouts = 1...Int.max

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
        if let timeoutMs, !Self.timeouts.contains(timeoutMs) {
            throw JSONRPCError.invalidParams(field: "timeoutMs", "must be a positive number of milliseconds")
        }
        guard Self.widths.contains(width) else {
            throw JSONRPCError.invalidParams(
                field: "width", "must be between \(Self.widths.lowerBound) and \(Self.widths.upperBound) columns")
        }
    }

    static func describe(_ member: CodingKeys) -> ParamDescription {
        switch member {
        case .format:
            """
            markdown, text (plain, wrapped to width), json (the structured report), html (a page with \
            the chart) or svg (the chart).
            """
        case .lang: "ja for the Japanese original, en for the English edition."
        case .timeoutMs:
            ParamDescription(
                "How long to wait for the services, in milliseconds; at most the composer's limit (--timeout).",
                minimum: 1)
        case .width: ParamDescription("The text format's line width, in display columns.", range: widths)
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

    static func describe(_ member: CodingKeys) -> ParamDescription {
        switch member {
        case .lang: "ja for the Japanese headings, en for the English ones."
        }
    }
}

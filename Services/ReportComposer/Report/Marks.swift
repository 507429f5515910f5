/// The report's marks: ○ before a paragraph, ➢ before an outlook, a caption in parentheses,
/// and the … after a leading organisation, as the seed writes them; in English, plain
/// punctuation. Static strings: the renderers append their bytes with no `String` made per
/// mark (and none needs escaping in Markdown or HTML).
enum Marks {
    static func paragraph(_ lang: ReportLanguage) -> StaticString { lang == .ja ? "○" : "○ " }
    static func outlook(_ lang: ReportLanguage) -> StaticString { lang == .ja ? "➢" : "➢ " }
    static func lead(_ lang: ReportLanguage) -> StaticString { lang == .ja ? "…" : ": " }
    static func noteOpening(_ lang: ReportLanguage) -> StaticString { lang == .ja ? "（" : "(" }
    static func noteClosing(_ lang: ReportLanguage) -> StaticString { lang == .ja ? "）" : ")" }
}

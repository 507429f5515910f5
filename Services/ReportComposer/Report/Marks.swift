/// The report's marks: ○ before a paragraph, ➢ before an outlook, a caption in parentheses,
/// and the … after a leading organisation, as the seed writes them; in English, plain
/// punctuation.
enum Marks {
    static func paragraph(_ lang: ReportLanguage) -> String { lang == .ja ? "○" : "○ " }
    static func outlook(_ lang: ReportLanguage) -> String { lang == .ja ? "➢" : "➢ " }
    static func lead(_ lang: ReportLanguage) -> String { lang == .ja ? "…" : ": " }
    static func note(_ text: String, _ lang: ReportLanguage) -> String { noteOpening(lang) + text + noteClosing(lang) }
    static func noteOpening(_ lang: ReportLanguage) -> String { lang == .ja ? "（" : "(" }
    static func noteClosing(_ lang: ReportLanguage) -> String { lang == .ja ? "）" : ")" }
}

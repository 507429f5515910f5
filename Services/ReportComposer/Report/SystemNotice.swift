/// Words the composer itself prints around service data, not taken from the report.
enum SystemNotice {
    /// Marks a part of the report whose service did not answer.
    static func unavailable(_ service: String, lang: ReportLanguage = .ja) -> String {
        switch lang {
        case .ja: "【\(service) サービスが応答しなかったため、この部分は表示できません】"
        case .en: "[The \(service) service did not answer, so this part cannot be shown.]"
        }
    }
}

import WireProtocol

/// Words the composer itself prints around service data, not taken from the report.
enum SystemNotice {
    /// Marks a part of the report whose service did not answer, in words a reader understands:
    /// what is missing, not which internal service failed (the result's `missing` list names
    /// the services for programs).
    static func unavailable(_ service: String, lang: ReportLanguage = .ja) -> String {
        switch (service, lang) {
        case (ServiceName.statistics.rawValue, .ja): "【産業構造の統計は一時的に取得できないため、この部分は表示できません】"
        case (ServiceName.statistics.rawValue, .en): "[The industry-structure figures are temporarily unavailable.]"
        case (ServiceName.initiatives.rawValue, .ja): "【両市の取組に関する情報は一時的に取得できないため、この部分は表示できません】"
        case (ServiceName.initiatives.rawValue, .en):
            "[The information on the two cities' initiatives is temporarily unavailable.]"
        case (_, .ja): "【この部分の情報は一時的に取得できないため、表示できません】"
        case (_, .en): "[This part is temporarily unavailable.]"
        }
    }
}

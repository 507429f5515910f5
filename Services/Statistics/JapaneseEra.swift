import Foundation

/// Japanese era years (和暦), computed with Foundation's Japanese calendar.
enum JapaneseEra {
    /// The era year a Gregorian year is written as, e.g. 1990 → `平成2年`, 2019 → `令和元年`.
    /// A year-only value is labelled by the era in force on its last day (31 December), the
    /// way a year that saw an era change is usually named: 1989 → 平成元年, 2019 → 令和元年.
    static func label(forYear year: Int) -> String {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        guard let lastDay = gregorian.date(from: DateComponents(year: year, month: 12, day: 31)) else {
            return "\(year)年"
        }
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .japanese)
        formatter.locale = Locale(identifier: "ja_JP@calendar=japanese")
        formatter.timeZone = gregorian.timeZone
        formatter.dateFormat = "Gy年"
        return formatter.string(from: lastDay)
    }
}

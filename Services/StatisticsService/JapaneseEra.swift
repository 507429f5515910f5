import Foundation

/// Japanese era years (和暦), computed with Foundation's Japanese calendar.
enum JapaneseEra {
    /// The era year a Gregorian year is written as, e.g. 1990 → `平成2年`, 2019 → `令和元年`.
    static func label(forYear year: Int) -> String { Labeller().label(forYear: year) }

    /// Labels many years with one formatter.
    struct Labeller {
        private let gregorian: Calendar
        private let formatter: DateFormatter
        private let englishFormatter: DateFormatter

        init() {
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = TimeZone(identifier: "Asia/Tokyo")!
            self.gregorian = gregorian
            formatter = DateFormatter()
            formatter.calendar = Calendar(identifier: .japanese)
            formatter.locale = Locale(identifier: "ja_JP@calendar=japanese")
            formatter.timeZone = gregorian.timeZone
            formatter.dateFormat = "Gy年"
            englishFormatter = DateFormatter()
            englishFormatter.calendar = Calendar(identifier: .japanese)
            englishFormatter.locale = Locale(identifier: "en_US@calendar=japanese")
            englishFormatter.timeZone = gregorian.timeZone
            englishFormatter.dateFormat = "GGGG y"
        }

        /// The same era year in English, e.g. 1990 → `Heisei 2`, 2019 → `Reiwa 1`.
        func englishLabel(forYear year: Int) -> String {
            guard let lastDay = gregorian.date(from: DateComponents(year: year, month: 12, day: 31)) else {
                return "\(year)"
            }
            return englishFormatter.string(from: lastDay)
        }

        /// A year-only value is labelled by the era in force on its last day (31 December), the
        /// way a year that saw an era change is usually named: 1989 (昭和64年 until 7 January)
        /// is 平成元年, 2019 (平成31年 until 30 April) is 令和元年.
        func label(forYear year: Int) -> String {
            guard let lastDay = gregorian.date(from: DateComponents(year: year, month: 12, day: 31)) else {
                return "\(year)年"
            }
            return formatter.string(from: lastDay)
        }
    }
}

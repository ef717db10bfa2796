import Foundation

/// A day in Beijing time as a number (days since 1970-01-01 in UTC+8, which has no daylight saving): the key of the
/// kept daily figures, so a period is a range of integers on both databases.
struct StatisticsDay: Sendable, Hashable, Comparable, Codable {
    let number: Int

    init(number: Int) { self.number = number }

    /// The Beijing day `date` falls on.
    init(_ date: Date) {
        number = Int(((date.timeIntervalSince1970 + Self.offset) / 86_400).rounded(.down))
    }

    init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.length(month: month, year: year) else { return nil }
        number = Self.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses `yyyy-MM-dd`.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static let offset: TimeInterval = 8 * 3600

    /// 00:00 Beijing time of this day.
    var start: Date { Date(timeIntervalSince1970: Double(number) * 86_400 - Self.offset) }

    var civil: (year: Int, month: Int, day: Int) { Self.civil(from: number) }

    var text: String {
        let c = civil
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    func adding(_ days: Int) -> StatisticsDay { StatisticsDay(number: number + days) }

    static func < (lhs: StatisticsDay, rhs: StatisticsDay) -> Bool { lhs.number < rhs.number }

    static func length(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(from days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

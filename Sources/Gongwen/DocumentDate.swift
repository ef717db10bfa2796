import Foundation

/// A calendar date as printed for 成文日期 and 印发日期, e.g. `2026年1月5日`.
///
/// It holds a day, not an instant: the date a leader signed stays the same wherever the server runs.
public struct DocumentDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The full year, e.g. 2026.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, from 1.
    public let day: Int

    /// A date from its parts, or `nil` when no such day exists in the Gregorian calendar (e.g. 2026-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day on which `date` falls in `timeZone`; Beijing time unless told otherwise.
    public init(_ date: Date, in timeZone: TimeZone = .beijing) {
        // Gregorian explicitly: `Calendar.current` follows the server's locale and could be Buddhist or Japanese.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        year = calendar.component(.year, from: date)
        month = calendar.component(.month, from: date)
        day = calendar.component(.day, from: date)
    }

    /// The date as printed: Arabic numerals, full year, no zero padding, e.g. `2026年1月5日`.
    public var formatted: String {
        "\(year)年\(month)月\(day)日"
    }

    /// The printed form, as `formatted`.
    public var description: String {
        formatted
    }

    // Ordered by day, so a jointly issued document can take the last signature's date with `max()`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}

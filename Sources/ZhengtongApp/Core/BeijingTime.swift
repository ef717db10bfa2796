import Foundation
import Gongwen

/// A Beijing wall-clock day and time as typed in a form (`2026-12-08`, `09:30`), and back.
enum BeijingTime {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .beijing
        calendar.firstWeekday = 2
        return calendar
    }()

    /// The moment `day` at `time` in Beijing, or nil when either does not parse.
    static func date(day: String, time: String) -> Date? {
        let d = day.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
        let t = time.trimmingCharacters(in: .whitespaces).split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count >= 2, (1...12).contains(d[1]), (1...31).contains(d[2]), (0...23).contains(t[0]), (0...59).contains(t[1]) else { return nil }
        let parts = DateComponents(year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1])
        guard let date = calendar.date(from: parts), calendar.component(.day, from: date) == d[2] else { return nil }
        return date
    }

    /// `yyyy-MM-dd` of `date` in Beijing.
    static func day(_ date: Date) -> String { String(DisplayFormat.minute(date).prefix(10)) }

    /// `HH:mm` of `date` in Beijing.
    static func time(_ date: Date) -> String { DisplayFormat.time(date) }

    /// Midnight (Beijing) starting the Monday of `date`'s week.
    static func weekStart(_ date: Date) -> Date {
        calendar.dateInterval(of: .weekOfYear, for: date)?.start ?? calendar.startOfDay(for: date)
    }

    static func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    static func adding(days: Int, to date: Date) -> Date { calendar.date(byAdding: .day, value: days, to: date) ?? date }

    /// 1 (Monday) … 7 (Sunday).
    static func weekday(_ date: Date) -> Int { (calendar.component(.weekday, from: date) + 5) % 7 + 1 }

    /// Minutes since Beijing midnight.
    static func minuteOfDay(_ date: Date) -> Int {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}

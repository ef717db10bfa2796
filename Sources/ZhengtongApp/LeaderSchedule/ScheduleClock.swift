import Foundation
import Gongwen

/// Beijing days and times for schedules. China keeps no daylight saving time, so an instant is the day's midnight at
/// +08:00 plus minutes — the same rule the feed's VTIMEZONE states.
enum ScheduleClock {
    static let offset: TimeInterval = 8 * 3600

    /// The instant of `minutes` after midnight of `day`, Beijing time.
    static func instant(_ day: DocumentDate, minutes: Int) -> Date {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        let midnight = utc.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
        return midnight.addingTimeInterval(TimeInterval(minutes * 60) - offset)
    }

    /// `day` moved by `days`.
    static func adding(_ days: Int, to day: DocumentDate) -> DocumentDate {
        DocumentDate(instant(day, minutes: 12 * 60).addingTimeInterval(TimeInterval(days) * 86_400))
    }

    /// 1 (Monday) … 7 (Sunday).
    static func weekday(_ day: DocumentDate) -> Int {
        // 1970-01-05 was a Monday.
        let days = Int((instant(day, minutes: 0).timeIntervalSince1970 + offset) / 86_400)
        return ((days - 4) % 7 + 7) % 7 + 1
    }

    /// The Monday of the week `day` is in.
    static func monday(of day: DocumentDate) -> DocumentDate {
        adding(1 - weekday(day), to: day)
    }

    /// Minutes after midnight of `HH:mm`, or nil.
    static func minutes(_ text: String?) -> Int? {
        let parts = (text ?? "").trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    /// `HH:mm` of an instant, Beijing time.
    static func clock(_ date: Date) -> String {
        DisplayFormat.time(date)
    }

    /// The two halves of a day on the week table: 上午 until noon, 下午 (and evening) after.
    static let noon = 12 * 60

    /// The usual hours of a half-day activity, when no time is given.
    static func hours(of period: LeaderActivity.Period) -> (start: Int, end: Int)? {
        switch period {
        case .morning: (8 * 60 + 30, 12 * 60)
        case .afternoon: (14 * 60 + 30, 18 * 60)
        case .allDay: (8 * 60 + 30, 18 * 60)
        case .timed: nil
        }
    }
}

import Foundation
import Gongwen
import WorkflowEngine

/// How dates and times are shown on pages: Beijing time, Chinese conventions, no zero padding in dates.
enum DisplayFormat {
    /// The zone pages show times in: the one the documents are dated in (Gongwen's), never a second copy.
    static let timeZone = TimeZone.beijing

    /// Arithmetic on the civil calendar: lists format a few dates per row, and `Calendar` with `String(format:)`
    /// was a twentieth of a 待办 request.
    private static func components(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        ISODateTime.components(date, in: timeZone)
    }

    /// `2026年1月5日` (the regulation's form: no zero padding).
    static func date(_ date: Date) -> String {
        let c = components(date)
        return "\(c.year)年\(c.month)月\(c.day)日"
    }

    /// `14:05`.
    static func time(_ date: Date) -> String {
        let c = components(date)
        return "\(two(c.hour)):\(two(c.minute))"
    }

    /// `2026-01-05 14:05:09`, for logs and tables where columns must line up.
    static func dateTime(_ date: Date) -> String {
        let c = components(date)
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    /// `2026-01-05 14:05`, for lists of tasks and events.
    static func minute(_ date: Date) -> String {
        let c = components(date)
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    private static func two(_ value: Int) -> String { ISODateTime.two(value) }
}

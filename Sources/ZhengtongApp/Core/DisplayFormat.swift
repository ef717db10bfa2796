import Foundation

/// How dates and times are shown on pages: Beijing time, Chinese conventions, no zero padding in dates.
enum DisplayFormat {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai")!

    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// `2026年1月5日` (the regulation's form: no zero padding).
    static func date(_ date: Date) -> String {
        let c = components(date)
        return "\(c.year!)年\(c.month!)月\(c.day!)日"
    }

    /// `14:05`.
    static func time(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// `2026-01-05 14:05:09`, for logs and tables where columns must line up.
    static func dateTime(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// `2026-01-05 14:05`, for lists of tasks and events.
    static func minute(_ date: Date) -> String {
        String(dateTime(date).dropLast(3))
    }
}

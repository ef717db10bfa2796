import Foundation

extension TimeZone {
    /// China Standard Time (Asia/Shanghai), the time zone in which document dates are written; the app's one
    /// Beijing time zone too (`DisplayFormat.timeZone`). The workflow engine keeps its own, `ISODuration.beijing`,
    /// as neither pure target depends on the other.
    public static let beijing: TimeZone =
        TimeZone(identifier: "Asia/Shanghai")
        // Containers without tzdata lack the identifier; China has kept UTC+8 without daylight saving
        // since 1991, so the fixed offset gives the same dates for any document this platform handles.
        ?? TimeZone(secondsFromGMT: 8 * 3600)!
}

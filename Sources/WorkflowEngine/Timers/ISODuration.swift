import Foundation

/// An ISO 8601 duration (`P1Y2M3DT4H5M6S`, `P2W`, `PT0.5S`), the form BPMN timers are written in.
/// Calendar parts (years, months, days) are added by the calendar in Beijing time, so `P1D`
/// is "the same time tomorrow", not always 86,400 seconds.
public struct ISODuration: Sendable, Equatable, CustomStringConvertible {
    public var years = 0
    public var months = 0
    public var weeks = 0
    public var days = 0
    public var hours = 0
    public var minutes = 0
    public var seconds: Double = 0

    public init(years: Int = 0, months: Int = 0, weeks: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Double = 0) {
        self.years = years; self.months = months; self.weeks = weeks; self.days = days
        self.hours = hours; self.minutes = minutes; self.seconds = seconds
    }

    /// Parses `PnYnMnWnDTnHnMnS`; `nil` for anything else (an empty `P`, a missing `T`, negative parts).
    public init?(parsing raw: String) {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        guard text.first == "P", text.count > 1 else { return nil }
        text = text.dropFirst()
        var inTime = false
        var number = ""
        var sawPart = false
        for character in text {
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if character.isASCII, character.isNumber || character == "." || character == "," {
                number.append(character == "," ? "." : character)
                continue
            }
            guard !number.isEmpty, let value = Double(number), value >= 0, value < 1_000_000 else { return nil }
            // Only seconds may carry a fraction: the others are added by the calendar.
            let whole = Int(value)
            if character != "S", Double(whole) != value { return nil }
            switch (character, inTime) {
            case ("Y", false): years = whole
            case ("M", false): months = whole
            case ("W", false): weeks = whole
            case ("D", false): days = whole
            case ("H", true): hours = whole
            case ("M", true): minutes = whole
            case ("S", true): seconds = value
            default: return nil
            }
            number = ""
            sawPart = true
        }
        guard number.isEmpty, sawPart else { return nil }
        if inTime, hours == 0, minutes == 0, seconds == 0, !text.contains(where: { "HMS".contains($0) }) { return nil }
    }

    /// `date` plus this duration, calendar parts in `timeZone`.
    public func added(to date: Date, timeZone: TimeZone = ISODuration.beijing) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var components = DateComponents()
        components.year = years
        components.month = months
        components.day = weeks * 7 + days
        components.hour = hours
        components.minute = minutes
        let whole = Int(seconds)
        components.second = whole
        let shifted = calendar.date(byAdding: components, to: date) ?? date
        return shifted.addingTimeInterval(seconds - Double(whole))
    }

    /// `n` times this duration, part by part (`P1M` × 2 is `P2M`, not 61 days): the `n`-th repetition of a cycle
    /// is counted from its start, so one short month does not move every later repetition.
    public func multiplied(by n: Int) -> ISODuration {
        ISODuration(years: years * n, months: months * n, weeks: weeks * n, days: days * n, hours: hours * n, minutes: minutes * n,
                    seconds: seconds * Double(n))
    }

    /// `true` for `PT0S` and the like: a timer with it would fire at once, forever.
    public var isZero: Bool {
        years == 0 && months == 0 && weeks == 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0
    }

    public var description: String {
        var text = "P"
        if years > 0 { text += "\(years)Y" }
        if months > 0 { text += "\(months)M" }
        if weeks > 0 { text += "\(weeks)W" }
        if days > 0 { text += "\(days)D" }
        if hours > 0 || minutes > 0 || seconds > 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if seconds > 0 {
                text += seconds == seconds.rounded() ? "\(Int(seconds))S" : "\(seconds)S"
            }
        }
        return text == "P" ? "PT0S" : text
    }

    /// Beijing time (fixed UTC+8 when the machine lacks time-zone data; China has had no DST since 1991): the
    /// engine's one time zone constant, for timers, working days and diagram captions.
    ///
    /// `Gongwen` has its own (`TimeZone.beijing`, which the app uses): the two pure targets do not depend on each
    /// other — the engine knows nothing of documents, the document model nothing of processes — and a shared
    /// target for one constant would cost more than the two lines it saves.
    public static let beijing: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
}

import Foundation

extension TimerDefinition {
    /// Which BPMN element the text came from.
    public enum Form: String, Sendable {
        case timeDuration, timeDate, timeCycle
    }

    /// Parses a timer as written in `timeDuration`, `timeDate` or `timeCycle`; `nil` when the text is not ISO 8601
    /// of that form (or is a cron expression, which we do not run).
    public init?(form: Form, text raw: String) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch form {
        case .timeDuration:
            guard let duration = ISODuration(parsing: text), !duration.isZero else { return nil }
            self = .duration(duration)
        case .timeDate:
            guard let date = Self.parseDate(text) else { return nil }
            self = .date(date)
        case .timeCycle:
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 || parts.count == 3, parts[0].hasPrefix("R") else { return nil }
            let count = parts[0].dropFirst()
            var repetitions: Int?
            if !count.isEmpty {
                guard let value = Int(count), value > 0 else { return nil }
                repetitions = value
            }
            var start: Date?
            let intervalText: String
            if parts.count == 3 {
                guard let date = Self.parseDate(parts[1]) else { return nil }
                start = date
                intervalText = parts[2]
            } else {
                intervalText = parts[1]
            }
            guard let interval = ISODuration(parsing: intervalText), !interval.isZero else { return nil }
            self = .cycle(repetitions: repetitions, interval: interval, start: start)
        }
    }

    /// The element and text to write back (export).
    public var bpmn: (form: Form, text: String) {
        switch self {
        case .duration(let duration): (.timeDuration, duration.description)
        case .date(let date): (.timeDate, Self.format(date))
        case .cycle(let repetitions, let interval, let start):
            (.timeCycle, "R\(repetitions.map(String.init) ?? "")/" + (start.map { Self.format($0) + "/" } ?? "") + interval.description)
        }
    }

    /// When the timer first fires, armed at `armedAt`. With `workingDays` (a timer marked
    /// `zt:calendar="workdays"`), the days and weeks of a duration or cycle interval count working days
    /// of that calendar; a `timeDate`, and a cycle's start date, are moments and stay as written.
    public func firstDue(armedAt: Date, workingDays calendar: WorkingCalendar? = nil) -> Date {
        switch self {
        case .duration(let duration): Self.add(duration, to: armedAt, workingDays: calendar)
        case .date(let date): date
        case .cycle(_, let interval, let start): start.map { max($0, armedAt) } ?? Self.add(interval, to: armedAt, workingDays: calendar)
        }
    }

    /// After firing for the `firedCount`-th time at `due`, when it fires next; `nil` when it is spent.
    /// `workingDays` as for `firstDue`.
    public func nextDue(after due: Date, firedCount: Int, workingDays calendar: WorkingCalendar? = nil) -> Date? {
        guard case .cycle(let repetitions, let interval, _) = self else { return nil }
        if let repetitions, firedCount >= repetitions { return nil }
        return Self.add(interval, to: due, workingDays: calendar)
    }

    /// Calendar days in Beijing time, or the calendar's working days.
    private static func add(_ duration: ISODuration, to date: Date, workingDays calendar: WorkingCalendar?) -> Date {
        calendar.map { $0.adding(duration, to: date) } ?? duration.added(to: date)
    }

    /// ISO 8601 date-time with an offset (`Z` or `+08:00`); a date without an offset is Beijing time.
    static func parseDate(_ text: String) -> Date? {
        if let date = ISODateTime.parse(text) { return date }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        formatter.timeZone = ISODuration.beijing
        for options: ISO8601DateFormatter.Options in [
            [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate],
            [.withFullDate, .withDashSeparatorInDate],
        ] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text.replacingOccurrences(of: "T", with: "T")) { return date }
        }
        return nil
    }

    static func format(_ date: Date) -> String {
        ISODateTime.format(date, in: ISODuration.beijing)
    }
}

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

    /// When the timer first fires, armed at `armedAt`.
    public func firstDue(armedAt: Date) -> Date {
        switch self {
        case .duration(let duration): duration.added(to: armedAt)
        case .date(let date): date
        case .cycle(_, let interval, let start): start.map { max($0, armedAt) } ?? interval.added(to: armedAt)
        }
    }

    /// After firing for the `firedCount`-th time at `due`, when it fires next; `nil` when it is spent.
    public func nextDue(after due: Date, firedCount: Int) -> Date? {
        guard case .cycle(let repetitions, let interval, _) = self else { return nil }
        if let repetitions, firedCount >= repetitions { return nil }
        return interval.added(to: due)
    }

    /// ISO 8601 date-time with an offset (`Z` or `+08:00`); a date without an offset is Beijing time.
    static func parseDate(_ text: String) -> Date? {
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
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = ISODuration.beijing
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

import Foundation
import Gongwen

/// When and where `serve` backs the platform up by itself (issue 16; the contract asks for important data daily
/// and everything at least weekly). Every backup is whole — stored files live in the database — so daily and weekly
/// differ in how long they are kept: the run on the weekly day is the weekly one.
///
/// Read from the environment (the directory is a path on the server, which no web page may choose):
/// `ZHENGTONG_BACKUP_DIR` (default `DATA_DIR/backups`; `off` turns scheduled backups off), `ZHENGTONG_BACKUP_TIME`
/// (`HH:MM` Beijing time, default 02:00), `ZHENGTONG_BACKUP_WEEKLY_DAY` (1 Monday … 7 Sunday, default 7),
/// `ZHENGTONG_BACKUP_KEEP_DAILY` (default 7) and `ZHENGTONG_BACKUP_KEEP_WEEKLY` (default 4).
public struct BackupSchedule: Sendable, Equatable {
    /// Which retention a backup falls under; each kind has its own subdirectory of ``directory``.
    enum Kind: String, Sendable, Codable, CaseIterable {
        case daily, weekly, manual
    }

    public var directory: String
    public var hour: Int
    public var minute: Int
    /// ISO weekday: 1 Monday … 7 Sunday.
    public var weeklyDay: Int
    public var keepDaily: Int
    public var keepWeekly: Int

    public init(directory: String, hour: Int = 2, minute: Int = 0, weeklyDay: Int = 7, keepDaily: Int = 7, keepWeekly: Int = 4) {
        self.directory = directory
        self.hour = hour
        self.minute = minute
        self.weeklyDay = weeklyDay
        self.keepDaily = keepDaily
        self.keepWeekly = keepWeekly
    }

    /// How many backups of `kind` are kept; manual ones (立即备份) as many as daily ones.
    func keep(_ kind: Kind) -> Int {
        kind == .weekly ? keepWeekly : keepDaily
    }

    /// Where backups of `kind` go.
    func directory(for kind: Kind) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(kind.rawValue).path
    }

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .beijing
        return calendar
    }

    /// The first scheduled time strictly after `date`.
    func next(after date: Date) -> Date {
        let calendar = Self.calendar
        let day = calendar.startOfDay(for: date)
        for offset in 0...1 {
            guard let candidate = calendar.date(byAdding: DateComponents(day: offset, hour: hour, minute: minute), to: day) else { continue }
            if candidate > date { return candidate }
        }
        return date.addingTimeInterval(86400)
    }

    /// The kind of the run scheduled at `date`: weekly on the weekly day, daily otherwise.
    func kind(at date: Date) -> Kind {
        // Calendar weekdays run 1 Sunday … 7 Saturday; ISO runs 1 Monday … 7 Sunday.
        let weekday = Self.calendar.component(.weekday, from: date)
        let iso = weekday == 1 ? 7 : weekday - 1
        return iso == weeklyDay ? .weekly : .daily
    }

    /// `nil` when scheduled backups are off. `value` reads one variable (trimmed, empty as absent).
    static func fromEnvironment(_ value: (String) -> String?, dataDirectory: String) throws -> BackupSchedule? {
        let directory = value("ZHENGTONG_BACKUP_DIR") ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("backups").path
        if directory.lowercased() == "off" { return nil }
        var schedule = BackupSchedule(directory: directory)
        if let raw = value("ZHENGTONG_BACKUP_TIME") {
            let parts = raw.split(separator: ":").map { Int($0) }
            guard parts.count == 2, let hour = parts[0], let minute = parts[1], (0...23).contains(hour), (0...59).contains(minute) else {
                throw ConfigurationError(variable: "ZHENGTONG_BACKUP_TIME", problem: Strings.Backups.timeInvalid(raw), example: "02:30")
            }
            schedule.hour = hour
            schedule.minute = minute
        }
        func number(_ name: String, _ range: ClosedRange<Int>, example: String) throws -> Int? {
            guard let raw = value(name) else { return nil }
            guard let number = Int(raw), range.contains(number) else {
                throw ConfigurationError(variable: name, problem: Strings.Backups.numberInvalid(raw, range), example: example)
            }
            return number
        }
        if let day = try number("ZHENGTONG_BACKUP_WEEKLY_DAY", 1...7, example: "7") { schedule.weeklyDay = day }
        if let keep = try number("ZHENGTONG_BACKUP_KEEP_DAILY", 1...366, example: "7") { schedule.keepDaily = keep }
        if let keep = try number("ZHENGTONG_BACKUP_KEEP_WEEKLY", 1...520, example: "4") { schedule.keepWeekly = keep }
        return schedule
    }
}

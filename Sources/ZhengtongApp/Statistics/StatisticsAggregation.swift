import Fluent
import Foundation
import SQLKit
import Vapor

/// The kept daily figures (`statistics_daily`): each source's facts of one Beijing day folded per unit, department
/// and step into a count, a sum of seconds, hits and a histogram of durations. Pages and the API add up these rows
/// (a year of a unit is a few hundred of them) instead of reading every document and step each time.
///
/// A day is computed again while it is today or yesterday, and is then final: every source counts a fact on a day
/// after which it cannot change (a step on its completion, a deadline once it has passed). `statistics_days`
/// records when each day was computed; a day computed before it ended is done again (``pendingDays``).
enum StatisticsAggregation {
    static let table = "statistics_daily"
    static let daysTable = "statistics_days"

    /// A row of `statistics_daily`.
    struct Row: Codable, Sendable {
        var id: UUID
        var day: Int
        var unit_id: UUID
        var department_id: UUID?
        var source: String
        var step: String
        var count: Int
        var seconds: Int
        var hits: Int
        var histogram: String
    }

    /// A row of `statistics_days`.
    struct DayRow: Codable, Sendable {
        var day: Int
        var refreshed_at: Date
    }

    private struct GroupKey: Hashable {
        var day: Int
        var unit: UUID
        var department: UUID?
        var step: String
    }

    /// Computes `days` again from the records (reads first, then one short write). At most a few months at a time.
    static func refresh(days: ClosedRange<Int>, app: Application, now: Date = Date()) async throws {
        let from = StatisticsDay(number: days.lowerBound).start
        let to = StatisticsDay(number: days.upperBound + 1).start
        var rows: [Row] = []
        for source in StatisticsSources.all {
            var groups: [GroupKey: StatisticsAggregate] = [:]
            for fact in try await source.facts(from: from, to: to, now: now, on: app.db) {
                let key = GroupKey(day: StatisticsDay(fact.at).number, unit: fact.unitID, department: fact.departmentID, step: fact.step)
                groups[key, default: StatisticsAggregate()].add(fact, timed: source.timed)
            }
            rows += groups.map { key, aggregate in
                Row(id: UUID(), day: key.day, unit_id: key.unit, department_id: key.department, source: source.key, step: key.step,
                    count: aggregate.count, seconds: aggregate.seconds, hits: aggregate.hits, histogram: HandlingTimeBuckets.encode(aggregate.histogram))
            }
        }
        let finished = rows
        try await app.write { db in
            let sql = try db.sqlDatabase()
            try await sql.raw("DELETE FROM statistics_daily WHERE day >= \(bind: days.lowerBound) AND day <= \(bind: days.upperBound)").run()
            try await sql.raw("DELETE FROM statistics_days WHERE day >= \(bind: days.lowerBound) AND day <= \(bind: days.upperBound)").run()
            try await BulkInsert.rows(into: table, finished, on: db)
            try await BulkInsert.rows(into: daysTable, days.map { DayRow(day: $0, refreshed_at: now) }, on: db)
        }
    }

    /// Days before today not yet computed after they ended, from the first day any record has, in ranges of at most
    /// `chunk` days.
    static func pendingDays(app: Application, now: Date, chunk: Int = 31) async throws -> [ClosedRange<Int>] {
        let today = StatisticsDay(now).number
        guard let earliest = try await earliestDay(on: app.db), earliest < today else { return [] }
        let rows = try await app.db.sqlDatabase().raw("SELECT day, refreshed_at FROM statistics_days WHERE day >= \(bind: earliest)").all()
        var final = Set<Int>()
        for row in rows {
            let day = try row.decode(column: "day", as: Int.self)
            if try row.decode(column: "refreshed_at", as: Date.self) >= StatisticsDay(number: day + 1).start { final.insert(day) }
        }
        var ranges: [ClosedRange<Int>] = []
        var start: Int?
        for day in earliest..<today {
            if final.contains(day) {
                if let s = start { ranges.append(s...(day - 1)); start = nil }
            } else if let s = start, day - s + 1 > chunk {
                ranges.append(s...(day - 1))
                start = day
            } else if start == nil {
                start = day
            }
        }
        if let s = start { ranges.append(s...(today - 1)) }
        return ranges
    }

    /// The first day of any record a source reads (its indexes answer it), or nil on an empty platform.
    static func earliestDay(on db: any Database) async throws -> Int? {
        let sql = try db.sqlDatabase()
        var days: [Int] = []
        for column in ["started_at"] {
            if let row = try await sql.raw("SELECT MIN(\(unsafeRaw: column)) AS first FROM workflow_instances").first(),
               let first = try row.decode(column: "first", as: Date?.self) { days.append(StatisticsDay(first).number) }
        }
        if let row = try await sql.raw("SELECT MIN(received_at) AS first FROM incoming_documents").first(),
           let first = try row.decode(column: "first", as: Date?.self) { days.append(StatisticsDay(first).number) }
        if let row = try await sql.raw("SELECT MIN(occurred_at_ms) AS first FROM audit_entries WHERE action = 'auth.login'").first(),
           let first = try row.decode(column: "first", as: Int64?.self) { days.append(StatisticsDay(Date(timeIntervalSince1970: Double(first) / 1000)).number) }
        return days.min()
    }

    /// Everything pending and today, until nothing is left (the command and tests; the job does a bounded share).
    static func refreshAll(app: Application, now: Date = Date(), progress: (ClosedRange<Int>) -> Void = { _ in }) async throws {
        for range in try await pendingDays(app: app, now: now) {
            try await refresh(days: range, app: app, now: now)
            progress(range)
        }
        let today = StatisticsDay(now).number
        try await refresh(days: today...today, app: app, now: now)
    }

    /// When the figures were last computed (today's row), for the pages' "数据更新于".
    static func lastRefresh(on db: any Database) async throws -> Date? {
        try await db.sqlDatabase().raw("SELECT MAX(refreshed_at) AS last FROM statistics_days").first()?.decode(column: "last", as: Date?.self)
    }
}

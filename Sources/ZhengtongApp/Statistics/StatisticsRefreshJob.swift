import Foundation
import Vapor

/// The recurring job (key `statistics`, every five minutes, any one server) that keeps ``StatisticsAggregation``'s
/// daily rows: today and yesterday each run, and days never computed after they ended — a few months per run, so a
/// platform upgraded with years of records catches up in steps without holding the writer long.
enum StatisticsRefreshJob {
    static let kind = "statistics"
    static let key = "statistics"
    static let interval: TimeInterval = 300
    /// Days computed per run beyond today and yesterday.
    static let backlogPerRun = 124

    @Sendable static func run(_ job: JobRecord, app: Application, now: Date) async throws {
        try await runOnce(app: app, now: now)
        try await app.write { db in try await JobQueue.schedule(kind: kind, key: key, payload: "", at: now.addingTimeInterval(interval), on: db) }
    }

    static func runOnce(app: Application, now: Date) async throws {
        let today = StatisticsDay(now).number
        var budget = backlogPerRun
        for range in try await StatisticsAggregation.pendingDays(app: app, now: now) where budget > 0 {
            let part = range.lowerBound...min(range.upperBound, range.lowerBound + budget - 1)
            try await StatisticsAggregation.refresh(days: part, app: app, now: now)
            budget -= part.count
        }
        try await StatisticsAggregation.refresh(days: (today - 1)...today, app: app, now: now)
    }

    /// Makes sure the recurring job exists (at server start).
    static func ensureScheduled(app: Application, at now: Date = Date()) async throws {
        try await app.write { db in try await JobQueue.ensureRecurring(kind: kind, key: key, at: now, on: db) }
    }
}

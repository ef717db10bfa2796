import Fluent
import Foundation
import Vapor

/// What the 备份 page and `GET /api/v1/backups` show: the schedule, the next scheduled run, whether a 立即备份
/// waits, and the latest runs, newest first.
struct BackupStatus: Content, Sendable {
    struct Schedule: Content, Sendable {
        var directory: String
        /// `HH:MM`, Beijing time.
        var time: String
        /// 1 Monday … 7 Sunday.
        var weeklyDay: Int
        var keepDaily: Int
        var keepWeekly: Int
    }

    struct Run: Content, Sendable {
        var id: UUID
        var kind: BackupSchedule.Kind
        var state: BackupRun.State
        var startedAt: Date
        var finishedAt: Date?
        var directory: String?
        var bytes: Int64?
        var message: String?
    }

    var schedule: Schedule?
    var nextRunAt: Date?
    var manualPending: Bool
    var runs: [Run]

    static func load(app: Application, on db: any Database, limit: Int = 30) async throws -> BackupStatus {
        let schedule = ScheduledBackup.schedule(of: app)
        let jobs = try await JobRecord.query(on: db).filter(\.$key ~~ [ScheduledBackup.key, ScheduledBackup.manualKey]).all()
        let runs = try await BackupRun.query(on: db).sort(\.$startedAt, .descending).limit(limit).all()
        return BackupStatus(
            schedule: schedule.map { Schedule(directory: $0.directory, time: String(format: "%02d:%02d", $0.hour, $0.minute), weeklyDay: $0.weeklyDay,
                                              keepDaily: $0.keepDaily, keepWeekly: $0.keepWeekly) },
            nextRunAt: schedule == nil ? nil : jobs.first { $0.key == ScheduledBackup.key }?.runAt,
            manualPending: jobs.contains { $0.key == ScheduledBackup.manualKey },
            runs: try runs.map { run in
                Run(id: try run.requireID(), kind: run.kind, state: run.state, startedAt: run.startedAt, finishedAt: run.finishedAt,
                    directory: run.directory, bytes: run.bytes, message: run.message)
            })
    }
}

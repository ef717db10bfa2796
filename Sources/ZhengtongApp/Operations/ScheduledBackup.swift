import Fluent
import Foundation
import SQLKit
import Vapor

/// Backups `serve` makes by itself (issue 16): a recurring job (key `backup`) at the schedule's time every day —
/// the weekly day's run is the weekly one —, and 立即备份 (key `backup-manual`) when the system administrator asks.
/// Any one server runs each (the job queue leases it). A run checks the target's free space first, writes the
/// backup with ``Backup/make(app:under:at:)`` into the kind's subdirectory, keeps the newest N of that kind, and
/// records itself in ``BackupRun``; a failed run notifies the platform's system administrators.
enum ScheduledBackup {
    static let kind = "backup"
    static let key = "backup"
    static let manualKey = "backup-manual"
    /// A backup of a city takes minutes: the job is kept this long so no other server starts the same one.
    static let lease: TimeInterval = 6 * 3600
    /// Free space wanted beyond the database's size (the copy may be as large; its directory and the manifest too).
    static let margin = 0.1

    enum Failure: Error, CustomStringConvertible {
        case off
        case alreadyRequested
        case notEnoughSpace(free: Int64, needed: Int64)
        case directoryUnusable(String, reason: String)

        var description: String {
            switch self {
            case .directoryUnusable(let path, let reason): Strings.Backups.directoryUnusable(path, reason: reason)
            case .off: Strings.Backups.off
            case .alreadyRequested: Strings.Backups.alreadyRequested
            case .notEnoughSpace(let free, let needed): Strings.Backups.notEnoughSpace(free: free, needed: needed)
            }
        }
    }

    /// The schedule, when the database can be backed up at all (not the tests' in-memory one).
    static func schedule(of app: Application) -> BackupSchedule? {
        if case .sqliteMemory = app.config.database { return nil }
        return app.config.backupSchedule
    }

    /// At server start: the recurring job at the schedule's next time (moved there when the configured time changed;
    /// a run missed while no server ran stays due and runs now), or removed when backups are off.
    static func ensureScheduled(app: Application, at now: Date = Date()) async throws {
        guard let schedule = schedule(of: app) else {
            try await app.write { db in try await JobQueue.cancel(key: key, on: db) }
            return
        }
        let next = schedule.next(after: now)
        try await app.write { db in
            let job = try await JobRecord.query(on: db).filter(\.$key == key).first()
            if let job, job.state != JobRecord.State.pending.rawValue || job.runAt <= now || job.runAt == next { return }
            try await JobQueue.schedule(kind: kind, key: key, payload: "", at: next, on: db)
        }
    }

    /// The job: a manual backup, or the scheduled one followed by scheduling the next.
    @Sendable static func run(_ job: JobRecord, app: Application, now: Date) async throws {
        guard let schedule = schedule(of: app) else { return }
        if let worker = job.lockedBy {
            try await app.write { db in try await JobQueue.extendLease(job, worker: worker, until: now.addingTimeInterval(lease), on: db) }
        }
        if job.key == manualKey {
            _ = try await perform(.manual, requestedBy: UUID(uuidString: job.payload), schedule: schedule, app: app)
        } else {
            _ = try await perform(schedule.kind(at: job.runAt), requestedBy: nil, schedule: schedule, app: app)
            try await app.write { db in
                try await JobQueue.schedule(kind: kind, key: key, payload: "", at: schedule.next(after: Date()), on: db)
            }
        }
    }

    /// 立即备份: queues a manual backup for the next turn of the job worker (seconds). One at a time: a second
    /// request while one waits or runs is refused (409).
    @discardableResult
    static func request(by actor: AuditActor, app: Application, at now: Date = Date()) async throws -> Date {
        guard schedule(of: app) != nil else { throw AppError.conflict(Failure.off.description) }
        return try await app.write { db in
            if try await JobRecord.query(on: db).filter(\.$key == manualKey).first() != nil {
                throw AppError.conflict(Failure.alreadyRequested.description)
            }
            try await JobQueue.schedule(kind: kind, key: manualKey, payload: actor.userID?.uuidString ?? "", at: now, maxAttempts: 1, on: db)
            try await AuditLog.record(AuditEvent(action: "backup.requested", targetType: "backup", targetID: nil, targetLabel: Strings.Backups.kindLabel(.manual)),
                                      by: actor, on: db)
            return now
        }
    }

    /// Makes one backup of `kind` and records it; never throws for the backup's own failure (it is recorded and
    /// the administrators notified), only when the record itself can't be written.
    static func perform(_ kind: BackupSchedule.Kind, requestedBy: UUID?, schedule: BackupSchedule, app: Application) async throws -> BackupRun {
        let run = BackupRun(kind: kind, startedAt: Date(), requestedBy: requestedBy)
        try await app.write { db in try await run.create(on: db) }
        let target = schedule.directory(for: kind)
        do {
            let needed = try await estimatedBytes(app: app)
            do {
                try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            } catch {
                // Foundation's error names the path; the system's reason (not a directory, permission denied) is underneath.
                let underlying = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
                throw Failure.directoryUnusable(target, reason: underlying.map { String(cString: strerror(Int32($0.code))) } ?? String(describing: error))
            }
            if let free = DiskSpace.freeBytes(at: target), Double(free) < Double(needed) * (1 + margin) {
                throw Failure.notEnoughSpace(free: free, needed: needed)
            }
            let (directory, manifest) = try await Backup.make(app: app, under: target)
            let removed = try await app.threadPool.runIfActive { try prune(target, keep: schedule.keep(kind)) }
            let bytes = Int64(manifest.files.map(\.bytes).reduce(0, +))
            try await app.write { db in
                run.state = .succeeded
                run.finishedAt = Date()
                run.directory = directory
                run.bytes = bytes
                try await run.update(on: db)
                try await AuditLog.record(AuditEvent(action: "backup.made", targetType: "backup", targetID: run.id?.uuidString, targetLabel: directory,
                                                     after: ["kind": kind.rawValue, "bytes": String(bytes), "removed": String(removed.count)]),
                                          by: .system("backup"), on: db)
            }
            app.logger.info("backup made", metadata: ["component": "backup", "kind": "\(kind.rawValue)", "directory": "\(directory)", "removed": "\(removed.count)"])
        } catch {
            let message = switch error {
            case let failure as Failure: failure.description
            case let failure as Backup.Failure: failure.description
            default: Strings.Backups.failed(String(describing: error))
            }
            app.logger.error("backup failed", metadata: ["component": "backup", "kind": "\(kind.rawValue)", "error": "\(message)"])
            try await app.write { db in
                run.state = .failed
                run.finishedAt = Date()
                run.message = String(message.prefix(2000))
                try await run.update(on: db)
                try await AuditLog.record(AuditEvent(action: "backup.made", targetType: "backup", targetID: run.id?.uuidString, targetLabel: target,
                                                     succeeded: false, after: ["kind": kind.rawValue, "error": String(message.prefix(200))]),
                                          by: .system("backup"), on: db)
                let people = try await PermissionHolders.platformWide(with: .systemOperate, on: db)
                try await Notifier.send(NotificationDraft(kind: .backupFailed, title: Strings.Backups.failedTitle(kind), body: run.message,
                                                          link: SiteURL.adminBackups.path, key: "backup-failed-\(try run.requireID())"),
                                        to: people, on: db)
            }
        }
        return run
    }

    /// How large the copy may be: the SQLite file with its write-ahead log, or PostgreSQL's size of the database.
    static func estimatedBytes(app: Application) async throws -> Int64 {
        switch app.config.database {
        case .sqlite(let path):
            return ["", "-wal"].reduce(Int64(0)) { total, suffix in
                total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber)?.int64Value ?? 0)
            }
        case .postgres:
            return try await app.db.sqlDatabase().raw("SELECT pg_database_size(current_database()) AS n").first()?.decode(column: "n", as: Int64.self) ?? 0
        case .sqliteMemory:
            return 0
        }
    }

    /// Deletes all but the newest `keep` backups in `directory` (those with a manifest: nothing else there is
    /// touched); answers the paths removed. Backup directories are named by time, so names sort by age.
    static func prune(_ directory: String, keep: Int) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("zhengtong-") && FileManager.default.fileExists(atPath: "\(directory)/\($0)/manifest.json") }
            .sorted { age($0) > age($1) }
        let removed = names.dropFirst(max(keep, 1)).map { "\(directory)/\($0)" }
        for path in removed { try FileManager.default.removeItem(atPath: path) }
        return removed
    }

    /// `zhengtong-YYYYMMDD-HHMMSS` and `…-N` for the Nth of the same second, as sortable text.
    private static func age(_ name: String) -> String {
        let parts = name.split(separator: "-")
        let attempt = parts.count > 3 ? Int(parts[3]) ?? 1 : 1
        return parts.prefix(3).joined(separator: "-") + String(format: "-%04d", attempt)
    }
}

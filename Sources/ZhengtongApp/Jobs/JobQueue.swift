import Fluent
import Foundation
import SQLKit

/// The jobs table as a queue: schedule by key, lease due jobs, finish, retry with back-off, or bury.
enum JobQueue {
    /// How long a worker may hold a job before another may take it over (a crashed server's jobs come back).
    static let lease: TimeInterval = 120

    /// A recurring job (one row per key, which any server leases): makes sure it exists, to run at `now` — called at
    /// server start; a row already there keeps its time.
    static func ensureRecurring(kind: String, key: String, at now: Date, on db: any Database) async throws {
        guard try await JobRecord.query(on: db).filter(\.$key == key).first() == nil else { return }
        try await schedule(kind: kind, key: key, payload: "", at: now, on: db)
    }

    /// Schedules (or moves) the job with `key` to run at `date`.
    static func schedule(kind: String, key: String, payload: String, at date: Date, maxAttempts: Int = 5, on db: any Database) async throws {
        if let job = try await JobRecord.query(on: db).filter(\.$key == key).first() {
            job.kind = kind
            job.payload = payload
            job.runAt = date
            job.state = JobRecord.State.pending.rawValue
            job.attempts = 0
            job.maxAttempts = maxAttempts
            job.lastError = nil
            job.leaseUntil = nil
            job.lockedBy = nil
            job.updatedAt = Date()
            try await job.update(on: db)
        } else {
            let job = JobRecord()
            job.kind = kind
            job.key = key
            job.payload = payload
            job.state = JobRecord.State.pending.rawValue
            job.runAt = date
            job.attempts = 0
            job.maxAttempts = maxAttempts
            job.updatedAt = Date()
            try await job.create(on: db)
        }
    }

    /// Removes a pending job (its work is gone, e.g. the instance has no timers any more).
    static func cancel(key: String, on db: any Database) async throws {
        try await JobRecord.query(on: db).filter(\.$key == key).filter(\.$state != JobRecord.State.running.rawValue).delete()
    }

    /// Leases up to `limit` due jobs for `worker`: pending ones whose time has come, and running ones whose
    /// lease ran out. On PostgreSQL rows another worker is leasing are skipped (`FOR UPDATE SKIP LOCKED`);
    /// on SQLite the single-writer gate already serialises this.
    static func lease(limit: Int, worker: String, at now: Date, on db: any Database) async throws -> [JobRecord] {
        let sql = try db.sqlDatabase()
        let skipLocked: SQLQueryString = try sql.dialectKind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let due: SQLQueryString = """
            SELECT id FROM \(ident: JobRecord.schema)
            WHERE (state = \(bind: JobRecord.State.pending.rawValue) AND run_at <= \(bind: now))
               OR (state = \(bind: JobRecord.State.running.rawValue) AND lease_until < \(bind: now))
            ORDER BY run_at LIMIT \(bind: limit)
            """ + skipLocked
        let ids = try await sql.raw(due).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        let jobs = try await JobRecord.query(on: db).filter(\.$id ~~ ids).all()
        for job in jobs {
            job.state = JobRecord.State.running.rawValue
            job.attempts += 1
            job.leaseUntil = now.addingTimeInterval(lease)
            job.lockedBy = worker
            job.updatedAt = now
            try await job.update(on: db)
        }
        return jobs.sorted { $0.runAt < $1.runAt }
    }

    /// Keeps a leased job for a long piece of work (a backup of a city takes minutes), so no other server takes it
    /// over while this one still runs it.
    static func extendLease(_ job: JobRecord, worker: String, until date: Date, on db: any Database) async throws {
        guard let current = try await JobRecord.find(job.id, on: db), current.lockedBy == worker else { return }
        current.leaseUntil = date
        try await current.update(on: db)
    }

    /// Marks a leased job done, unless its work rescheduled it meanwhile (then it stays pending at its new time).
    static func finish(_ job: JobRecord, worker: String, on db: any Database) async throws {
        guard let current = try await JobRecord.find(job.id, on: db), current.state == JobRecord.State.running.rawValue,
              current.lockedBy == worker else { return }
        try await current.delete(on: db)
    }

    /// A failed attempt: retried later with growing back-off, or `dead` after the last attempt.
    static func fail(_ job: JobRecord, worker: String, error: String, at now: Date, on db: any Database) async throws {
        guard let current = try await JobRecord.find(job.id, on: db), current.lockedBy == worker else { return }
        current.lastError = String(error.prefix(2000))
        current.leaseUntil = nil
        current.lockedBy = nil
        current.updatedAt = now
        if current.attempts >= current.maxAttempts {
            current.state = JobRecord.State.dead.rawValue
        } else {
            current.state = JobRecord.State.pending.rawValue
            current.runAt = now.addingTimeInterval(backoff(afterAttempt: current.attempts))
        }
        try await current.update(on: db)
    }

    /// 30 s, 1 min, 2 min … capped at an hour.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(max(0, attempt - 1))))
    }

    /// Puts a dead job back in the queue (an administrator fixed the cause).
    static func retry(_ id: UUID, at now: Date, on db: any Database) async throws {
        guard let job = try await JobRecord.find(id, on: db), job.state == JobRecord.State.dead.rawValue else { throw AppError.notFound() }
        job.state = JobRecord.State.pending.rawValue
        job.attempts = 0
        job.runAt = now
        job.updatedAt = now
        try await job.update(on: db)
    }
}

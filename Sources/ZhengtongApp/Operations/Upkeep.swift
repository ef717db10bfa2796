import Fluent
import Foundation
import SQLKit
import Vapor

/// Upkeep: rows that have done their work are deleted by a recurring job (key `upkeep`, hourly, any one server
/// leases it), so the database does not grow without bound under a steady load (issue 16):
/// - sessions past their lifetime (``SessionAuthenticator/lifetime``), signed in or not — every new session carries
///   its creation time (`ct`, written by ``ChangedSessionWrites``), a signed-in one its sign-in time (`iat`);
/// - API tokens expired a day ago or more (an expired token is refused anyway; the day keeps it visible a while);
/// - login-throttle rows whose window and lockout ended a day ago or more;
/// - notifications read more than ``notificationDays`` days ago (unless the message log still holds their outbox rows),
///   and outbox rows sent (or given up) more than ``messageLogDays`` days ago — the unit's message log and its
///   monthly statistics cover a year.
/// - mail copies in 已删除 longer than ``MailSettings/trashDays`` (with messages and files nobody holds any more).
/// Dead jobs are kept for the administrator; finished jobs are deleted as they finish (``JobQueue/finish``).
enum Upkeep {
    static let kind = "upkeep"
    static let key = "upkeep"
    static let interval: TimeInterval = 3600
    static let notificationDays = 180
    static let messageLogDays = 400
    static let grace: TimeInterval = 24 * 3600

    /// What one run deleted, by kind of row.
    struct Report: Sendable, Equatable {
        var sessions = 0
        var tokens = 0
        var throttles = 0
        var notifications = 0
        var outbox = 0
        var mail = 0
    }

    @Sendable static func run(_ job: JobRecord, app: Application, now: Date) async throws {
        let report = try await purge(app: app, at: now)
        app.logger.info("upkeep", metadata: ["component": "upkeep", "sessions": "\(report.sessions)", "tokens": "\(report.tokens)",
                                                "throttles": "\(report.throttles)", "notifications": "\(report.notifications)", "outbox": "\(report.outbox)"])
        try await app.write { db in try await JobQueue.schedule(kind: kind, key: key, payload: "", at: now.addingTimeInterval(interval), on: db) }
    }

    /// Makes sure the recurring job exists (at server start).
    static func ensureScheduled(app: Application, at now: Date = Date()) async throws {
        try await app.write { db in try await JobQueue.ensureRecurring(kind: kind, key: key, at: now, on: db) }
    }

    /// Deletes what has expired at `now`.
    @discardableResult
    static func purge(app: Application, at now: Date) async throws -> Report {
        let trashCutoff = now.addingTimeInterval(-Double(app.mailSettings.trashDays) * 86400)
        return try await app.write { db in
            let sql = try db.sqlDatabase()
            var report = Report()
            // Sessions: the older of creation and sign-in decides (milliseconds, as the session data holds them).
            let sessionCutoff = Int64((now.timeIntervalSince1970 - SessionAuthenticator.lifetime) * 1000)
            let started: SQLQueryString = try db.dialectKind() == .postgres
                ? "COALESCE(data->>'ct', data->>'iat')::bigint"
                : "CAST(COALESCE(json_extract(data, '$.ct'), json_extract(data, '$.iat')) AS INTEGER)"
            report.sessions = try await count(sql, "DELETE FROM _fluent_sessions WHERE \(started) < \(bind: sessionCutoff)")
            report.tokens = try await count(sql, "DELETE FROM api_tokens WHERE expires_at < \(bind: now.addingTimeInterval(-grace))")
            let throttleCutoff = Int64((now.timeIntervalSince1970 - grace) * 1000)
            report.throttles = try await count(sql, """
                DELETE FROM login_throttles WHERE window_started_ms < \(bind: throttleCutoff) AND locked_until_ms < \(bind: throttleCutoff)
                """)
            let readCutoff = now.addingTimeInterval(-Double(notificationDays) * 86400)
            let logCutoff = now.addingTimeInterval(-Double(messageLogDays) * 86400)
            report.outbox = try await count(sql, """
                DELETE FROM notification_outbox WHERE created_at < \(bind: logCutoff) AND state <> 'pending'
                """)
            report.notifications = try await count(sql, """
                DELETE FROM notifications WHERE read_at < \(bind: readCutoff)
                AND id NOT IN (SELECT notification_id FROM notification_outbox)
                """)
            report.mail = try await MailService.purgeTrash(before: trashCutoff, on: db)
            return report
        }
    }

    /// Runs a DELETE and answers how many rows it removed (`RETURNING 1` works on both PostgreSQL and SQLite ≥ 3.35).
    private static func count(_ sql: any SQLDatabase, _ statement: SQLQueryString) async throws -> Int {
        try await sql.raw(statement + " RETURNING 1").all().count
    }
}

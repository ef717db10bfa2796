import Fluent
import Prometheus
import SQLKit
import Vapor

/// `/healthz`, `/readyz` and `/metrics` for the service manager and monitoring.
struct OperationsController {
    let poolSize: Int

    func register(on routes: any RoutesBuilder) {
        routes.get("healthz") { _ in "ok" }
        routes.get("readyz", use: ready)
        routes.get("metrics", use: metrics)
    }

    /// Ready when a round trip to the database succeeds.
    @Sendable func ready(req: Request) async throws -> Response {
        let sql = try req.db.sqlDatabase()
        let started = ContinuousClock.now
        do {
            try await sql.raw("SELECT 1").run()
        } catch {
            req.logger.error("readiness check failed: \(String(reflecting: error))")
            return Response(status: .serviceUnavailable, body: .init(string: "database unreachable\n"))
        }
        let elapsed = ContinuousClock.now - started
        AppMetrics.registry.makeGauge(descriptor: .init(namespace: "zhengtong", metricName: "db_ping", unitName: "seconds", helpText: "Latest database round trip of /readyz"))
            .set(elapsed.seconds)
        return Response(status: .ok, body: .init(string: "ok\n"))
    }

    /// Prometheus text exposition. The queues are counted at each scrape (issue 16): jobs due and not yet run,
    /// dead jobs (failed too often; an administrator looks at them), SMS waiting in the outbox, the latest backup.
    @Sendable func metrics(req: Request) async throws -> Response {
        let registry = AppMetrics.registry
        registry.makeGauge(descriptor: .init(namespace: "zhengtong", subsystem: "db_pool", metricName: "max", unitName: "connections", helpText: "Database connections the pool may open (per event loop times event loops)"))
            .set(Double(poolSize))
        let sql = try req.db.sqlDatabase()
        func count(_ statement: SQLQueryString) async throws -> Double {
            Double(try await sql.raw(statement).first()?.decode(column: "n", as: Int.self) ?? 0)
        }
        let now = Date()
        registry.makeGauge(descriptor: .init(namespace: "zhengtong", subsystem: "jobs", metricName: "due", helpText: "Jobs due and not yet run (queue depth)"))
            .set(try await count("SELECT COUNT(*) AS n FROM jobs WHERE state = 'pending' AND run_at <= \(bind: now)"))
        registry.makeGauge(descriptor: .init(namespace: "zhengtong", subsystem: "jobs", metricName: "dead", helpText: "Jobs given up after too many failures (dead letters)"))
            .set(try await count("SELECT COUNT(*) AS n FROM jobs WHERE state = 'dead'"))
        registry.makeGauge(descriptor: .init(namespace: "zhengtong", subsystem: "outbox", metricName: "pending", helpText: "Messages waiting to be sent by SMS"))
            .set(try await count("SELECT COUNT(*) AS n FROM notification_outbox WHERE state = 'pending'"))
        // The latest backup the platform made by itself (0 when none yet), and whether the latest run failed.
        let succeeded = try await BackupRun.query(on: req.db).filter(\.$state == .succeeded).sort(\.$startedAt, .descending).first()
        let latest = try await BackupRun.query(on: req.db).filter(\.$state != .running).sort(\.$startedAt, .descending).first()
        registry.makeGauge(descriptor: .init(namespace: "zhengtong", subsystem: "backup", metricName: "last_success", unitName: "timestamp_seconds", helpText: "When the latest successful backup finished (Unix time; 0: none yet)"))
            .set(succeeded?.finishedAt?.timeIntervalSince1970 ?? 0)
        registry.makeGauge(descriptor: .init(namespace: "zhengtong", subsystem: "backup", metricName: "last_size", unitName: "bytes", helpText: "Size of the latest successful backup"))
            .set(Double(succeeded?.bytes ?? 0) as Double)
        registry.makeGauge(descriptor: .init(namespace: "zhengtong", subsystem: "backup", metricName: "last_failed", helpText: "1 when the latest finished backup failed"))
            .set(latest?.state == .failed ? 1.0 : 0.0)
        let response = Response(status: .ok, body: .init(string: registry.emitToString()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}

import Fluent
import Foundation
import SQLKit

/// Bulk inserts for the seeder: multi-row `INSERT`s, chunked so one statement stays under both databases'
/// limits on bound parameters (SQLite 32,766, PostgreSQL 65,535).
///
/// Most tables go through Fluent's bulk create. The two tables with most rows (history and tasks, about 30
/// per document) go through SQLKit with explicit columns: Fluent reflects every model with `Mirror` when it
/// creates it, which was a third of the seeder's time. The values bound are the models' own, so the
/// stored forms (UUIDs, dates) are what Fluent would store; `SeedWriterTests` reads them back through Fluent.
enum SeedWriter {
    static let maximumBinds = 30_000

    static func insert<M: Model>(_ rows: [M], on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        let chunk = max(1, maximumBinds / max(1, M.keys.count))
        for start in stride(from: rows.startIndex, to: rows.endIndex, by: chunk) {
            try await rows[start..<min(start + chunk, rows.endIndex)].create(on: db)
        }
    }

    static func insert(_ rows: [WorkflowHistoryRecord], on db: any Database) async throws {
        try await insert(into: WorkflowHistoryRecord.schema, ["id", "instance_id", "seq", "event", "data", "actor_id", "occurred_at"], rows, on: db) {
            [$0.id, $0.$instance.id, $0.seq, $0.event, $0.data, $0.actorID, $0.occurredAt]
        }
    }

    static func insert(_ rows: [WorkflowTaskRecord], on db: any Database) async throws {
        try await insert(into: WorkflowTaskRecord.schema,
                         ["id", "instance_id", "engine_id", "node", "name", "state", "assignee_id", "delegated_from", "created_at", "opened_at",
                          "due_at", "due_notified_at", "overdue_notified_at", "completed_at", "completed_by", "outcome", "opinion", "data"], rows, on: db) {
            [$0.id, $0.$instance.id, $0.engineID, $0.node, $0.name, $0.state, $0.assigneeID, $0.delegatedFrom, $0.createdAt, $0.openedAt,
             $0.dueAt, $0.dueNotifiedAt, $0.overdueNotifiedAt, $0.completedAt, $0.completedBy, $0.outcome, $0.opinion, $0.data]
        }
    }

    private static func insert<Row>(into table: String, _ columns: [String], _ rows: [Row], on db: any Database,
                                    values: (Row) -> [any Encodable & Sendable]) async throws {
        guard !rows.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { throw AppError.notFound() }
        let chunk = max(1, maximumBinds / columns.count)
        for start in stride(from: rows.startIndex, to: rows.endIndex, by: chunk) {
            var builder = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + chunk, rows.endIndex)] { builder = builder.values(values(row)) }
            try await builder.run()
        }
    }
}

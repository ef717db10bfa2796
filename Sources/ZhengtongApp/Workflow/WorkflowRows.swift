import Fluent
import Foundation
import SQLKit

/// The workflow rows every command writes, written with explicit columns (``BulkInsert``): history, tasks,
/// tokens. The column lists are the models' keys; `SeedTests` and the workflow tests read them back through Fluent.
enum WorkflowRows {
    static let taskColumns = ["id", "instance_id", "engine_id", "node", "name", "state", "assignee_id", "delegated_from", "created_at", "opened_at",
                              "due_at", "due_notified_at", "overdue_notified_at", "completed_at", "completed_by", "outcome", "opinion", "data"]

    static func insert(_ rows: [WorkflowHistoryRecord], on db: any Database) async throws {
        try await BulkInsert.rows(into: WorkflowHistoryRecord.schema, ["id", "instance_id", "seq", "event", "data", "actor_id", "occurred_at"], rows,
                                  on: db) {
            [$0.id ?? UUID(), $0.$instance.id, $0.seq, $0.event, $0.data, $0.actorID, $0.occurredAt]
        }
    }

    static func insert(_ rows: [WorkflowTaskRecord], on db: any Database) async throws {
        try await BulkInsert.rows(into: WorkflowTaskRecord.schema, taskColumns, rows, on: db) {
            [$0.id ?? UUID(), $0.$instance.id, $0.engineID, $0.node, $0.name, $0.state, $0.assigneeID, $0.delegatedFrom, $0.createdAt, $0.openedAt,
             $0.dueAt, $0.dueNotifiedAt, $0.overdueNotifiedAt, $0.completedAt, $0.completedBy, $0.outcome, $0.opinion, $0.data]
        }
    }

    static func insert(_ rows: [WorkflowTokenRecord], on db: any Database) async throws {
        try await BulkInsert.rows(into: WorkflowTokenRecord.schema, ["id", "instance_id", "engine_id", "node", "scope"], rows, on: db) {
            [$0.id ?? UUID(), $0.$instance.id, $0.engineID, $0.node, $0.scope]
        }
    }

    /// What a command changes on an existing task, by its place in the instance. The notice columns
    /// (`due_notified_at`, …) belong to the deadline watch and stay as they are.
    static func update(_ row: WorkflowTaskRecord, on db: any Database) async throws {
        let sql = try db.sqlDatabase()
        try await sql.raw("""
            UPDATE workflow_tasks SET node = \(bind: row.node), name = \(bind: row.name), state = \(bind: row.state),
                assignee_id = \(bind: row.assigneeID), delegated_from = \(bind: row.delegatedFrom), created_at = \(bind: row.createdAt),
                opened_at = \(bind: row.openedAt), due_at = \(bind: row.dueAt), completed_at = \(bind: row.completedAt),
                completed_by = \(bind: row.completedBy), outcome = \(bind: row.outcome), opinion = \(bind: row.opinion), data = \(bind: row.data)
            WHERE instance_id = \(bind: row.$instance.id) AND engine_id = \(bind: row.engineID)
            """).run()
    }

    static func deleteTokens(_ engineIDs: [Int], instanceID: UUID, on db: any Database) async throws {
        guard !engineIDs.isEmpty else { return }
        let sql = try db.sqlDatabase()
        try await sql.raw("""
            DELETE FROM workflow_tokens WHERE instance_id = \(bind: instanceID) AND engine_id IN (\(binds: engineIDs))
            """).run()
    }

    /// The last history number of an instance (0 before its first event).
    static func lastHistorySeq(_ instanceID: UUID, on db: any Database) async throws -> Int {
        let sql = try db.sqlDatabase()
        return try await sql.raw("SELECT COALESCE(MAX(seq), 0) AS last FROM workflow_history WHERE instance_id = \(bind: instanceID)")
            .first()?.decode(column: "last", as: Int.self) ?? 0
    }
}

import Fluent
import Foundation
import SQLKit
import WorkflowEngine

/// The workflow rows every command writes, as row types (``BulkInsert``): history, tasks, tokens. Their coding
/// keys are the models' columns; `SeedTests` and the workflow tests read them back through Fluent.
enum WorkflowRows {
    /// A `workflow_history` row.
    struct HistoryRow: Encodable, Sendable {
        var id: UUID, instanceID: UUID, seq: Int, event: String, data: String, actorID: UUID?, occurredAt: Date

        enum CodingKeys: String, CodingKey {
            case id, instanceID = "instance_id", seq, event, data, actorID = "actor_id", occurredAt = "occurred_at"
        }

        init(_ record: WorkflowHistoryRecord) {
            self.init(id: record.id ?? UUID(), instanceID: record.$instance.id, seq: record.seq, event: record.event, data: record.data,
                      actorID: record.actorID, occurredAt: record.occurredAt)
        }

        init(id: UUID, instanceID: UUID, seq: Int, event: String, data: String, actorID: UUID?, occurredAt: Date) {
            self.id = id
            self.instanceID = instanceID
            self.seq = seq
            self.event = event
            self.data = data
            self.actorID = actorID
            self.occurredAt = occurredAt
        }
    }

    /// A `workflow_tasks` row (the engine's task as JSON in `data`, the columns lists and queries read beside it).
    struct TaskRow: Encodable, Sendable {
        var id: UUID, instanceID: UUID, engineID: Int, node: String, name: String, state: String
        var assigneeID: UUID?, delegatedFrom: UUID?, createdAt: Date, openedAt: Date?, dueAt: Date?
        var dueNotifiedAt: Date?, overdueNotifiedAt: Date?, completedAt: Date?, completedBy: UUID?
        var outcome: String?, opinion: String?, data: String

        enum CodingKeys: String, CodingKey {
            case id, instanceID = "instance_id", engineID = "engine_id", node, name, state, assigneeID = "assignee_id",
                 delegatedFrom = "delegated_from", createdAt = "created_at", openedAt = "opened_at", dueAt = "due_at",
                 dueNotifiedAt = "due_notified_at", overdueNotifiedAt = "overdue_notified_at", completedAt = "completed_at",
                 completedBy = "completed_by", outcome, opinion, data
        }

        init(_ record: WorkflowTaskRecord) {
            id = record.id ?? UUID()
            instanceID = record.$instance.id
            engineID = record.engineID
            node = record.node
            name = record.name
            state = record.state
            assigneeID = record.assigneeID
            delegatedFrom = record.delegatedFrom
            createdAt = record.createdAt
            openedAt = record.openedAt
            dueAt = record.dueAt
            dueNotifiedAt = record.dueNotifiedAt
            overdueNotifiedAt = record.overdueNotifiedAt
            completedAt = record.completedAt
            completedBy = record.completedBy
            outcome = record.outcome
            opinion = record.opinion
            data = record.data
        }
    }

    /// A `workflow_tokens` row.
    struct TokenRow: Encodable, Sendable {
        var id: UUID, instanceID: UUID, engineID: Int, node: String, scope: Int

        enum CodingKeys: String, CodingKey {
            case id, instanceID = "instance_id", engineID = "engine_id", node, scope
        }

        init(_ record: WorkflowTokenRecord) {
            id = record.id ?? UUID()
            instanceID = record.$instance.id
            engineID = record.engineID
            node = record.node
            scope = record.scope
        }
    }

    /// A `workflow_message_subscriptions` row.
    struct SubscriptionRow: Encodable, Sendable {
        var id: UUID, instanceID: UUID, engineID: Int, node: String, message: String, correlationKey: String?

        enum CodingKeys: String, CodingKey {
            case id, instanceID = "instance_id", engineID = "engine_id", node, message, correlationKey = "correlation_key"
        }

        init(instanceID: UUID, subscription: MessageSubscription) {
            id = UUID()
            self.instanceID = instanceID
            engineID = subscription.id
            node = subscription.node
            message = subscription.message
            correlationKey = subscription.correlationKey
        }
    }

    static func insert(_ rows: [WorkflowHistoryRecord], on db: any Database) async throws {
        try await BulkInsert.rows(into: WorkflowHistoryRecord.schema, rows.map(HistoryRow.init), on: db)
    }

    static func insert(_ rows: [WorkflowTaskRecord], on db: any Database) async throws {
        try await BulkInsert.rows(into: WorkflowTaskRecord.schema, rows.map(TaskRow.init), on: db)
    }

    static func insert(_ rows: [WorkflowTokenRecord], on db: any Database) async throws {
        try await BulkInsert.rows(into: WorkflowTokenRecord.schema, rows.map(TokenRow.init), on: db)
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

    static func deleteSubscriptions(_ engineIDs: [Int], instanceID: UUID, on db: any Database) async throws {
        guard !engineIDs.isEmpty else { return }
        let sql = try db.sqlDatabase()
        try await sql.raw("""
            DELETE FROM workflow_message_subscriptions WHERE instance_id = \(bind: instanceID) AND engine_id IN (\(binds: engineIDs))
            """).run()
    }

    /// The last history number of an instance (0 before its first event).
    static func lastHistorySeq(_ instanceID: UUID, on db: any Database) async throws -> Int {
        let sql = try db.sqlDatabase()
        return try await sql.raw("SELECT COALESCE(MAX(seq), 0) AS last FROM workflow_history WHERE instance_id = \(bind: instanceID)")
            .first()?.decode(column: "last", as: Int.self) ?? 0
    }
}

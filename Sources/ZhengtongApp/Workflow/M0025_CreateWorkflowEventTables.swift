import Fluent

/// Events in the app (issue 15): the index of waiting messages, by (message, correlation key), and the timer
/// starts taken, one row per (definition version, start event, occurrence). Instances stored before have no
/// subscriptions (the engine did not have them), so there is nothing to copy.
struct M0025_CreateWorkflowEventTables: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("workflow_message_subscriptions_message", WorkflowMessageSubscriptionRecord.schema, "message, correlation_key"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(WorkflowMessageSubscriptionRecord.schema)
            .id()
            .field("instance_id", .uuid, .required, .references(WorkflowInstanceRecord.schema, "id"))
            .field("engine_id", .int, .required)
            .field("node", .string, .required)
            .field("message", .string, .required)
            .field("correlation_key", .string)
            .unique(on: "instance_id", "engine_id")
            .create()
        try await DatabaseIndexes.create(Self.indexes, on: database)
        try await database.schema(WorkflowTimerStartRecord.schema)
            .id()
            .field("definition_id", .uuid, .required, .references(WorkflowDefinitionRecord.schema, "id"))
            .field("start_event", .string, .required)
            .field("occurrence", .int, .required)
            .field("due_at", .datetime, .required)
            .field("instance_id", .uuid)
            .field("error", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "definition_id", "start_event", "occurrence")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WorkflowTimerStartRecord.schema).delete()
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        try await database.schema(WorkflowMessageSubscriptionRecord.schema).delete()
    }
}

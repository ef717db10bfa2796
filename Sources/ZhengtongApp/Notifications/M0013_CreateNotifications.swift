import Fluent

/// In-product notifications (the bell), the outbox a later sender delivers by SMS or mail, the 催办
/// records a task's holder sees on the task, and on tasks when their deadline notices went out.
struct M0013_CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NotificationRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string)
            .field("link", .string)
            .field("dedupe_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            // The same event never notifies a person twice, whichever process noticed it first.
            .unique(on: "user_id", "dedupe_key")
            .create()
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("notification_id", .uuid, .required, .references(NotificationRecord.schema, "id"))
            .field("channel", .string, .required)
            .field("address", .string, .required)
            .field("text", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "notification_id", "channel")
            .create()
        try await database.schema(WorkflowReminderRecord.schema)
            .id()
            .field("instance_id", .uuid, .required, .references(WorkflowInstanceRecord.schema, "id"))
            .field("task_engine_id", .int, .required)
            .field("sent_by", .uuid)
            .field("message", .string)
            .field("sent_at", .datetime, .required)
            .create()
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in ["due_notified_at", "overdue_notified_at"] {
            try await database.schema(WorkflowTaskRecord.schema).field(FieldKey(stringLiteral: column), .datetime).update()
        }
        try await DatabaseIndexes.create([
            ("workflow_tasks_due", WorkflowTaskRecord.schema, "state, due_at"),
            ("workflow_reminders_task", WorkflowReminderRecord.schema, "instance_id, task_engine_id"),
            ("notifications_user_unread", NotificationRecord.schema, "user_id, read_at, created_at"),
            ("notification_outbox_pending", OutboxMessage.schema, "state, created_at"),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for column in ["due_notified_at", "overdue_notified_at"] {
            try await database.schema(WorkflowTaskRecord.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await database.schema(WorkflowReminderRecord.schema).delete()
        try await database.schema(OutboxMessage.schema).delete()
        try await database.schema(NotificationRecord.schema).delete()
    }
}

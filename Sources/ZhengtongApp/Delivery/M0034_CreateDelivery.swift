import Fluent

/// Message delivery (issue 20): the outbox grows what a sender across several processes needs (a lease, the next
/// attempt, the gateway's answer, whom and which unit a row is for, for the unit's message log); each person's
/// choice of channels per kind of event and quiet hours; each unit's delivery settings (outside mail allowed,
/// the time of the daily 待办 digest).
struct M0034_CreateDelivery: AsyncMigration {
    static let outboxColumns: [(FieldKey, DatabaseSchema.DataType)] = [
        ("user_id", .uuid), ("unit_id", .uuid), ("kind", .string), ("subject", .string),
        ("next_attempt_at", .datetime), ("lease_until", .datetime), ("locked_by", .string),
        ("last_error", .string), ("gateway_id", .string), ("delivered_at", .datetime), ("urgent", .bool),
    ]
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("notification_outbox_due", OutboxMessage.schema, "state, next_attempt_at"),
        ("notification_outbox_unit", OutboxMessage.schema, "unit_id, created_at"),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for (column, type) in Self.outboxColumns {
            try await database.schema(OutboxMessage.schema).field(column, type).update()
        }
        try await DatabaseIndexes.create(Self.indexes, on: database)
        try await database.schema(NotificationPreference.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("channel", .string, .required)
            .field("enabled", .bool, .required)
            .unique(on: "user_id", "kind", "channel")
            .create()
        try await database.schema(DeliveryProfile.schema)
            .field("user_id", .uuid, .identifier(auto: false), .references(User.schema, "id", onDelete: .cascade))
            .field("quiet_enabled", .bool, .required)
            .field("quiet_from", .int, .required)
            .field("quiet_until", .int, .required)
            .field("digest", .bool, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(UnitDeliverySettings.schema)
            .field("unit_id", .uuid, .identifier(auto: false), .references(Unit.schema, "id", onDelete: .cascade))
            .field("email_allowed", .bool, .required)
            .field("digest_minute", .int)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitDeliverySettings.schema).delete()
        try await database.schema(DeliveryProfile.schema).delete()
        try await database.schema(NotificationPreference.schema).delete()
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        for (column, _) in Self.outboxColumns.reversed() {
            try await database.schema(OutboxMessage.schema).deleteField(column).update()
        }
    }
}

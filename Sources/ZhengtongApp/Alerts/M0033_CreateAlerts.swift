import Fluent

/// 预警: alerts, their recipients with confirmations, the rounds they were sent in; the 预警发布员 role.
struct M0033_CreateAlerts: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        // A person's received alerts (the desk: the unconfirmed first).
        ("alert_recipients_user", AlertRecipient.schema, "user_id, confirmed_at"),
        // The sent box: alerts of the units in the sender's scope, newest first.
        ("alerts_unit", Alert.schema, "unit_id, sent_at"),
        ("alert_rounds_alert", AlertRound.schema, "alert_id, round"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(Alert.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("sender_id", .uuid, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("level", .string, .required)
            .field("category", .string, .required)
            .field("targets", .string, .required)
            .field("state", .string, .required)
            .field("round", .int, .required)
            .field("sent_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("closed_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(AlertRecipient.schema)
            .id()
            .field("alert_id", .uuid, .required, .references(Alert.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("unit_id", .uuid, .required)
            .field("confirmed_at", .datetime)
            .field("last_round", .int, .required)
            .field("last_sent_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "alert_id", "user_id")
            .create()
        try await database.schema(AlertRound.schema)
            .id()
            .field("alert_id", .uuid, .required, .references(Alert.schema, "id"))
            .field("round", .int, .required)
            .field("sent_by", .uuid, .required)
            .field("sent_at", .datetime, .required)
            .field("recipients", .int, .required)
            .unique(on: "alert_id", "round")
            .create()
        try await DatabaseIndexes.create(Self.indexes, on: database)
        let role = BuiltinRole.alertSender
        if try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Role.query(on: database).filter(\.$code == BuiltinRole.alertSender.rawValue).delete()
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        for schema in [AlertRound.schema, AlertRecipient.schema, Alert.schema] {
            try await database.schema(schema).delete()
        }
    }
}

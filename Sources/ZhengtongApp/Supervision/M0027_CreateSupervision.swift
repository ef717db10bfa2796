import Fluent

/// 督查督办: items with their responsible units, reports, 延期申请, files and 催办记录; the 督查员 role (the 督查室's
/// people, over the units they supervise) and its permission.
struct M0027_CreateSupervision: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        // The 督查室's board and the status filters: a unit's items by state and the day something is owed.
        ("supervision_items_owner", SupervisionItem.schema, "owner_unit_id, state, next_due"),
        ("supervision_items_parent", SupervisionItem.schema, "parent_id"),
        ("supervision_items_leader", SupervisionItem.schema, "leader_id, state"),
        ("supervision_items_open", SupervisionItem.schema, "state, next_due"),
        // 效能统计 reads finished items by the day they closed, and reports by the day they came.
        ("supervision_items_closed", SupervisionItem.schema, "closed_at"),
        // A responsible unit's 待办 and every lookup of an item's units.
        ("supervision_assignments_unit", SupervisionAssignment.schema, "unit_id, item_id"),
        ("supervision_assignments_item", SupervisionAssignment.schema, "item_id"),
        ("supervision_reports_item", SupervisionReport.schema, "item_id, created_at"),
        ("supervision_reports_created", SupervisionReport.schema, "created_at"),
        ("supervision_extensions_item", SupervisionExtension.schema, "item_id, state"),
        ("supervision_files_item", SupervisionFile.schema, "item_id"),
        ("supervision_reminders_item", SupervisionReminder.schema, "item_id, created_at"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(SupervisionItem.schema)
            .id()
            .field("parent_id", .uuid, .references(SupervisionItem.schema, "id"))
            .field("owner_unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("source", .string, .required)
            .field("source_text", .string, .required)
            .field("incoming_id", .uuid)
            .field("instruction", .string)
            .field("category", .string, .required)
            .field("leader_id", .uuid, .references(User.schema, "id"))
            .field("requirements", .string, .required)
            .field("deadline", .string, .required)
            .field("cycle", .string, .required)
            .field("cycle_days", .int)
            .field("classification", .string)
            .field("state", .string, .required)
            .field("next_due", .string)
            .field("completion_summary", .string)
            .field("completion_returned", .string)
            .field("closing_reason", .string)
            .field("closed_at", .datetime)
            .field("on_time", .bool)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(SupervisionAssignment.schema)
            .id()
            .field("item_id", .uuid, .required, .references(SupervisionItem.schema, "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .field("role", .string, .required)
            .field("progress", .int, .required)
            .field("next_report_due", .string)
            .field("score", .int)
            .field("remark", .string)
            .field("evaluated_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(SupervisionReport.schema)
            .id()
            .field("item_id", .uuid, .required, .references(SupervisionItem.schema, "id"))
            .field("assignment_id", .uuid, .required, .references(SupervisionAssignment.schema, "id"))
            .field("author_id", .uuid, .required, .references(User.schema, "id"))
            .field("text", .string, .required)
            .field("progress", .int, .required)
            .field("due_for", .string)
            .field("on_time", .bool, .required)
            .field("state", .string, .required)
            .field("reason", .string)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(SupervisionExtension.schema)
            .id()
            .field("item_id", .uuid, .required, .references(SupervisionItem.schema, "id"))
            .field("requested_by", .uuid, .required, .references(User.schema, "id"))
            .field("previous_deadline", .string, .required)
            .field("requested_deadline", .string, .required)
            .field("reason", .string, .required)
            .field("state", .string, .required)
            .field("decided_by", .uuid)
            .field("decision_reason", .string)
            .field("decided_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(SupervisionFile.schema)
            .id()
            .field("item_id", .uuid, .required, .references(SupervisionItem.schema, "id"))
            .field("report_id", .uuid, .references(SupervisionReport.schema, "id"))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(SupervisionReminder.schema)
            .id()
            .field("item_id", .uuid, .required, .references(SupervisionItem.schema, "id"))
            .field("assignment_id", .uuid)
            .field("sent_by", .uuid)
            .field("message", .string, .required)
            .field("key", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .create()
        try await DatabaseIndexes.create(Self.indexes, on: database)
        let role = BuiltinRole.supervisor
        if try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Role.query(on: database).filter(\.$code == BuiltinRole.supervisor.rawValue).delete()
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        for schema in [SupervisionReminder.schema, SupervisionFile.schema, SupervisionExtension.schema, SupervisionReport.schema,
                       SupervisionAssignment.schema, SupervisionItem.schema] {
            try await database.schema(schema).delete()
        }
    }
}

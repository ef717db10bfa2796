import Fluent

/// 工作台: the blocks set per role of a unit, and each person's own choice; the index its 逾期事项 block reads.
struct M0022_CreateDesk: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DeskRoleLayout.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("role_code", .string, .required)
            .field("blocks", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "unit_id", "role_code")
            .create()
        try await database.schema(DeskPreference.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("blocks", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
        // 逾期事项 of a unit (the page and every 工作台 that shows it): its running instances, then their tasks.
        try await DatabaseIndexes.create([
            ("workflow_instances_unit", WorkflowInstanceRecord.schema, "unit_id, status"),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DatabaseIndexes.drop(["workflow_instances_unit"], on: database)
        try await database.schema(DeskPreference.schema).delete()
        try await database.schema(DeskRoleLayout.schema).delete()
    }
}

import Fluent

/// 值班: shift kinds, rotas with their 请假 list, shifts and who holds them, 换班 requests and the 值班日志; the
/// 值班管理员 role and its permission.
struct M0031_CreateDuty: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("duty_shift_kinds_unit", DutyShiftKind.schema, "unit_id, sort_order"),
        ("duty_rotas_unit", DutyRota.schema, "unit_id, state, start_day"),
        ("duty_leaves_rota", DutyLeave.schema, "rota_id"),
        // A rota's table, and the next shift of a unit at 交接班.
        ("duty_shifts_rota", DutyShift.schema, "rota_id, starts_at"),
        ("duty_shifts_unit", DutyShift.schema, "unit_id, starts_at"),
        ("duty_assignments_shift", DutyAssignment.schema, "shift_id"),
        // A person's shifts (the 日程 and the 值班 page).
        ("duty_assignments_user", DutyAssignment.schema, "user_id, removed_at"),
        ("duty_swaps_rota", DutySwap.schema, "rota_id, state"),
        ("duty_swaps_target", DutySwap.schema, "target_id, state"),
        ("duty_log_entries_shift", DutyLogEntry.schema, "shift_id, occurred_at"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(DutyShiftKind.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("name", .string, .required)
            .field("starts", .string, .required)
            .field("ends", .string, .required)
            .field("staff_count", .int, .required)
            .field("needs_leader", .bool, .required)
            .field("sort_order", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(DutyRota.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("title", .string, .required)
            .field("start_day", .string, .required)
            .field("end_day", .string, .required)
            .field("state", .string, .required)
            .field("people", .string, .required)
            .field("leaders", .string, .required)
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("published_at", .datetime)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(DutyLeave.schema)
            .id()
            .field("rota_id", .uuid, .required, .references(DutyRota.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("from_day", .string, .required)
            .field("to_day", .string, .required)
            .field("reason", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(DutyShift.schema)
            .id()
            .field("rota_id", .uuid, .required, .references(DutyRota.schema, "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("kind_id", .uuid, .required, .references(DutyShiftKind.schema, "id"))
            .field("day", .string, .required)
            .field("off_day", .bool, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("handover_note", .string)
            .field("handed_over_by", .uuid)
            .field("handed_over_at", .datetime)
            .field("signed_off_by", .uuid)
            .field("signed_off_at", .datetime)
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(DutyAssignment.schema)
            .id()
            .field("shift_id", .uuid, .required, .references(DutyShift.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("role", .string, .required)
            .field("removed_at", .datetime)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(DutySwap.schema)
            .id()
            .field("rota_id", .uuid, .required, .references(DutyRota.schema, "id"))
            .field("shift_id", .uuid, .required, .references(DutyShift.schema, "id"))
            .field("role", .string, .required)
            .field("requester_id", .uuid, .required, .references(User.schema, "id"))
            .field("target_id", .uuid, .required, .references(User.schema, "id"))
            .field("target_shift_id", .uuid, .references(DutyShift.schema, "id"))
            .field("reason", .string, .required)
            .field("state", .string, .required)
            .field("pending_key", .string)
            .field("decided_by", .uuid)
            .field("decision_reason", .string)
            .field("accepted_at", .datetime)
            .field("decided_at", .datetime)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "pending_key")
            .create()
        try await database.schema(DutyLogEntry.schema)
            .id()
            .field("shift_id", .uuid, .required, .references(DutyShift.schema, "id"))
            .field("origin_shift_id", .uuid, .required, .references(DutyShift.schema, "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("kind", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("caller", .string)
            .field("caller_unit", .string)
            .field("phone", .string)
            .field("content", .string, .required)
            .field("handling", .string)
            .field("state", .string, .required)
            .field("author_id", .uuid, .required, .references(User.schema, "id"))
            .field("forwarded_to", .uuid)
            .field("supervision_item_id", .uuid)
            .field("incoming_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await DatabaseIndexes.create(Self.indexes, on: database)
        let role = BuiltinRole.dutyManager
        if try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Role.query(on: database).filter(\.$code == BuiltinRole.dutyManager.rawValue).delete()
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        for schema in [DutyLogEntry.schema, DutySwap.schema, DutyAssignment.schema, DutyShift.schema, DutyLeave.schema, DutyRota.schema,
                       DutyShiftKind.schema] {
            try await database.schema(schema).delete()
        }
    }
}

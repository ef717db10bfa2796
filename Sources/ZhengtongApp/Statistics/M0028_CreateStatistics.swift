import Fluent
import SQLKit

/// 效能统计 and 考核 (issue 18): the kept daily figures, the schemes, indexes that let a day's facts be read without a
/// scan (each source's time column), the permissions `statistics.view` and `assessment.manage`, the 监察 role, and
/// `assessment.manage` for the system administrator (defining a scheme is administration; no document is opened).
struct M0028_CreateStatistics: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("statistics_daily_source_day", "statistics_daily", "source, day, unit_id"),
        ("statistics_daily_unit", "statistics_daily", "unit_id, source, day"),
        ("outgoing_documents_dispatched", "outgoing_documents", "dispatched_at"),
        ("incoming_documents_received", "incoming_documents", "received_at"),
        ("workflow_instances_ended", "workflow_instances", "ended_at"),
        ("workflow_tasks_completed", "workflow_tasks", "completed_at"),
        ("workflow_tasks_due_at", "workflow_tasks", "due_at"),
        ("exchange_deliveries_accepted", "exchange_deliveries", "accepted_at"),
        ("audit_entries_action_time", "audit_entries", "action, occurred_at_ms"),
        ("assessment_indicators_scheme", "assessment_indicators", "scheme_id, position"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(StatisticsAggregation.table)
            .id()
            .field("day", .int, .required)
            .field("unit_id", .uuid, .required)
            .field("department_id", .uuid)
            .field("source", .string, .required)
            .field("step", .string, .required)
            .field("count", .int, .required)
            .field("seconds", .int64, .required)
            .field("hits", .int, .required)
            .field("histogram", .string, .required)
            .create()
        try await database.schema(StatisticsAggregation.daysTable)
            .field("day", .int, .identifier(auto: false))
            .field("refreshed_at", .datetime, .required)
            .create()
        try await database.schema(AssessmentScheme.schema)
            .id()
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("owner_unit_id", .uuid, .required, .references("units", "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(AssessmentIndicator.schema)
            .id()
            .field("scheme_id", .uuid, .required, .references(AssessmentScheme.schema, "id", onDelete: .cascade))
            .field("figure", .string, .required)
            .field("weight", .double, .required)
            .field("rule", .string, .required)
            .field("target", .double)
            .field("position", .int, .required)
            .create()
        try await database.schema(AssessmentSchemeUnit.schema)
            .id()
            .field("scheme_id", .uuid, .required, .references(AssessmentScheme.schema, "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .unique(on: "scheme_id", "unit_id")
            .create()
        try await DatabaseIndexes.create(Self.indexes, on: database)
        if try await Role.query(on: database).filter(\.$code == BuiltinRole.inspector.rawValue).first() == nil {
            try await Role(code: BuiltinRole.inspector.rawValue, name: BuiltinRole.inspector.name, description: BuiltinRole.inspector.description,
                           permissions: BuiltinRole.inspector.permissions, isBuiltin: true).create(on: database)
        }
        try await setSystemAdministrator(BuiltinRole.sysAdmin.permissions.map(\.rawValue), on: database)
    }

    func revert(on database: any Database) async throws {
        try await setSystemAdministrator(BuiltinRole.sysAdmin.permissions.filter { $0 != .assessmentManage }.map(\.rawValue), on: database)
        try await Role.query(on: database).filter(\.$code == BuiltinRole.inspector.rawValue).delete()
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        try await database.schema(AssessmentSchemeUnit.schema).delete()
        try await database.schema(AssessmentIndicator.schema).delete()
        try await database.schema(AssessmentScheme.schema).delete()
        try await database.schema(StatisticsAggregation.daysTable).delete()
        try await database.schema(StatisticsAggregation.table).delete()
    }

    private func setSystemAdministrator(_ permissions: [String], on database: any Database) async throws {
        guard let role = try await Role.query(on: database).filter(\.$code == BuiltinRole.sysAdmin.rawValue).first() else { return }
        role.permissions = permissions
        role.description = BuiltinRole.sysAdmin.description
        try await role.save(on: database)
    }
}

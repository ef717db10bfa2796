import Fluent

/// 领导日程 and the 日程 feed: leaders' activities, the published weeks, each person's feed token; the 领导日程管理员 role
/// and its permission.
struct M0030_CreateLeaderSchedule: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        // The week table and the conflict check read a leader's (or a unit's) activities by time.
        ("leader_activities_leader", LeaderActivity.schema, "leader_id, starts_at"),
        ("leader_activities_unit", LeaderActivity.schema, "unit_id, day"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(LeaderActivity.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("leader_id", .uuid, .required, .references(User.schema, "id"))
            .field("day", .string, .required)
            .field("end_day", .string, .required)
            .field("period", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("content", .string, .required)
            .field("place", .string)
            .field("companions", .string)
            .field("notes", .string)
            .field("source", .string, .required)
            .field("source_id", .uuid)
            .field("state", .string, .required)
            .field("version", .int, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            // A meeting writes one activity per leader; typed ones have no source id (NULLs never clash).
            .unique(on: "source", "source_id", "leader_id")
            .create()
        try await database.schema(LeaderWeek.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("week", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .uuid, .required)
            .unique(on: "unit_id", "week")
            .create()
        try await database.schema(CalendarFeed.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id")
            .unique(on: "token_hash")
            .create()
        try await DatabaseIndexes.create(Self.indexes, on: database)
        let role = BuiltinRole.scheduleKeeper
        if try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Role.query(on: database).filter(\.$code == BuiltinRole.scheduleKeeper.rawValue).delete()
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        for schema in [CalendarFeed.schema, LeaderWeek.schema, LeaderActivity.schema] {
            try await database.schema(schema).delete()
        }
    }
}

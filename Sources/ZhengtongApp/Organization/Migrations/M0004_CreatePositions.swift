import Fluent

struct M0004_CreatePositions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Position.schema)
            .id()
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("rank", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .unique(on: "name")
            .create()
        try await database.schema(UserPosition.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("position_id", .uuid, .required, .references(Position.schema, "id"))
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserPosition.schema).delete()
        try await database.schema(Position.schema).delete()
    }
}

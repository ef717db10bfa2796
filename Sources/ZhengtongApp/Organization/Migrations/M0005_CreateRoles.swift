import Fluent

struct M0005_CreateRoles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Role.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("permissions", .array(of: .string), .required)
            .field("is_builtin", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(UserRole.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("role_id", .uuid, .required, .references(Role.schema, "id"))
            .field("scope_unit_id", .uuid, .references(Unit.schema, "id"))
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserRole.schema).delete()
        try await database.schema(Role.schema).delete()
    }
}

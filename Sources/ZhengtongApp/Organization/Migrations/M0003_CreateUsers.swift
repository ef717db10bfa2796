import Fluent

struct M0003_CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("username", .string, .required)
            .field("name", .string, .required)
            .field("phone", .string)
            .field("email", .string)
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("is_disabled", .bool, .required)
            .field("sort_order", .int, .required)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .unique(on: "phone")
            .create()
        try await database.schema(UserDepartment.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("is_primary", .bool, .required)
            .unique(on: "user_id", "department_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserDepartment.schema).delete()
        try await database.schema(User.schema).delete()
    }
}

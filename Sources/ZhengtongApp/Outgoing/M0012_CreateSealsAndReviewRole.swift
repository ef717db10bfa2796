import Fluent

/// Unit seals and their applications; the 公文审核员 role on databases created before it existed.
struct M0012_CreateSealsAndReviewRole: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnitSeal.schema)
            .id()
            .field("unit_id", .uuid, .required)
            .field("name", .string, .required)
            .field("private_key_pem", .string, .required)
            .field("public_key", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "unit_id")
            .create()
        try await database.schema(SealApplication.schema)
            .id()
            .field("document_id", .uuid, .required)
            .field("seal_id", .uuid, .required, .references(UnitSeal.schema, "id"))
            .field("version", .int, .required)
            .field("signature", .string, .required)
            .field("applied_by", .uuid, .required)
            .field("applied_at", .datetime, .required)
            .create()
        for role in BuiltinRole.allCases where try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SealApplication.schema).delete()
        try await database.schema(UnitSeal.schema).delete()
    }
}

import Fluent

/// 归档: archive items and their files, units' filing schemes, and the 档案员 role.
struct M0016_CreateArchive: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArchiveItem.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("source_type", .string, .required)
            .field("source_id", .uuid, .required)
            .field("fonds_code", .string, .required)
            .field("year", .int, .required)
            .field("class_code", .string, .required)
            .field("class_name", .string, .required)
            .field("retention", .string, .required)
            .field("item_number", .int, .required)
            .field("archive_code", .string, .required)
            .field("title", .string, .required)
            .field("number", .string)
            .field("responsible", .string, .required)
            .field("document_date", .string, .required)
            .field("kind", .string)
            .field("classification", .string)
            .field("pages", .int, .required)
            .field("filed_by", .uuid, .required, .references(User.schema, "id"))
            .field("filed_at", .datetime, .required)
            .field("version", .int, .required)
            .field("note", .string)
            // A document is filed once; a 件号 is given once within its class.
            .unique(on: "source_type", "source_id")
            .unique(on: "unit_id", "year", "class_code", "retention", "item_number")
            .create()
        try await database.schema(ArchiveItemFile.schema)
            .id()
            .field("item_id", .uuid, .required, .references(ArchiveItem.schema, "id"))
            .field("role", .string, .required)
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("sort_order", .int, .required)
            .create()
        try await database.schema(ArchiveSettings.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("fonds_code", .string, .required)
            .field("scheme", .string, .required)
            .field("classes", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "unit_id")
            .create()
        try await DatabaseIndexes.create([
            ("archive_items_catalogue", ArchiveItem.schema, "unit_id, year, class_code, retention, item_number"),
            ("archive_item_files_item", ArchiveItemFile.schema, "item_id, sort_order"),
        ], on: database)
        for role in BuiltinRole.allCases where try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [ArchiveSettings.schema, ArchiveItemFile.schema, ArchiveItem.schema] {
            try await database.schema(schema).delete()
        }
    }
}

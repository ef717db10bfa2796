import Fluent

/// 收文: incoming documents, their files, and each unit's 收发文 settings.
struct M0015_CreateIncoming: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IncomingDocument.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("year", .int, .required)
            .field("serial", .int, .required)
            .field("registration_number", .string, .required)
            .field("source", .string, .required)
            .field("delivery_id", .uuid)
            .field("package_id", .uuid)
            .field("sender_name", .string, .required)
            .field("sender_number", .string)
            .field("title", .string, .required)
            .field("kind", .string)
            .field("classification", .string)
            .field("urgency", .string)
            .field("copies", .int, .required)
            .field("received_at", .datetime, .required)
            .field("due_at", .datetime)
            .field("handling", .string, .required)
            .field("status", .string, .required)
            .field("result", .string)
            .field("closed_at", .datetime)
            .field("instance_id", .uuid)
            .field("registered_by", .uuid, .required, .references(User.schema, "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            // 收文编号 is gap-free and never given twice.
            .unique(on: "unit_id", "year", "serial")
            .create()
        try await database.schema(IncomingFile.schema)
            .id()
            .field("incoming_id", .uuid, .required, .references(IncomingDocument.schema, "id"))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ReceivingSettings.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("acceptance_hours", .int, .required)
            .field("extra_urgent_days", .int, .required)
            .field("urgent_days", .int, .required)
            .field("ordinary_days", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "unit_id")
            .create()
        try await DatabaseIndexes.create([
            ("incoming_documents_unit", IncomingDocument.schema, "unit_id, status, received_at"),
            ("incoming_documents_delivery", IncomingDocument.schema, "delivery_id"),
            ("incoming_files_document", IncomingFile.schema, "incoming_id"),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for schema in [ReceivingSettings.schema, IncomingFile.schema, IncomingDocument.schema] {
            try await database.schema(schema).delete()
        }
    }
}

import Fluent
import SQLKit

/// 发文 documents, their versions and attachments.
struct M0011_CreateOutgoingDocuments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutgoingDocument.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("department_id", .uuid)
            .field("drafter_id", .uuid, .required, .references(User.schema, "id"))
            .field("issuer_code_id", .uuid, .references(IssuerCode.schema, "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .field("instance_id", .uuid)
            .field("number", .string)
            .field("registration_id", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("dispatched_at", .datetime)
            .create()
        try await database.schema(OutgoingVersion.schema)
            .id()
            .field("document_id", .uuid, .required, .references(OutgoingDocument.schema, "id"))
            .field("version", .int, .required)
            .field("author_id", .uuid, .required)
            .field("step", .string, .required)
            .field("content", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "document_id", "version")
            .create()
        try await database.schema(OutgoingAttachment.schema)
            .id()
            .field("document_id", .uuid, .required, .references(OutgoingDocument.schema, "id"))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = try database.sqlDatabase()
        try await sql.raw("CREATE INDEX outgoing_documents_unit ON outgoing_documents (unit_id, status, updated_at)").run()
        try await sql.raw("CREATE INDEX outgoing_documents_drafter ON outgoing_documents (drafter_id, updated_at)").run()
        try await sql.raw("CREATE INDEX outgoing_attachments_document ON outgoing_attachments (document_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutgoingAttachment.schema).delete()
        try await database.schema(OutgoingVersion.schema).delete()
        try await database.schema(OutgoingDocument.schema).delete()
    }
}

import Fluent
import SQLKit

/// 机关代字, the number counters and the 发文登记簿.
struct M0010_CreateNumbering: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IssuerCode.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("code", .string, .required)
            .field("style", .string, .required)
            .field("issuer_mark", .string, .required)
            .field("is_enabled", .bool, .required)
            .field("sort_order", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "unit_id", "code")
            .create()
        try await database.schema(NumberCounter.schema)
            .id()
            .field("unit_id", .uuid, .required)
            .field("issuer_code", .string, .required)
            .field("year", .int, .required)
            .field("last_sequence", .int, .required)
            .unique(on: "unit_id", "issuer_code", "year")
            .create()
        try await database.schema(NumberRegistration.schema)
            .id()
            .field("unit_id", .uuid, .required)
            .field("issuer_code", .string, .required)
            .field("year", .int, .required)
            .field("sequence", .int, .required)
            .field("number", .string, .required)
            .field("document_id", .uuid)
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("assigned_by", .uuid, .required)
            .field("assigned_at", .datetime, .required)
            .field("voided_by", .uuid)
            .field("voided_at", .datetime)
            .field("void_reason", .string)
            // The register's promise: one number, one line.
            .unique(on: "unit_id", "issuer_code", "year", "sequence")
            .create()
        let sql = try database.sqlDatabase()
        try await sql.raw("CREATE INDEX number_registrations_listing ON number_registrations (unit_id, year, issuer_code, sequence)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NumberRegistration.schema).delete()
        try await database.schema(NumberCounter.schema).delete()
        try await database.schema(IssuerCode.schema).delete()
    }
}

import Fluent
import SQLKit

/// National seals (GB/T 38540, issue 22): the platform's 印章制作 authority, and on unit seals the algorithm, the seal
/// key's certificate, that key sealed with SM4 (``SealKeyVault``), the SESeal, the seal's own 印章管理员, its
/// validity and its revocation. A unit may now hold several seals (up to ``SealRules/perUnit``), so the one-seal-per-
/// unit constraint goes. Seals made before keep `algorithm` NULL (read as P-256) and their PEM key.
struct M0039_AddNationalSeals: AsyncMigration {
    static let added: [(String, DatabaseSchema.DataType)] = [
        ("algorithm", .string), ("certificate", .string), ("sealed_private_key", .string), ("eseal", .string),
        ("keeper_id", .uuid), ("valid_until", .datetime), ("revoked_at", .datetime), ("revoked_by", .uuid),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(SealMakerRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("certificate", .string, .required)
            .field("sealed_private_key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = try database.sqlDatabase()
        switch try sql.dialectKind {
        case .postgres:
            try await database.schema(UnitSeal.schema).deleteUnique(on: "unit_id").update()
            for (column, type) in Self.added {
                try await database.schema(UnitSeal.schema).field(FieldKey(stringLiteral: column), type).update()
            }
        case .sqlite:
            try await rebuildOnSQLite(database)
        }
        try await sql.raw("CREATE INDEX unit_seals_unit ON unit_seals (unit_id)").run()
    }

    /// SQLite cannot drop a table constraint: the table is made again without it (SQLite's documented procedure,
    /// with foreign keys off on this one connection so seal_applications' references survive the swap).
    private func rebuildOnSQLite(_ database: any Database) async throws {
        try await database.withConnection { connection in
            let sql = try connection.sqlDatabase()
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            do {
                var builder = connection.schema("unit_seals_rebuilt")
                    .id()
                    .field("unit_id", .uuid, .required)
                    .field("name", .string, .required)
                    .field("private_key_pem", .string, .required)
                    .field("public_key", .string, .required)
                    .field("created_at", .datetime, .required)
                for (column, type) in Self.added { builder = builder.field(FieldKey(stringLiteral: column), type) }
                try await builder.create()
                try await sql.raw("""
                    INSERT INTO unit_seals_rebuilt (id, unit_id, name, private_key_pem, public_key, created_at)
                    SELECT id, unit_id, name, private_key_pem, public_key, created_at FROM unit_seals
                    """).run()
                try await sql.raw("DROP TABLE unit_seals").run()
                try await sql.raw("ALTER TABLE unit_seals_rebuilt RENAME TO unit_seals").run()
            } catch {
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SealMakerRecord.schema).delete()
    }
}

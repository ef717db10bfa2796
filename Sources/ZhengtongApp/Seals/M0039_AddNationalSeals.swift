import Fluent

/// National seals (GB/T 38540, issue 22): the platform's 印章制作 authority, and on each unit seal its algorithm,
/// the seal keeper key's certificate, that key sealed with SM4 (``SealKeyVault``) and the SESeal. Seals made before
/// keep `algorithm` NULL (read as P-256) and their PEM key; new ones leave the PEM empty.
struct M0039_AddNationalSeals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SealMakerRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("certificate", .string, .required)
            .field("sealed_private_key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in ["algorithm", "certificate", "sealed_private_key", "eseal"] {
            try await database.schema(UnitSeal.schema).field(FieldKey(stringLiteral: column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["algorithm", "certificate", "sealed_private_key", "eseal"] {
            try await database.schema(UnitSeal.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await database.schema(SealMakerRecord.schema).delete()
    }
}

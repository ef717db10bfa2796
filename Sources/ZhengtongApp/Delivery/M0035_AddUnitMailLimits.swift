import Fluent

/// A unit's own limits for 内部邮件 (issue 20: "size limit per unit setting"): the mailbox quota of its people and the
/// largest attachment, in MB, kept beside its other delivery settings; NULL keeps the platform's (``MailSettings``).
struct M0035_AddUnitMailLimits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in ["mail_quota_mb", "mail_attachment_mb"] {
            try await database.schema(UnitDeliverySettings.schema).field(FieldKey(stringLiteral: column), .int).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["mail_quota_mb", "mail_attachment_mb"] {
            try await database.schema(UnitDeliverySettings.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}

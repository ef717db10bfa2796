import Fluent

/// 公文交换: packages and their files, deliveries, distribution lists, and on 发文 the chosen recipient units.
struct M0014_CreateExchange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ExchangePackage.schema)
            .id()
            .field("sender_unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("outgoing_document_id", .uuid, .references(OutgoingDocument.schema, "id"))
            .field("title", .string, .required)
            .field("number", .string)
            .field("sender_name", .string, .required)
            .field("content", .string, .required)
            .field("ofd", .data)
            .field("created_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ExchangePackageFile.schema)
            .id()
            .field("package_id", .uuid, .required, .references(ExchangePackage.schema, "id"))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("sort_order", .int, .required)
            .create()
        try await database.schema(Delivery.schema)
            .id()
            .field("package_id", .uuid, .required, .references(ExchangePackage.schema, "id"))
            .field("sender_unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("recipient_unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("role", .string, .required)
            .field("state", .string, .required)
            .field("version", .int, .required)
            .field("sent_by", .uuid, .required, .references(User.schema, "id"))
            .field("sent_at", .datetime, .required)
            .field("note", .string)
            .field("resend_of", .uuid)
            .field("accepted_by", .uuid)
            .field("accepted_at", .datetime)
            .field("refused_by", .uuid)
            .field("refused_at", .datetime)
            .field("refusal_reason", .string)
            .field("resent_at", .datetime)
            .field("incoming_document_id", .uuid)
            .create()
        try await database.schema(DistributionList.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("name", .string, .required)
            .field("unit_ids", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "unit_id", "name")
            .create()
        // 分发范围 chosen at 封发 (JSON: [{"unit": id, "role": "main"|"copy"}]) and "paper only".
        try await database.schema(OutgoingDocument.schema).field("distribution", .string).update()
        try await database.schema(OutgoingDocument.schema).field("paper_only", .bool).update()
        try await DatabaseIndexes.create([
            // 待签收 of a unit; the receipts of a package; what a unit sent.
            ("exchange_deliveries_inbox", Delivery.schema, "recipient_unit_id, state, sent_at"),
            ("exchange_deliveries_package", Delivery.schema, "package_id"),
            ("exchange_deliveries_sender", Delivery.schema, "sender_unit_id, sent_at"),
            ("exchange_packages_outgoing", ExchangePackage.schema, "outgoing_document_id"),
            ("exchange_package_files_package", ExchangePackageFile.schema, "package_id, sort_order"),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutgoingDocument.schema).deleteField("paper_only").update()
        try await database.schema(OutgoingDocument.schema).deleteField("distribution").update()
        for schema in [DistributionList.schema, Delivery.schema, ExchangePackageFile.schema, ExchangePackage.schema] {
            try await database.schema(schema).delete()
        }
    }
}

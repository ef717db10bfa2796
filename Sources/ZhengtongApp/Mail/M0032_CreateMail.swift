import Fluent

/// 内部邮件: messages stored once, a copy row per holder, files stored once and attached by reference, personal
/// folders and groups, and the pinyin initials of names for the recipient picker.
struct M0032_CreateMail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MailMessage.schema)
            .id()
            .field("sender_id", .uuid, .required, .references(User.schema, "id"))
            .field("thread_id", .uuid, .required)
            .field("status", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("addressing", .string, .required)
            .field("important", .bool, .required)
            .field("receipt_requested", .bool, .required)
            .field("size", .int, .required)
            .field("search_terms", .string, .required)
            .field("version", .int, .required)
            .field("sent_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(MailDelivery.schema)
            .id()
            .field("message_id", .uuid, .required, .references(MailMessage.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("kind", .string, .required)
            .field("folder", .string, .required)
            .field("folder_id", .uuid)
            .field("previous_folder", .string)
            .field("read_at", .datetime)
            .field("flagged", .bool, .required)
            .field("trashed_at", .datetime)
            .field("recalled_at", .datetime)
            .field("share", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "message_id", "user_id")
            .create()
        try await database.schema(MailFile.schema)
            .id()
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("text", .string, .required)
            .field("uploaded_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(MailAttachment.schema)
            .id()
            .field("message_id", .uuid, .required, .references(MailMessage.schema, "id"))
            .field("file_id", .uuid, .required, .references(MailFile.schema, "id"))
            .field("name", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(MailFolder.schema)
            .id()
            .field("owner_id", .uuid, .required, .references(User.schema, "id"))
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "owner_id", "name")
            .create()
        try await database.schema(MailGroup.schema)
            .id()
            .field("owner_id", .uuid, .required, .references(User.schema, "id"))
            .field("name", .string, .required)
            .field("members", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "owner_id", "name")
            .create()
        try await database.schema(MailPinyin.schema)
            .field("user_id", .uuid, .identifier(auto: false), .references(User.schema, "id"))
            .field("name", .string, .required)
            .field("initials", .string, .required)
            .create()
        try await DatabaseIndexes.create([
            // A folder's list: one person's copies in a folder, newest first.
            ("mail_deliveries_box", MailDelivery.schema, "user_id, folder, created_at"),
            ("mail_deliveries_message", MailDelivery.schema, "message_id"),
            ("mail_deliveries_trash", MailDelivery.schema, "trashed_at"),
            ("mail_messages_thread", MailMessage.schema, "thread_id, created_at"),
            ("mail_attachments_message", MailAttachment.schema, "message_id"),
            ("mail_attachments_file", MailAttachment.schema, "file_id"),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for schema in [MailPinyin.schema, MailGroup.schema, MailFolder.schema, MailAttachment.schema, MailFile.schema, MailDelivery.schema, MailMessage.schema] {
            try await database.schema(schema).delete()
        }
    }
}

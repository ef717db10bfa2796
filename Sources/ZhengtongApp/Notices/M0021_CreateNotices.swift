import Fluent

/// 通知公告: columns, notices with their versions and files, the recipients with read receipts and 回执; the
/// 网络管理审核员 and 保密审查员 roles the public review process assigns.
struct M0021_CreateNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NoticeColumn.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("name", .string, .required)
            .field("is_public", .bool, .required)
            .field("publisher_role", .string, .required)
            .field("process_key", .string, .required)
            .field("sort_order", .int, .required)
            .field("is_disabled", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "unit_id", "name")
            .create()
        try await database.schema(Notice.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("column_id", .uuid, .required, .references(NoticeColumn.schema, "id"))
            .field("author_id", .uuid, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("blocks", .string, .required)
            .field("audience", .string, .required)
            .field("status", .string, .required)
            .field("important", .bool, .required)
            .field("pinned_until", .datetime)
            .field("expires_at", .datetime)
            .field("reply_fields", .string, .required)
            .field("version", .int, .required)
            .field("instance_id", .uuid)
            .field("returned_reason", .string)
            .field("published_at", .datetime)
            .field("withdrawn_at", .datetime)
            .field("withdraw_reason", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(NoticeVersion.schema)
            .id()
            .field("notice_id", .uuid, .required, .references(Notice.schema, "id"))
            .field("version", .int, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("edited_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "notice_id", "version")
            .create()
        try await database.schema(NoticeAttachment.schema)
            .id()
            .field("notice_id", .uuid, .required, .references(Notice.schema, "id"))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(NoticeRecipient.schema)
            .id()
            .field("notice_id", .uuid, .required, .references(Notice.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("unit_id", .uuid, .required)
            .field("read_at", .datetime)
            .field("changed_since_read", .bool, .required)
            .field("reply", .string)
            .field("replied_at", .datetime)
            .field("reminded_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "notice_id", "user_id")
            .create()
        try await DatabaseIndexes.create([
            ("notice_columns_unit", NoticeColumn.schema, "unit_id, sort_order"),
            ("notices_author", Notice.schema, "author_id, updated_at"),
            ("notices_column", Notice.schema, "column_id, status, published_at"),
            ("notice_attachments_notice", NoticeAttachment.schema, "notice_id"),
            // The desk and the board: a person's notices, unread first, newest first.
            ("notice_recipients_user", NoticeRecipient.schema, "user_id, read_at, created_at"),
        ], on: database)
        for role in [BuiltinRole.networkReviewer, .secrecyReviewer] where try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [NoticeRecipient.schema, NoticeAttachment.schema, NoticeVersion.schema, Notice.schema, NoticeColumn.schema] {
            try await database.schema(schema).delete()
        }
        try await Role.query(on: database).filter(\.$code ~~ [BuiltinRole.networkReviewer.rawValue, BuiltinRole.secrecyReviewer.rawValue]).delete()
    }
}

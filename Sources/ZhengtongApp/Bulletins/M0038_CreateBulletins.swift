import Fluent

/// 刊物 and 信息专供: the publications, their issues with items (copies), readers with read times, 领导批示 (text and
/// handwriting), and the leaders' reading lists.
struct M0038_CreateBulletins: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Bulletin.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "unit_id", "name")
            .create()
        try await database.schema(BulletinIssue.schema)
            .id()
            .field("bulletin_id", .uuid, .required, .references(Bulletin.schema, "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("status", .string, .required)
            .field("year", .int)
            .field("number", .int)
            .field("total_number", .int)
            .field("reader_people", .string, .required)
            .field("reader_units", .string, .required)
            .field("report_to", .string, .required)
            .field("send_to", .string, .required)
            .field("distribute_to", .string, .required)
            .field("copies", .int)
            .field("version", .int, .required)
            .field("created_by", .uuid, .required)
            .field("instance_id", .uuid)
            .field("submitted_by", .uuid)
            .field("returned_reason", .string)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            // A number is never given twice, whatever the counter did.
            .unique(on: "bulletin_id", "year", "number")
            .create()
        try await database.schema(BulletinItem.schema)
            .id()
            .field("issue_id", .uuid, .required, .references(BulletinIssue.schema, "id"))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("source_unit_name", .string, .required)
            .field("source_unit_id", .uuid)
            .field("report_id", .uuid)
            .field("reporter_id", .uuid)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(BulletinReader.schema)
            .id()
            .field("issue_id", .uuid, .required, .references(BulletinIssue.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("read_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "issue_id", "user_id")
            .create()
        try await database.schema(BulletinInstruction.schema)
            .id()
            .field("item_id", .uuid, .required, .references(BulletinItem.schema, "id"))
            .field("issue_id", .uuid, .required, .references(BulletinIssue.schema, "id"))
            .field("leader_id", .uuid, .required, .references(User.schema, "id"))
            .field("text", .string, .required)
            .field("strokes", .string)
            .field("supervision_item_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ReadingListEntry.schema)
            .id()
            .field("leader_id", .uuid, .required, .references(User.schema, "id"))
            .field("kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("note", .string, .required)
            .field("added_by", .uuid, .required)
            .field("read_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "leader_id", "kind", "target_id")
            .create()
        try await DatabaseIndexes.create([
            ("bulletin_issues_bulletin", BulletinIssue.schema, "bulletin_id, status, published_at"),
            ("bulletin_items_issue", BulletinItem.schema, "issue_id, position"),
            // 信息专供: a person's issues, unread first.
            ("bulletin_readers_user", BulletinReader.schema, "user_id, read_at, created_at"),
            ("bulletin_instructions_item", BulletinInstruction.schema, "item_id, created_at"),
            ("reading_list_entries_leader", ReadingListEntry.schema, "leader_id, read_at, created_at"),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for schema in [ReadingListEntry.schema, BulletinInstruction.schema, BulletinReader.schema, BulletinItem.schema, BulletinIssue.schema, Bulletin.schema] {
            try await database.schema(schema).delete()
        }
    }
}

import Fluent
import SQLKit

/// 全文检索: the searchable documents, the queue of changed ones, and the full-text index — an FTS5 table on
/// SQLite, a generated `tsvector` with a GIN index on PostgreSQL — both over the same tokenizer terms.
struct M0017_CreateSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SearchDocument.schema)
            .id()
            .field("source_type", .string, .required)
            .field("source_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("title", .string, .required)
            .field("number", .string)
            .field("issuer", .string, .required)
            .field("kind", .string)
            .field("year", .int, .required)
            .field("status", .string, .required)
            .field("classification", .string)
            .field("content", .string, .required)
            .field("title_terms", .string, .required)
            .field("terms", .string, .required)
            .field("document_date", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "source_type", "source_id")
            .create()
        try await database.schema(SearchQueueEntry.schema)
            .id()
            .field("source_type", .string, .required)
            .field("source_id", .uuid, .required)
            .field("queued_at", .datetime, .required)
            .field("generation", .int, .required)
            .unique(on: "source_type", "source_id")
            .create()
        try await DatabaseIndexes.create([
            ("search_documents_filters", SearchDocument.schema, "unit_id, year, document_date"),
            ("search_queue_order", SearchQueueEntry.schema, "queued_at"),
        ], on: database)
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            // The 'simple' configuration keeps each term as it is (no stemming, no stop words); a UTF-8 locale makes
            // Han characters letters to the parser, which a C locale would not.
            guard try await sql.raw("SELECT length(to_tsvector('simple', '安全')) AS n").first()?.decode(column: "n", as: Int.self) == 1 else {
                throw SearchIndexError.localeUnsuitable
            }
            try await sql.raw("""
                ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED
                """).run()
            try await sql.raw("CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv)").run()
        } else {
            // Terms are separated by spaces and hold only letters, digits and Han characters: unicode61 keeps each
            // as one token. `document_id` (not indexed) joins a hit back to its search_documents row — not the
            // row id, which VACUUM may renumber.
            try await sql.raw("CREATE VIRTUAL TABLE search_fts USING fts5(document_id UNINDEXED, terms, tokenize = 'unicode61 remove_diacritics 0')").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, sql.dialect.name != "postgresql" { try await sql.raw("DROP TABLE IF EXISTS search_fts").run() }
        try await database.schema(SearchQueueEntry.schema).delete()
        try await database.schema(SearchDocument.schema).delete()
    }
}

enum SearchIndexError: Error, CustomStringConvertible {
    case localeUnsuitable

    var description: String {
        switch self {
        case .localeUnsuitable:
            "PostgreSQL 数据库的字符分类（LC_CTYPE）不能识别汉字，全文检索无法建立；请用 UTF-8 区域（如 C.UTF-8）创建数据库 / "
                + "the database's LC_CTYPE does not class Han characters as letters; create it with a UTF-8 locale such as C.UTF-8"
        }
    }
}

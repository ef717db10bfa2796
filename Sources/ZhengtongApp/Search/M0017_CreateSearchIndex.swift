import Fluent
import SQLKit

/// 全文检索: the searchable documents, the queue of changed ones, and two full-text indexes — of the title and of
/// everything — as FTS5 tables on SQLite and generated `tsvector` columns with GIN indexes on PostgreSQL, all over the
/// same tokenizer terms.
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
            .field("rank_key", .int64, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "source_type", "source_id")
            .unique(on: "rank_key")
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
        let sql = try database.sqlDatabase()
        if try sql.dialectKind == .postgres {
            // The 'simple' configuration keeps each term as it is (no stemming, no stop words); a UTF-8 locale makes
            // Han characters letters to the parser, which a C locale would not.
            guard try await sql.raw("SELECT length(to_tsvector('simple', '安全')) AS n").first()?.decode(column: "n", as: Int.self) == 1 else {
                throw SearchIndexError.localeUnsuitable
            }
            try await sql.raw("""
                ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED
                """).run()
            try await sql.raw("""
                ALTER TABLE search_documents ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', title_terms)) STORED
                """).run()
            try await sql.raw("CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv)").run()
            try await sql.raw("CREATE INDEX search_documents_title_tsv ON search_documents USING GIN (title_tsv)").run()
            // Fuller statistics of the terms: with the default, a word in no title (or in few documents) is
            // estimated common enough that the planner walks the rank key's index through every row instead of
            // asking the GIN index; with these, rare words go to the GIN index and common ones down the rank key.
            for column in ["tsv", "title_tsv"] {
                try await sql.raw("ALTER TABLE search_documents ALTER COLUMN \(unsafeRaw: column) SET STATISTICS 1000").run()
            }
        } else {
            // Terms are separated by spaces and hold only letters, digits and Han characters: unicode61 keeps each
            // as one token. Each row's id is its document's rank key, set explicitly (a VACUUM keeps FTS5 row ids
            // given this way), so `ORDER BY rowid DESC` gives newest first without sorting the matches.
            for table in ["search_fts", "search_title_fts"] {
                try await sql.raw("CREATE VIRTUAL TABLE \(unsafeRaw: table) USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        if try database.dialectKind() != .postgres {
            let sql = try database.sqlDatabase()
            try await sql.raw("DROP TABLE IF EXISTS search_fts").run()
            try await sql.raw("DROP TABLE IF EXISTS search_title_fts").run()
        }
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

import Fluent
import SQLKit

extension SearchIndex {
    /// SQLite's FTS5 tables filled again from `search_documents`, which keeps every document's terms and rank key:
    /// an import brings the documents but not SQLite's own index of them. PostgreSQL's index columns are generated
    /// from the same terms, so there is nothing to do there.
    static func refillFullText(_ sql: any SQLDatabase) async throws {
        guard try sql.dialectKind != .postgres else { return }
        for (table, column) in [("search_fts", "terms"), ("search_title_fts", "title_terms")] {
            try await sql.raw("DELETE FROM \(unsafeRaw: table)").run()
            try await sql.raw("INSERT INTO \(unsafeRaw: table) (rowid, terms) SELECT rank_key, \(unsafeRaw: column) FROM search_documents").run()
        }
    }
}

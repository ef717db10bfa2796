import Fluent
import Foundation

/// One searchable document (a 发文 or a 收文) as the index holds it: the facts results are filtered and shown by,
/// the text snippets are cut from, and the tokenizer's terms (space-separated) that SQLite's FTS5 table and
/// PostgreSQL's `tsvector` index alike.
final class SearchDocument: Model, @unchecked Sendable {
    static let schema = "search_documents"

    @ID(key: .id) var id: UUID?
    /// `outgoing` or `incoming`.
    @Field(key: "source_type") var sourceType: String
    @Field(key: "source_id") var sourceID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "title") var title: String
    @OptionalField(key: "number") var number: String?
    /// 发文机关 or 来文单位.
    @Field(key: "issuer") var issuer: String
    @OptionalField(key: "kind") var kind: String?
    @Field(key: "year") var year: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "classification") var classification: String?
    /// Everything searchable as text (title, number, body, opinions, attachments), for snippets.
    @Field(key: "content") var content: String
    @Field(key: "title_terms") var titleTerms: String
    @Field(key: "terms") var terms: String
    @Field(key: "document_date") var documentDate: Date
    /// The document's date as a unique integer (seconds × 10⁶ + a tie-breaker): results come newest first by it,
    /// read straight off an index — the FTS5 tables' row id on SQLite, a B-tree on PostgreSQL.
    @Field(key: "rank_key") var rankKey: Int64
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// A document whose index entry must be rebuilt (it changed); unique per document, so marking twice is one entry,
/// its `generation` counted up — the indexer removes the entry only if no mark came while it worked.
final class SearchQueueEntry: Model, @unchecked Sendable {
    static let schema = "search_queue"

    @ID(key: .id) var id: UUID?
    @Field(key: "source_type") var sourceType: String
    @Field(key: "source_id") var sourceID: UUID
    @Field(key: "queued_at") var queuedAt: Date
    @Field(key: "generation") var generation: Int

    init() {}
}

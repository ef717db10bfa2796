import Fluent
import Foundation
import SQLKit
import TextSearch
import Vapor

/// 全文检索: the documents matching every term of the query, best first — more query terms in the title, then the
/// newest — filtered by year, kind, unit, state and 密级, and only those the searcher may open: each hit passes
/// the very check that guards its page (`Access.canView` of the 发文 or 收文), in rank order, until a page is full.
enum SearchService {
    struct Filters: Content, Sendable {
        var year: Int?
        var kind: String?
        var unit: UUID?
        var status: String?
        var classification: String?
        var type: String?
    }

    struct Hit: Sendable {
        var document: SearchDocument
        var href: String
    }

    struct Results: Sendable {
        var hits: [Hit]
        /// More visible results exist after this page.
        var hasMore: Bool
    }

    /// Candidates are read in batches of this many, and at most `scanLimit` of them per request.
    static let batch = 100
    static let scanLimit = 5000

    static func search(_ query: SearchQuery, filters: Filters, page: Int, perPage: Int, access: Access, on db: any Database) async throws -> Results {
        guard !query.isEmpty, let sql = db as? any SQLDatabase else { return Results(hits: [], hasMore: false) }
        let wanted = (page - 1) * perPage + perPage + 1
        var visible: [Hit] = []
        var offset = 0
        while visible.count < wanted && offset < scanLimit {
            let ids = try await candidates(query, filters: filters, limit: batch, offset: offset, sql: sql)
            guard !ids.isEmpty else { break }
            offset += ids.count
            let documents = Dictionary(try await SearchDocument.query(on: db).filter(\.$id ~~ ids).all().compactMap { doc in doc.id.map { ($0, doc) } },
                                       uniquingKeysWith: { first, _ in first })
            for id in ids {
                guard let document = documents[id], let href = try await openable(document, access: access, on: db) else { continue }
                visible.append(Hit(document: document, href: href))
                if visible.count == wanted { break }
            }
            if ids.count < batch { break }
        }
        let start = min((page - 1) * perPage, visible.count)
        let end = min(start + perPage, visible.count)
        return Results(hits: Array(visible[start..<end]), hasMore: visible.count > end)
    }

    /// The page of a hit, when the searcher may open it (the same check its page makes); nil otherwise.
    static func openable(_ document: SearchDocument, access: Access, on db: any Database) async throws -> String? {
        switch SearchSource.SourceType(rawValue: document.sourceType) {
        case .outgoing?:
            guard let outgoing = try await OutgoingDocument.find(document.sourceID, on: db), try await access.canView(outgoing, on: db) else { return nil }
            return SiteURL.outgoing.link(document.sourceID)
        case .incoming?:
            guard let incoming = try await IncomingDocument.find(document.sourceID, on: db), try await access.canView(incoming, on: db) else { return nil }
            return SiteURL.incoming.link(document.sourceID)
        case nil:
            return nil
        }
    }

    /// Ids of matching documents in rank order. The rank is the same on both databases: the number of query terms
    /// found among the title's terms, then the document's date, newest first.
    private static func candidates(_ query: SearchQuery, filters: Filters, limit: Int, offset: Int, sql: any SQLDatabase) async throws -> [UUID] {
        let postgres = sql.dialect.name == "postgresql"
        var titleHits: SQLQueryString = "0"
        for term in query.terms {
            titleHits = titleHits + " + (CASE WHEN (' ' || d.title_terms || ' ') LIKE \(bind: "% \(term) %") THEN 1 ELSE 0 END)"
        }
        var statement: SQLQueryString = postgres
            ? "SELECT d.id AS id, " + titleHits + " AS title_hits FROM search_documents d WHERE d.tsv @@ to_tsquery('simple', \(bind: query.tsqueryText))"
            : "SELECT d.id AS id, " + titleHits + " AS title_hits FROM search_fts f JOIN search_documents d ON d.id = f.document_id WHERE search_fts MATCH \(bind: query.fts5MatchExpression)"
        if let year = filters.year { statement = statement + " AND d.year = \(bind: year)" }
        if let kind = filters.kind, !kind.isEmpty { statement = statement + " AND d.kind = \(bind: kind)" }
        if let unit = filters.unit { statement = statement + " AND d.unit_id = \(bind: unit)" }
        if let status = filters.status, !status.isEmpty { statement = statement + " AND d.status = \(bind: status)" }
        if let classification = filters.classification, !classification.isEmpty { statement = statement + " AND d.classification = \(bind: classification)" }
        if let type = filters.type, !type.isEmpty { statement = statement + " AND d.source_type = \(bind: type)" }
        statement = statement + " ORDER BY title_hits DESC, d.document_date DESC, d.id LIMIT \(bind: limit) OFFSET \(bind: offset)"
        return try await sql.raw(statement).all().map { try $0.decode(column: "id", as: UUID.self) }
    }
}

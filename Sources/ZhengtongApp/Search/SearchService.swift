import Fluent
import Foundation
import SQLKit
import TextSearch
import Vapor

/// 全文检索: the documents matching every term of the query — those whose title holds every term first, then the
/// others, each newest first (the same order on both databases) — filtered by year, kind, unit, state and 密级, and
/// only those the searcher may open: each hit passes the very check that guards its page (`Access.canView` of the
/// 发文 or 收文), in rank order, until a page is full.
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
        let sql = try db.sqlDatabase()
        guard !query.isEmpty else { return Results(hits: [], hasMore: false) }
        let wanted = (page - 1) * perPage + perPage + 1
        var visible: [Hit] = []
        var scanned = 0
        // Title matches first, then the rest (a document whose title holds every term was listed already).
        phases: for phase in [Phase.title, .all] {
            var offset = 0
            let rare = try await isRare(query, filters: filters, phase: phase, db: db, sql: sql)
            while visible.count < wanted && scanned < scanLimit {
                let rows = try await candidates(query, filters: filters, phase: phase, rare: rare, limit: batch, offset: offset, db: db, sql: sql)
                offset += rows.count
                scanned += rows.count
                let ids = rows.filter { phase == .title || !titleHolds(query, $0.titleTerms) }.map(\.id)
                let documents = ids.isEmpty ? [:] : Dictionary(try await SearchDocument.query(on: db).filter(\.$id ~~ ids).all()
                    .compactMap { doc in doc.id.map { ($0, doc) } }, uniquingKeysWith: { first, _ in first })
                for id in ids {
                    guard let document = documents[id], let href = try await openable(document, access: access, on: db) else { continue }
                    visible.append(Hit(document: document, href: href))
                    if visible.count == wanted { break phases }
                }
                if rows.count < batch { break }
            }
        }
        let start = min((page - 1) * perPage, visible.count)
        let end = min(start + perPage, visible.count)
        return Results(hits: Array(visible[start..<end]), hasMore: visible.count > end)
    }

    enum Phase {
        /// Every term in the title.
        case title
        /// Every term anywhere.
        case all
    }

    /// Whether a title's terms hold every term of the query (the title phase listed it).
    static func titleHolds(_ query: SearchQuery, _ titleTerms: String) -> Bool {
        let terms = Set(titleTerms.split(separator: " ").map(String.init))
        return query.terms.allSatisfy(terms.contains)
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
        case .notice?:
            guard let notice = try await Notice.find(document.sourceID, on: db), try await access.canView(notice, on: db) else { return nil }
            return SiteURL.notice.link(document.sourceID)
        case nil:
            return nil
        }
    }

    /// PostgreSQL only: whether a phase has at most `rareLimit` matches, counted through the GIN index. The planner
    /// cannot tell a word in few documents from a common one (it guesses 0.5 % for any word it has no statistics
    /// of), and for a rare word its favourite plan — walking the rank key's index newest first — reads every row.
    static let rareLimit = 1000

    private static func isRare(_ query: SearchQuery, filters: Filters, phase: Phase, db: any Database, sql: any SQLDatabase) async throws -> Bool {
        guard try sql.dialectKind == .postgres else { return false }
        let statement = "SELECT count(*) AS n FROM (" + matching(query, filters: filters, phase: phase, postgres: true)
            + " LIMIT \(bind: rareLimit + 1)) s"
        return try await throughGIN(db) { sql in
            try await sql.raw(statement).first()?.decode(column: "n", as: Int.self) ?? 0
        } <= rareLimit
    }

    /// Runs `body` in a read transaction whose planner may use only bitmap scans (the GIN index), not the rank key's
    /// B-tree or a sequential scan.
    private static func throughGIN<T: Sendable>(_ db: any Database, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.closeSafeTransaction { tx in
            let sql = try tx.sqlDatabase()
            try await sql.raw("SET LOCAL enable_indexscan = off").run()
            try await sql.raw("SET LOCAL enable_seqscan = off").run()
            return try await body(sql)
        }
    }

    /// `SELECT id, title_terms … WHERE <the phase's match> <filters>`, without order or limit.
    private static func matching(_ query: SearchQuery, filters: Filters, phase: Phase, postgres: Bool) -> SQLQueryString {
        var statement: SQLQueryString
        if postgres {
            let column: SQLQueryString = phase == .title ? "d.title_tsv" : "d.tsv"
            statement = "SELECT d.id AS id, d.title_terms AS title_terms FROM search_documents d WHERE " + column
                + " @@ to_tsquery('simple', \(bind: query.tsqueryText))"
        } else {
            let table: SQLQueryString = phase == .title ? "search_title_fts" : "search_fts"
            statement = "SELECT d.id AS id, d.title_terms AS title_terms FROM " + table + " f JOIN search_documents d ON d.rank_key = f.rowid WHERE "
                + table + " MATCH \(bind: query.fts5MatchExpression)"
        }
        if let year = filters.year { statement = statement + " AND d.year = \(bind: year)" }
        if let kind = filters.kind, !kind.isEmpty { statement = statement + " AND d.kind = \(bind: kind)" }
        if let unit = filters.unit { statement = statement + " AND d.unit_id = \(bind: unit)" }
        if let status = filters.status, !status.isEmpty { statement = statement + " AND d.status = \(bind: status)" }
        if let classification = filters.classification, !classification.isEmpty { statement = statement + " AND d.classification = \(bind: classification)" }
        if let type = filters.type, !type.isEmpty { statement = statement + " AND d.source_type = \(bind: type)" }
        return statement
    }

    /// Matching documents of a phase, newest first, read in the order of an index: the FTS5 tables' row ids
    /// (each row's id is its document's rank key) on SQLite, the rank key's B-tree on PostgreSQL — neither sorts
    /// all the matches of a common word.
    private static func candidates(_ query: SearchQuery, filters: Filters, phase: Phase, rare: Bool, limit: Int, offset: Int,
                                   db: any Database, sql: any SQLDatabase) async throws -> [(id: UUID, titleTerms: String)] {
        let postgres = try sql.dialectKind == .postgres
        let order: SQLQueryString = postgres ? " ORDER BY d.rank_key DESC" : " ORDER BY f.rowid DESC"
        let statement = matching(query, filters: filters, phase: phase, postgres: postgres) + order + " LIMIT \(bind: limit) OFFSET \(bind: offset)"
        @Sendable func read(_ sql: any SQLDatabase) async throws -> [(id: UUID, titleTerms: String)] {
            try await sql.raw(statement).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "title_terms", as: String.self)) }
        }
        // A rare word: its few matches from the GIN index, sorted; a common one: newest first down the rank key.
        return rare ? try await throughGIN(db, read) : try await read(sql)
    }
}

import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import TextSearch
import Vapor

/// Keeps the full-text index current. Whatever changes a document marks it (`markDirty`, in the changing
/// transaction: a unique row, so marking twice is once); `runPending` rebuilds the marked entries in small
/// transactions — from a repeating task while a server runs, or directly in tests and tools — and `rebuildAll`
/// (`zhengtong search reindex`) every one.
enum SearchIndex {
    static func markDirty(_ type: SearchSource.SourceType, _ id: UUID, at now: Date = Date(), on db: any Database) async throws {
        let sql = try db.sqlDatabase()
        // The same upsert on both databases: a new mark, or the existing one's generation counted up.
        try await sql.raw("""
            INSERT INTO search_queue (id, source_type, source_id, queued_at, generation)
            VALUES (\(bind: UUID()), \(bind: type.rawValue), \(bind: id), \(bind: now), 1)
            ON CONFLICT (source_type, source_id) DO UPDATE SET generation = search_queue.generation + 1
            """).run()
    }

    /// Marks the business object of a workflow instance (its opinions changed).
    static func markDirty(instance: WorkflowInstanceRecord, on db: any Database) async throws {
        guard let type = SearchSource.SourceType(rawValue: instance.businessType), let text = instance.businessID, let id = UUID(uuidString: text) else { return }
        try await markDirty(type, id, on: db)
    }

    /// Rebuilds up to `limit` marked entries; returns how many.
    @discardableResult
    static func runPending(app: Application, limit: Int = 100) async throws -> Int {
        let entries = try await SearchQueueEntry.query(on: app.db).sort(\.$queuedAt).limit(limit).all()
        let attachments = AttachmentText(app: app)
        for entry in entries {
            guard let type = SearchSource.SourceType(rawValue: entry.sourceType) else { continue }
            let loaded = try await SearchSource.load(type, id: entry.sourceID, on: app.db)
            // Attachment text and tokenizing are CPU work: off the event loop, each file bounded on its own.
            let source = try await loaded.asyncMap { source in
                try await source.readingAttachments { name, data in try await attachments.read(name: name, data: data, document: entry.sourceID) }
            }
            let prepared = try await source.asyncMap { source in try await app.threadPool.runIfActive { Prepared(source) } }
            try await app.write { db in
                try await write(prepared, type: type, id: entry.sourceID, on: db)
                // Only the mark that was read: a change made meanwhile counted the generation up, and the mark stays.
                try await SearchQueueEntry.query(on: db).filter(\.$id == entry.requireID()).filter(\.$generation == entry.generation).delete()
            }
        }
        return entries.count
    }

    /// Every 发文 and 收文, indexed again.
    static func rebuildAll(app: Application) async throws -> Int {
        var count = 0
        let sources: [(SearchSource.SourceType, UUID)] =
            try await OutgoingDocument.query(on: app.db).field(\.$id).all().compactMap(\.id).map { (.outgoing, $0) }
            + IncomingDocument.query(on: app.db).field(\.$id).all().compactMap(\.id).map { (.incoming, $0) }
            + Notice.query(on: app.db).field(\.$id).all().compactMap(\.id).map { (.notice, $0) }
        for chunk in stride(from: 0, to: sources.count, by: 200) {
            try await app.write { db in
                for (type, id) in sources[chunk..<min(chunk + 200, sources.count)] {
                    try await markDirty(type, id, on: db)
                }
            }
        }
        while true {
            let done = try await runPending(app: app, limit: 200)
            count += done
            if done == 0 { return count }
        }
    }

    /// A source with its terms worked out.
    struct Prepared: Sendable {
        var source: SearchSource
        var content: String
        var titleTerms: String
        var terms: String

        init(_ source: SearchSource) {
            self.source = source
            content = source.content
            titleTerms = SearchTokenizer.indexText(source.title)
            terms = Self.capped(SearchTokenizer.uniqueTerms(in: content))
        }

        /// Each term once (a match needs presence, not frequency), and at most `maximumTermBytes` of them:
        /// PostgreSQL refuses a `tsvector` over 1 MB, and a huge attachment must not make a document unindexable.
        static let maximumTermBytes = 400_000

        static func capped(_ terms: [String]) -> String {
            var text = ""
            for term in terms {
                if text.utf8.count + term.utf8.count + 1 > maximumTermBytes { break }
                if !text.isEmpty { text += " " }
                text += term
            }
            return text
        }
    }

    static func write(_ prepared: Prepared?, type: SearchSource.SourceType, id: UUID, on db: any Database) async throws {
        let sql = try db.sqlDatabase()
        let existing = try await SearchDocument.query(on: db).filter(\.$sourceType == type.rawValue).filter(\.$sourceID == id).first()
        let sqlite = try sql.dialectKind != .postgres
        guard let prepared else {
            // The document is gone: so is its entry.
            if let existing {
                if sqlite { try await deleteFTS(existing.rankKey, sql: sql) }
                try await existing.delete(on: db)
            }
            return
        }
        let source = prepared.source
        let document = existing ?? SearchDocument()
        document.sourceType = type.rawValue
        document.sourceID = id
        document.unitID = source.unitID
        document.title = source.title
        document.number = source.number
        document.issuer = source.issuer
        document.kind = source.kind
        document.year = source.year
        document.status = source.status
        document.classification = source.classification
        document.content = prepared.content
        document.titleTerms = prepared.titleTerms
        document.terms = prepared.terms
        if existing == nil || document.documentDate != source.date {
            if let existing, sqlite { try await deleteFTS(existing.rankKey, sql: sql) }
            document.rankKey = try await rankKey(for: source.date, sql: sql)
        } else if sqlite {
            try await deleteFTS(document.rankKey, sql: sql)
        }
        document.documentDate = source.date
        document.updatedAt = Date()
        try await document.save(on: db)
        if sqlite {
            try await sql.raw("INSERT INTO search_fts (rowid, terms) VALUES (\(bind: document.rankKey), \(bind: prepared.terms))").run()
            try await sql.raw("INSERT INTO search_title_fts (rowid, terms) VALUES (\(bind: document.rankKey), \(bind: prepared.titleTerms))").run()
        }
    }

    private static func deleteFTS(_ key: Int64, sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM search_fts WHERE rowid = \(bind: key)").run()
        try await sql.raw("DELETE FROM search_title_fts WHERE rowid = \(bind: key)").run()
    }

    /// The next free rank key of a date: its second × 10⁶, plus one per document already at that second.
    static func rankKey(for date: Date, sql: any SQLDatabase) async throws -> Int64 {
        let base = Int64(date.timeIntervalSince1970.rounded(.down)) * 1_000_000
        let taken = try await sql.raw("""
            SELECT MAX(rank_key) AS top FROM search_documents WHERE rank_key >= \(bind: base) AND rank_key < \(bind: base + 1_000_000)
            """).first()?.decode(column: "top", as: Int64?.self)
        return taken.map { $0 + 1 } ?? base
    }
}

/// Runs the index's pending work every second while a server runs. `start` is called by `serveHTTP` (the
/// application has booted by then, so `didBoot` would come too late); the handler stops it at shutdown.
final class SearchIndexLifecycle: LifecycleHandler, @unchecked Sendable {
    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    func didBoot(_ application: Application) throws {
        start(application)
    }

    func start(_ application: Application) {
        guard task.withLockedValue({ $0 == nil }) else { return }
        let repeated = application.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            application.eventLoopGroup.next().makeFutureWithTask {
                do { try await SearchIndex.runPending(app: application) } catch { application.logger.warning("search index: \(String(describing: error))") }
            }
        }
        task.withLockedValue { $0 = repeated }
    }

    func shutdown(_ application: Application) {
        task.withLockedValue { $0?.cancel(); $0 = nil }
    }
}

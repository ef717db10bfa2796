import Fluent
import Foundation

/// Bulk inserts for the seeder: multi-row `INSERT`s, chunked so one statement stays under both databases'
/// limits on bound parameters. Most tables go through Fluent's bulk create; the tables with most rows (history,
/// tasks, about 30 per document) through ``WorkflowRows`` — Fluent's reflection of every model was a third of
/// the seeder's time.
enum SeedWriter {

    static func insert<M: Model>(_ rows: [M], on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        let chunk = max(1, BulkInsert.maximumBinds / max(1, M.keys.count))
        for start in stride(from: rows.startIndex, to: rows.endIndex, by: chunk) {
            try await rows[start..<min(start + chunk, rows.endIndex)].create(on: db)
        }
    }

    static func insert(_ rows: [WorkflowHistoryRecord], on db: any Database) async throws { try await WorkflowRows.insert(rows, on: db) }
    static func insert(_ rows: [WorkflowTaskRecord], on db: any Database) async throws { try await WorkflowRows.insert(rows, on: db) }
    static func insert(_ rows: [WorkflowTokenRecord], on db: any Database) async throws { try await WorkflowRows.insert(rows, on: db) }
}

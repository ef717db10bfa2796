import Fluent
import Foundation
import SQLKit

/// Multi-row `INSERT`s through SQLKit with explicit columns, chunked under both databases' limits on bound
/// parameters (SQLite 32,766, PostgreSQL 65,535).
///
/// For the rows written most — every workflow command's history and tasks, the seeder's millions — Fluent's
/// `create` reflects each model with `Mirror` before it writes it, which cost more than the statement itself.
/// The values bound are the models' own, so the stored forms (UUIDs, dates) are the ones Fluent would store.
enum BulkInsert {
    static let maximumBinds = 30_000

    static func rows<Row>(into table: String, _ columns: [String], _ rows: [Row], on db: any Database,
                          values: (Row) -> [any Encodable & Sendable]) async throws {
        guard !rows.isEmpty else { return }
        let sql = try db.sqlDatabase()
        let chunk = max(1, maximumBinds / columns.count)
        for start in stride(from: rows.startIndex, to: rows.endIndex, by: chunk) {
            var builder = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + chunk, rows.endIndex)] { builder = builder.values(values(row)) }
            try await builder.run()
        }
    }
}

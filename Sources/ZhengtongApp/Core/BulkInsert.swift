import Fluent
import Foundation
import SQLKit

/// Multi-row `INSERT`s of row types — `Encodable` values whose coding keys are the table's columns — through
/// SQLKit, chunked under both databases' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535).
///
/// For the rows written most — every workflow command's history and tasks, the audit record, the seeder's
/// millions — Fluent's `create` reflects each model with `Mirror` before it writes it, which cost more than the
/// statement itself. A row type names each column once, beside its value, so a column and its value cannot
/// drift apart as they could in parallel lists.
enum BulkInsert {
    static let maximumBinds = 30_000

    static func rows<Row: Encodable & Sendable>(into table: String, _ rows: [Row], on db: any Database) async throws {
        guard let first = rows.first else { return }
        let sql = try db.sqlDatabase()
        // Every row writes every column (nil as NULL), so the rows of one statement line up.
        let encoder = SQLQueryEncoder(nilEncodingStrategy: .asNil)
        let columns = try encoder.encode(first).count
        let chunk = max(1, maximumBinds / max(1, columns))
        for start in stride(from: rows.startIndex, to: rows.endIndex, by: chunk) {
            try await sql.insert(into: table).models(Array(rows[start..<min(start + chunk, rows.endIndex)]), with: encoder).run()
        }
    }
}

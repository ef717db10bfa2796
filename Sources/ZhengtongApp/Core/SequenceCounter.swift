import Fluent
import Foundation
import SQLKit

/// Gap-free sequences per unit, key and year (发文字号 per 机关代字, 收文编号 per unit), in `number_counters`.
enum SequenceCounter {
    /// Inside the caller's write transaction: the next number. The counter row is created at 0 the first time
    /// (`INSERT … ON CONFLICT DO NOTHING`, so a racing creator does not fail), then incremented with
    /// `UPDATE … RETURNING` — a row lock on PostgreSQL (the SQLite write gate on SQLite), so concurrent callers
    /// queue and get consecutive numbers; never the same one. A rolled-back transaction gives its number back.
    static func next(unit unitID: UUID, key: String, year: Int, on db: any Database) async throws -> Int {
        let sql = try db.sqlDatabase()
        let insertIgnore: SQLQueryString = try sql.dialectKind == .postgres
            ? "INSERT INTO number_counters (id, unit_id, issuer_code, year, last_sequence) VALUES (\(bind: UUID()), \(bind: unitID), \(bind: key), \(bind: year), 0) ON CONFLICT DO NOTHING"
            : "INSERT OR IGNORE INTO number_counters (id, unit_id, issuer_code, year, last_sequence) VALUES (\(bind: UUID()), \(bind: unitID), \(bind: key), \(bind: year), 0)"
        try await sql.raw(insertIgnore).run()
        guard let row = try await sql.raw("""
            UPDATE number_counters SET last_sequence = last_sequence + 1
            WHERE unit_id = \(bind: unitID) AND issuer_code = \(bind: key) AND year = \(bind: year)
            RETURNING last_sequence
            """).first() else { throw AppError.notFound() }
        return try row.decode(column: "last_sequence", as: Int.self)
    }

    /// The number `next` would give now, without taking it: for work prepared before the transaction that takes
    /// it (the 件号 on an 归档章), which checks it got this number.
    static func peek(unit unitID: UUID, key: String, year: Int, on db: any Database) async throws -> Int {
        let sql = try db.sqlDatabase()
        let row = try await sql.raw("""
            SELECT last_sequence FROM number_counters WHERE unit_id = \(bind: unitID) AND issuer_code = \(bind: key) AND year = \(bind: year)
            """).first()
        return (try row?.decode(column: "last_sequence", as: Int.self) ?? 0) + 1
    }
}

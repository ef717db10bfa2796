import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor

/// 编号: gives out 发文字号 gap-free per unit, 代字 and year, and voids them visibly.
enum DocumentNumbering {
    /// Inside the caller's write transaction: the next number for `code` in `year`, registered to the
    /// document. The counter row is created at 0 the first time (a unique key makes a racing creator
    /// fail and retry), then incremented with `UPDATE … RETURNING` — a row lock on PostgreSQL, so
    /// concurrent clerks queue and get consecutive numbers; never the same one.
    static func assign(unit unitID: UUID, code: IssuerCode, year: Int, documentID: UUID?, title: String, by userID: UUID,
                       at now: Date = Date(), on db: any Database) async throws -> NumberRegistration {
        guard let sql = db as? any SQLDatabase else { throw AppError.notFound() }
        guard code.$unit.id == unitID, code.isEnabled else { throw AppError.validation(Strings.Outgoing.issuerCodeUnavailable) }
        let insertIgnore: SQLQueryString = sql.dialect.name == "postgresql"
            ? "INSERT INTO number_counters (id, unit_id, issuer_code, year, last_sequence) VALUES (\(bind: UUID()), \(bind: unitID), \(bind: code.code), \(bind: year), 0) ON CONFLICT DO NOTHING"
            : "INSERT OR IGNORE INTO number_counters (id, unit_id, issuer_code, year, last_sequence) VALUES (\(bind: UUID()), \(bind: unitID), \(bind: code.code), \(bind: year), 0)"
        try await sql.raw(insertIgnore).run()
        guard let row = try await sql.raw("""
            UPDATE number_counters SET last_sequence = last_sequence + 1
            WHERE unit_id = \(bind: unitID) AND issuer_code = \(bind: code.code) AND year = \(bind: year)
            RETURNING last_sequence
            """).first() else { throw AppError.notFound() }
        let sequence = try row.decode(column: "last_sequence", as: Int.self)
        let number = DocumentNumber(issuerCode: code.code, year: year, sequence: sequence)
        let registration = NumberRegistration()
        registration.unitID = unitID
        registration.issuerCode = code.code
        registration.year = year
        registration.sequence = sequence
        registration.number = number.formatted
        registration.documentID = documentID
        registration.title = title
        registration.status = NumberRegistration.Status.assigned.rawValue
        registration.assignedBy = userID
        registration.assignedAt = now
        try await registration.create(on: db)
        return registration
    }

    /// Voids a number: the line stays in the register, marked, with who, when and why; the sequence is not reused.
    static func void(_ registration: NumberRegistration, reason: String, by userID: UUID, at now: Date = Date(), on db: any Database) async throws {
        guard registration.status == NumberRegistration.Status.assigned.rawValue else { throw AppError.conflict(Strings.Outgoing.numberAlreadyVoided) }
        registration.status = NumberRegistration.Status.voided.rawValue
        registration.voidedBy = userID
        registration.voidedAt = now
        registration.voidReason = reason
        try await registration.update(on: db)
    }
}

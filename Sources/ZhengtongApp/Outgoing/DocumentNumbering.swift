import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor

/// 编号: gives out 发文字号 gap-free per unit, 代字 and year, and voids them visibly.
enum DocumentNumbering {
    /// Inside the caller's write transaction: the next number for `code` in `year` (``SequenceCounter``),
    /// registered to the document.
    static func assign(unit unitID: UUID, code: IssuerCode, year: Int, documentID: UUID?, title: String, by userID: UUID,
                       at now: Date = Date(), on db: any Database) async throws -> NumberRegistration {
        guard code.$unit.id == unitID, code.isEnabled else { throw AppError.validation(Strings.Outgoing.issuerCodeUnavailable) }
        // A 令号 counts on across years: its counter is kept under year 0.
        let sequence = try await SequenceCounter.next(unit: unitID, key: code.code, year: code.numbersAcrossYears ? 0 : year, on: db)
        let formatted = code.numbersAcrossYears ? "第\(sequence)号" : DocumentNumber(issuerCode: code.code, year: year, sequence: sequence).formatted
        let registration = NumberRegistration()
        registration.unitID = unitID
        registration.issuerCode = code.code
        registration.year = year
        registration.sequence = sequence
        registration.number = formatted
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

import Fluent
import Foundation
import SQLKit
import Vapor

/// Optimistic concurrency for edit forms: the page carries the record's `updated_at`; a save
/// whose stamp no longer matches lost a race and gets 409 with the typed values kept.
enum VersionStamp {
    static func of(_ date: Date?) -> String {
        guard let date else { return "0" }
        return String(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    static func check(_ sent: String?, against date: Date?) throws {
        guard let sent, sent == of(date) else { throw AppError.conflict(Strings.Error.staleRecord) }
    }

    /// Inside the saving transaction: reads the row's `updated_at` (locked `FOR UPDATE` on PostgreSQL,
    /// so two saves at the same moment queue up) and throws 409 when the page's stamp is stale.
    static func lockAndCheck(_ schema: String, id: UUID?, stamp: String?, on db: any Database) async throws {
        guard let id else { throw AppError.notFound() }
        let sql = try db.sqlDatabase()
        let lock: SQLQueryString = try sql.dialectKind == .postgres ? " FOR UPDATE" : ""
        let query: SQLQueryString = "SELECT updated_at FROM \(ident: schema) WHERE id = \(bind: id)" + lock
        guard let row = try await sql.raw(query).first() else { throw AppError.notFound() }
        try check(stamp, against: try row.decode(column: "updated_at", as: Date?.self))
    }
}

/// Field checks shared by forms and imports; each returns the Chinese message or `nil`.
enum FieldRules {
    static func trimmed(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func name(_ value: String, required message: String = Strings.Organization.nameRequired) -> String? {
        if value.isEmpty { return message }
        if value.count > 60 { return Strings.Organization.nameTooLong }
        return nil
    }

    static func code(_ value: String) -> String? {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        if value.isEmpty || value.count > 32 || value.unicodeScalars.contains(where: { !allowed.contains($0) }) {
            return Strings.Organization.codeInvalid
        }
        return nil
    }

    static func username(_ value: String) -> String? {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        guard (2...32).contains(value.count), let first = value.unicodeScalars.first,
              CharacterSet.letters.contains(first), first.isASCII,
              !value.unicodeScalars.contains(where: { !allowed.contains($0) })
        else { return Strings.Organization.usernameInvalid }
        return nil
    }

    static func phone(_ value: String) -> String? {
        guard !value.isEmpty else { return nil }
        guard value.count == 11, value.hasPrefix("1"), value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return Strings.Organization.phoneInvalid
        }
        return nil
    }

    static func email(_ value: String) -> String? {
        guard !value.isEmpty else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), value.count <= 100, !value.contains(" ") else {
            return Strings.Organization.emailInvalid
        }
        return nil
    }

    static func sortOrder(_ value: String?) -> (Int, String?) {
        let text = trimmed(value)
        if text.isEmpty { return (0, nil) }
        guard let number = Int(text), (-100_000...100_000).contains(number) else { return (0, Strings.Organization.sortOrderInvalid) }
        return (number, nil)
    }

    static func uuid(_ value: String?) -> UUID? {
        let text = trimmed(value)
        return text.isEmpty ? nil : UUID(uuidString: text)
    }
}

extension Request {
    /// A required UUID route parameter; 404 when malformed (it cannot name a record).
    func idParameter(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw AppError.notFound() }
        return id
    }
}

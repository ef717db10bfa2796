import Fluent
import Foundation
import Guomi
import Vapor

/// Whether a unit requires key sign-in for its people, and changing it.
///
/// The requirement applies to everyone whose account belongs to the unit, the three administrators (三员) included:
/// an administrator's password is the most valuable one to steal. So that no administrator is locked out by it:
/// - it can only be turned on when this server has key sign-in configured (a CA bundle);
/// - it can only be turned on while every 三员 account of the unit has an active certificate binding;
/// - the last active binding of a 三员 account in such a unit cannot be revoked (bind the new certificate first);
/// - a fresh install has no unit requiring it, and the console (`zhengtong account key-sign-in UNIT_CODE off`),
///   which needs the server's shell, turns it off when every way in is lost (an expired certificate, a lost key).
enum KeySignInPolicy {
    static func isRequired(for user: User, on db: any Database) async throws -> Bool {
        try await isRequired(unit: user.$unit.id, on: db)
    }

    static func isRequired(unit: UUID, on db: any Database) async throws -> Bool {
        try await UnitKeySignInPolicy.query(on: db).filter(\.$unit.$id == unit).first()?.required ?? false
    }

    /// Units (of `units`) that require key sign-in.
    static func requiring(_ units: [UUID], on db: any Database) async throws -> Set<UUID> {
        guard !units.isEmpty else { return [] }
        return Set(try await UnitKeySignInPolicy.query(on: db).filter(\.$unit.$id ~~ units).filter(\.$required == true).all().map(\.$unit.id))
    }

    /// Sets `unit`'s requirement (the security administrator, or the console with `access` nil).
    static func set(unit: UUID, required: Bool, access: Access?, actor: AuditActor, config: KeySignInConfig, on db: any Database) async throws {
        if let access { try access.requireCertificateManagement(unit: unit) }
        guard let record = try await Unit.find(unit, on: db) else { throw AppError.notFound() }
        if required {
            guard config.isAvailable else {
                throw AppError(status: .conflict, code: "key_sign_in_unavailable", message: Strings.KeySignIn.unavailable, fields: [:])
            }
            let unbound = try await administratorsWithoutBinding(unit: unit, on: db)
            guard unbound.isEmpty else {
                let message = Strings.KeySignIn.administratorsWithoutCertificate(unbound.joined(separator: Strings.listSeparator))
                throw AppError(status: .conflict, code: "administrator_without_certificate", message: message, fields: [:])
            }
        }
        let existing = try await UnitKeySignInPolicy.query(on: db).filter(\.$unit.$id == unit).first()
        let before = existing?.required ?? false
        let policy = existing ?? UnitKeySignInPolicy()
        policy.$unit.id = unit
        policy.required = required
        policy.updatedAt = Date()
        policy.updatedByName = actor.username
        try await policy.save(on: db)
        try await AuditLog.record(AuditEvent(action: "unit.key_sign_in", targetType: "unit", targetID: unit.uuidString, targetLabel: record.name,
                                             before: ["required": String(before)], after: ["required": String(required)]), by: actor, on: db)
    }

    /// The 三员 accounts of `unit` (active) with no active binding, by name.
    static func administratorsWithoutBinding(unit: UUID, on db: any Database) async throws -> [String] {
        let roles = try await Role.query(on: db).filter(\.$code ~~ BuiltinRole.administrators.map(\.rawValue)).all().compactMap(\.id)
        guard !roles.isEmpty else { return [] }
        let people = try await UserRole.query(on: db).filter(\.$role.$id ~~ roles)
            .join(User.self, on: \UserRole.$user.$id == \User.$id)
            .filter(User.self, \.$unit.$id == unit).filter(User.self, \.$isDisabled == false)
            .all().map { try $0.joined(User.self) }
        var names: [String] = []
        for person in people where !names.contains(person.name) {
            let bound = try await CertificateBinding.query(on: db).filter(\.$user.$id == person.requireID())
                .filter(\.$revokedAt == nil).filter(\.$notAfter > Date()).count()
            if bound == 0 { names.append(person.name) }
        }
        return names
    }

    static func isAdministrator(_ userID: UUID, on db: any Database) async throws -> Bool {
        let codes = try await UserRole.query(on: db).filter(\.$user.$id == userID).with(\.$role).all().map(\.role.code)
        return codes.contains { code in BuiltinRole(rawValue: code).map(BuiltinRole.administrators.contains) ?? false }
    }
}

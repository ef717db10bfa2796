import Fluent
import Foundation

/// The rules for granting roles (三员分立 and scope), shared by the pages, the import and the demo city.
enum RoleGrants {
    /// Throws a validation error when `user` may not also hold `role`.
    static func checkSeparation(granting role: Role, to userID: UUID, on db: any Database) async throws {
        guard let builtin = BuiltinRole(rawValue: role.code), BuiltinRole.administrators.contains(builtin) else { return }
        let held = try await UserRole.query(on: db).filter(\.$user.$id == userID).with(\.$role).all()
        let otherAdministrator = held.contains { grant in
            guard let code = BuiltinRole(rawValue: grant.role.code) else { return false }
            return BuiltinRole.administrators.contains(code) && code != builtin
        }
        if otherAdministrator { throw AppError.validation(Strings.Organization.adminRolesExclusive, fields: ["role": Strings.Organization.adminRolesExclusive]) }
    }

    /// Grants `role` to `userID` over `scope` and records it.
    static func grant(_ role: Role, to user: User, scope: UUID?, by actor: AuditActor, on db: any Database) async throws {
        let userID = try user.requireID()
        try await checkSeparation(granting: role, to: userID, on: db)
        let grant = UserRole(userID: userID, roleID: try role.requireID(), scopeUnitID: scope)
        try await grant.create(on: db)
        try await AuditLog.record(AuditEvent(action: "role.grant", targetType: "user", targetID: userID.uuidString, targetLabel: user.username,
                                             after: ["role": role.code, "scope": scope?.uuidString ?? "all"]), by: actor, on: db)
    }
}

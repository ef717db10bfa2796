import Fluent
import Foundation

/// The rules for granting roles (三员分立 and scope), shared by the pages, the import and the demo city.
enum RoleGrants {
    /// Throws a validation error when `user` may not also hold `role`: one account holds at most one of the
    /// three administrator roles, and none of them together with a role that opens official documents
    /// (``Permission/business``) — administering accounts must not grant reading 发文 and 收文.
    static func checkSeparation(granting role: Role, to userID: UUID, on db: any Database) async throws {
        let held = try await UserRole.query(on: db).filter(\.$user.$id == userID).with(\.$role).all().map(\.role)
        func isAdministrator(_ role: Role) -> Bool { BuiltinRole(rawValue: role.code).map(BuiltinRole.administrators.contains) ?? false }
        func opensDocuments(_ role: Role) -> Bool { !role.permissionSet.isDisjoint(with: Permission.business) }
        if isAdministrator(role) {
            if held.contains(where: { isAdministrator($0) && $0.code != role.code }) {
                throw AppError.validation(Strings.Organization.adminRolesExclusive, fields: ["role": Strings.Organization.adminRolesExclusive])
            }
            if held.contains(where: opensDocuments) {
                throw AppError.validation(Strings.Organization.adminWithoutBusiness, fields: ["role": Strings.Organization.adminWithoutBusiness])
            }
        } else if opensDocuments(role), held.contains(where: isAdministrator) {
            throw AppError.validation(Strings.Organization.adminWithoutBusiness, fields: ["role": Strings.Organization.adminWithoutBusiness])
        }
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

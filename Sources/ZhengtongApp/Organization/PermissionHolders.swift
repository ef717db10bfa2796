import Fluent
import Foundation

/// People who hold a permission through a role and work in given units (for notifying them).
enum PermissionHolders {
    /// Active people of `units` with a role granting `permission`, each once.
    static func people(with permission: Permission, in units: [UUID], on db: any Database) async throws -> [UUID] {
        let roles = try await Role.query(on: db).all().filter { $0.permissionSet.contains(permission) }.compactMap(\.id)
        guard !roles.isEmpty, !units.isEmpty else { return [] }
        return try await UserRole.query(on: db).filter(\.$role.$id ~~ roles)
            .join(User.self, on: \UserRole.$user.$id == \User.$id)
            .filter(User.self, \.$unit.$id ~~ units).filter(User.self, \.$isDisabled == false)
            .all().map(\.$user.id).reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Active people holding `permission` through a grant with no unit scope (the platform's own administrators).
    static func platformWide(with permission: Permission, on db: any Database) async throws -> [UUID] {
        let roles = try await Role.query(on: db).all().filter { $0.permissionSet.contains(permission) }.compactMap(\.id)
        guard !roles.isEmpty else { return [] }
        return try await UserRole.query(on: db).filter(\.$role.$id ~~ roles).filter(\.$scopeUnit.$id == nil)
            .join(User.self, on: \UserRole.$user.$id == \User.$id).filter(User.self, \.$isDisabled == false)
            .all().map(\.$user.id).reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
    }
}

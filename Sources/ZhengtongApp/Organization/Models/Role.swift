import Fluent
import Foundation

/// 角色: a named set of permissions. Built-in roles (the three administrators, 收发员, 印章管理员)
/// cannot be removed; the security administrator may add others.
final class Role: Model, @unchecked Sendable {
    static let schema = "roles"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    /// Permission codes, see ``Permission``.
    @Field(key: "permissions") var permissions: [String]
    @Field(key: "is_builtin") var isBuiltin: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, code: String, name: String, description: String, permissions: [Permission], isBuiltin: Bool) {
        self.id = id
        self.code = code
        self.name = name
        self.description = description
        self.permissions = permissions.map(\.rawValue)
        self.isBuiltin = isBuiltin
    }

    var permissionSet: Set<Permission> { Set(permissions.compactMap(Permission.init(rawValue:))) }
}

/// A role held by a person over a part of the unit tree: `scopeUnit` and everything under it,
/// or the whole platform when `scopeUnit` is `nil`.
final class UserRole: Model, @unchecked Sendable {
    static let schema = "user_roles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "role_id") var role: Role
    @OptionalParent(key: "scope_unit_id") var scopeUnit: Unit?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, roleID: UUID, scopeUnitID: UUID?) {
        self.$user.id = userID
        self.$role.id = roleID
        self.$scopeUnit.id = scopeUnitID
    }
}

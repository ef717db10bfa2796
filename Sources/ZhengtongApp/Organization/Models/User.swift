import Fluent
import Foundation

/// 用户 / 人员: a person with an account. Belongs to one unit and one or more departments.
/// People are disabled, never deleted: their names stay on the records they signed.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "username") var username: String
    @Field(key: "name") var name: String
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    @Field(key: "password_hash") var passwordHash: String
    /// Set for generated or reset passwords: the person must choose their own at the next login.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "is_disabled") var isDisabled: Bool
    @Field(key: "sort_order") var sortOrder: Int
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Siblings(through: UserDepartment.self, from: \.$user, to: \.$department) var departments: [Department]

    init() {}

    init(id: UUID? = nil, unitID: UUID, username: String, name: String, phone: String? = nil, email: String? = nil,
         passwordHash: String, mustChangePassword: Bool, sortOrder: Int = 0) {
        self.id = id
        self.$unit.id = unitID
        self.username = username
        self.name = name
        self.phone = phone
        self.email = email
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
        self.isDisabled = false
        self.sortOrder = sortOrder
    }
}

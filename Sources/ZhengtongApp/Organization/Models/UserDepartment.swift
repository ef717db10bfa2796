import Fluent
import Foundation

/// Membership of a person in a department; one membership is the primary one.
final class UserDepartment: Model, @unchecked Sendable {
    static let schema = "user_departments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "department_id") var department: Department
    @Field(key: "is_primary") var isPrimary: Bool

    init() {}

    init(userID: UUID, departmentID: UUID, isPrimary: Bool) {
        self.$user.id = userID
        self.$department.id = departmentID
        self.isPrimary = isPrimary
    }
}

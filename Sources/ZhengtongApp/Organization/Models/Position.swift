import Fluent
import Foundation

/// 岗位 / 职务: a post such as 主任 or 分管领导. A platform-wide catalogue; workflow steps
/// assign work to "the 主任 of the drafter's department" and similar.
final class Position: Model, @unchecked Sendable {
    static let schema = "positions"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// Stable code (`director`, `deputyDirector` …) that process definitions refer to.
    @Field(key: "code") var code: String
    /// Higher rank first when people are listed (主要领导 above 科员).
    @Field(key: "rank") var rank: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, code: String, rank: Int) {
        self.id = id
        self.name = name
        self.code = code
        self.rank = rank
    }
}

/// A post held by a person, in one of their departments or (department `nil`) for the whole unit.
final class UserPosition: Model, @unchecked Sendable {
    static let schema = "user_positions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "position_id") var position: Position
    @OptionalParent(key: "department_id") var department: Department?

    init() {}

    init(userID: UUID, positionID: UUID, departmentID: UUID?) {
        self.$user.id = userID
        self.$position.id = positionID
        self.$department.id = departmentID
    }
}

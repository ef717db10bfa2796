import Fluent
import Foundation

/// 部门 / 处室: a division inside a unit; departments form a tree inside their unit.
final class Department: Model, @unchecked Sendable {
    static let schema = "departments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @OptionalParent(key: "parent_id") var parent: Department?
    @Field(key: "name") var name: String
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "is_disabled") var isDisabled: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, unitID: UUID, parentID: UUID? = nil, name: String, sortOrder: Int = 0) {
        self.id = id
        self.$unit.id = unitID
        self.$parent.id = parentID
        self.name = name
        self.sortOrder = sortOrder
        self.isDisabled = false
    }
}

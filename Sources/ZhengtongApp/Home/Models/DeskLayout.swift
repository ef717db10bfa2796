import Fluent
import Foundation

/// The blocks a unit's administrator set for holders of a role in that unit (the first role of a person that has one
/// decides), in order.
final class DeskRoleLayout: Model, @unchecked Sendable {
    static let schema = "desk_role_layouts"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "role_code") var roleCode: String
    /// `todo,notices,…`
    @Field(key: "blocks") var blocks: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// A person's own choice of blocks and their order (hidden blocks are the ones left out).
final class DeskPreference: Model, @unchecked Sendable {
    static let schema = "desk_preferences"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "blocks") var blocks: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

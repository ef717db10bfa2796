import Fluent
import Foundation

/// 分发名单: a named set of units a unit often sends to (各县区政府, 市直各部门), kept by its clerks.
final class DistributionList: Model, @unchecked Sendable {
    static let schema = "distribution_lists"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    /// The member units' ids, comma-separated, in order.
    @Field(key: "unit_ids") var unitIDs: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var members: [UUID] { unitIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

import Fluent
import Foundation

/// A unit's 领导周活动安排 for one week, once published: before, only the editors (and each leader, their own) see the
/// week; after, the unit's people and the units above it (``Access/readsPublishedSchedule(of:)``).
final class LeaderWeek: Model, @unchecked Sendable {
    static let schema = "leader_weeks"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    /// The Monday that starts the week (`yyyy-MM-dd`).
    @Field(key: "week") var week: String
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "published_by") var publishedBy: UUID

    init() {}
}

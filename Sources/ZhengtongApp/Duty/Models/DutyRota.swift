import Fluent
import Foundation

/// 排班: a unit's rota for a period. A draft is seen and edited by the 值班管理员 only; published, the unit's people and
/// everyone on it see it.
final class DutyRota: Model, @unchecked Sendable {
    static let schema = "duty_rotas"

    enum State: String, Codable, Sendable, CaseIterable {
        case draft
        case published
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "title") var title: String
    /// First and last day, `yyyy-MM-dd` (Beijing), which sorts as it reads on both databases.
    @Field(key: "start_day") var startDay: String
    @Field(key: "end_day") var endDay: String
    @Field(key: "state") var state: String
    /// The 值班员 in turn order and the 带班领导 in turn order, as comma-separated user ids (the last generation's).
    @Field(key: "people") var people: String
    @Field(key: "leaders") var leaders: String
    @Field(key: "created_by") var createdBy: UUID
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .draft }
    var peopleIDs: [UUID] { people.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    var leaderIDs: [UUID] { leaders.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

/// 请假: a person of a rota away from `fromDay` to `toDay` (inclusive); generation passes them over.
final class DutyLeave: Model, @unchecked Sendable {
    static let schema = "duty_leaves"

    @ID(key: .id) var id: UUID?
    @Field(key: "rota_id") var rotaID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "from_day") var fromDay: String
    @Field(key: "to_day") var toDay: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

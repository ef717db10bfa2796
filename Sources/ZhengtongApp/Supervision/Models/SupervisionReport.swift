import Fluent
import Foundation

/// 反馈: a responsible unit's progress report, accepted or returned (with a reason) by the 督查室.
final class SupervisionReport: Model, @unchecked Sendable {
    static let schema = "supervision_reports"

    enum State: String, Codable, Sendable, CaseIterable {
        case submitted
        case accepted
        case returned
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "assignment_id") var assignmentID: UUID
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "text") var text: String
    @Field(key: "progress") var progress: Int
    /// The report day it answers (`yyyy-MM-dd`), and whether it came by then.
    @OptionalField(key: "due_for") var dueFor: String?
    @Field(key: "on_time") var onTime: Bool
    @Field(key: "state") var state: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .submitted }
}

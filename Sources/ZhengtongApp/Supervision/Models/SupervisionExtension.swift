import Fluent
import Foundation

/// 延期申请: the lead unit asks for a later 办结时限; the 督查室 or the 责任领导 grants or refuses it.
final class SupervisionExtension: Model, @unchecked Sendable {
    static let schema = "supervision_extensions"

    enum State: String, Codable, Sendable, CaseIterable {
        case pending
        case granted
        case refused
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "requested_by") var requestedBy: UUID
    @Field(key: "previous_deadline") var previousDeadline: String
    @Field(key: "requested_deadline") var requestedDeadline: String
    @Field(key: "reason") var reason: String
    @Field(key: "state") var state: String
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .pending }
}

import Fluent
import Foundation

/// 换班: a person on a shift asks another to swap shifts with them (`targetShiftID`) or to take the shift over (代班);
/// the other agrees, then a 值班管理员 approves and only then the rota changes.
final class DutySwap: Model, @unchecked Sendable {
    static let schema = "duty_swaps"

    enum State: String, Codable, Sendable, CaseIterable {
        /// Waiting for the other person.
        case requested
        /// The other person agreed; waiting for a 值班管理员.
        case accepted
        /// The other person said no.
        case declined
        /// Approved: the rota changed.
        case approved
        /// A 值班管理员 refused it.
        case rejected

        var isPending: Bool { self == .requested || self == .accepted }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "rota_id") var rotaID: UUID
    @Field(key: "shift_id") var shiftID: UUID
    @Field(key: "role") var role: String
    @Field(key: "requester_id") var requesterID: UUID
    @Field(key: "target_id") var targetID: UUID
    /// The target's shift the requester takes in return; nil: the target takes the shift over.
    @OptionalField(key: "target_shift_id") var targetShiftID: UUID?
    @Field(key: "reason") var reason: String
    @Field(key: "state") var state: String
    /// `<shift>:<requester>` while pending, nil after: unique, so one person has one open request per shift even when
    /// two arrive at once.
    @OptionalField(key: "pending_key") var pendingKey: String?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .requested }
    var roleValue: DutyAssignment.Role { DutyAssignment.Role(rawValue: role) ?? .staff }
}

import Fluent
import Foundation

/// 催办记录: a reminder to a responsible unit, by a person with a message, or by the deadline watch before and at a
/// report day or the deadline (`key` names that event, so it is kept once).
final class SupervisionReminder: Model, @unchecked Sendable {
    static let schema = "supervision_reminders"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @OptionalField(key: "assignment_id") var assignmentID: UUID?
    /// nil: the platform's deadline watch.
    @OptionalField(key: "sent_by") var sentBy: UUID?
    @Field(key: "message") var message: String
    @OptionalField(key: "key") var key: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

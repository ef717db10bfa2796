import Fluent
import Foundation

/// One 催办 of a task: who chased (nil: the system, on a deadline), with what message, when. The task page
/// shows them to its holder; the holder is also notified.
final class WorkflowReminderRecord: Model, @unchecked Sendable {
    static let schema = "workflow_reminders"

    @ID(key: .id) var id: UUID?
    @Field(key: "instance_id") var instanceID: UUID
    /// The engine's task number within the instance.
    @Field(key: "task_engine_id") var taskEngineID: Int
    @OptionalField(key: "sent_by") var sentBy: UUID?
    @OptionalField(key: "message") var message: String?
    @Field(key: "sent_at") var sentAt: Date

    init() {}
}

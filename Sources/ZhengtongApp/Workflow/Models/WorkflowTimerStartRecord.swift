import Fluent
import Foundation

/// One occurrence of a deployed version's timer start event, taken by the server that started it: the row is
/// inserted in the starting transaction and is unique per (version, start event, occurrence), so of several
/// servers running the job at once one starts the instance and the others' transactions fail and roll back.
final class WorkflowTimerStartRecord: Model, @unchecked Sendable {
    static let schema = "workflow_timer_starts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "definition_id") var definition: WorkflowDefinitionRecord
    @Field(key: "start_event") var startEvent: String
    /// 1 for the event's first moment, 2 for the second … (``TimerStartDue/occurrence``).
    @Field(key: "occurrence") var occurrence: Int
    @Field(key: "due_at") var dueAt: Date
    /// The instance started; nil when the occurrence could not start (`error` says why).
    @OptionalField(key: "instance_id") var instanceID: UUID?
    @OptionalField(key: "error") var error: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

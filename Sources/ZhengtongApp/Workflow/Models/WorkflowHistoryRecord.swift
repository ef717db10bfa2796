import Fluent
import Foundation

/// One event of an instance's history, append-only and numbered per instance.
final class WorkflowHistoryRecord: Model, @unchecked Sendable {
    static let schema = "workflow_history"

    @ID(key: .id) var id: UUID?
    @Parent(key: "instance_id") var instance: WorkflowInstanceRecord
    @Field(key: "seq") var seq: Int
    @Field(key: "event") var event: String
    /// The event as `workflow simulate` prints it (sorted keys).
    @Field(key: "data") var data: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}
}

import Fluent
import Foundation

/// A running or finished process instance. `state` holds the engine's compacted runtime state
/// (tokens, scopes, timers, variables, open tasks); finished tasks live in ``WorkflowTaskRecord``.
/// `version` guards every command: an update names the version it read, so of two racing commands one wins.
final class WorkflowInstanceRecord: Model, @unchecked Sendable {
    static let schema = "workflow_instances"

    @ID(key: .id) var id: UUID?
    @Parent(key: "definition_id") var definition: WorkflowDefinitionRecord
    @Field(key: "process_key") var processKey: String
    /// What the instance is about, shown in 待办 lists (the document title, for 公文).
    @Field(key: "title") var title: String
    /// The business object the instance runs for (e.g. `document` and its id); empty for a plain request.
    @Field(key: "business_type") var businessType: String
    @OptionalField(key: "business_id") var businessID: String?
    @Parent(key: "initiator_id") var initiator: User
    /// The initiator's unit: process monitoring is scoped by it.
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "status") var status: String
    @Field(key: "version") var version: Int
    @Field(key: "state") var state: String
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

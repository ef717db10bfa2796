import Fluent
import Foundation

/// A task as people see it (待办 while open, 已办 once done): one row per engine task, kept after the
/// engine forgets it. Indexed by assignee and state for the lists; `data` keeps the engine's whole task.
final class WorkflowTaskRecord: Model, @unchecked Sendable {
    static let schema = "workflow_tasks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "instance_id") var instance: WorkflowInstanceRecord
    /// The engine's task id inside the instance.
    @Field(key: "engine_id") var engineID: Int
    @Field(key: "node") var node: String
    @Field(key: "name") var name: String
    @Field(key: "state") var state: String
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @OptionalField(key: "delegated_from") var delegatedFrom: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "opened_at") var openedAt: Date?
    @OptionalField(key: "due_at") var dueAt: Date?
    /// When its holder was told it is due soon, and when that it is overdue (``DeadlineWatch``; once each).
    @OptionalField(key: "due_notified_at") var dueNotifiedAt: Date?
    @OptionalField(key: "overdue_notified_at") var overdueNotifiedAt: Date?
    @OptionalField(key: "completed_at") var completedAt: Date?
    @OptionalField(key: "completed_by") var completedBy: UUID?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "opinion") var opinion: String?
    @Field(key: "data") var data: String

    init() {}
}

/// Who may claim an open task that has no assignee yet (candidate users and resolved candidate groups).
final class WorkflowTaskCandidate: Model, @unchecked Sendable {
    static let schema = "workflow_task_candidates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "task_id") var task: WorkflowTaskRecord
    @Field(key: "user_id") var userID: UUID

    init() {}

    init(taskID: UUID, userID: UUID) {
        self.$task.id = taskID
        self.userID = userID
    }
}

import Fluent
import Foundation

/// A 传阅 item as readers see it (待阅 / 已阅): one row per engine item.
final class WorkflowCirculationRecord: Model, @unchecked Sendable {
    static let schema = "workflow_circulations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "instance_id") var instance: WorkflowInstanceRecord
    @Field(key: "engine_id") var engineID: Int
    @Field(key: "reader_id") var readerID: UUID
    @Field(key: "sent_by") var sentBy: UUID
    @Field(key: "state") var state: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    @OptionalField(key: "comment") var comment: String?

    init() {}
}

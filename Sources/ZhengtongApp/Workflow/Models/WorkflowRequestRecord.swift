import Fluent
import Foundation

/// A command already carried out, by the client's request id: a retry (a double click, a lost
/// response) gets the first result back instead of acting twice.
final class WorkflowRequestRecord: Model, @unchecked Sendable {
    static let schema = "workflow_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "request_id") var requestID: String
    @Field(key: "instance_id") var instanceID: UUID
    /// The command's result as JSON (``WorkflowCommandResult``).
    @Field(key: "result") var result: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

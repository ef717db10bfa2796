import Fluent
import Foundation

/// Where an instance's tokens stand, for queries across instances ("every 公文 waiting at 签发").
/// Rewritten from the engine state by each command that moves a token.
final class WorkflowTokenRecord: Model, @unchecked Sendable {
    static let schema = "workflow_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "instance_id") var instance: WorkflowInstanceRecord
    @Field(key: "engine_id") var engineID: Int
    @Field(key: "node") var node: String
    @Field(key: "scope") var scope: Int

    init() {}
}

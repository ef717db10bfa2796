import Fluent
import Foundation

/// Which instance waits for which message (name and correlation key), copied from the engine's
/// `messageSubscriptions` by every command that changes them, so a message finds its instance by index.
final class WorkflowMessageSubscriptionRecord: Model, @unchecked Sendable {
    static let schema = "workflow_message_subscriptions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "instance_id") var instance: WorkflowInstanceRecord
    /// The subscription's id in the instance.
    @Field(key: "engine_id") var engineID: Int
    /// The catching element (catch event, receive task, boundary message).
    @Field(key: "node") var node: String
    @Field(key: "message") var message: String
    /// Nil when the catching element names no key: any message of the name sent to the instance is caught.
    @OptionalField(key: "correlation_key") var correlationKey: String?

    init() {}
}

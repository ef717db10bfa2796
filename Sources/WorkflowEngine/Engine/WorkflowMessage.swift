import Foundation

/// A message delivered to the engine: to an instance waiting for it (`ProcessRunner.deliverMessage`) or to a
/// message start event (`ProcessRunner.startByMessage`).
public struct WorkflowMessage: Sendable, Equatable {
    /// The `bpmn:message` name the catching element refers to.
    public var name: String
    /// The value the catching element's `zt:correlationKey` must have (a document's id, say); nil for a message
    /// meant for a catch that names no key.
    public var correlationKey: String?
    /// Variables merged into the instance's when the message is caught.
    public var payload: [String: ExpressionValue]
    /// The sender's id for this message. A delivery retried with the same id is caught once: the retry changes
    /// nothing and leaves `version` as it was.
    public var id: String?

    public init(name: String, correlationKey: String? = nil, payload: [String: ExpressionValue] = [:], id: String? = nil) {
        self.name = name
        self.correlationKey = correlationKey
        self.payload = payload
        self.id = id
    }
}

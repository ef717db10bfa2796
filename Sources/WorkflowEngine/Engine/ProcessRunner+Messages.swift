import Foundation

/// Messages: delivered to a waiting instance, or starting a new one at a message start event.
extension ProcessRunner {
    /// Delivers `message` to the instance: the catch event, receive task or boundary message waiting for its name
    /// and correlation key catches it, the payload becomes variables, and the instance runs on.
    ///
    /// A command like the others: it returns the next state with `version` raised by one (what the caller's
    /// version guard and request ids work with), or throws and the instance stays as it was — `EventError` when
    /// nothing waits for the name or the key is not the one waited for, `WorkflowError.instanceNotRunning`
    /// when suspended or ended. A message whose `id` the instance has already caught changes nothing: the
    /// outcome has no events and the same `version`, so a retried delivery is not caught twice.
    public func deliverMessage(_ message: WorkflowMessage, to instance: ProcessInstance, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        if let id = message.id, instance.caughtMessageIDs.contains(id) { return execution.finish(bumpVersion: false) }
        try execution.requireRunning()
        let subscription = try execution.subscription(for: message)
        try execution.catchMessage(message, at: subscription)
        try execution.drain()
        return execution.finish()
    }

    /// Starts an instance at the message start event for `message.name`: the payload is the instance's first
    /// variables, and when the start event's `zt:correlationKey` names a variable, it holds the message's key
    /// (so the instance's later catches can wait for the same key).
    ///
    /// Whether the same message already started an instance is the caller's to know: the engine keeps nothing
    /// between instances.
    public func startByMessage(_ message: WorkflowMessage, instanceID: String, initiator: String, at now: Date) throws -> Outcome {
        guard let start = definition.messageStartEvent(for: message.name) else {
            throw EventError.noMessageStart(message: message.name, process: definition.id)
        }
        var variables = message.payload
        if let variable = start.correlationKey, let key = message.correlationKey { variables[variable] = .string(key) }
        let caught = WorkflowEvent.messageCaught(message: message.name, activity: start.id, correlationKey: message.correlationKey)
        var outcome = try begin(at: start, instanceID: instanceID, initiator: initiator, variables: variables, trigger: caught, at: now)
        if let id = message.id { outcome.instance.caughtMessageIDs.append(id) }
        return outcome
    }

    /// Whether a message start event of the process waits for `name` (to tell a message that starts an instance
    /// from one for running instances).
    public func startsOnMessage(_ name: String) -> Bool {
        definition.messageStartEvent(for: name) != nil
    }
}

import Foundation

extension Execution {
    /// The token waits at `node` (a catch event or receive task), or at the activity `node` is attached to (a
    /// boundary message), for a message carrying the key the node's `zt:correlationKey` has now.
    mutating func subscribe(_ node: FlowNode, token: Int, scope: Int, loopIndex: Int? = nil) throws {
        guard let message = node.messageName else { return }
        let key = try correlationKey(of: node, scope: scope, loopIndex: loopIndex)
        instance.messageSubscriptions.append(MessageSubscription(id: nextID(), node: node.id, message: message, correlationKey: key,
                                                                 token: token, scope: scope))
    }

    /// `zt:correlationKey` read now: a variable's value, or an expression's. Read once, when the token arrives,
    /// so that a later change of the variable does not move the instance's place in the application's index;
    /// a missing or empty value refuses the command rather than wait for a message nobody could address.
    func correlationKey(of node: FlowNode, scope: Int, loopIndex: Int? = nil) throws -> String? {
        guard let text = node.correlationKey else { return nil }
        let trimmed = Self.trimmingSpaces(text)
        let value: ExpressionValue
        do {
            let variables = try variables(scope: scope, loopIndex: loopIndex)
            if trimmed.hasPrefix("${") || trimmed.hasPrefix("#{") {
                value = try (runner.definition.parsedText(trimmed) ?? Expression(parsing: trimmed)).evaluate(variables)
            } else {
                value = variables[trimmed] ?? .null
            }
        } catch let error as ExpressionError {
            throw EventError.correlationKeyFailed(activity: node.id, message: error.description)
        }
        switch value {
        case .string(let key) where !key.isEmpty: return key
        case .number(let number): return "\(number)"
        default: throw EventError.correlationKeyFailed(activity: node.id, message: "\(trimmed) 为 \(value.typeName) / \(trimmed) is \(value.typeName)")
        }
    }

    /// Subscribes the boundary messages of an activity its token has just entered.
    mutating func subscribeBoundaryMessages(for activity: FlowNode, token: Int, scope: Int) throws {
        for boundary in try definition(ofScope: scope).boundaryEvents(on: activity.id) {
            guard case .boundaryMessage = boundary.kind else { continue }
            try subscribe(boundary, token: token, scope: scope)
        }
    }

    /// The subscription `message` is for: one waiting for its key, else one that named no key.
    func subscription(for message: WorkflowMessage) throws -> MessageSubscription {
        let waiting = instance.messageSubscriptions.filter { $0.message == message.name }
        guard !waiting.isEmpty else { throw EventError.notWaiting(message: message.name) }
        if let key = message.correlationKey, let exact = waiting.first(where: { $0.correlationKey == key }) { return exact }
        guard let open = waiting.first(where: { $0.correlationKey == nil }) else {
            throw EventError.correlationMismatch(message: message.name, key: message.correlationKey, expected: waiting.compactMap(\.correlationKey))
        }
        return open
    }

    /// Catches `message` at `subscription`: its payload becomes the instance's variables, then the catch event or
    /// receive task completes, or the boundary event starts its path (cancelling the activity when interrupting;
    /// a non-interrupting one keeps waiting while the activity lasts).
    mutating func catchMessage(_ message: WorkflowMessage, at subscription: MessageSubscription) throws {
        let node = try node(subscription.node, scope: subscription.scope)
        for (name, value) in message.payload { instance.variables[name] = value }
        if let id = message.id { instance.caughtMessageIDs.append(id) }
        events.append(.messageCaught(message: message.name, activity: node.id, correlationKey: message.correlationKey))
        switch node.kind {
        case .boundaryMessage(_, _, let interrupting):
            if interrupting { cancelActivity(token: subscription.token) }
            let path = newToken(at: node.id, scope: subscription.scope)
            schedule(token: path, node: node.id, via: nil)
        case .receiveTask:
            instance.messageSubscriptions.removeAll { $0.id == subscription.id }
            try activityFinished(token: subscription.token)
        default:
            instance.messageSubscriptions.removeAll { $0.id == subscription.id }
            events.append(.activityCompleted(activity: node.id))
            try leave(token: subscription.token, node: node)
        }
    }

    /// A send task or throw event: the message goes out as an event for the application to deliver.
    mutating func send(_ node: FlowNode, scope: Int, loopIndex: Int? = nil) throws {
        guard let message = node.messageName else { return }
        let key = try correlationKey(of: node, scope: scope, loopIndex: loopIndex)
        var payload: [String: ExpressionValue] = [:]
        if !node.messagePayload.isEmpty {
            let variables = try variables(scope: scope, loopIndex: loopIndex)
            for name in node.messagePayload { payload[name] = variables[name] ?? .null }
        }
        events.append(.messageSent(message: message, activity: node.id, correlationKey: key, payload: payload))
    }
}

import Foundation

extension Execution {
    /// Whether `scope` is the body of the multi-instance activity `node` (its instances' tokens live there).
    func isInstanceBody(scope scopeID: Int, of node: String) -> Bool {
        guard let scope = scope(scopeID), case .multiInstance = scope.kind else { return false }
        return scope.node == node
    }

    /// Opens the instances: one per collection element, or `loopCardinality` many; all at once
    /// (parallel) or one after another (sequential). No instances: the activity completes at once.
    mutating func startMultiInstance(token tokenID: Int, node: FlowNode) throws {
        guard let token = token(tokenID), let spec = node.multiInstance else { return }
        let variables = try variables(scope: token.scope)
        var elements: [ExpressionValue] = []
        var count: Int
        do {
            if let collection = spec.collection {
                switch try collection.evaluate(variables) {
                case .list(let values): elements = values
                case .null: elements = []
                case let other:
                    throw WorkflowError.multiInstanceInvalid(activity: node.id, message: "集合应为列表，实为 \(other.typeName) / the collection is \(other.typeName), not a list")
                }
                count = elements.count
            } else if let cardinality = spec.loopCardinality {
                guard case .number(let value) = try cardinality.evaluate(variables), value >= 0, value <= 1000,
                      let whole = Int(exactly: NSDecimalNumber(decimal: value).doubleValue) else {
                    throw WorkflowError.multiInstanceInvalid(activity: node.id, message: "loopCardinality 应为 0 到 1000 的整数 / loopCardinality must be a whole number from 0 to 1000")
                }
                count = whole
            } else {
                throw WorkflowError.multiInstanceInvalid(activity: node.id, message: "缺少 loopCardinality 或集合 / neither loopCardinality nor a collection")
            }
        } catch let error as ExpressionError {
            throw WorkflowError.multiInstanceInvalid(activity: node.id, message: error.description)
        }
        guard count > 0 else {
            try activityFinished(token: tokenID)
            return
        }
        let scopeID = nextID()
        let state = MultiInstanceState(isSequential: spec.isSequential, nrOfInstances: count, nrOfCompletedInstances: 0,
                                       nrOfActiveInstances: spec.isSequential ? 1 : count, elements: elements, nextIndex: spec.isSequential ? 1 : count)
        instance.scopes.append(Scope(id: scopeID, kind: .multiInstance(state), processID: scope(token.scope)?.processID ?? instance.processID,
                                     node: node.id, parent: token.scope, parentToken: tokenID))
        for index in 0..<(spec.isSequential ? 1 : count) {
            try startInstance(index: index, node: node, scope: scopeID)
        }
    }

    /// One instance: the activity's own work with its `loopCounter` — a task, a service call, or the sub-process or
    /// called process run in a scope of its own — finishing through ``activityFinished(token:)`` as the activity would.
    mutating func startInstance(index: Int, node: FlowNode, scope scopeID: Int) throws {
        let child = newToken(at: node.id, scope: scopeID)
        switch node.kind {
        case .userTask:
            try createTask(token: child, node: node, scope: scopeID, loopIndex: index)
        case .serviceTask(let hook):
            try callService(hook, node: node)
            try activityFinished(token: child)
        case .subProcess:
            try openChildScope(for: node, token: child, parentScope: scopeID, processID: scope(scopeID)?.processID ?? instance.processID,
                               startScope: node.id, loopIndex: index)
        case .callActivity(let calledElement):
            try requireProcess(calledElement)
            try openChildScope(for: node, token: child, parentScope: scopeID, processID: calledElement, startScope: nil, loopIndex: index)
        case .receiveTask:
            try subscribe(node, token: child, scope: scopeID, loopIndex: index)
        case .sendTask:
            try send(node, scope: scopeID, loopIndex: index)
            try activityFinished(token: child)
        default:
            // A task with no work of its own (`task`, `manualTask`).
            try activityFinished(token: child)
        }
    }

    /// One instance is done: update the counters, then finish the activity when all are done or the
    /// completion condition holds (cancelling the rest), or start the next sequential instance.
    mutating func multiInstanceInstanceFinished(token tokenID: Int, scope: Scope) throws {
        guard case .multiInstance(var state) = scope.kind, let nodeID = scope.node, let parent = scope.parent else { return }
        let node = try node(nodeID, scope: parent)
        removeToken(tokenID)
        state.nrOfCompletedInstances += 1
        state.nrOfActiveInstances -= 1
        setState(state, scope: scope.id)
        var done = state.nrOfCompletedInstances >= state.nrOfInstances
        if !done, let condition = node.multiInstance?.completionCondition {
            do {
                done = try condition.evaluateCondition(try variables(scope: scope.id))
            } catch let error as ExpressionError {
                throw WorkflowError.multiInstanceInvalid(activity: node.id, message: error.description)
            }
        }
        if done {
            cancelScope(scope.id)
            if let parentToken = scope.parentToken { try activityFinished(token: parentToken) }
        } else if state.isSequential, state.nextIndex < state.nrOfInstances {
            let index = state.nextIndex
            state.nextIndex += 1
            state.nrOfActiveInstances += 1
            setState(state, scope: scope.id)
            try startInstance(index: index, node: node, scope: scope.id)
        }
    }

    mutating func setState(_ state: MultiInstanceState, scope scopeID: Int) {
        guard let index = instance.scopes.firstIndex(where: { $0.id == scopeID }) else { return }
        instance.scopes[index].kind = .multiInstance(state)
    }
}

import Foundation

/// One command's work on a copy of an instance: a queue of token arrivals, processed until every
/// token waits (at a task, a timer or a join) or has ended.
struct Execution {
    let runner: ProcessRunner
    var instance: ProcessInstance
    var events: [WorkflowEvent] = []
    let now: Date
    /// The task just completed (new tasks record it as their `previousTask`).
    var lastCompletedTask: Int?
    private var queue: [(token: Int, node: String, via: String?)] = []

    init(runner: ProcessRunner, instance: ProcessInstance, now: Date) {
        self.runner = runner
        self.instance = instance
        self.now = now
        // A step records a handful of events (completed, left, gateway taken, created): one allocation, not four.
        events.reserveCapacity(8)
    }

    func finish(bumpVersion: Bool = true) -> ProcessRunner.Outcome {
        var instance = instance
        if bumpVersion { instance.version += 1 }
        return ProcessRunner.Outcome(instance: instance, events: events)
    }

    func requireRunning() throws {
        guard instance.status == .running else { throw WorkflowError.instanceNotRunning(instance.status) }
    }

    // MARK: - Lookups

    mutating func nextID() -> Int {
        instance.lastID += 1
        return instance.lastID
    }

    // By index, as `ProcessInstance.task(_:)`: looked up at every step, and only the one found is copied out.
    func scope(_ id: Int) -> Scope? { instance.scopes.firstIndex { $0.id == id }.map { instance.scopes[$0] } }

    func token(_ id: Int) -> Token? { instance.tokens.firstIndex { $0.id == id }.map { instance.tokens[$0] } }

    /// The definition whose nodes a scope runs (the called process inside a call activity).
    func definition(ofScope scopeID: Int) throws -> ProcessDefinition {
        let processID = scope(scopeID)?.processID ?? instance.processID
        if processID == runner.definition.id { return runner.definition }
        guard let called = runner.environment.process(withID: processID) else { throw WorkflowError.unknownProcess(processID) }
        return called
    }

    func node(_ id: String, scope scopeID: Int) throws -> FlowNode {
        // The instance's own process without copying its definition out first: this runs at every step.
        let processID = scope(scopeID)?.processID ?? instance.processID
        let found = processID == runner.definition.id ? runner.definition.nodes[id] : try definition(ofScope: scopeID).nodes[id]
        guard let node = found else { throw WorkflowError.unknownNode(id) }
        return node
    }

    func openTask(_ id: Int) throws -> WorkTask {
        guard let task = instance.task(id) else { throw WorkflowError.taskNotFound(id) }
        guard task.state == .open else { throw WorkflowError.taskNotOpen(id) }
        return task
    }

    mutating func updateTask(_ id: Int, _ change: (inout WorkTask) -> Void) {
        guard let index = instance.tasks.lastIndex(where: { $0.id == id }) else { return }  // newest first, as `task(_:)`
        change(&instance.tasks[index])
    }

    /// Variables an expression sees in `scope`: the instance's, plus a multi-instance body's counters
    /// and element for `loopIndex`.
    func variables(scope scopeID: Int, loopIndex: Int? = nil) throws -> [String: ExpressionValue] {
        var variables = instance.variables
        var current = scope(scopeID)
        // Inside one instance of a multi-instance sub-process, the instance's scope says which it is.
        var loopIndex = loopIndex
        while let scope = current {
            if loopIndex == nil, let own = scope.loopIndex { loopIndex = own }
            if case .multiInstance(let state) = scope.kind {
                variables["nrOfInstances"] = ExpressionValue(state.nrOfInstances)
                variables["nrOfCompletedInstances"] = ExpressionValue(state.nrOfCompletedInstances)
                variables["nrOfActiveInstances"] = ExpressionValue(state.nrOfActiveInstances)
                if let loopIndex {
                    variables["loopCounter"] = ExpressionValue(loopIndex)
                    if let node = scope.node, let parent = scope.parent,
                       let name = try self.node(node, scope: parent).multiInstance?.elementVariable, loopIndex < state.elements.count {
                        variables[name] = state.elements[loopIndex]
                    }
                }
                break
            }
            current = scope.parent.flatMap { self.scope($0) }
        }
        return variables
    }

    // MARK: - Tokens

    mutating func newToken(at node: String, scope: Int) -> Int {
        let id = nextID()
        instance.tokens.append(Token(id: id, node: node, scope: scope))
        return id
    }

    mutating func schedule(token: Int, node: String, via flow: String?) {
        queue.append((token, node, flow))
    }

    /// Removes a token and the timers and message subscriptions armed for it.
    mutating func removeToken(_ id: Int) {
        instance.tokens.removeAll { $0.id == id }
        instance.timers.removeAll { $0.token == id }
        instance.messageSubscriptions.removeAll { $0.token == id }
    }

    /// Processes arrivals until the queue is empty, then fires inclusive joins that can no longer
    /// receive another token, and goes on until nothing moves.
    mutating func drain() throws {
        var steps = 0
        while true {
            while !queue.isEmpty {
                let (token, node, via) = queue.removeFirst()
                try arrive(token: token, at: node, via: via)
                steps += 1
                // A loop in the model without a wait state would never end; stop it here.
                guard steps < 100_000 else { throw WorkflowError.unknownNode("loop without a wait state at \(node)") }
            }
            guard instance.status == .running, try fireReadyInclusiveJoin() else { return }
        }
    }

    // MARK: - Arrival

    mutating func arrive(token tokenID: Int, at nodeID: String, via flow: String?) throws {
        guard let token = token(tokenID) else { return }
        let node = try node(nodeID, scope: token.scope)
        if let index = instance.tokens.firstIndex(where: { $0.id == tokenID }) { instance.tokens[index].node = nodeID }
        // A multi-instance activity of any kind (task, service, sub-process, call activity) opens its instances;
        // each runs the activity's own work (``startInstance(index:node:scope:)``).
        if node.isActivity, node.multiInstance != nil, !isInstanceBody(scope: token.scope, of: node.id) {
            try armBoundaryEvents(for: node, token: tokenID, scope: token.scope)
            try startMultiInstance(token: tokenID, node: node)
            return
        }
        switch node.kind {
        case .startEvent, .timerStart, .messageStart, .boundaryTimer, .boundaryMessage:
            try leave(token: tokenID, node: node)
        case .endEvent(let terminate):
            removeToken(tokenID)
            events.append(.activityCompleted(activity: node.id))
            if terminate {
                cancelContents(ofScope: token.scope)
                try scopeFinished(token.scope)
            } else if !instance.tokens.contains(where: { $0.scope == token.scope }), !instance.joins.contains(where: { $0.scope == token.scope }) {
                try scopeFinished(token.scope)
            }
        case .userTask:
            // (A token moved back into an instance body by an office command keeps the activity's timers as they are.)
            if !isInstanceBody(scope: token.scope, of: node.id) { try armBoundaryEvents(for: node, token: tokenID, scope: token.scope) }
            try createTask(token: tokenID, node: node, scope: token.scope, loopIndex: nil)
        case .serviceTask(let hook):
            try callService(hook, node: node)
            events.append(.activityCompleted(activity: node.id))
            try leave(token: tokenID, node: node)
        case .passThrough:
            events.append(.activityCompleted(activity: node.id))
            try leave(token: tokenID, node: node)
        case .exclusiveGateway:
            try exclusiveSplit(token: tokenID, node: node)
        case .parallelGateway:
            try parallelGateway(token: tokenID, node: node, via: flow)
        case .inclusiveGateway:
            try inclusiveGateway(token: tokenID, node: node, via: flow)
        case .subProcess:
            try armBoundaryEvents(for: node, token: tokenID, scope: token.scope)
            let processID = scope(token.scope)?.processID ?? instance.processID
            try openChildScope(for: node, token: tokenID, parentScope: token.scope, processID: processID, startScope: node.id)
        case .callActivity(let calledElement):
            try requireProcess(calledElement)
            try armBoundaryEvents(for: node, token: tokenID, scope: token.scope)
            try openChildScope(for: node, token: tokenID, parentScope: token.scope, processID: calledElement, startScope: nil)
        case .intermediateTimer(let timer):
            armTimer(node, timer: timer, token: tokenID, scope: token.scope)
        case .messageCatch:
            try subscribe(node, token: tokenID, scope: token.scope)
        case .receiveTask:
            try armBoundaryEvents(for: node, token: tokenID, scope: token.scope)
            try subscribe(node, token: tokenID, scope: token.scope)
        case .messageThrow, .sendTask:
            try send(node, scope: token.scope)
            events.append(.activityCompleted(activity: node.id))
            try leave(token: tokenID, node: node)
        }
    }

    /// Leaves a node along its outgoing flows: unconditional ones and those whose condition holds,
    /// else the default; several chosen flows split the token.
    mutating func leave(token tokenID: Int, node: FlowNode) throws {
        guard let token = token(tokenID) else { return }
        let definition = try definition(ofScope: token.scope)
        let flows = definition.outgoingFlows(of: node)
        if flows.isEmpty {
            // A flow node with nowhere to go ends its path, as an implicit end event.
            removeToken(tokenID)
            if !instance.tokens.contains(where: { $0.scope == token.scope }), !instance.joins.contains(where: { $0.scope == token.scope }) {
                try scopeFinished(token.scope)
            }
            return
        }
        var chosen: [SequenceFlow] = []
        for flow in flows where flow.id != node.defaultFlow {
            if try holds(flow, scope: token.scope) { chosen.append(flow) }
        }
        if chosen.isEmpty, let defaultID = node.defaultFlow, let flow = definition.flows[defaultID] { chosen = [flow] }
        guard !chosen.isEmpty else { throw WorkflowError.noMatchingFlow(gateway: node.id) }
        take(chosen, token: tokenID, scope: token.scope)
    }

    /// Moves the token along the first flow and new tokens along the others.
    mutating func take(_ flows: [SequenceFlow], token tokenID: Int, scope: Int) {
        for (index, flow) in flows.enumerated() {
            let id = index == 0 ? tokenID : newToken(at: flow.target, scope: scope)
            schedule(token: id, node: flow.target, via: flow.id)
        }
    }

    /// Whether a flow may be taken: unconditional, or its condition evaluates to true.
    func holds(_ flow: SequenceFlow, scope: Int) throws -> Bool {
        guard let condition = flow.condition else { return true }
        do {
            return try condition.evaluateCondition(try variables(scope: scope))
        } catch let error as ExpressionError {
            throw WorkflowError.conditionFailed(flow: flow.id, message: error.description)
        }
    }

    // MARK: - Activities and scopes

    /// The work at a token's activity is done (task completed, child scope ended): move on.
    mutating func activityFinished(token tokenID: Int) throws {
        guard let token = token(tokenID) else { return }
        if let scope = scope(token.scope), case .multiInstance = scope.kind, scope.node == token.node {
            try multiInstanceInstanceFinished(token: tokenID, scope: scope)
            return
        }
        let node = try node(token.node, scope: token.scope)
        instance.timers.removeAll { $0.token == tokenID }
        instance.messageSubscriptions.removeAll { $0.token == tokenID }
        events.append(.activityCompleted(activity: node.id))
        try leave(token: tokenID, node: node)
    }

    /// A service task's hook run, its results kept as the instance's variables.
    mutating func callService(_ hook: String, node: FlowNode) throws {
        let result: [String: ExpressionValue]
        do {
            result = try runner.environment.runService(hook: hook, activity: node, instance: instance)
        } catch {
            throw WorkflowError.serviceFailed(activity: node.id, hook: hook, message: "\(error)")
        }
        for (name, value) in result { instance.variables[name] = value }
        events.append(.serviceCalled(activity: node.id, hook: hook))
    }

    func requireProcess(_ calledElement: String) throws {
        guard runner.environment.process(withID: calledElement) != nil || calledElement == runner.definition.id else {
            throw WorkflowError.unknownProcess(calledElement)
        }
    }

    mutating func openChildScope(for node: FlowNode, token: Int, parentScope: Int, processID: String, startScope: String?,
                                 loopIndex: Int? = nil) throws {
        let id = nextID()
        instance.scopes.append(Scope(id: id, kind: .subProcess, processID: processID, node: node.id, parent: parentScope, parentToken: token,
                                     loopIndex: loopIndex))
        let definition = try definition(ofScope: id)
        guard let start = definition.startEvent(in: startScope) else { throw WorkflowError.noStartEvent(process: startScope ?? processID) }
        let child = newToken(at: start.id, scope: id)
        schedule(token: child, node: start.id, via: nil)
    }

    /// A scope has no tokens left: the process completes, or the waiting parent token moves on.
    mutating func scopeFinished(_ scopeID: Int) throws {
        guard let scope = scope(scopeID) else { return }
        if scopeID == 0 {
            instance.status = .completed
            instance.endedAt = now
            instance.timers.removeAll()
            instance.messageSubscriptions.removeAll()
            events.append(.processCompleted)
            return
        }
        instance.scopes.removeAll { $0.id == scopeID }
        if let parentToken = scope.parentToken {
            try activityFinished(token: parentToken)
        }
    }

    /// Cancels everything inside a scope (tokens, tasks, timers, joins, child scopes), keeping the scope.
    mutating func cancelContents(ofScope scopeID: Int) {
        for child in instance.scopes where child.parent == scopeID {
            cancelScope(child.id)
        }
        for token in instance.tokens where token.scope == scopeID {
            cancelTasks(ofToken: token.id)
            removeToken(token.id)
        }
        instance.joins.removeAll { $0.scope == scopeID }
    }

    /// Cancels a scope and removes it (the process scope stays, marked by the caller).
    mutating func cancelScope(_ scopeID: Int) {
        cancelContents(ofScope: scopeID)
        if scopeID != 0 { instance.scopes.removeAll { $0.id == scopeID } }
    }

    /// Cancels what a token's activity holds: its open tasks and any scope it opened.
    mutating func cancelActivity(token tokenID: Int) {
        for child in instance.scopes where child.parentToken == tokenID {
            cancelScope(child.id)
        }
        cancelTasks(ofToken: tokenID)
        removeToken(tokenID)
    }

    mutating func cancelTasks(ofToken tokenID: Int) {
        for index in instance.tasks.indices where instance.tasks[index].token == tokenID && instance.tasks[index].state == .open {
            instance.tasks[index].state = .cancelled
            instance.tasks[index].completedAt = now
            events.append(.taskCancelled(task: instance.tasks[index].id, activity: instance.tasks[index].node))
        }
    }

    // MARK: - Tasks

    /// Creates a task at `node` for `token`. `assignee` given: the task goes to that person (退回, 收回, 加签)
    /// instead of the model's assignment.
    @discardableResult
    mutating func createTask(token: Int, node: FlowNode, scope: Int, loopIndex: Int?, assignee forced: String? = nil,
                             origin: WorkTask.Origin = .step, previousTask: Int? = nil) throws -> Int {
        let people = try forced.map { TaskAssignees(assignee: $0) } ?? assignees(node: node, scope: scope, loopIndex: loopIndex)
        let id = nextID()
        var task = WorkTask(id: id, node: node.id, name: node.name, scope: scope, token: token, state: .open,
                            assignee: people.assignee, candidateUsers: people.candidateUsers, candidateGroups: people.candidateGroups,
                            createdAt: now, loopIndex: loopIndex, previousTask: previousTask ?? lastCompletedTask, delegatedFrom: people.delegatedFrom)
        task.origin = origin
        // Every task at the step gets the full time limit from its own creation (a task given back by 退回 too).
        task.dueAt = node.dueIn.map { runner.environment.calendar.adding($0, to: now) }
        if let deadline = dueDate(node: node, scope: scope, loopIndex: loopIndex) {
            task.dueAt = min(task.dueAt ?? deadline, deadline)
        }
        instance.tasks.append(task)
        events.append(.taskCreated(task: id, activity: node.id, name: node.name, assignee: people.assignee, candidates: people.candidateUsers))
        return id
    }

    /// `zt:dueDate` evaluated: a date-time (`2026-11-30T18:00:00+08:00`, or a date, read as a timer's `timeDate` is), or
    /// nil when the step has none or the value is empty or unreadable (a missing deadline must not stop the work).
    func dueDate(node: FlowNode, scope: Int, loopIndex: Int?) -> Date? {
        guard let text = node.dueDate, let variables = try? variables(scope: scope, loopIndex: loopIndex),
              let value = try? evaluateText(text, variables: variables, activity: node.id) else { return nil }
        return TimerDefinition.parseDate(value)
    }

    /// The model's assignment with its expressions evaluated, answered by the environment.
    func assignees(node: FlowNode, scope: Int, loopIndex: Int?) throws -> TaskAssignees {
        let variables = try variables(scope: scope, loopIndex: loopIndex)
        var assignment = node.assignment ?? Assignment()
        assignment.assignee = try assignment.assignee.map { try evaluateText($0, variables: variables, activity: node.id) }
        assignment.candidateUsers = try assignment.candidateUsers.map { try evaluateText($0, variables: variables, activity: node.id) }
        var scopedInstance = instance
        scopedInstance.variables = variables
        let people: TaskAssignees
        do {
            people = try runner.environment.assignees(for: assignment, activity: node, instance: scopedInstance, at: now)
        } catch {
            throw WorkflowError.assignmentFailed(activity: node.id, message: "\(error)")
        }
        return people
    }

    /// `${expr}` / `#{expr}` evaluated to a string; anything else is taken literally (a user id).
    func evaluateText(_ text: String, variables: [String: ExpressionValue], activity: String) throws -> String {
        let trimmed = Self.trimmingSpaces(text)
        guard trimmed.hasPrefix("${") || trimmed.hasPrefix("#{") else { return trimmed }
        do {
            // The model's own texts were parsed with it; a called process's are parsed here.
            let expression = try runner.definition.parsedText(trimmed) ?? Expression(parsing: trimmed)
            switch try expression.evaluate(variables) {
            case .string(let value): return value
            case .number(let value): return "\(value)"
            case let other: throw WorkflowError.assignmentFailed(activity: activity, message: "\(trimmed) is \(other.typeName), not a user id")
            }
        } catch let error as ExpressionError {
            throw WorkflowError.assignmentFailed(activity: activity, message: error.description)
        }
    }

    /// `text` without leading and trailing spaces and tabs (what `.whitespaces` holds: category Zs and tab).
    /// Foundation's trimming goes through `NSString` on Linux, so it runs only when there is something to trim;
    /// a user id or `${…}` in a model seldom has.
    static func trimmingSpaces(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        guard isSpace(first) || isSpace(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

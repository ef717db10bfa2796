import Foundation

/// Runs instances of one process. Every command takes an instance and returns the next state with
/// what happened, running the instance on to its next wait states (tasks, timers, joins) in one step.
/// Deterministic: the same commands at the same clock times give the same state and history.
public struct ProcessRunner: Sendable {
    public let definition: ProcessDefinition
    public let environment: any WorkflowEnvironment

    /// A cap on timers fired by one command (a cycle `R/PT1M` advanced by a year would otherwise run away).
    public static let maximumTimerFirings = 10_000

    public init(definition: ProcessDefinition, environment: any WorkflowEnvironment = SimulationEnvironment()) {
        self.definition = definition
        self.environment = environment
    }

    /// The new state and the events that led to it.
    public struct Outcome: Sendable {
        public var instance: ProcessInstance
        public var events: [WorkflowEvent]
    }

    /// Starts an instance: `initiator` is also set as the variable `initiator`.
    public func start(instanceID: String, initiator: String, variables: [String: ExpressionValue] = [:], at now: Date) throws -> Outcome {
        guard let start = definition.startEvent(in: nil) else { throw WorkflowError.noStartEvent(process: definition.id) }
        return try begin(at: start, instanceID: instanceID, initiator: initiator, variables: variables, trigger: nil, at: now)
    }

    /// A new instance whose token begins at `start` (a none, timer or message start event); `trigger` is what
    /// set it off, recorded after `processStarted`.
    func begin(at start: FlowNode, instanceID: String, initiator: String, variables: [String: ExpressionValue], trigger: WorkflowEvent?,
               at now: Date) throws -> Outcome {
        var variables = variables
        if variables["initiator"] == nil { variables["initiator"] = .string(initiator) }
        let instance = ProcessInstance(id: instanceID, processID: definition.id, initiator: initiator, variables: variables, startedAt: now)
        var execution = Execution(runner: self, instance: instance, now: now)
        execution.instance.scopes.append(Scope(id: 0, kind: .process, processID: definition.id, node: nil, parent: nil, parentToken: nil))
        execution.events.append(.processStarted(process: definition.id))
        if let trigger { execution.events.append(trigger) }
        let token = execution.newToken(at: start.id, scope: 0)
        execution.schedule(token: token, node: start.id, via: nil)
        try execution.drain()
        return execution.finish()
    }

    /// Completes a task for `user` with an outcome (also set as the variable `outcome`), an opinion and variables.
    public func completeTask(_ taskID: Int, in instance: ProcessInstance, by user: String, outcome: String? = nil, opinion: String? = nil,
                             variables: [String: ExpressionValue] = [:], at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        // The task first: "already done" tells the person more than "the process has ended".
        let task = try execution.openTask(taskID)
        try execution.requireRunning()
        guard task.assignee == user || (task.assignee == nil && task.candidateUsers.contains(user)) else {
            throw WorkflowError.notAssignee(task: taskID, user: user)
        }
        if let holder = task.onHoldFor { throw WorkflowError.taskOnHold(task: taskID, waitingFor: holder) }
        for (name, value) in variables { execution.instance.variables[name] = value }
        if let outcome { execution.instance.variables["outcome"] = .string(outcome) }
        // The caller still holds the old state, so the first change copies the task list; copy it once with
        // room for the tasks this command creates, rather than copying it full and then growing it at once.
        execution.instance.tasks.reserveCapacity(execution.instance.tasks.count + 8)
        execution.updateTask(taskID) { task in
            task.state = .completed
            task.completedAt = now
            task.completedBy = user
            task.assignee = task.assignee ?? user
            task.outcome = outcome
            task.opinion = opinion
        }
        execution.events.append(.taskCompleted(task: taskID, activity: task.node, by: user, outcome: outcome))
        execution.lastCompletedTask = taskID
        if task.origin == .addedBefore, let original = task.addedTo {
            // 前加签 done: the step goes back to the person who added the signer.
            execution.updateTask(original) { $0.onHoldFor = nil }
        } else if let next = task.signersAfter.first {
            // 后加签: the step stays here until the added signers have signed, in order.
            try execution.addTask(to: task, signer: next, origin: .addedAfter, signersAfter: Array(task.signersAfter.dropFirst()))
        } else {
            try execution.activityFinished(token: task.token)
        }
        try execution.drain()
        return execution.finish()
    }

    /// Fires every timer due at `now`, in due order, running the instance on after each.
    public func fireDueTimers(in instance: ProcessInstance, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        guard instance.status == .running else { return execution.finish(bumpVersion: false) }
        var fired = 0
        while let job = execution.instance.timers.filter({ $0.due <= now }).min(by: { ($0.due, $0.id) < ($1.due, $1.id) }),
              fired < Self.maximumTimerFirings {
            try execution.fire(job)
            try execution.drain()
            fired += 1
            if execution.instance.status != .running { break }
        }
        return execution.finish(bumpVersion: fired > 0)
    }

    /// Records that the holder opened the task (after which the sender can no longer withdraw it).
    public func openTask(_ taskID: Int, in instance: ProcessInstance, by user: String, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        let task = try execution.openTask(taskID)
        guard task.assignee == user || task.candidateUsers.contains(user) else { throw WorkflowError.notAssignee(task: taskID, user: user) }
        if task.openedAt == nil { execution.updateTask(taskID) { $0.openedAt = now } }
        return execution.finish()
    }

    /// A candidate takes a task for themself.
    public func claim(_ taskID: Int, in instance: ProcessInstance, by user: String, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        try execution.requireRunning()
        let task = try execution.openTask(taskID)
        // Only a candidate claims, and only a task nobody holds.
        guard task.assignee == nil, task.candidateUsers.contains(user) else { throw WorkflowError.notAssignee(task: taskID, user: user) }
        execution.updateTask(taskID) { $0.assignee = user }
        return execution.finish()
    }

    /// Gives a claimed task back to its candidates.
    public func unclaim(_ taskID: Int, in instance: ProcessInstance, by user: String, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        try execution.requireRunning()
        let task = try execution.openTask(taskID)
        guard task.assignee == user, !task.candidateUsers.isEmpty || !task.candidateGroups.isEmpty else {
            throw WorkflowError.notAssignee(task: taskID, user: user)
        }
        execution.updateTask(taskID) { $0.assignee = nil }
        return execution.finish()
    }

    /// Ends the instance at once: open tasks are cancelled, timers dropped.
    public func terminate(_ instance: ProcessInstance, by user: String?, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        guard instance.status == .running || instance.status == .suspended else { throw WorkflowError.instanceNotRunning(instance.status) }
        execution.cancelScope(0)
        execution.instance.status = .terminated
        execution.instance.endedAt = now
        execution.events.append(.processTerminated(by: user))
        return execution.finish()
    }

    /// Pauses the instance: no task can be completed and no timer fires until it is resumed.
    public func suspend(_ instance: ProcessInstance, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        try execution.requireRunning()
        execution.instance.status = .suspended
        return execution.finish()
    }

    public func resume(_ instance: ProcessInstance, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        guard instance.status == .suspended else { throw WorkflowError.instanceNotRunning(instance.status) }
        execution.instance.status = .running
        return execution.finish()
    }
}

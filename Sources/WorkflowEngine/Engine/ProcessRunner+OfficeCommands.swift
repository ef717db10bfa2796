import Foundation

/// The office operations on tasks (转办, 退回, 收回, 加签, 催办) and 传阅.
extension ProcessRunner {
    /// 加签: before oneself (the added signer acts first, then the task comes back) or after (the step
    /// moves on only when the added signers have signed too).
    public enum SignerPosition: String, Sendable {
        case before, after
    }

    /// 转办: hands an open task to someone else.
    public func transfer(_ taskID: Int, in instance: ProcessInstance, by user: String, to other: String, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        let task = try execution.openTask(taskID)
        try execution.requireRunning()
        guard task.assignee == user else { throw WorkflowError.notAssignee(task: taskID, user: user) }
        guard other != user, !other.isEmpty else { throw WorkflowError.invalidCommand("不能转办给自己 / cannot transfer to oneself") }
        execution.updateTask(taskID) { $0.assignee = other; $0.openedAt = nil }
        execution.events.append(.taskTransferred(task: taskID, from: user, to: other))
        return execution.finish()
    }

    /// 退回: sends the step back to an earlier step (the previous one, or one of the activity's
    /// `returnTargets`); the person who did that step gets a new task there.
    public func returnTask(_ taskID: Int, in instance: ProcessInstance, by user: String, to target: String? = nil, reason: String,
                           at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        let task = try execution.openTask(taskID)
        try execution.requireRunning()
        guard task.assignee == user else { throw WorkflowError.notAssignee(task: taskID, user: user) }
        let reasonText = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reasonText.isEmpty else { throw WorkflowError.invalidCommand("退回须填写理由 / a return needs a reason") }
        let node = try execution.node(task.node, scope: task.scope)
        let previous = task.previousTask.flatMap { instance.task($0) }
        guard let targetID = target ?? previous?.node else {
            throw WorkflowError.returnNotAllowed(task: taskID, target: "-", reason: "没有上一步 / there is no previous step")
        }
        let allowed = node.returnTargets.isEmpty ? [previous?.node].compactMap { $0 } : node.returnTargets
        guard allowed.contains(targetID) else {
            throw WorkflowError.returnNotAllowed(task: taskID, target: targetID, reason: "流程不允许退回到该步 / the model does not allow it")
        }
        // The person to give it back to: whoever last completed the target step.
        guard let done = instance.tasks.last(where: { $0.node == targetID && $0.state == .completed }), let person = done.completedBy else {
            throw WorkflowError.returnNotAllowed(task: taskID, target: targetID, reason: "该步尚未办理 / that step was never done")
        }
        // The token that stands for this step in the process (a 会签 instance returns the whole step).
        let stepToken = execution.stepToken(for: task)
        guard let token = execution.token(stepToken) else { throw WorkflowError.taskNotOpen(taskID) }
        let targetNode = try execution.node(targetID, scope: token.scope)
        guard case .userTask = targetNode.kind, targetNode.scope == node.scope || execution.isInstanceBody(scope: task.scope, of: node.id) else {
            throw WorkflowError.returnNotAllowed(task: taskID, target: targetID, reason: "只能退回到同一层级的人工任务 / only to a user task at the same level")
        }
        guard execution.onlyPath(token: stepToken, scope: token.scope) else {
            throw WorkflowError.returnNotAllowed(task: taskID, target: targetID, reason: "并行办理中 / other branches are still open")
        }
        execution.updateTask(taskID) { $0.opinion = reasonText }
        execution.cancelActivity(token: stepToken, as: .returned)
        execution.events.append(.taskReturned(task: taskID, activity: task.node, to: targetID, reason: reasonText))
        let moved = execution.newToken(at: targetID, scope: token.scope)
        try execution.armBoundaryEvents(for: targetNode, token: moved, scope: token.scope)
        try execution.createTask(token: moved, node: targetNode, scope: token.scope, loopIndex: nil, assignee: person,
                                 origin: .returned, previousTask: taskID)
        return execution.finish()
    }

    /// 收回: the person who completed `taskID` takes it back while nobody has opened the next task(s).
    public func withdraw(_ taskID: Int, in instance: ProcessInstance, by user: String, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        try execution.requireRunning()
        guard let done = instance.task(taskID) else { throw WorkflowError.taskNotFound(taskID) }
        guard done.state == .completed, done.completedBy == user else {
            throw WorkflowError.withdrawNotAllowed(task: taskID, reason: "只有办理人本人可以收回已办结的任务 / only the person who completed it")
        }
        let next = instance.openTasks.filter { $0.previousTask == taskID }
        guard !next.isEmpty else { throw WorkflowError.withdrawNotAllowed(task: taskID, reason: "没有待办的下一步 / nothing open follows it") }
        guard next.allSatisfy({ $0.openedAt == nil }) else {
            throw WorkflowError.withdrawNotAllowed(task: taskID, reason: "下一步已被打开 / the next person has opened it")
        }
        let tokens = Set(next.map { execution.stepToken(for: $0) })
        let scopeID = done.scope
        let others = execution.instance.tokens.filter { $0.scope == scopeID && !tokens.contains($0.id) }
        guard others.isEmpty, !execution.instance.joins.contains(where: { $0.scope == scopeID }), execution.isTopOrSame(tokens: tokens, scope: scopeID) else {
            throw WorkflowError.withdrawNotAllowed(task: taskID, reason: "流程已并行推进 / the process has moved on along other paths")
        }
        for token in tokens.sorted() { execution.cancelActivity(token: token, as: .withdrawn) }
        let node = try execution.node(done.node, scope: scopeID)
        let token = execution.newToken(at: done.node, scope: scopeID)
        try execution.armBoundaryEvents(for: node, token: token, scope: scopeID)
        try execution.createTask(token: token, node: node, scope: scopeID, loopIndex: nil, assignee: user, origin: .withdrawn,
                                 previousTask: done.previousTask)
        execution.events.append(.taskWithdrawn(task: taskID, activity: done.node, by: user))
        return execution.finish()
    }

    /// 加签: adds a signer to the holder's step.
    public func addSigner(_ taskID: Int, in instance: ProcessInstance, by user: String, signer: String, position: SignerPosition,
                          at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        let task = try execution.openTask(taskID)
        try execution.requireRunning()
        guard task.assignee == user else { throw WorkflowError.notAssignee(task: taskID, user: user) }
        guard signer != user, !signer.isEmpty else { throw WorkflowError.invalidCommand("不能给自己加签 / cannot add oneself") }
        switch position {
        case .before:
            let added = try execution.addTask(to: task, signer: signer, origin: .addedBefore, signersAfter: [])
            execution.updateTask(taskID) { $0.onHoldFor = added }
        case .after:
            execution.updateTask(taskID) { $0.signersAfter.append(signer) }
        }
        execution.events.append(.signerAdded(task: taskID, signer: signer, before: position == .before))
        return execution.finish()
    }

    /// 催办: reminds the holder of an open task (the application sends the notice).
    public func remind(_ taskID: Int, in instance: ProcessInstance, by user: String, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        _ = try execution.openTask(taskID)
        try execution.requireRunning()
        execution.updateTask(taskID) { $0.reminders += 1; $0.lastRemindedAt = now }
        execution.events.append(.taskReminded(task: taskID, by: user))
        return execution.finish()
    }

    /// 传阅: sends the document to readers, all at once or (ordered) one after another.
    public func circulate(in instance: ProcessInstance, by user: String, to readers: [String], ordered: Bool, fromTask: Int? = nil,
                          note: String? = nil, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        let readers = readers.reduce(into: [String]()) { if !$0.contains($1), !$1.isEmpty { $0.append($1) } }
        guard !readers.isEmpty else { throw WorkflowError.invalidCommand("请选择阅件人 / choose at least one reader") }
        let batch = execution.nextID()
        for (index, reader) in readers.enumerated() {
            let delivered = !ordered || index == 0
            let item = CirculationItem(id: execution.nextID(), batch: batch, reader: reader, sentBy: user, fromTask: fromTask, note: note,
                                       state: delivered ? .unread : .queued, sentAt: now)
            execution.instance.circulations.append(item)
            if delivered { execution.events.append(.circulationSent(item: item.id, reader: reader, by: user)) }
        }
        return execution.finish()
    }

    /// Marks an item read (with an optional comment); in an ordered circulation the next reader gets it.
    public func markRead(_ itemID: Int, in instance: ProcessInstance, by reader: String, comment: String? = nil, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        guard let index = execution.instance.circulations.firstIndex(where: { $0.id == itemID }) else { throw WorkflowError.circulationNotFound(itemID) }
        let item = execution.instance.circulations[index]
        guard item.reader == reader, item.state != .queued else { throw WorkflowError.notReader(item: itemID, user: reader) }
        guard item.state == .unread else { return execution.finish(bumpVersion: false) }
        execution.instance.circulations[index].state = .read
        execution.instance.circulations[index].readAt = now
        execution.instance.circulations[index].comment = comment
        execution.events.append(.circulationRead(item: itemID, reader: reader))
        if let next = execution.instance.circulations.firstIndex(where: { $0.batch == item.batch && $0.state == .queued }) {
            execution.instance.circulations[next].state = .unread
            execution.instance.circulations[next].sentAt = now
            let queued = execution.instance.circulations[next]
            execution.events.append(.circulationSent(item: queued.id, reader: queued.reader, by: queued.sentBy))
        }
        return execution.finish()
    }

    /// A reader passes the document on to another reader.
    public func passOn(_ itemID: Int, in instance: ProcessInstance, by reader: String, to other: String, at now: Date) throws -> Outcome {
        var execution = Execution(runner: self, instance: instance, now: now)
        guard let item = execution.instance.circulations.first(where: { $0.id == itemID }) else { throw WorkflowError.circulationNotFound(itemID) }
        guard item.reader == reader, item.state != .queued else { throw WorkflowError.notReader(item: itemID, user: reader) }
        guard !other.isEmpty, other != reader else { throw WorkflowError.invalidCommand("请选择另一位阅件人 / choose another reader") }
        let passed = CirculationItem(id: execution.nextID(), batch: execution.nextID(), reader: other, sentBy: reader, fromTask: item.fromTask,
                                     note: item.note, state: .unread, sentAt: now, passedFrom: itemID)
        execution.instance.circulations.append(passed)
        execution.events.append(.circulationSent(item: passed.id, reader: other, by: reader))
        return execution.finish()
    }
}

extension Execution {
    /// The token that stands for a task's step in its scope: the task's own, or for a 会签 instance the activity's.
    func stepToken(for task: WorkTask) -> Int {
        if let scope = scope(task.scope), case .multiInstance = scope.kind, let parent = scope.parentToken { return parent }
        return task.token
    }

    /// Whether `token` is the only thing moving in its scope (no other tokens, no waiting joins).
    func onlyPath(token: Int, scope: Int) -> Bool {
        !instance.tokens.contains { $0.scope == scope && $0.id != token } && !instance.joins.contains { $0.scope == scope }
    }

    /// Whether every token lies directly in `scope`.
    func isTopOrSame(tokens: Set<Int>, scope: Int) -> Bool {
        tokens.allSatisfy { id in token(id)?.scope == scope }
    }

    /// Cancels a step's tasks (marking them returned or withdrawn) and removes its token and inner scopes.
    mutating func cancelActivity(token tokenID: Int, as state: WorkTask.State) {
        let before = Set(instance.tasks.filter { $0.state == .open }.map(\.id))
        cancelActivity(token: tokenID)
        for index in instance.tasks.indices where before.contains(instance.tasks[index].id) && instance.tasks[index].state == .cancelled {
            instance.tasks[index].state = state
        }
        events.removeAll { event in
            if case .taskCancelled(let task, _) = event, before.contains(task) { return true }
            return false
        }
    }

    /// 加签: a task for `signer` on the same step (same token), remembering whom it was added to.
    @discardableResult
    mutating func addTask(to task: WorkTask, signer: String, origin: WorkTask.Origin, signersAfter: [String]) throws -> Int {
        let node = try node(task.node, scope: task.scope)
        let id = try createTask(token: task.token, node: node, scope: task.scope, loopIndex: task.loopIndex, assignee: signer,
                                origin: origin, previousTask: task.id)
        updateTask(id) { $0.addedTo = task.addedTo ?? task.id; $0.signersAfter = signersAfter }
        return id
    }
}

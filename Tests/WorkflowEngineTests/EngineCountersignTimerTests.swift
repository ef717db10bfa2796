import Foundation
import Testing
@testable import WorkflowEngine

@Suite("Engine: 会签 (multi-instance), timers, task commands")
struct EngineCountersignTimerTests {
    func countersign(_ completion: String?, sequential: Bool = false) -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        let spec = MultiInstance(isSequential: sequential, collectionText: "${signers}", collection: try! Expression(parsing: "${signers}"),
                                 elementVariable: "signer", completionConditionText: completion,
                                 completionCondition: completion.map { try! Expression(parsing: $0) })
        model.node("countersign", .userTask, name: "会签", assignee: "${signer}", multiInstance: spec)
        model.node("sign", .userTask, name: "签发", assignee: "chenzq")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "countersign", "sign", "end")
        return model.build()
    }

    let five: ExpressionValue = ["a", "b", "c", "d", "e"]

    @Test("all must sign: one task per signer, the step ends after the last")
    func allSign() throws {
        var run = try Run(countersign(nil), variables: ["signers": ["gaoy", "liangc", "dux"]])
        #expect(run.instance.openTasks.map(\.assignee) == ["gaoy", "liangc", "dux"])
        #expect(run.instance.openTasks.map(\.loopIndex) == [0, 1, 2])
        try run.complete("countersign", by: "liangc")
        try run.complete("countersign", by: "gaoy")
        #expect(run.open == ["countersign"])
        try run.complete("countersign", by: "dux")
        #expect(run.open == ["sign"])
        #expect(run.instance.scopes.count == 1)
    }

    @Test("或签: the first signature ends the step and cancels the others")
    func anyOne() throws {
        var run = try Run(countersign("${nrOfCompletedInstances >= 1}"), variables: ["signers": ["gaoy", "liangc", "dux"]])
        try run.complete("countersign", by: "liangc")
        #expect(run.open == ["sign"])
        #expect(run.instance.tasks.filter { $0.state == .cancelled }.count == 2)
    }

    @Test("a quorum of 60% ends the step after 3 of 5")
    func quorum() throws {
        var run = try Run(countersign("${nrOfCompletedInstances/nrOfInstances >= 0.6}"), variables: ["signers": five])
        for signer in ["a", "b"] {
            let task = try #require(run.instance.openTasks.first { $0.assignee == signer })
            let outcome = try run.runner.completeTask(task.id, in: run.instance, by: signer, at: run.now)
            run.instance = outcome.instance
        }
        #expect(run.instance.openTasks.filter { $0.node == "countersign" }.count == 3)
        let third = try #require(run.instance.openTasks.first { $0.assignee == "c" })
        run.instance = try run.runner.completeTask(third.id, in: run.instance, by: "c", at: run.now).instance
        #expect(run.open == ["sign"])
    }

    @Test("sequential: the next signer gets the task after the previous one signed")
    func sequential() throws {
        var run = try Run(countersign(nil, sequential: true), variables: ["signers": ["gaoy", "liangc"]])
        #expect(run.instance.openTasks.map(\.assignee) == ["gaoy"])
        try run.complete("countersign", by: "gaoy")
        #expect(run.instance.openTasks.map(\.assignee) == ["liangc"])
        try run.complete("countersign", by: "liangc")
        #expect(run.open == ["sign"])
    }

    @Test("an empty collection skips the step; a collection that is not a list is a clear error")
    func emptyAndInvalid() throws {
        let empty = try Run(countersign(nil), variables: ["signers": []])
        #expect(empty.open == ["sign"])
        #expect(throws: WorkflowError.self) { _ = try Run(countersign(nil), variables: ["signers": "gaoy"]) }
    }

    func timed(boundary timer: String, interrupting: Bool, form: TimerDefinition.Form = .timeDuration) -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("handle", .userTask, name: "承办", assignee: "gaoy")
        model.node("done", .endEvent(terminate: false))
        model.node("late", .boundaryTimer(attachedTo: "handle", timer: TimerDefinition(form: form, text: timer)!, cancelActivity: interrupting))
        model.node(interrupting ? "escalate" : "remind", interrupting ? .userTask : .serviceTask(hook: "remind"), assignee: interrupting ? "zhangw" : nil)
        model.node("end2", .endEvent(terminate: false))
        model.chain("start", "handle", "done")
        model.chain("late", interrupting ? "escalate" : "remind", "end2")
        return model.build()
    }

    @Test("interrupting boundary timer: when the deadline passes the task is withdrawn and the escalation path starts")
    func interruptingTimer() throws {
        var run = try Run(timed(boundary: "PT2H", interrupting: true))
        #expect(run.instance.timers.count == 1)
        try run.advance(3600)
        #expect(run.open == ["handle"])
        try run.advance(3600)
        #expect(run.open == ["escalate"])
        #expect(run.instance.tasks.first { $0.node == "handle" }?.state == .cancelled)
        #expect(run.events.contains(.timerFired(timer: "late", activity: "handle")))
        #expect(run.instance.timers.isEmpty)
    }

    @Test("non-interrupting cycle R3/P1D reminds three times while the task stays open; completing it stops the timer")
    func reminderCycle() throws {
        var run = try Run(timed(boundary: "R3/P1D", interrupting: false, form: .timeCycle))
        try run.advance(5 * 86_400)
        let reminders = run.events.filter { $0 == .serviceCalled(activity: "remind", hook: "remind") }
        #expect(reminders.count == 3)
        #expect(run.open == ["handle"])
        #expect(run.instance.timers.isEmpty)
        var second = try Run(timed(boundary: "R3/P1D", interrupting: false, form: .timeCycle))
        try second.advance(86_400)
        try second.complete("handle")
        #expect(second.instance.timers.isEmpty)
        #expect(second.instance.status == .completed)
    }

    @Test("an intermediate timer holds the token until it is due")
    func intermediateTimer() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("wait", .intermediateTimer(.duration(ISODuration(days: 1))))
        model.node("next", .userTask)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "wait", "next", "end")
        var run = try Run(model.build())
        #expect(run.open.isEmpty)
        try run.advance(86_399)
        #expect(run.open.isEmpty)
        try run.advance(1)
        #expect(run.open == ["next"])
    }

    func twoSteps() -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("a", .userTask, assignee: "zhangw")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "a", "end")
        return model.build()
    }

    @Test("only the assignee completes a task; a done task cannot be completed twice")
    func assigneeOnly() throws {
        var run = try Run(twoSteps())
        let task = try run.openTask("a")
        #expect(throws: WorkflowError.notAssignee(task: task.id, user: "lina")) {
            _ = try run.runner.completeTask(task.id, in: run.instance, by: "lina", at: run.now)
        }
        let done = try run.runner.completeTask(task.id, in: run.instance, by: "zhangw", at: run.now).instance
        #expect(throws: WorkflowError.taskNotOpen(task.id)) {
            _ = try run.runner.completeTask(task.id, in: done, by: "zhangw", at: run.now)
        }
        run.instance = done
    }

    @Test("candidates claim and unclaim")
    func claim() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.nodes.append(FlowNode(id: "register", kind: .userTask, assignment: Assignment(candidateUsers: ["zhaom", "sunl"])))
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "register", "end")
        let run = try Run(model.build())
        let task = try run.openTask("register")
        #expect(task.assignee == nil && task.candidateUsers == ["zhaom", "sunl"])
        let claimed = try run.runner.claim(task.id, in: run.instance, by: "sunl", at: run.now).instance
        #expect(claimed.task(task.id)?.assignee == "sunl")
        #expect(throws: WorkflowError.self) { _ = try run.runner.claim(task.id, in: claimed, by: "zhaom", at: run.now) }
        let released = try run.runner.unclaim(task.id, in: claimed, by: "sunl", at: run.now).instance
        #expect(released.task(task.id)?.assignee == nil)
    }

    @Test("suspend stops completions and timers; resume continues; terminate cancels open tasks")
    func suspendResumeTerminate() throws {
        let run = try Run(timed(boundary: "PT1H", interrupting: true))
        let suspended = try run.runner.suspend(run.instance, at: run.now).instance
        let task = try run.openTask("handle")
        #expect(throws: WorkflowError.instanceNotRunning(.suspended)) {
            _ = try run.runner.completeTask(task.id, in: suspended, by: "gaoy", at: run.now)
        }
        let stillSuspended = try run.runner.fireDueTimers(in: suspended, at: run.now.addingTimeInterval(7200)).instance
        #expect(stillSuspended.openTasks.map(\.node) == ["handle"])
        let resumed = try run.runner.resume(stillSuspended, at: run.now).instance
        let escalated = try run.runner.fireDueTimers(in: resumed, at: run.now.addingTimeInterval(7200)).instance
        #expect(escalated.openTasks.map(\.node) == ["escalate"])
        let ended = try run.runner.terminate(resumed, by: "admin", at: run.now)
        #expect(ended.instance.status == .terminated)
        #expect(ended.instance.openTasks.isEmpty)
        #expect(ended.events.last == .processTerminated(by: "admin"))
    }

    @Test("opening a task records when, once")
    func openTask() throws {
        let run = try Run(twoSteps())
        let task = try run.openTask("a")
        let opened = try run.runner.openTask(task.id, in: run.instance, by: "zhangw", at: run.now.addingTimeInterval(60)).instance
        #expect(opened.task(task.id)?.openedAt == run.now.addingTimeInterval(60))
        let again = try run.runner.openTask(task.id, in: opened, by: "zhangw", at: run.now.addingTimeInterval(120)).instance
        #expect(again.task(task.id)?.openedAt == run.now.addingTimeInterval(60))
    }
}

import Foundation
import Testing
@testable import WorkflowEngine

@Suite("Engine: sequences, gateways, sub-processes")
struct EngineFlowTests {
    @Test("a sequence of tasks runs to its end, one task at a time")
    func sequence() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("draft", .userTask, name: "拟稿", assignee: "${initiator}")
        model.node("review", .userTask, name: "核稿", assignee: "zhangw")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "draft", "review", "end")
        var run = try Run(model.build())
        #expect(run.open == ["draft"])
        #expect(try run.openTask("draft").assignee == "zhaom")
        try run.complete("draft")
        #expect(run.open == ["review"])
        #expect(try run.openTask("review").previousTask == run.instance.tasks[0].id)
        try run.complete("review", outcome: "approved")
        #expect(run.open.isEmpty)
        #expect(run.instance.status == .completed)
        #expect(run.events.last == .processCompleted)
        #expect(run.instance.variables["outcome"] == "approved")
        #expect(run.instance.version == 3)
    }

    @Test("exclusive gateway takes the first matching condition, else the default")
    func exclusive() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("gw", .exclusiveGateway, defaultFlow: "small")
        model.node("leader", .userTask, assignee: "chenzq")
        model.node("director", .userTask, assignee: "zhangw")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "gw")
        model.flow("gw", "leader", "${amount > 5000}", id: "big")
        model.flow("gw", "director", id: "small")
        model.flow("leader", "end")
        model.flow("director", "end")
        let big = try Run(model.build(), variables: ["amount": 8000])
        #expect(big.open == ["leader"])
        #expect(big.taken == ["big"])
        let small = try Run(model.build(), variables: ["amount": 100])
        #expect(small.open == ["director"])
        #expect(small.taken == ["small"])
    }

    @Test("exclusive gateway with no match and no default is an error that leaves the instance at its last wait state")
    func noMatch() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("a", .userTask)
        model.node("gw", .exclusiveGateway)
        model.node("b", .userTask)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "a", "gw")
        model.flow("gw", "b", "= approved")
        model.chain("b", "end")
        var run = try Run(model.build())
        let before = run.instance
        let task = try run.openTask("a")
        #expect(throws: WorkflowError.noMatchingFlow(gateway: "gw")) {
            _ = try run.runner.completeTask(task.id, in: before, by: "zhaom", variables: ["approved": false], at: run.now)
        }
        try run.complete("a", variables: ["approved": true])
        #expect(run.open == ["b"])
    }

    @Test("a condition that cannot be evaluated names the flow and the expression")
    func badCondition() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("gw", .exclusiveGateway)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "gw")
        model.flow("gw", "end", "${amount > 5000}", id: "Flow_big")
        do {
            _ = try Run(model.build())
            Issue.record("started without amount")
        } catch let error as WorkflowError {
            guard case .conditionFailed(let flow, let message) = error else { Issue.record("\(error)"); return }
            #expect(flow == "Flow_big")
            #expect(message.contains("amount"))
        }
    }

    @Test("parallel split and join: the join waits for both branches")
    func parallel() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("fork", .parallelGateway)
        model.node("finance", .userTask, assignee: "gaoy")
        model.node("office", .userTask, assignee: "zhangw")
        model.node("join", .parallelGateway)
        model.node("sign", .userTask, assignee: "chenzq")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "fork")
        model.flow("fork", "finance"); model.flow("fork", "office")
        model.flow("finance", "join"); model.flow("office", "join")
        model.chain("join", "sign", "end")
        var run = try Run(model.build())
        #expect(Set(run.open) == ["finance", "office"])
        try run.complete("office")
        #expect(run.open == ["finance"])
        #expect(run.instance.joins.count == 1)
        try run.complete("finance")
        #expect(run.open == ["sign"])
        #expect(run.instance.joins.isEmpty)
        try run.complete("sign")
        #expect(run.instance.status == .completed)
    }

    @Test("inclusive split takes every true condition; the join waits for exactly those branches")
    func inclusive() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("split", .inclusiveGateway)
        model.node("finance", .userTask)
        model.node("legal", .userTask)
        model.node("hr", .userTask)
        model.node("join", .inclusiveGateway)
        model.node("sign", .userTask)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "split")
        model.flow("split", "finance", "'finance' in depts")
        model.flow("split", "legal", "'legal' in depts")
        model.flow("split", "hr", "'hr' in depts")
        for branch in ["finance", "legal", "hr"] { model.flow(branch, "join") }
        model.chain("join", "sign", "end")
        var run = try Run(model.build(), variables: ["depts": ["finance", "hr"]])
        #expect(run.open == ["finance", "hr"])
        try run.complete("hr")
        #expect(run.open == ["finance"])
        try run.complete("finance")
        #expect(run.open == ["sign"])
    }

    @Test("inclusive join fires when the only other branch ends elsewhere")
    func inclusiveJoinAfterOtherBranchEnds() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("split", .inclusiveGateway)
        model.node("a", .userTask)
        model.node("b", .userTask)
        model.node("check", .exclusiveGateway, defaultFlow: "b->join")
        model.node("join", .inclusiveGateway)
        model.node("after", .userTask)
        model.node("end", .endEvent(terminate: false))
        model.node("stop", .endEvent(terminate: false))
        model.chain("start", "split")
        model.flow("split", "a"); model.flow("split", "b")
        model.flow("a", "join")
        model.flow("b", "check")
        model.flow("check", "stop", "= dropped")
        model.flow("check", "join", id: "b->join")
        model.chain("join", "after", "end")
        var run = try Run(model.build())
        try run.complete("a")
        #expect(run.open == ["b"])
        try run.complete("b", variables: ["dropped": true])
        #expect(run.open == ["after"])
    }

    @Test("embedded sub-process: its tasks run inside, then the flow continues after it")
    func subProcess() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("sub", .subProcess)
        model.node("subStart", .startEvent, scope: "sub")
        model.node("inner", .userTask, scope: "sub")
        model.node("subEnd", .endEvent(terminate: false), scope: "sub")
        model.node("after", .userTask)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "sub", "after", "end")
        model.chain("subStart", "inner", "subEnd")
        var run = try Run(model.build())
        #expect(run.open == ["inner"])
        #expect(run.instance.scopes.count == 2)
        try run.complete("inner")
        #expect(run.open == ["after"])
        #expect(run.instance.scopes.count == 1)
        #expect(run.events.contains(.activityCompleted(activity: "sub")))
    }

    @Test("a terminate end event in one branch ends the whole process, cancelling the other task")
    func terminate() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("fork", .parallelGateway)
        model.node("a", .userTask)
        model.node("b", .userTask)
        model.node("kill", .endEvent(terminate: true))
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "fork")
        model.flow("fork", "a"); model.flow("fork", "b")
        model.flow("a", "kill"); model.flow("b", "end")
        var run = try Run(model.build())
        try run.complete("a")
        #expect(run.instance.status == .completed)
        #expect(run.open.isEmpty)
        #expect(run.instance.tasks.first { $0.node == "b" }?.state == .cancelled)
    }

    @Test("a call activity runs the called process and continues after it")
    func callActivity() throws {
        var called = ModelBuilder()
        called.node("cStart", .startEvent)
        called.node("countersign", .userTask, assignee: "gaoy")
        called.node("cEnd", .endEvent(terminate: false))
        called.chain("cStart", "countersign", "cEnd")
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("call", .callActivity(calledElement: "countersignProcess"))
        model.node("sign", .userTask)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "call", "sign", "end")
        var run = try Run(model.build(), environment: SimulationEnvironment(processes: [called.build(id: "countersignProcess")]))
        #expect(run.open == ["countersign"])
        try run.complete("countersign")
        #expect(run.open == ["sign"])
        #expect(throws: WorkflowError.unknownProcess("countersignProcess")) { _ = try Run(model.build()) }
    }

    @Test("a service task runs its hook at once and its variables steer the next gateway")
    func serviceTask() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("number", .serviceTask(hook: "assignNumber"))
        model.node("gw", .exclusiveGateway, defaultFlow: "other")
        model.node("dispatch", .userTask)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "number", "gw")
        model.flow("gw", "dispatch", "numbered == True", id: "ok")
        model.flow("gw", "end", id: "other")
        model.chain("dispatch", "end")
        let run = try Run(model.build(), environment: SimulationEnvironment(serviceResults: ["assignNumber": ["numbered": true]]))
        #expect(run.open == ["dispatch"])
        #expect(run.events.contains(.serviceCalled(activity: "number", hook: "assignNumber")))
    }

    @Test("the same commands at the same times give the same state and history")
    func deterministic() throws {
        func play() throws -> (ProcessInstance, [WorkflowEvent]) {
            var model = ModelBuilder()
            model.node("start", .startEvent)
            model.node("fork", .parallelGateway)
            model.node("a", .userTask); model.node("b", .userTask)
            model.node("join", .parallelGateway)
            model.node("end", .endEvent(terminate: false))
            model.chain("start", "fork"); model.flow("fork", "a"); model.flow("fork", "b")
            model.flow("a", "join"); model.flow("b", "join"); model.chain("join", "end")
            var run = try Run(model.build())
            try run.complete("b"); try run.complete("a")
            return (run.instance, run.events)
        }
        let first = try play(), second = try play()
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
    }
}

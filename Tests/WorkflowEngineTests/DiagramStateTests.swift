import Foundation
import Testing
@testable import WorkflowEngine

@Suite("Diagram: state of an instance")
struct DiagramStateTests {
    let names = ["zhangw": "张伟", "liuq": "刘强", "gaoy": "高颖", "chenzq": "陈志强"]

    @Test("done: completed tasks and passed nodes; current: tokens and open tasks; captions who and when (Beijing time)")
    func fromInstance() throws {
        var run = try Run(DiagramFixtures.approval())
        run.now = Run.t0.addingTimeInterval(3600)
        try run.complete("Draft", by: "zhangw")
        let state = DiagramState(instance: run.instance, passed: ["Start"], names: names)
        #expect(state.done == ["Start", "Draft"])
        #expect(state.current == ["Review"])
        #expect(state.state(of: "Review") == .current)
        #expect(state.state(of: "Sign") == nil)
        #expect(state.captions["Draft"] == ["张伟 2026-09-21 23:13"])
        #expect(state.captions["Review"] == ["刘强 办理中"])
        #expect(state.captions["Start"] == nil)

        let utc = DiagramState(instance: run.instance, timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.captions["Draft"] == ["zhangw 2026-09-21 15:13"])
        #expect(utc.done == ["Draft"])
    }

    @Test("a finished instance: everything done, nothing current, the latest completion per step")
    func finished() throws {
        var run = try Run(DiagramFixtures.approval(), variables: ["hasCountersign": true])
        for (step, user, minutes) in [("Draft", "zhangw", 5.0), ("Review", "liuq", 65), ("Countersign", "gaoy", 125), ("Sign", "chenzq", 185)] {
            run.now = Run.t0.addingTimeInterval(minutes * 60)
            try run.complete(step, by: user)
        }
        #expect(run.instance.status == .completed)
        let state = DiagramState(instance: run.instance, names: names)
        #expect(state.current.isEmpty)
        #expect(state.done == ["Draft", "Review", "Countersign", "Sign"])
        #expect(state.captions["Sign"] == ["陈志强 2026-09-22 01:18"])
    }

    @Test("会签: several holders at one step, more than three summarised; an unassigned task waits to be claimed")
    func holders() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        let spec = MultiInstance(isSequential: false, collectionText: "${signers}", collection: try Expression(parsing: "${signers}"),
                                 elementVariable: "signer")
        model.node("countersign", .userTask, name: "会签", assignee: "${signer}", multiInstance: spec)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "countersign", "end")
        let two = try Run(model.build(), variables: ["signers": ["gaoy", "liuq"]])
        #expect(DiagramState(instance: two.instance, names: names).captions["countersign"] == ["高颖 办理中", "刘强 办理中"])
        var five = try Run(model.build(), variables: ["signers": ["a", "b", "c", "d", "e"]])
        #expect(DiagramState(instance: five.instance).captions["countersign"] == ["a 办理中", "b 办理中", "等5人办理中"])
        // One signed: the step is still current (open tasks win over the completed one) and the caption lists who still holds it.
        try five.complete("countersign", by: "a")
        let partly = DiagramState(instance: five.instance)
        #expect(partly.current == ["countersign"])
        #expect(partly.done.isEmpty)
        #expect(partly.captions["countersign"] == ["b 办理中", "c 办理中", "等4人办理中"])

        var instance = two.instance
        for index in instance.tasks.indices { instance.tasks[index].assignee = nil }
        #expect(DiagramState(instance: instance).captions["countersign"] == ["待认领"])
    }

    @Test("sets: a node both current and done is current")
    func sets() {
        let state = DiagramState(current: ["a"], done: ["a", "b"])
        #expect(state.nodes == ["a": .current, "b": .done])
        #expect(DiagramState().nodes.isEmpty)
    }

    @Test("tokens and tasks of a called process are not this diagram's")
    func calledProcess() throws {
        var instance = ProcessInstance(id: "i", processID: "main", initiator: "zhaom", variables: [:], startedAt: Run.t0)
        instance.scopes = [Scope(id: 0, kind: .process, processID: "main", node: nil, parent: nil, parentToken: nil),
                           Scope(id: 1, kind: .subProcess, processID: "child", node: "call", parent: 0, parentToken: 1)]
        instance.tokens = [Token(id: 1, node: "call", scope: 0), Token(id: 2, node: "Review", scope: 1)]
        let state = DiagramState(instance: instance)
        #expect(state.current == ["call"])
    }
}

import Foundation
import Testing
@testable import WorkflowEngine

/// Multi-instance markers on every kind of activity the engine runs, not only user tasks: an embedded sub-process,
/// a call activity, a service task and a task with no work of its own each run once per element, in parallel or
/// one after another, with `loopCounter` and the element variable seen inside.
@Suite("多实例用于各类活动：子流程、调用活动、服务任务、空任务")
struct EngineMultiInstanceKindsTests {
    static func spec(sequential: Bool = false, collection: String? = "${units}", cardinality: String? = nil) -> MultiInstance {
        MultiInstance(isSequential: sequential, loopCardinalityText: cardinality, loopCardinality: cardinality.map { try! Expression(parsing: $0) },
                      collectionText: collection, collection: collection.map { try! Expression(parsing: $0) }, elementVariable: collection == nil ? nil : "unit")
    }

    /// start → (multi-instance sub-process: inner task held by the element) → after → end
    static func subProcess(sequential: Bool) -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("sub", .subProcess, multiInstance: spec(sequential: sequential))
        model.node("subStart", .startEvent, scope: "sub")
        model.node("inner", .userTask, scope: "sub", assignee: "${unit}")
        model.node("subEnd", .endEvent(terminate: false), scope: "sub")
        model.node("after", .userTask, assignee: "zhaom")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "sub", "after", "end")
        model.chain("subStart", "inner", "subEnd")
        return model.build()
    }

    @Test("并行多实例子流程：每个元素一个子流程实例，全部办完才继续")
    func parallelSubProcess() throws {
        var run = try Run(Self.subProcess(sequential: false), variables: ["units": ["qinghe", "baishui", "dongshan"]])
        #expect(run.instance.openTasks.map(\.assignee) == ["qinghe", "baishui", "dongshan"])
        try run.complete("inner", by: "baishui")
        try run.complete("inner", by: "qinghe")
        #expect(run.open == ["inner"])
        try run.complete("inner", by: "dongshan")
        #expect(run.open == ["after"])
        #expect(run.instance.scopes.count == 1, "every instance scope and the multi-instance body are closed")
        #expect(run.events.filter { $0 == .activityCompleted(activity: "sub") }.count == 1)
    }

    @Test("串行多实例子流程：一个办完才开始下一个")
    func sequentialSubProcess() throws {
        var run = try Run(Self.subProcess(sequential: true), variables: ["units": ["qinghe", "baishui"]])
        #expect(run.instance.openTasks.map(\.assignee) == ["qinghe"])
        try run.complete("inner", by: "qinghe")
        #expect(run.instance.openTasks.map(\.assignee) == ["baishui"])
        try run.complete("inner", by: "baishui")
        #expect(run.open == ["after"])
    }

    @Test("多实例调用活动：每个元素调用一次被调流程")
    func callActivity() throws {
        var called = ModelBuilder()
        called.node("cStart", .startEvent)
        called.node("review", .userTask, assignee: "${unit}")
        called.node("cEnd", .endEvent(terminate: false))
        called.chain("cStart", "review", "cEnd")
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("call", .callActivity(calledElement: "review"), multiInstance: Self.spec())
        model.node("after", .userTask, assignee: "zhaom")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "call", "after", "end")
        var run = try Run(model.build(), variables: ["units": ["qinghe", "baishui"]],
                          environment: SimulationEnvironment(processes: [called.build(id: "review")]))
        #expect(run.instance.openTasks.map(\.assignee) == ["qinghe", "baishui"])
        try run.complete("review", by: "qinghe")
        try run.complete("review", by: "baishui")
        #expect(run.open == ["after"])
        #expect(run.instance.scopes.count == 1)
    }

    @Test("多实例服务任务和空任务：按次数各执行一遍，然后继续")
    func serviceAndPlainTasks() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("notify", .serviceTask(hook: "sendNotice"), multiInstance: Self.spec(collection: nil, cardinality: "${3}"))
        model.node("check", .passThrough, multiInstance: Self.spec(sequential: true, collection: nil, cardinality: "${2}"))
        model.node("after", .userTask, assignee: "zhaom")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "notify", "check", "after", "end")
        let run = try Run(model.build(), environment: SimulationEnvironment(serviceResults: ["sendNotice": [:]]))
        #expect(run.events.filter { $0 == .serviceCalled(activity: "notify", hook: "sendNotice") }.count == 3)
        #expect(run.events.filter { $0 == .activityCompleted(activity: "check") }.count == 1)
        #expect(run.open == ["after"])
        #expect(run.instance.scopes.count == 1)
    }

    @Test("空集合：活动立即完成")
    func emptyCollection() throws {
        let run = try Run(Self.subProcess(sequential: false), variables: ["units": []])
        #expect(run.open == ["after"])
    }
}

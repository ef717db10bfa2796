import Foundation
import Testing
@testable import WorkflowEngine

/// `ProcessInstance.compacted()`: dropping the history no command reads changes nothing a command does.
@Suite("Engine: compaction")
struct CompactionTests {
    /// 拟稿 → 核稿 (may send back for revision) → 会签 → 签发 (may return to 拟稿 or 核稿, reminded daily) → 发文.
    func model() throws -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("draft", .userTask, name: "拟稿", assignee: "${initiator}")
        model.node("review", .userTask, name: "核稿", assignee: "liw")
        model.node("check", .exclusiveGateway, defaultFlow: "check->countersign")
        let signers = MultiInstance(isSequential: false, collectionText: "signers", collection: try Expression(parsing: "signers"),
                                    elementVariable: "signer")
        model.node("countersign", .userTask, name: "会签", assignee: "${signer}", multiInstance: signers)
        model.node("approve", .userTask, name: "签发", assignee: "chenzq")
        model.node("issue", .userTask, name: "发文", assignee: "wangf")
        model.node("end", .endEvent(terminate: false))
        model.node("remind", .boundaryTimer(attachedTo: "approve", timer: .cycle(repetitions: nil, interval: ISODuration(days: 1), start: nil),
                                            cancelActivity: false))
        model.node("notify", .passThrough)
        model.node("notified", .endEvent(terminate: false))
        model.chain("start", "draft", "review", "check")
        model.flow("check", "draft", #"${outcome == "revise"}"#)
        model.chain("check", "countersign", "approve", "issue", "end")
        model.chain("remind", "notify", "notified")
        var definition = model.build()
        definition.nodes["approve"]?.returnTargets = ["draft", "review"]
        definition.nodes["review"]?.dueIn = ISODuration(days: 2)
        definition.nodes["remind"]?.countsWorkingDays = true
        return definition
    }

    enum Step {
        /// `by` nil: whoever holds the task.
        case complete(String, by: String? = nil, outcome: String? = nil)
        case returnTask(String, by: String, to: String? = nil)
        /// 收回 of the task the open task at the node came from.
        case withdrawPrevious(of: String, by: String)
        case transfer(String, by: String, to: String)
        case addSigner(String, by: String, signer: String, ProcessRunner.SignerPosition)
        case circulate(by: String, to: [String])
        case markRead(by: String)
        /// Moves the clock on and fires the timers due.
        case wait(days: Double)
    }

    /// Sequence, a revision loop, 收回 twice back along the chain, 退回, 转办, 加签 before and after, 会签,
    /// 退回 to a named step, ordered 传阅, a reminder timer, 收回 again, to the end.
    let scenario: [Step] = [
        .complete("draft", by: "zhaom"),
        .complete("review", by: "liw", outcome: "revise"),
        .complete("draft", by: "zhaom"),
        .complete("review", by: "liw", outcome: "ok"),
        .withdrawPrevious(of: "countersign", by: "liw"),
        .withdrawPrevious(of: "review", by: "zhaom"),
        .returnTask("draft", by: "zhaom"),
        .transfer("review", by: "liw", to: "sunq"),
        .addSigner("review", by: "sunq", signer: "zhoul", .before),
        .complete("review", by: "zhoul"),
        .complete("review", by: "sunq", outcome: "ok"),
        .complete("countersign", by: "gaoy"),
        .addSigner("countersign", by: "liangc", signer: "hek", .after),
        .complete("countersign", by: "liangc"),
        .complete("countersign", by: "hek"),
        .complete("countersign", by: "dux"),
        .returnTask("approve", by: "chenzq", to: "review"),
        .complete("review", outcome: "ok"),
        .complete("countersign", by: "gaoy"),
        .complete("countersign", by: "liangc"),
        .complete("countersign", by: "dux"),
        .circulate(by: "chenzq", to: ["a", "b", "c"]),
        .markRead(by: "a"),
        .wait(days: 3),
        .markRead(by: "b"),
        .complete("approve", by: "chenzq"),
        .withdrawPrevious(of: "issue", by: "chenzq"),
        .complete("approve", by: "chenzq"),
        .complete("issue", by: "wangf"),
    ]

    /// What a person or the application can see after a step.
    struct Observed: Equatable {
        var events: [WorkflowEvent]
        var openTasks: [WorkTask]
        var status: ProcessInstance.Status
        var pendingCirculations: [CirculationItem]
        var tokens: [Token]
        var timers: [TimerJob]
        var variables: [String: ExpressionValue]
        var lastID: Int
        var version: Int
        /// Done and current steps, with who did them, as the diagram shows them.
        var diagram: DiagramState

        init(_ instance: ProcessInstance, events: [WorkflowEvent]) {
            self.events = events
            openTasks = instance.openTasks
            status = instance.status
            pendingCirculations = instance.circulations.filter { $0.state != .read }
            tokens = instance.tokens
            timers = instance.timers
            variables = instance.variables
            lastID = instance.lastID
            version = instance.version
            diagram = DiagramState(instance: instance)
        }
    }

    func apply(_ step: Step, runner: ProcessRunner, to instance: ProcessInstance, at now: inout Date) throws -> ProcessRunner.Outcome {
        func open(_ node: String, _ user: String?) throws -> WorkTask {
            try #require(instance.openTasks.first { $0.node == node && (user == nil || $0.assignee == user) },
                         "\(step): no open task at \(node) for \(user ?? "anyone")")
        }
        now += 3600
        switch step {
        case .complete(let node, let user, let outcome):
            let task = try open(node, user)
            return try runner.completeTask(task.id, in: instance, by: user ?? task.assignee ?? "", outcome: outcome, at: now)
        case .returnTask(let node, let user, let target):
            return try runner.returnTask(try open(node, user).id, in: instance, by: user, to: target, reason: "请修改", at: now)
        case .withdrawPrevious(let node, let user):
            let next = try #require(instance.openTasks.first { $0.node == node }, "\(step): nothing open at \(node)")
            return try runner.withdraw(try #require(next.previousTask), in: instance, by: user, at: now)
        case .transfer(let node, let user, let other):
            return try runner.transfer(try open(node, user).id, in: instance, by: user, to: other, at: now)
        case .addSigner(let node, let user, let signer, let position):
            return try runner.addSigner(try open(node, user).id, in: instance, by: user, signer: signer, position: position, at: now)
        case .circulate(let user, let readers):
            return try runner.circulate(in: instance, by: user, to: readers, ordered: true, note: "请阅", at: now)
        case .markRead(let reader):
            let item = try #require(instance.circulations.first { $0.reader == reader && $0.state == .unread }, "\(step): nothing to read")
            return try runner.markRead(item.id, in: instance, by: reader, comment: "已阅", at: now)
        case .wait(let days):
            now += days * 86_400
            return try runner.fireDueTimers(in: instance, at: now)
        }
    }

    /// Runs the scenario, compacting after every command or never; what was observed after each step, and the end state.
    func play(compacting: Bool) throws -> (observed: [Observed], instance: ProcessInstance, largest: Int) {
        let runner = ProcessRunner(definition: try model())
        var now = Run.t0
        var outcome = try runner.start(instanceID: "i1", initiator: "zhaom", variables: ["signers": ["gaoy", "liangc", "dux"]], at: now)
        var instance = compacting ? outcome.instance.compacted() : outcome.instance
        var observed = [Observed(instance, events: outcome.events)]
        var largest = instance.tasks.count
        for step in scenario {
            outcome = try apply(step, runner: runner, to: instance, at: &now)
            instance = compacting ? outcome.instance.compacted() : outcome.instance
            observed.append(Observed(instance, events: outcome.events))
            largest = max(largest, instance.tasks.count)
        }
        return (observed, instance, largest)
    }

    @Test("compacting after every command changes no open task, event, status or diagram")
    func compactionIsInvisible() throws {
        let full = try play(compacting: false)
        let compact = try play(compacting: true)
        #expect(full.observed.count == scenario.count + 1)
        for (index, (expected, actual)) in zip(full.observed, compact.observed).enumerated() {
            #expect(actual == expected, "after step \(index): \(index == 0 ? "start" : "\(scenario[index - 1])")")
        }
        #expect(full.instance.status == .completed)
        #expect(compact.instance.status == .completed)
        // It did drop something, and compacting once at the end keeps exactly what compacting all along kept.
        #expect(compact.largest < full.largest)
        #expect(compact.instance.circulations.count < full.instance.circulations.count)
        #expect(full.instance.compacted() == compact.instance)
        #expect(full.instance.compacted().compacted() == full.instance.compacted())
    }

    @Test("what compaction keeps: open tasks, each step's last completed task, the chain open tasks come from")
    func whatIsKept() throws {
        let runner = ProcessRunner(definition: try model())
        var now = Run.t0
        var instance = try runner.start(instanceID: "i1", initiator: "zhaom", variables: ["signers": ["gaoy", "liangc", "dux"]], at: now).instance
        for step in scenario.prefix(5) {
            instance = try apply(step, runner: runner, to: instance, at: &now).instance
        }
        // 核稿 given back to liw after 收回; it came from the second 拟稿, which came from the first 核稿 (not the
        // last completed 核稿, but 收回 of the second 拟稿 would point the new task at it), which came from the first 拟稿.
        let compacted = instance.compacted()
        #expect(instance.tasks.map(\.node) == ["draft", "review", "draft", "review", "countersign", "countersign", "countersign", "review"])
        #expect(compacted.tasks.map(\.node) == ["draft", "review", "draft", "review", "review"])
        #expect(compacted.tasks.map(\.state) == [.completed, .completed, .completed, .completed, .open])
        #expect(compacted.openTasks == instance.openTasks)
    }

    @Test("a compacted instance round-trips through JSON, and an instance stored before dueAt existed still reads")
    func jsonRoundTrip() throws {
        let runner = ProcessRunner(definition: try model())
        var now = Run.t0
        var instance = try runner.start(instanceID: "i1", initiator: "zhaom", variables: ["signers": ["gaoy", "liangc", "dux"]], at: now).instance
        for step in scenario.prefix(23) {
            instance = try apply(step, runner: runner, to: instance, at: &now).instance
        }
        let compacted = instance.compacted()
        #expect(!compacted.timers.isEmpty && !compacted.circulations.isEmpty && compacted.openTasks.count == 1)
        #expect(compacted.tasks.contains { $0.dueAt != nil })
        let data = try JSONEncoder().encode(compacted)
        #expect(try JSONDecoder().decode(ProcessInstance.self, from: data) == compacted)
        #expect(data.count < (try JSONEncoder().encode(instance)).count)

        // Without any `dueAt` key (as stored before it existed) the tasks read with no time limit.
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        object["tasks"] = tasks.map { task in task.filter { $0.key != "dueAt" } }
        let old = try JSONDecoder().decode(ProcessInstance.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.tasks.allSatisfy { $0.dueAt == nil })
        #expect(old.tasks.map(\.id) == compacted.tasks.map(\.id))
    }
}

import Foundation
import Testing
@testable import WorkflowEngine

@Suite("Engine: 转办, 退回, 收回, 加签, 委托, 催办, 传阅")
struct EngineOfficeCommandTests {
    /// 拟稿 (initiator) → 核稿 (zhangw) → 签发 (chenzq, may return to 拟稿 or 核稿) → end.
    func approval(signReturnTargets: [String] = ["draft", "review"]) -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("draft", .userTask, name: "拟稿", assignee: "${initiator}")
        model.node("review", .userTask, name: "核稿", assignee: "zhangw")
        model.node("sign", .userTask, name: "签发", assignee: "chenzq")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "draft", "review", "sign", "end")
        var definition = model.build()
        definition.nodes["sign"]?.returnTargets = signReturnTargets
        return definition
    }

    @Test("转办: the task moves to another person; only the holder may do it")
    func transfer() throws {
        let run = try Run(approval())
        let task = try run.openTask("draft")
        #expect(throws: WorkflowError.notAssignee(task: task.id, user: "lina")) {
            _ = try run.runner.transfer(task.id, in: run.instance, by: "lina", to: "huangl", at: run.now)
        }
        let moved = try run.runner.transfer(task.id, in: run.instance, by: "zhaom", to: "huangl", at: run.now)
        #expect(moved.instance.task(task.id)?.assignee == "huangl")
        #expect(moved.events == [.taskTransferred(task: task.id, from: "zhaom", to: "huangl")])
    }

    @Test("退回 to the previous step: the person who did it gets a new task; a reason is required")
    func returnToPrevious() throws {
        var run = try Run(approval())
        try run.complete("draft")
        let review = try run.openTask("review")
        #expect(throws: WorkflowError.self) {
            _ = try run.runner.returnTask(review.id, in: run.instance, by: "zhangw", reason: "  ", at: run.now)
        }
        let outcome = try run.runner.returnTask(review.id, in: run.instance, by: "zhangw", reason: "标题不规范", at: run.now)
        run.instance = outcome.instance
        #expect(run.open == ["draft"])
        let again = try run.openTask("draft")
        #expect(again.assignee == "zhaom" && again.origin == .returned && again.previousTask == review.id)
        #expect(run.instance.task(review.id)?.state == .returned)
        #expect(run.instance.task(review.id)?.opinion == "标题不规范")
        #expect(outcome.events.contains(.taskReturned(task: review.id, activity: "review", to: "draft", reason: "标题不规范")))
        try run.complete("draft")
        #expect(run.open == ["review"])
    }

    @Test("退回 to an earlier step the model allows; other targets are refused")
    func returnToAllowedTarget() throws {
        var run = try Run(approval(signReturnTargets: ["draft"]))
        try run.complete("draft")
        try run.complete("review")
        let sign = try run.openTask("sign")
        #expect(throws: WorkflowError.self) {
            _ = try run.runner.returnTask(sign.id, in: run.instance, by: "chenzq", to: "review", reason: "再核", at: run.now)
        }
        run.instance = try run.runner.returnTask(sign.id, in: run.instance, by: "chenzq", to: "draft", reason: "重写", at: run.now).instance
        #expect(run.instance.openTasks.map(\.node) == ["draft"])
        #expect(run.instance.openTasks.first?.assignee == "zhaom")
    }

    @Test("收回: the sender takes the task back while the next person has not opened it")
    func withdraw() throws {
        var run = try Run(approval())
        try run.complete("draft")
        let draft = try #require(run.instance.tasks.first { $0.node == "draft" })
        #expect(throws: WorkflowError.self) { _ = try run.runner.withdraw(draft.id, in: run.instance, by: "zhangw", at: run.now) }
        let outcome = try run.runner.withdraw(draft.id, in: run.instance, by: "zhaom", at: run.now)
        #expect(outcome.instance.openTasks.map(\.node) == ["draft"])
        #expect(outcome.instance.openTasks.first?.origin == .withdrawn)
        #expect(outcome.instance.tasks.first { $0.node == "review" }?.state == .withdrawn)

        let review = try run.openTask("review")
        let opened = try run.runner.openTask(review.id, in: run.instance, by: "zhangw", at: run.now).instance
        #expect(throws: WorkflowError.withdrawNotAllowed(task: draft.id, reason: "下一步已被打开 / the next person has opened it")) {
            _ = try run.runner.withdraw(draft.id, in: opened, by: "zhaom", at: run.now)
        }
    }

    @Test("前加签: the added signer acts first, then the task comes back to its holder")
    func addSignerBefore() throws {
        var run = try Run(approval())
        try run.complete("draft")
        let review = try run.openTask("review")
        run.instance = try run.runner.addSigner(review.id, in: run.instance, by: "zhangw", signer: "lina", position: .before, at: run.now).instance
        #expect(run.instance.openTasks.map(\.assignee) == ["zhangw", "lina"])
        #expect(throws: WorkflowError.self) { _ = try run.runner.completeTask(review.id, in: run.instance, by: "zhangw", at: run.now) }
        try run.complete("review", by: "lina")
        #expect(run.instance.openTasks.map(\.assignee) == ["zhangw"])
        try run.complete("review", by: "zhangw")
        #expect(run.open == ["sign"])
    }

    @Test("后加签: the step moves on only after the added signers have signed, in order")
    func addSignerAfter() throws {
        var run = try Run(approval())
        try run.complete("draft")
        let review = try run.openTask("review")
        run.instance = try run.runner.addSigner(review.id, in: run.instance, by: "zhangw", signer: "lina", position: .after, at: run.now).instance
        run.instance = try run.runner.addSigner(review.id, in: run.instance, by: "zhangw", signer: "maj", position: .after, at: run.now).instance
        try run.complete("review", by: "zhangw")
        #expect(run.instance.openTasks.map(\.assignee) == ["lina"])
        try run.complete("review", by: "lina")
        #expect(run.instance.openTasks.map(\.assignee) == ["maj"])
        try run.complete("review", by: "maj")
        #expect(run.open == ["sign"])
    }

    @Test("委托: between the two dates a person's new tasks go to the deputy, and both are shown on the task")
    func delegation() throws {
        let rule = DelegationRule(person: "zhangw", deputy: "lina", from: Run.t0, until: Run.t0.addingTimeInterval(86_400))
        var run = try Run(approval(), environment: SimulationEnvironment(delegations: [rule]))
        try run.complete("draft")
        let review = try run.openTask("review")
        #expect(review.assignee == "lina" && review.delegatedFrom == "zhangw")
        var later = try Run(approval(), environment: SimulationEnvironment(delegations: [rule]))
        later.now = Run.t0.addingTimeInterval(2 * 86_400)
        try later.complete("draft")
        #expect(try later.openTask("review").assignee == "zhangw")
    }

    @Test("催办 counts reminders on the open task")
    func remind() throws {
        let run = try Run(approval())
        let task = try run.openTask("draft")
        let once = try run.runner.remind(task.id, in: run.instance, by: "zhangw", at: run.now)
        let twice = try run.runner.remind(task.id, in: once.instance, by: "zhangw", at: run.now.addingTimeInterval(60))
        #expect(twice.instance.task(task.id)?.reminders == 2)
        #expect(twice.instance.task(task.id)?.lastRemindedAt == run.now.addingTimeInterval(60))
        #expect(twice.events == [.taskReminded(task: task.id, by: "zhangw")])
    }

    @Test("传阅 in parallel and in order; readers mark read with a comment or pass it on")
    func circulation() throws {
        let run = try Run(approval())
        let parallel = try run.runner.circulate(in: run.instance, by: "zhaom", to: ["a", "b", "a"], ordered: false, note: "请阅", at: run.now).instance
        #expect(parallel.circulations.map(\.reader) == ["a", "b"])
        #expect(parallel.circulations.allSatisfy { $0.state == .unread })
        let first = parallel.circulations[0]
        let read = try run.runner.markRead(first.id, in: parallel, by: "a", comment: "已阅", at: run.now).instance
        #expect(read.circulations[0].state == .read && read.circulations[0].comment == "已阅")
        #expect(throws: WorkflowError.notReader(item: first.id, user: "b")) { _ = try run.runner.markRead(first.id, in: parallel, by: "b", at: run.now) }

        let ordered = try run.runner.circulate(in: run.instance, by: "zhaom", to: ["x", "y"], ordered: true, at: run.now).instance
        #expect(ordered.circulations.map(\.state) == [.unread, .queued])
        let afterX = try run.runner.markRead(ordered.circulations[0].id, in: ordered, by: "x", at: run.now).instance
        #expect(afterX.circulations.map(\.state) == [.read, .unread])

        let passed = try run.runner.passOn(first.id, in: parallel, by: "a", to: "c", at: run.now).instance
        #expect(passed.circulations.last?.reader == "c")
        #expect(passed.circulations.last?.passedFrom == first.id)
    }

    @Test("退回 from a 会签 instance sends the whole step back")
    func returnFromCountersign() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("draft", .userTask, assignee: "${initiator}")
        let spec = MultiInstance(isSequential: false, collectionText: "signers", collection: try Expression(parsing: "signers"), elementVariable: "signer")
        model.node("countersign", .userTask, assignee: "${signer}", multiInstance: spec)
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "draft", "countersign", "end")
        var run = try Run(model.build(), variables: ["signers": ["gaoy", "dux"]])
        try run.complete("draft")
        let mine = try #require(run.instance.openTasks.first { $0.assignee == "dux" })
        run.instance = try run.runner.returnTask(mine.id, in: run.instance, by: "dux", reason: "依据不足", at: run.now).instance
        #expect(run.open == ["draft"])
        #expect(run.instance.scopes.count == 1)
        #expect(run.instance.tasks.filter { $0.node == "countersign" }.allSatisfy { $0.state == .returned })
    }
}

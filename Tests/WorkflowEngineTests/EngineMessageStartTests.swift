import Foundation
import Testing
@testable import WorkflowEngine

/// Message start events: a message that reaches one starts a new instance.
@Suite("Engine: message start events")
struct EngineMessageStartTests {
    /// 收文: started by hand (none start) or by a 来文 message keyed by the document's id.
    func incoming() -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("received", .messageStart(message: "来文"), correlationKey: "docId")
        model.node("register", .userTask, name: "登记", assignee: "${clerk}")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "register", "end")
        model.chain("received", "register")
        return model.build(id: "incoming")
    }

    @Test("来文 starts 收文 at its start event: payload and key become variables, 登记 opens for the clerk it names")
    func startsAnInstance() throws {
        let runner = ProcessRunner(definition: incoming())
        let message = WorkflowMessage(name: "来文", correlationKey: "D-17", payload: ["clerk": "zhaom", "title": "关于防汛的通知"], id: "m-1")
        #expect(runner.startsOnMessage("来文"))
        // when
        let outcome = try runner.startByMessage(message, instanceID: "i1", initiator: "system", at: Run.t0)
        // then
        #expect(outcome.events.prefix(2) == [.processStarted(process: "incoming"),
                                             .messageCaught(message: "来文", activity: "received", correlationKey: "D-17")])
        #expect(outcome.instance.openTasks.map(\.assignee) == ["zhaom"])
        #expect(outcome.instance.variables["docId"] == "D-17")
        #expect(outcome.instance.variables["title"] == "关于防汛的通知")
        #expect(outcome.instance.caughtMessageIDs == ["m-1"])
        #expect(!outcome.events.contains(.activityCompleted(activity: "start")))
    }

    @Test("a message no start event waits for is refused; the none start still starts by hand")
    func unknownMessage() throws {
        let runner = ProcessRunner(definition: incoming())
        #expect(!runner.startsOnMessage("批复"))
        #expect(throws: EventError.noMessageStart(message: "批复", process: "incoming")) {
            _ = try runner.startByMessage(WorkflowMessage(name: "批复"), instanceID: "i1", initiator: "system", at: Run.t0)
        }
        let byHand = try runner.start(instanceID: "i2", initiator: "zhaom", variables: ["clerk": "zhaom"], at: Run.t0)
        #expect(byHand.instance.openTasks.map(\.node) == ["register"])
        #expect(!byHand.events.contains { if case .messageCaught = $0 { true } else { false } })
    }
}

import Foundation
import Testing
@testable import WorkflowEngine

@Suite("Simulation (workflow simulate)")
struct SimulationTests {
    func model() -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("review", .userTask, name: "核稿", assignee: "zhangw")
        model.node("gw", .exclusiveGateway)
        model.node("sign", .userTask, name: "签发", assignee: "chenzq")
        model.node("end", .endEvent(terminate: false))
        model.node("late", .boundaryTimer(attachedTo: "sign", timer: .duration(ISODuration(hours: 4)), cancelActivity: true))
        model.node("lateEnd", .endEvent(terminate: false))
        model.chain("start", "review", "gw")
        model.flow("gw", "sign", "${amount > 5000}", id: "big")
        model.chain("sign", "end")
        model.chain("late", "lateEnd")
        return model.build()
    }

    func lines(_ simulation: Simulation) -> ([String], Simulation.Ending) {
        var events: [String] = []
        let ending = simulation.run { line in
            if case .string(let name)? = line["event"] { events.append(name) }
        }
        return (events, ending)
    }

    @Test("--complete-all runs to the end and exits 0")
    func completesAll() {
        let (events, ending) = lines(Simulation(definition: model(), variables: ["amount": 8000], completeAll: true))
        #expect(ending == .completed)
        #expect(events == ["processStarted", "taskCreated", "taskCompleted", "activityCompleted", "gatewayTaken", "taskCreated",
                           "taskCompleted", "activityCompleted", "activityCompleted", "processCompleted"])
    }

    @Test("without --complete-all it stops waiting (exit 3)")
    func waits() {
        let (events, ending) = lines(Simulation(definition: model(), variables: ["amount": 8000]))
        #expect(ending == .waiting)
        #expect(events == ["processStarted", "taskCreated"])
    }

    @Test("a runtime error is reported as an error event (exit 1)")
    func error() {
        var lastMessage = ""
        let ending = Simulation(definition: model(), variables: ["amount": 10], completeAll: true).run { line in
            if case .string(let message)? = line["message"] { lastMessage = message }
        }
        #expect(ending == .failed)
        #expect(lastMessage.contains("gw"))
    }

    @Test("--advance moves the clock so due timers fire")
    func advance() {
        var definition = model()
        definition.nodes["late"]?.kind = .boundaryTimer(attachedTo: "review", timer: .duration(ISODuration(hours: 4)), cancelActivity: true)
        var simulation = Simulation(definition: definition, variables: ["amount": 8000])
        simulation.advance = ISODuration(hours: 5)
        var fired = false
        _ = simulation.run { line in if line["event"] == "timerFired" { fired = true } }
        #expect(fired)
    }

    /// 请示: drafted, then waiting for the 批复 of its document.
    func awaitingReply(start: FlowNode.Kind = .startEvent) -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", start, correlationKey: start == .startEvent ? nil : "docId")
        model.node("draft", .userTask, name: "拟稿", assignee: "zhaom")
        model.node("reply", .messageCatch(message: "批复"), correlationKey: "docId")
        model.node("handle", .userTask, name: "办理", assignee: "${handler}")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "draft", "reply", "handle", "end")
        return model.build()
    }

    @Test("a scripted message is delivered once the open tasks are done; its payload names the next holder")
    func deliversMessages() {
        var holders: [String] = []
        var events: [String] = []
        let simulation = Simulation(definition: awaitingReply(), variables: ["docId": "D-1"], completeAll: true,
                                    messages: [WorkflowMessage(name: "批复", correlationKey: "D-1", payload: ["handler": "liangc"])])
        let ending = simulation.run { line in
            if case .string(let name)? = line["event"] { events.append(name) }
            if line["event"] == "taskCreated", case .string(let holder)? = line["assignee"] { holders.append(holder) }
        }
        #expect(ending == .completed)
        #expect(events.contains("messageCaught"))
        #expect(holders == ["zhaom", "liangc"])
        // Without the message it waits at the catch event.
        #expect(lines(Simulation(definition: awaitingReply(), variables: ["docId": "D-1"], completeAll: true)).1 == .waiting)
    }

    @Test("a scripted message with another key fails the run with the refusal (exit 1)")
    func wrongKeyFails() {
        var lastMessage = ""
        let simulation = Simulation(definition: awaitingReply(), variables: ["docId": "D-1"], completeAll: true,
                                    messages: [WorkflowMessage(name: "批复", correlationKey: "D-2")])
        let ending = simulation.run { line in
            if case .string(let message)? = line["message"] { lastMessage = message }
        }
        #expect(ending == .failed)
        #expect(lastMessage.contains("D-2"))
    }

    @Test("a model that starts only on a message starts on the first scripted one")
    func startsOnMessage() {
        let simulation = Simulation(definition: awaitingReply(start: .messageStart(message: "请示")), completeAll: true, messages: [
            WorkflowMessage(name: "请示", correlationKey: "D-1"),
            WorkflowMessage(name: "批复", correlationKey: "D-1", payload: ["handler": "liangc"]),
        ])
        let (events, ending) = lines(simulation)
        #expect(ending == .completed)
        #expect(events.prefix(2) == ["processStarted", "messageCaught"])
        #expect(events.filter { $0 == "messageCaught" }.count == 2)
    }
}

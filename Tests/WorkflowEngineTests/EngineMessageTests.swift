import Foundation
import Testing
@testable import WorkflowEngine

/// Message catch events, receive tasks, boundary messages, send tasks and throw events, as a user of the
/// application sees them: which step is open after a message, and which messages are refused.
@Suite("Engine: messages")
struct EngineMessageTests {
    /// 请示 sent out for a reply: the draft, then a wait for the 批复 of the document in `docId`, then 办理.
    func waitForReply(_ wait: FlowNode.Kind = .messageCatch(message: "批复"), key: String? = "docId") -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("draft", .userTask, name: "拟稿", assignee: "zhaom")
        model.node("reply", wait, name: "等待批复", correlationKey: key)
        model.node("handle", .userTask, name: "办理", assignee: "${handler}")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "draft", "reply", "handle", "end")
        return model.build()
    }

    @Test("批复 caught by its document's key: the payload is kept and 办理 opens for the person it names")
    func catchEventOpensTheNextStep() throws {
        var run = try Run(waitForReply(), variables: ["docId": "D-17"])
        try run.complete("draft")
        #expect(run.open == [])
        #expect(run.instance.messageSubscriptions.map(\.correlationKey) == ["D-17"])
        // when
        try run.deliver(WorkflowMessage(name: "批复", correlationKey: "D-17", payload: ["handler": "liangc", "approved": true]))
        // then
        #expect(run.open == ["handle"])
        #expect(try run.openTask("handle").assignee == "liangc")
        #expect(run.instance.variables["approved"] == .bool(true))
        #expect(run.instance.messageSubscriptions.isEmpty)
        #expect(run.events.contains(.messageCaught(message: "批复", activity: "reply", correlationKey: "D-17")))
    }

    @Test("a receive task waits as a step does and completes on the message")
    func receiveTask() throws {
        var run = try Run(waitForReply(.receiveTask(message: "批复")), variables: ["docId": "D-17"])
        try run.complete("draft")
        #expect(run.instance.activeNodes == ["reply"])
        try run.deliver(WorkflowMessage(name: "批复", correlationKey: "D-17", payload: ["handler": "liangc"]))
        #expect(run.open == ["handle"])
        #expect(run.events.contains(.activityCompleted(activity: "reply")))
    }

    @Test("a message with another document's key is refused with the key waited for, and nothing moves")
    func wrongKeyIsRefused() throws {
        var run = try Run(waitForReply(), variables: ["docId": "D-17"])
        try run.complete("draft")
        let before = run.instance
        #expect(throws: EventError.correlationMismatch(message: "批复", key: "D-18", expected: ["D-17"])) {
            try run.deliver(WorkflowMessage(name: "批复", correlationKey: "D-18"))
        }
        #expect(throws: EventError.correlationMismatch(message: "批复", key: nil, expected: ["D-17"])) {
            try run.deliver(WorkflowMessage(name: "批复"))
        }
        #expect(throws: EventError.notWaiting(message: "来文")) {
            try run.deliver(WorkflowMessage(name: "来文", correlationKey: "D-17"))
        }
        #expect(run.instance == before)
    }

    @Test("before the token reaches the catch event, the message is refused: nothing waits yet")
    func tooEarlyIsRefused() throws {
        var run = try Run(waitForReply(), variables: ["docId": "D-17"])
        #expect(throws: EventError.notWaiting(message: "批复")) {
            try run.deliver(WorkflowMessage(name: "批复", correlationKey: "D-17"))
        }
        #expect(run.open == ["draft"])
    }

    @Test("the key is an expression read when the token arrives; a missing value refuses the step that leads there")
    func keyExpression() throws {
        var run = try Run(waitForReply(key: "${doc.id}"), variables: ["doc": ["id": 42]])
        try run.complete("draft")
        #expect(run.instance.messageSubscriptions.first?.correlationKey == "42")
        var missing = try Run(waitForReply(), variables: [:])
        #expect(throws: EventError.self) { try missing.complete("draft") }
        #expect(missing.open == ["draft"])
    }

    @Test("the same message delivered twice with the same id is caught once; the retry leaves the version as it was")
    func sameIDIsCaughtOnce() throws {
        // A non-interrupting boundary message could catch any number of times: only the id tells a retry apart.
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("handle", .userTask, name: "办理", assignee: "liangc")
        model.node("urge", .boundaryMessage(attachedTo: "handle", message: "催办", cancelActivity: false), correlationKey: "docId")
        model.node("note", .userTask, name: "登记催办", assignee: "zhaom")
        model.node("end", .endEvent(terminate: false))
        model.node("noteEnd", .endEvent(terminate: false))
        model.chain("start", "handle", "end")
        model.chain("urge", "note", "noteEnd")
        var run = try Run(model.build(), variables: ["docId": "D-17"])
        let message = WorkflowMessage(name: "催办", correlationKey: "D-17", id: "urge-1")
        // when
        try run.deliver(message)
        let version = run.instance.version
        let retry = try run.runner.deliverMessage(message, to: run.instance, at: run.now)
        // then
        #expect(retry.events.isEmpty)
        #expect(retry.instance == run.instance)
        #expect(retry.instance.version == version)
        #expect(run.open == ["handle", "note"])
        // A second 催办 (another id) is another message.
        try run.deliver(WorkflowMessage(name: "催办", correlationKey: "D-17", id: "urge-2"))
        #expect(run.open == ["handle", "note", "note"])
    }

    @Test("each caught message is one command: the version rises by one, as for completing a task")
    func deliveryIsACommand() throws {
        var run = try Run(waitForReply(), variables: ["docId": "D-17"])
        try run.complete("draft")
        let version = run.instance.version
        try run.deliver(WorkflowMessage(name: "批复", correlationKey: "D-17", payload: ["handler": "liangc"]))
        #expect(run.instance.version == version + 1)
    }

    @Test("a suspended or ended instance refuses messages")
    func notRunning() throws {
        var run = try Run(waitForReply(), variables: ["docId": "D-17"])
        try run.complete("draft")
        let suspended = try run.runner.suspend(run.instance, at: run.now).instance
        #expect(throws: WorkflowError.instanceNotRunning(.suspended)) {
            _ = try run.runner.deliverMessage(WorkflowMessage(name: "批复", correlationKey: "D-17"), to: suspended, at: run.now)
        }
        let ended = try run.runner.terminate(run.instance, by: "zhaom", at: run.now).instance
        #expect(ended.messageSubscriptions.isEmpty)
        #expect(throws: WorkflowError.instanceNotRunning(.terminated)) {
            _ = try run.runner.deliverMessage(WorkflowMessage(name: "批复", correlationKey: "D-17"), to: ended, at: run.now)
        }
    }

    func withBoundary(interrupting: Bool) -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("handle", .userTask, name: "办理", assignee: "liangc")
        model.node("recall", .boundaryMessage(attachedTo: "handle", message: "撤回", cancelActivity: interrupting), correlationKey: "docId")
        model.node("redo", .userTask, name: "重新拟稿", assignee: "zhaom")
        model.node("end", .endEvent(terminate: false))
        model.node("redoEnd", .endEvent(terminate: false))
        model.chain("start", "handle", "end")
        model.chain("recall", "redo", "redoEnd")
        return model.build()
    }

    @Test("an interrupting boundary message cancels 办理 and opens 重新拟稿")
    func interruptingBoundary() throws {
        var run = try Run(withBoundary(interrupting: true), variables: ["docId": "D-17"])
        try run.deliver(WorkflowMessage(name: "撤回", correlationKey: "D-17"))
        #expect(run.open == ["redo"])
        #expect(run.instance.tasks.first { $0.node == "handle" }?.state == .cancelled)
        #expect(run.instance.messageSubscriptions.isEmpty)
        try run.complete("redo")
        #expect(run.instance.status == .completed)
    }

    @Test("a non-interrupting boundary message leaves 办理 open beside the new step, and still waits while 办理 lasts")
    func nonInterruptingBoundary() throws {
        var run = try Run(withBoundary(interrupting: false), variables: ["docId": "D-17"])
        try run.deliver(WorkflowMessage(name: "撤回", correlationKey: "D-17"))
        #expect(run.open == ["handle", "redo"])
        #expect(run.instance.messageSubscriptions.map(\.node) == ["recall"])
        // when 办理 is done, the boundary stops waiting
        try run.complete("handle")
        #expect(run.instance.messageSubscriptions.isEmpty)
        #expect(throws: EventError.notWaiting(message: "撤回")) {
            try run.deliver(WorkflowMessage(name: "撤回", correlationKey: "D-17"))
        }
        try run.complete("redo")
        #expect(run.instance.status == .completed)
    }

    @Test("a boundary message on a receive task: the receive task's own message and the boundary's each lead their way")
    func boundaryOnReceiveTask() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("wait", .receiveTask(message: "批复"), correlationKey: "docId")
        model.node("cancel", .boundaryMessage(attachedTo: "wait", message: "撤回", cancelActivity: true), correlationKey: "docId")
        model.node("handle", .userTask, assignee: "liangc")
        model.node("end", .endEvent(terminate: false))
        model.node("cancelled", .endEvent(terminate: false))
        model.chain("start", "wait", "handle", "end")
        model.chain("cancel", "cancelled")
        var replied = try Run(model.build(), variables: ["docId": "D-1"])
        try replied.deliver(WorkflowMessage(name: "批复", correlationKey: "D-1"))
        #expect(replied.open == ["handle"])
        #expect(replied.instance.messageSubscriptions.isEmpty)
        var withdrawn = try Run(model.build(), variables: ["docId": "D-1"])
        try withdrawn.deliver(WorkflowMessage(name: "撤回", correlationKey: "D-1"))
        #expect(withdrawn.instance.status == .completed)
        #expect(!withdrawn.events.contains(.activityCompleted(activity: "wait")))
    }

    @Test("a multi-instance receive task waits for one reply per department, each keyed by its element")
    func multiInstanceReceive() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        let spec = MultiInstance(isSequential: false, collectionText: "${departments}", collection: try Expression(parsing: "${departments}"),
                                 elementVariable: "department")
        model.node("replies", .receiveTask(message: "会签意见"), multiInstance: spec, correlationKey: "${department}")
        model.node("sign", .userTask, assignee: "chenzq")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "replies", "sign", "end")
        var run = try Run(model.build(), variables: ["departments": ["财政局", "人社局"]])
        #expect(run.instance.messageSubscriptions.map(\.correlationKey) == ["财政局", "人社局"])
        try run.deliver(WorkflowMessage(name: "会签意见", correlationKey: "人社局"))
        #expect(run.open == [])
        try run.deliver(WorkflowMessage(name: "会签意见", correlationKey: "财政局"))
        #expect(run.open == ["sign"])
    }

    @Test("a catch without a key takes the message of its name, whatever key it carries")
    func keylessCatch() throws {
        var run = try Run(waitForReply(key: nil), variables: [:])
        try run.complete("draft")
        try run.deliver(WorkflowMessage(name: "批复", correlationKey: "anything", payload: ["handler": "liangc"]))
        #expect(run.open == ["handle"])
    }

    @Test("a send task and a throw event send their message with the key, for the application to deliver, and move on")
    func sending() throws {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("notify", .sendTask(message: "来文通知"), correlationKey: "docId")
        model.node("signal", .messageThrow(message: "已办结"), correlationKey: "${'办结-' + docId}")
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "notify", "signal", "end")
        var definition = model.build()
        definition.nodes["notify"]?.messagePayload = ["title", "deadline"]
        let run = try Run(definition, variables: ["docId": "D-17", "title": "关于防汛的通知"])
        #expect(run.instance.status == .completed)
        let sent = run.events.filter { if case .messageSent = $0 { true } else { false } }
        #expect(sent == [.messageSent(message: "来文通知", activity: "notify", correlationKey: "D-17", payload: ["title": "关于防汛的通知", "deadline": nil]),
                         .messageSent(message: "已办结", activity: "signal", correlationKey: "办结-D-17", payload: [:])])
        #expect(sent.first?.json == ["event": "messageSent", "message": "来文通知", "activity": "notify", "correlationKey": "D-17",
                                     "payload": ["title": "关于防汛的通知", "deadline": nil]])
    }

    @Test("what one instance sends, another catches: the application passes the event on as a message")
    func sendToAnotherInstance() throws {
        var sender = ModelBuilder()
        sender.node("start", .startEvent)
        sender.node("reply", .sendTask(message: "批复"), correlationKey: "docId")
        sender.node("end", .endEvent(terminate: false))
        sender.chain("start", "reply", "end")
        var definition = sender.build(id: "reply")
        definition.nodes["reply"]?.messagePayload = ["handler"]
        let sent = try Run(definition, variables: ["docId": "D-17", "handler": "liangc"])
        var waiting = try Run(waitForReply(), variables: ["docId": "D-17"])
        try waiting.complete("draft")
        // when the application delivers what was sent
        for case .messageSent(let name, _, let key, let payload) in sent.events {
            try waiting.deliver(WorkflowMessage(name: name, correlationKey: key, payload: payload))
        }
        // then 办理 opens for the handler the sender named
        #expect(waiting.open == ["handle"])
        #expect(try waiting.openTask("handle").assignee == "liangc")
    }

    @Test("instances stored before messages existed still read, with nothing waiting")
    func oldStateDecodes() throws {
        let run = try Run(waitForReply(), variables: ["docId": "D-17"])
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(run.instance)) as? [String: Any])
        object["messageSubscriptions"] = nil
        object["caughtMessageIDs"] = nil
        let decoded = try JSONDecoder().decode(ProcessInstance.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded.messageSubscriptions.isEmpty)
        #expect(decoded.caughtMessageIDs.isEmpty)
        #expect(decoded.tasks == run.instance.tasks)
        let roundTrip = try JSONDecoder().decode(ProcessInstance.self, from: JSONEncoder().encode(run.instance))
        #expect(roundTrip == run.instance)
    }
}

import Foundation
import Testing
@testable import WorkflowEngine

/// Timer and message start events, message events, receive and send tasks in BPMN files: read, checked,
/// written back, and refused where the engine still cannot run them.
@Suite("BPMN: message events and event starts")
struct BPMNMessageTests {
    static let messages = """
        <bpmn:message id="Message_Reply" name="批复" /><bpmn:message id="Message_Doc" name="来文" />
        """

    /// 收文 started by a 来文 message or weekly, waiting for a 批复 with a boundary 撤回 on 办理, and notifying.
    static let file = BPMNFixture.model("""
        <bpmn:startEvent id="Start_Doc"><bpmn:messageEventDefinition messageRef="Message_Doc" /></bpmn:startEvent>
        <bpmn:startEvent id="Start_Weekly" zt:calendar="workdays">
          <bpmn:timerEventDefinition><bpmn:timeCycle>R/2026-12-07T09:00:00+08:00/P7D</bpmn:timeCycle></bpmn:timerEventDefinition>
        </bpmn:startEvent>
        <bpmn:sendTask id="Notify" name="通知" messageRef="Message_Doc" zt:correlationKey="docId" zt:payload="docId, title" />
        <bpmn:intermediateCatchEvent id="Wait_Reply" zt:correlationKey="${doc.id}">
          <bpmn:messageEventDefinition messageRef="Message_Reply" />
        </bpmn:intermediateCatchEvent>
        <bpmn:receiveTask id="Receive" messageRef="Message_Reply" zt:correlationKey="docId" />
        <bpmn:userTask id="Handle" name="办理" camunda:assignee="liangc" />
        <bpmn:boundaryEvent id="Recall" attachedToRef="Handle" cancelActivity="false" zt:correlationKey="docId">
          <bpmn:messageEventDefinition messageRef="Message_Doc" />
        </bpmn:boundaryEvent>
        <bpmn:intermediateThrowEvent id="Done"><bpmn:messageEventDefinition messageRef="Message_Reply" /></bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="End" />
        <bpmn:endEvent id="End_Recall" />
        <bpmn:sequenceFlow id="F1" sourceRef="Start_Doc" targetRef="Notify" />
        <bpmn:sequenceFlow id="F2" sourceRef="Start_Weekly" targetRef="Notify" />
        <bpmn:sequenceFlow id="F3" sourceRef="Notify" targetRef="Wait_Reply" />
        <bpmn:sequenceFlow id="F4" sourceRef="Wait_Reply" targetRef="Receive" />
        <bpmn:sequenceFlow id="F5" sourceRef="Receive" targetRef="Handle" />
        <bpmn:sequenceFlow id="F6" sourceRef="Handle" targetRef="Done" />
        <bpmn:sequenceFlow id="F7" sourceRef="Done" targetRef="End" />
        <bpmn:sequenceFlow id="F8" sourceRef="Recall" targetRef="End_Recall" />
    """, messages: messages)

    @Test("every construct is read by message name, with its key, and the file checks clean")
    func importsMessageConstructs() throws {
        let result = BPMNImport.parse(Self.file)
        #expect(result.problems == [])
        let process = try #require(result.processes.first)
        #expect(process.nodes["Start_Doc"]?.kind == .messageStart(message: "来文"))
        #expect(process.nodes["Start_Weekly"]?.kind == .timerStart(.cycle(repetitions: nil, interval: ISODuration(days: 7),
                                                                           start: ISODateTime.parse("2026-12-07T09:00:00+08:00"))))
        #expect(process.nodes["Start_Weekly"]?.countsWorkingDays == true)
        #expect(process.nodes["Notify"]?.kind == .sendTask(message: "来文"))
        #expect(process.nodes["Notify"]?.correlationKey == "docId")
        #expect(process.nodes["Notify"]?.messagePayload == ["docId", "title"])
        #expect(process.nodes["Wait_Reply"]?.kind == .messageCatch(message: "批复"))
        #expect(process.nodes["Wait_Reply"]?.correlationKey == "${doc.id}")
        #expect(process.nodes["Receive"]?.kind == .receiveTask(message: "批复"))
        #expect(process.nodes["Recall"]?.kind == .boundaryMessage(attachedTo: "Handle", message: "来文", cancelActivity: false))
        #expect(process.nodes["Done"]?.kind == .messageThrow(message: "批复"))
        // zt:correlationKey is a field, not left among the free-form properties.
        #expect(process.nodes["Notify"]?.properties == [:])
        #expect(process.boundaryEvents(on: "Handle").map(\.id) == ["Recall"])
        #expect(BPMNCheck.check(Self.file) == [])
    }

    @Test("export writes the messages by name and reads back equal")
    func roundTrip() throws {
        let process = try #require(BPMNImport.parse(Self.file).processes.first)
        let written = BPMNExport.export([process])
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains("<bpmn:message id=\"Message_1\" name=\"来文\""))
        let reread = BPMNImport.parse(written)
        #expect(reread.problems == [])
        #expect(reread.processes == [process])
    }

    @Test("a message event whose message is missing, unknown or nameless is refused: it could never be caught")
    func refusesMessagesWithoutName() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="No_Ref"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Unknown"><bpmn:messageEventDefinition messageRef="Message_X" /></bpmn:intermediateCatchEvent>
            <bpmn:receiveTask id="Nameless" messageRef="Message_Nameless" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="No_Ref" />
            <bpmn:sequenceFlow id="F2" sourceRef="No_Ref" targetRef="Unknown" />
            <bpmn:sequenceFlow id="F3" sourceRef="Unknown" targetRef="Nameless" />
            <bpmn:sequenceFlow id="F4" sourceRef="Nameless" targetRef="End" />
        """, messages: "<bpmn:message id=\"Message_Nameless\" />")
        #expect(BPMNCheck.check(data) == [
            .error("No_Ref", zh: "消息事件或任务没有指定消息（messageRef）", en: "the message event or task names no message (messageRef)"),
            .error("Unknown", zh: "消息 Message_X 不存在（应为文件中的 bpmn:message）",
                   en: "the message Message_X does not exist (a bpmn:message of the file expected)"),
            .error("Nameless", zh: "消息 Message_Nameless 没有名称：按名称关联的消息无法送达",
                   en: "the message Message_Nameless has no name: messages are correlated by name"),
        ])
    }

    @Test("a definition built in code with an empty message name is refused by check")
    func refusesEmptyNameInCode() {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("wait", .messageCatch(message: " "))
        model.node("end", .endEvent(terminate: false))
        model.chain("start", "wait", "end")
        #expect(BPMNCheck.check(model.build()) == [
            .error("wait", zh: "消息事件或任务没有消息名称：按名称关联的消息无法送达",
                   en: "the message event or task has no message name: messages are correlated by name"),
        ])
    }

    @Test(arguments: [
        ("signalEventDefinition", "信号"), ("conditionalEventDefinition", "条件"), ("escalationEventDefinition", "升级"),
        ("errorEventDefinition", "错误"),
    ])
    func stillRefusedStartEvents(definition: String, chinese: String) {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:startEvent id="Start_Other"><bpmn:\(definition) /></bpmn:startEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="End" />
            <bpmn:sequenceFlow id="F2" sourceRef="Start_Other" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Start_Other", zh: "只支持空、定时和消息开始事件：带 \(chinese)（\(definition)） 的开始事件不会运行",
                   en: "only none, timer and message start events are supported: a start event with \(definition) is not run"),
        ])
    }

    @Test("signal catch and boundary events, and message end events, are still refused")
    func stillRefusedEvents() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Task" camunda:assignee="a" />
            <bpmn:boundaryEvent id="Signal_Boundary" attachedToRef="Task"><bpmn:signalEventDefinition /></bpmn:boundaryEvent>
            <bpmn:endEvent id="End_Message"><bpmn:messageEventDefinition messageRef="Message_Reply" /></bpmn:endEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="End" />
        """, messages: Self.messages)
        #expect(BPMNCheck.check(data) == [
            .error("Signal_Boundary", zh: "不支持带 信号（signalEventDefinition） 的边界事件，只支持定时和消息",
                   en: "boundaryEvent with signalEventDefinition is not supported, only timers and messages"),
            .error("End_Message", zh: "不支持带 消息（messageEventDefinition） 的结束事件",
                   en: "end events with messageEventDefinition are not supported"),
        ])
    }

    @Test("a process may begin only at its timer or message starts; a sub-process may not, and two starts on one message are ambiguous")
    func startsInScopes() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start_A"><bpmn:messageEventDefinition messageRef="Message_Doc" /></bpmn:startEvent>
            <bpmn:startEvent id="Start_B"><bpmn:messageEventDefinition messageRef="Message_Doc" /></bpmn:startEvent>
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="Sub_Start"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:endEvent id="Sub_End" />
              <bpmn:sequenceFlow id="S1" sourceRef="Sub_Start" targetRef="Sub_End" />
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start_A" targetRef="Sub" />
            <bpmn:sequenceFlow id="F2" sourceRef="Start_B" targetRef="Sub" />
            <bpmn:sequenceFlow id="F3" sourceRef="Sub" targetRef="End" />
        """, messages: Self.messages)
        #expect(BPMNCheck.check(data) == [
            .error("Sub_Start", zh: "子流程只能有空开始事件：定时或消息开始事件只属于流程（或事件子流程，不支持）",
                   en: "a sub-process starts only at a none start event: timer and message start events belong to the process (or to event sub-processes, which are not supported)"),
            .error("Sub", zh: "子流程缺少空开始事件", en: "the sub-process has no none start event"),
            .error("Start_B", zh: "消息「来文」已由 Start_A 启动流程，同一消息只能有一个开始事件",
                   en: "the message 来文 already starts the process at Start_A: one start event per message"),
        ])
    }

    @Test("a correlation key that is neither a variable name nor an expression is refused, a start event's must be a variable; a payload names variables")
    func correlationKeys() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" zt:correlationKey="${doc.id}"><bpmn:messageEventDefinition messageRef="Message_Doc" /></bpmn:startEvent>
            <bpmn:receiveTask id="Receive" messageRef="Message_Reply" zt:correlationKey="doc id" />
            <bpmn:sendTask id="Send" messageRef="Message_Reply" zt:payload="title,${x}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Receive" />
            <bpmn:sequenceFlow id="F2" sourceRef="Receive" targetRef="Send" />
            <bpmn:sequenceFlow id="F3" sourceRef="Send" targetRef="End" />
        """, messages: Self.messages)
        #expect(BPMNCheck.check(data) == [
            .error("Receive", zh: "关联键 zt:correlationKey「doc id」应为变量名（如 docId）或表达式（如 ${doc.id}）",
                   en: "the correlation key zt:correlationKey \"doc id\" must be a variable name (docId) or an expression (${doc.id})"),
            .error("Send", zh: "消息内容 zt:payload 中的「${x}」不是变量名", en: "\"${x}\" in the message payload zt:payload is not a variable name"),
            .error("Start", zh: "消息开始事件的关联键 zt:correlationKey 只能是变量名（接收消息的关联键）",
                   en: "the correlation key zt:correlationKey of a message start event must be a variable name (it receives the message's key)"),
        ])
    }

    @Test("a call activity cannot call a process of the file that starts only on a message or timer")
    func callingAnEventStartedProcess() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:callActivity id="Call" calledElement="Weekly" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Call" />
            <bpmn:sequenceFlow id="F2" sourceRef="Call" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="Weekly">
            <bpmn:startEvent id="W_Start"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P7D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:endEvent id="W_End" />
            <bpmn:sequenceFlow id="W1" sourceRef="W_Start" targetRef="W_End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Call", zh: "被调用的流程 Weekly 没有空开始事件：调用活动从空开始事件开始运行",
                   en: "the called process Weekly has no none start event, where a call activity begins it"),
        ])
    }

    @Test("the imported model runs: 来文 starts it, 批复 is caught by the key, the send task's event names the document")
    func importedModelRuns() throws {
        let process = try #require(BPMNImport.parse(Self.file).processes.first)
        let runner = ProcessRunner(definition: process)
        let started = try runner.startByMessage(WorkflowMessage(name: "来文", correlationKey: "D-9", payload: ["doc": ["id": "D-9"], "docId": "D-9"]),
                                                instanceID: "i1", initiator: "system", at: Run.t0)
        #expect(started.events.contains(.messageSent(message: "来文", activity: "Notify", correlationKey: "D-9", payload: ["docId": "D-9", "title": nil])))
        #expect(started.instance.activeNodes == ["Wait_Reply"])
        let replied = try runner.deliverMessage(WorkflowMessage(name: "批复", correlationKey: "D-9"), to: started.instance, at: Run.t0)
        #expect(replied.instance.activeNodes == ["Receive"])
    }
}

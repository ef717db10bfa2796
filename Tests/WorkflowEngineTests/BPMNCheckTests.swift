import Foundation
import Testing
@testable import WorkflowEngine

/// `BPMNCheck`: what cannot run is an error naming the element; what probably runs wrongly is a warning.
@Suite("BPMN check")
struct BPMNCheckTests {
    // MARK: Refused and unsupported elements

    @Test func scriptTaskIsRefused() {
        let data = BPMNFixture.line(through: "Script_1", """
            <bpmn:scriptTask id="Script_1" scriptFormat="groovy"><bpmn:script>println 'hi'</bpmn:script></bpmn:scriptTask>
        """)
        let expected: [ModelProblem] = [.error("Script_1", zh: "拒绝脚本任务：本引擎不运行脚本", en: "script tasks are refused: no scripting")]
        #expect(BPMNCheck.check(data) == expected)
        // The process is still returned for a preview, without the refused element.
        let result = BPMNImport.parse(data)
        #expect(result.problems == expected)
        #expect(result.hasErrors)
        #expect(result.processes.first?.nodeOrder == ["Start", "End"])
        #expect(result.processes.first?.flows.count == 2)
    }

    @Test func eventsOtherThanTimersAndMessagesAreReportedWithTheirID() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Event_Msg"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateThrowEvent id="Event_Signal"><bpmn:signalEventDefinition /></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="End_Error"><bpmn:errorEventDefinition /></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Event_Msg" />
            <bpmn:sequenceFlow id="F2" sourceRef="Event_Msg" targetRef="Event_Signal" />
            <bpmn:sequenceFlow id="F3" sourceRef="Event_Signal" targetRef="End_Error" />
        """)
        #expect(BPMNCheck.check(data) == [
            // A message event runs, but only with a message the file declares.
            .error("Event_Msg", zh: "消息 M 不存在（应为文件中的 bpmn:message）", en: "the message M does not exist (a bpmn:message of the file expected)"),
            .error("Event_Signal", zh: "不支持带 信号（signalEventDefinition） 的中间抛出事件，只支持消息",
                   en: "intermediateThrowEvent with signalEventDefinition is not supported, only messages"),
            .error("End_Error", zh: "不支持带 错误（errorEventDefinition） 的结束事件",
                   en: "end events with errorEventDefinition are not supported"),
            // With its only end event refused, the process has none: reported too.
            .error("P", zh: "流程缺少结束事件", en: "the process has no end event"),
        ])
    }

    @Test func timerStartEventsAreAcceptedBesideTheNoneStart() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:startEvent id="Start_Timer"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:task id="T" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="T" />
            <bpmn:sequenceFlow id="F2" sourceRef="Start_Timer" targetRef="T" />
            <bpmn:sequenceFlow id="F3" sourceRef="T" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [])
        let unreadable = BPMNFixture.line(through: "T", """
            <bpmn:startEvent id="Start_Cron"><bpmn:timerEventDefinition><bpmn:timeCycle>0 0 9 * * ?</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:task id="T" />
        """)
        #expect(BPMNCheck.check(unreadable).map(\.elementID) == ["Start_Cron"])
    }

    @Test(arguments: ["sendTask", "receiveTask"])
    func sendAndReceiveTasksNeedAMessage(element: String) {
        let data = BPMNFixture.line(through: "X", "<bpmn:\(element) id=\"X\" />")
        #expect(BPMNCheck.check(data) == [.error("X", zh: "消息事件或任务没有指定消息（messageRef）", en: "the message event or task names no message (messageRef)")])
    }

    @Test(arguments: [
        ("businessRuleTask", "业务规则任务"),
        ("complexGateway", "复杂网关"), ("eventBasedGateway", "事件网关"), ("transaction", "事务子流程"),
        ("adHocSubProcess", "自由子流程"),
    ])
    func unsupportedElements(element: String, chinese: String) {
        let data = BPMNFixture.line(through: "X", "<bpmn:\(element) id=\"X\" />")
        #expect(BPMNCheck.check(data) == [.error("X", zh: "不支持的元素：\(chinese)（\(element)）", en: "unsupported element: \(element)")])
    }

    @Test func unknownElementWithoutIDNamesItsLine() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="End" />
            <bpmn:choreographyTask />
        """)
        #expect(BPMNCheck.check(data) == [
            .error(nil, zh: "第 9 行的 编排（choreographyTask）没有 id", en: "the choreographyTask element on line 9 has no id"),
        ])
    }

    @Test func eventSubProcessAndStandardLoopAreUnsupported() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="T" zt:assign="initiator"><bpmn:standardLoopCharacteristics /></bpmn:userTask>
            <bpmn:endEvent id="End" />
            <bpmn:subProcess id="Event_Sub" triggeredByEvent="true">
              <bpmn:startEvent id="Event_Sub_Start"><bpmn:messageEventDefinition /></bpmn:startEvent>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="T" />
            <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("T", zh: "不支持循环（standardLoopCharacteristics），请改用多实例",
                   en: "standard loops (standardLoopCharacteristics) are not supported; use multi-instance"),
            .error("Event_Sub", zh: "不支持事件子流程", en: "event sub-processes are not supported"),
        ])
    }

    // MARK: Bad expressions and timers

    @Test func badConditionNamesTheFlowAndTheExpressionError() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="G" default="Flow_Default" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="G" />
            <bpmn:sequenceFlow id="Flow_Bad" sourceRef="G" targetRef="End">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${amount &gt;&gt; 5000}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_Default" sourceRef="G" targetRef="End" />
        """)
        let detail = #"error in expression "${amount >> 5000}" at offset 10: unexpected '>'; expected a value"#
        let expected: [ModelProblem] = [.error("Flow_Bad", zh: "条件无法解析：\(detail)", en: "cannot parse the condition: \(detail)")]
        #expect(BPMNCheck.check(data) == expected)
        let result = BPMNImport.parse(data)
        // The flow stays, with its text, for the preview and the message; it has no parsed condition.
        #expect(result.processes.first?.flows["Flow_Bad"]?.conditionText == "${amount >> 5000}")
        #expect(result.processes.first?.flows["Flow_Bad"]?.condition == nil)
    }

    @Test func badMultiInstanceExpressions() {
        let data = BPMNFixture.line(through: "T", """
            <bpmn:userTask id="T" zt:assign="initiator">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="signers(1)">
                <bpmn:completionCondition>nrOfCompletedInstances &gt;=</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
        """)
        let problems = BPMNCheck.check(data)
        #expect(problems.map(\.elementID) == ["T", "T"])
        #expect(problems.map(\.severity) == [.error, .error])
        #expect(problems[0].englishMessage.hasPrefix("cannot parse the multi-instance collection: error in expression \"signers(1)\""))
        #expect(problems[1].englishMessage.hasPrefix("cannot parse the completionCondition: error in expression \"nrOfCompletedInstances >=\""))
        #expect(problems[1].message.hasPrefix("完成条件 completionCondition无法解析："))
    }

    @Test func badTimerTextNamesTheEvent() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="T" zt:assign="initiator" />
            <bpmn:boundaryEvent id="Timer_Bad" attachedToRef="T">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT3X</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:intermediateCatchEvent id="Wait_Empty"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="T" />
            <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="Wait_Empty" />
            <bpmn:sequenceFlow id="F3" sourceRef="Wait_Empty" targetRef="End" />
            <bpmn:sequenceFlow id="F4" sourceRef="Timer_Bad" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Timer_Bad", zh: "定时器 timeDuration「PT3X」无法解析（应为 ISO 8601，如 PT2H、2026-12-01T09:00:00+08:00、R3/P1D）",
                   en: "cannot parse the timer timeDuration \"PT3X\" (ISO 8601 expected, e.g. PT2H, 2026-12-01T09:00:00+08:00, R3/P1D)"),
            .error("Wait_Empty", zh: "定时器没有 timeDuration、timeDate 或 timeCycle", en: "the timer has no timeDuration, timeDate or timeCycle"),
        ])
    }

    @Test func serviceTaskWithoutHook() {
        let data = BPMNFixture.line(through: "Service_1", #"<bpmn:serviceTask id="Service_1" name="编号" zt:hook="  " />"#)
        #expect(BPMNCheck.check(data) == [
            .error("Service_1", zh: "服务任务没有指定挂钩（zt:hook，camunda:/flowable: 的 delegateExpression、expression、class、type，或 zeebe:taskDefinition 的 type）",
                   en: "service task has no hook (zt:hook, camunda:/flowable: delegateExpression, expression, class or type, or zeebe:taskDefinition's type)"),
        ])
    }

    @Test func unknownAssignmentRule() {
        let data = BPMNFixture.line(through: "T", #"<bpmn:userTask id="T" zt:assign="position:director@bureau" />"#)
        #expect(BPMNCheck.check(data) == [
            .error("T", zh: "无法识别的办理人规则 zt:assign「position:director@bureau」",
                   en: "unknown assignment rule zt:assign \"position:director@bureau\""),
            .warning("T", zh: "任务没有指定办理人", en: "no assignee"),
        ])
    }

    // MARK: Structure

    @Test func missingStartEvent() {
        let data = BPMNFixture.model("""
            <bpmn:userTask id="T" zt:assign="initiator" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="T" targetRef="End" />
        """, processID: "Process_NoStart")
        #expect(BPMNCheck.check(data) == [
            .error("Process_NoStart", zh: "流程缺少空开始事件", en: "the process has no none start event"),
            .error("T", zh: "没有流入的顺序流，永远不会被执行", en: "no incoming sequence flow: it can never be reached"),
        ])
    }

    @Test func subProcessNeedsOneStartAndAnEnd() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="Sub_Start1" />
              <bpmn:startEvent id="Sub_Start2" />
              <bpmn:task id="Sub_Task" />
              <bpmn:sequenceFlow id="SF1" sourceRef="Sub_Start1" targetRef="Sub_Task" />
              <bpmn:sequenceFlow id="SF2" sourceRef="Sub_Start2" targetRef="Sub_Task" />
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Sub" />
            <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Sub", zh: "子流程只能有一个空开始事件，现有 2 个：Sub_Start1, Sub_Start2",
                   en: "the sub-process must have exactly one none start event, it has 2: Sub_Start1, Sub_Start2"),
            .error("Sub", zh: "子流程缺少结束事件", en: "the sub-process has no end event"),
            .error("Sub_Task", zh: "没有流出的顺序流", en: "no outgoing sequence flow"),
        ])
    }

    @Test func defaultFlowWithACondition() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="G" default="Flow_Default" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="G" />
            <bpmn:sequenceFlow id="Flow_Yes" sourceRef="G" targetRef="End"><bpmn:conditionExpression>${yes}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_Default" sourceRef="G" targetRef="End"><bpmn:conditionExpression>${no}</bpmn:conditionExpression></bpmn:sequenceFlow>
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Flow_Default", zh: "默认顺序流不能带条件（G 的默认流）", en: "the default flow of G must not have a condition"),
        ])
    }

    @Test func defaultFlowMustLeaveTheGateway() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:inclusiveGateway id="G" default="F1" />
            <bpmn:parallelGateway id="Fork" default="F3" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="Fork"><bpmn:conditionExpression>${a}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("G", zh: "默认顺序流 F1 不是本节点流出的顺序流", en: "the default flow F1 is not one of its outgoing flows"),
            .error("Fork", zh: "并行网关不能有默认顺序流", en: "a parallel gateway cannot have a default flow"),
        ])
    }

    @Test func flowToAMissingNode() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="End" />
            <bpmn:sequenceFlow id="Flow_Lost" sourceRef="Start" targetRef="Task_Gone" />
            <bpmn:sequenceFlow id="Flow_NoSource" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Flow_Lost", zh: "顺序流的终点 Task_Gone 不存在", en: "the sequence flow's target Task_Gone does not exist"),
            .error("Flow_NoSource", zh: "顺序流没有起点（sourceRef）", en: "the sequence flow has no source (sourceRef)"),
        ])
    }

    @Test func flowAcrossASubProcessBoundary() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="Sub_Start" />
              <bpmn:endEvent id="Sub_End" />
              <bpmn:sequenceFlow id="SF1" sourceRef="Sub_Start" targetRef="Sub_End" />
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Sub" />
            <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="End" />
            <bpmn:sequenceFlow id="Flow_Jump" sourceRef="Start" targetRef="Sub_End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Flow_Jump", zh: "顺序流跨越了子流程边界：Start 与 Sub_End 不在同一范围",
                   en: "the sequence flow crosses a sub-process boundary: Start and Sub_End are not in the same scope"),
        ])
    }

    @Test func duplicateIDs() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:task id="T" name="first" />
            <bpmn:task id="T" name="second" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="T" />
            <bpmn:sequenceFlow id="F1" sourceRef="T" targetRef="End" />
            <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("T", zh: "id 重复：T 已被另一个元素使用（此 任务 被忽略）", en: "duplicate id: T is already used by another element (this task is ignored)"),
            .error("F1", zh: "id 重复：F1 已被另一个元素使用（此 顺序流 被忽略）",
                   en: "duplicate id: F1 is already used by another element (this sequenceFlow is ignored)"),
        ])
        #expect(BPMNImport.parse(data).processes.first?.nodes["T"]?.name == "first")
    }

    @Test func boundaryTimerMustBeOnAnActivity() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="G" />
            <bpmn:endEvent id="End" />
            <bpmn:boundaryEvent id="Timer_OnGateway" attachedToRef="G"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="Timer_Nowhere" attachedToRef="Gone"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="End" />
            <bpmn:sequenceFlow id="F3" sourceRef="Timer_OnGateway" targetRef="End" />
            <bpmn:sequenceFlow id="F4" sourceRef="Timer_Nowhere" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Timer_OnGateway", zh: "边界定时器附着的 G 不是活动（任务、子流程或调用活动）",
                   en: "the boundary timer is attached to G, which is not an activity (task, sub-process or call activity)"),
            .error("Timer_Nowhere", zh: "边界定时器附着的活动 Gone 不存在", en: "the boundary timer's activity Gone does not exist"),
        ])
    }

    @Test func boundaryEventsNeedAnOutgoingFlowAndNoIncoming() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:task id="T" />
            <bpmn:boundaryEvent id="Timer_1" attachedToRef="T"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="T" />
            <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="End" />
            <bpmn:sequenceFlow id="F3" sourceRef="Start" targetRef="Timer_1" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Timer_1", zh: "边界事件不能有流入的顺序流", en: "a boundary event cannot have incoming sequence flows"),
            .error("Timer_1", zh: "没有流出的顺序流", en: "no outgoing sequence flow"),
        ])
    }

    @Test func callActivityTargets() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:callActivity id="Call_Empty" />
            <bpmn:callActivity id="Call_Other" calledElement="Process_Elsewhere" />
            <bpmn:callActivity id="Call_Self" calledElement="P" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Call_Empty" />
            <bpmn:sequenceFlow id="F2" sourceRef="Call_Empty" targetRef="Call_Other" />
            <bpmn:sequenceFlow id="F3" sourceRef="Call_Other" targetRef="Call_Self" />
            <bpmn:sequenceFlow id="F4" sourceRef="Call_Self" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Call_Empty", zh: "调用活动没有指定被调用的流程（calledElement）", en: "the call activity has no calledElement"),
            .warning("Call_Other", zh: "被调用的流程 Process_Elsewhere 不在本文件中，部署时须已存在",
                     en: "the called process Process_Elsewhere is not in this file; it must be deployed"),
        ])
    }

    @Test func warningsDoNotFailTheCheck() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="G" />
            <bpmn:userTask id="T" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="T"><bpmn:conditionExpression>${a}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="Fork" />
            <bpmn:sequenceFlow id="F4" sourceRef="T" targetRef="Fork" />
            <bpmn:sequenceFlow id="F5" sourceRef="Fork" targetRef="End"><bpmn:conditionExpression>${b}</bpmn:conditionExpression></bpmn:sequenceFlow>
        """)
        let problems = BPMNCheck.check(data)
        #expect(problems == [
            .warning("G", zh: "分支网关的顺序流 F3 既没有条件也不是默认流", en: "the split's flows F3 have no condition and are not the default flow"),
            .warning("T", zh: "任务没有指定办理人", en: "no assignee"),
            .warning("Fork", zh: "并行网关忽略顺序流 F5 上的条件", en: "a parallel gateway ignores the conditions on F5"),
        ])
        #expect(!problems.containsErrors)
    }

    @Test func multiInstanceNeedsACountOrACollection() {
        let data = BPMNFixture.line(through: "T", """
            <bpmn:userTask id="T" zt:assign="initiator" zt:returnTo="Nowhere"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
        """)
        #expect(BPMNCheck.check(data) == [
            .error("T", zh: "多实例既没有数量（loopCardinality）也没有集合（collection）",
                   en: "the multi-instance has neither a loopCardinality nor a collection"),
            .error("T", zh: "退回目标 Nowhere 不存在", en: "the return target Nowhere does not exist"),
        ])
    }

    // MARK: Files

    @Test func malformedXML() {
        let problems = BPMNCheck.check(Data("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<bpmn:process id=\"P\">\n</bpmn:definitions>".utf8))
        #expect(problems == [
            .error(nil, zh: "XML 格式错误（第 3 行第 20 列）：开始标签与结束标签不匹配",
                   en: "malformed XML (line 3, column 20): the start and end tags do not match"),
        ])
        #expect(BPMNCheck.check(Data()) == [.error(nil, zh: "XML 格式错误：没有根元素", en: "malformed XML: there is no root element")])
        #expect(BPMNCheck.check(Data("<a>AT&T</a>".utf8)).map(\.englishMessage)
            == [#"malformed XML (line 1, column 8): an entity reference lacks its ';' (write "&" as &amp;)"#])
        #expect(BPMNCheck.check(Data("<!-- run with --vars -->\n<a/>".utf8)).map(\.englishMessage)
            == [#"malformed XML (line 1, column 15): "--" is not allowed inside a comment"#])
        #expect(BPMNCheck.check(Data("<a>&nbsp;</a>".utf8)).map(\.englishMessage)
            == [#"malformed XML (line 1, column 10): undeclared entity (write "&" as &amp;)"#])
    }

    @Test func undeclaredPrefixIsAnError() {
        // A vendor attribute whose prefix is not declared cannot be resolved: better refused than silently dropped.
        let data = Data("""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="P">
        <bpmn:userTask id="T" camunda:assignee="a" /></bpmn:process></bpmn:definitions>
        """.utf8)
        let result = BPMNImport.parse(data)
        #expect(result.processes == [])
        #expect(result.problems.map(\.englishMessage) == ["malformed XML (line 2, column 44): a namespace prefix is used without being declared"])
    }

    @Test func entitiesCannotReadFilesOrExplode() {
        let external = Data("""
        <?xml version="1.0"?>
        <!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="P" name="&xxe;" /></bpmn:definitions>
        """.utf8)
        let result = BPMNImport.parse(external)
        #expect(result.processes == [])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.englishMessage.hasPrefix("the file has a document type declaration") == true)

        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY l0 \"lol\">"
        for level in 1...9 { laughs += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        laughs += "]>\n<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"P\" name=\"&l9;\" /></bpmn:definitions>"
        let exploded = BPMNImport.parse(Data(laughs.utf8))
        #expect(exploded.processes == [])
        #expect(exploded.problems.count == 1)
        #expect(exploded.problems.first?.elementID == nil)
    }

    @Test("含 DTD 的文件不解析：实体一次也不展开，只报一条说明原因的中文问题", .timeLimit(.minutes(10)))
    func documentTypeIsRefusedUnparsed() {
        // given: one entity of 30 KB used two thousand times (60 MB once expanded), the quadratic blow-up that
        // made an administrator's preview return 20 MB and hold the server for seconds
        let entity = String(repeating: "审批", count: 5_000)
        let uses = String(repeating: "&a;", count: 2_000)
        let quadratic = Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE definitions [<!ENTITY a "\(entity)">]>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t"><process id="P" name="\(uses)" isExecutable="true">
        <startEvent id="S"/><sequenceFlow id="F" sourceRef="S" targetRef="E"/><endEvent id="E"/></process></definitions>
        """.utf8)
        // when
        let result = BPMNImport.parse(quadratic)
        // then
        #expect(result.processes == [])
        #expect(result.problems == [.error(nil, zh: "文件含有文档类型声明（<!DOCTYPE>）。为防止实体展开拖垮服务器，不接受 DTD 和实体定义，请从流程设计器重新导出",
                                           en: "the file has a document type declaration (<!DOCTYPE>); DTDs and entity declarations are refused, as their "
                                               + "expansion can exhaust the server: export the model again from the modeler")])
        #expect(BPMNImport.declaresDocumentType(quadratic))
        #expect(BPMNCheck.check(quadratic).count == 1)
        // The same model without the DTD (and with a plain name) is fine.
        let plain = String(decoding: quadratic, as: UTF8.self).replacingOccurrences(of: "<!DOCTYPE definitions [<!ENTITY a \"\(entity)\">]>\n", with: "")
            .replacingOccurrences(of: uses, with: "审批")
        #expect(!BPMNImport.declaresDocumentType(Data(plain.utf8)))
        #expect(BPMNImport.parse(Data(plain.utf8)).processes.map(\.name) == ["审批"])
    }

    @Test("DTD 写成 UTF-16 或 UTF-32 也认得出来", arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf32BigEndian])
    func documentTypeInOtherEncodings(encoding: String.Encoding) throws {
        let text = "<!DOCTYPE d [<!ENTITY a \"x\">]><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>"
        let data = try #require(text.data(using: encoding))
        #expect(BPMNImport.declaresDocumentType(data))
        #expect(BPMNImport.parse(data).problems.first?.englishMessage.hasPrefix("the file has a document type declaration") == true)
        #expect(!BPMNImport.declaresDocumentType(try #require("<definitions/>".data(using: encoding))))
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "<a>", count: 500) + String(repeating: "</a>", count: 500)
        #expect(BPMNCheck.check(Data(deep.utf8)) == [
            .error(nil, zh: "XML 格式错误（第 1 行第 603 列）：元素嵌套超过 200 层",
                   en: "malformed XML (line 1, column 603): elements are nested deeper than 200 levels"),
        ])
    }

    @Test func notABPMNFile() {
        let data = Data(#"<definitions xmlns="http://www.omg.org/spec/DMN/20191111/MODEL/" />"#.utf8)
        #expect(BPMNCheck.check(data) == [
            .error(nil, zh: "不是 BPMN 2.0 文件：根元素是 {http://www.omg.org/spec/DMN/20191111/MODEL/}definitions，应为 BPMN 2.0 的 definitions",
                   en: "not a BPMN 2.0 file: the root element is {http://www.omg.org/spec/DMN/20191111/MODEL/}definitions, not the BPMN 2.0 definitions"),
        ])
    }

    @Test func fileWithoutAProcess() {
        let data = Data("""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t"><collaboration id="C" /></definitions>
        """.utf8)
        #expect(BPMNCheck.check(data) == [.error(nil, zh: "文件中没有流程（process 元素）", en: "the file contains no process element")])
    }

    @Test func checkOfADefinitionBuiltInCode() {
        let process = ProcessDefinition(id: "Code", nodes: [
            FlowNode(id: "S", kind: .startEvent, outgoing: ["F1"]),
            FlowNode(id: "E", kind: .endEvent(terminate: false), incoming: ["F1"]),
        ], flows: [SequenceFlow(id: "F1", source: "S", target: "E")])
        #expect(BPMNCheck.check(process) == [])
    }
}

import Foundation
import Testing
@testable import WorkflowEngine

/// Import of models as other tools write them: elements by namespace URI, vendor attributes, DI.
@Suite("BPMN import")
struct BPMNImportTests {
    /// The small process every variant of `small-*.bpmn` describes.
    static func smallProcess() -> ProcessDefinition {
        ProcessDefinition(
            id: "Process_Small", name: "简易发文",
            nodes: [
                FlowNode(id: "StartEvent_1", name: "开始", kind: .startEvent, outgoing: ["Flow_1"]),
                FlowNode(id: "Task_Draft", name: "拟稿", kind: .userTask, incoming: ["Flow_1"], outgoing: ["Flow_2"],
                         assignment: Assignment(assignee: "${initiator}")),
                FlowNode(id: "Gateway_Amount", name: "金额大于五千？", kind: .exclusiveGateway, incoming: ["Flow_2"],
                         outgoing: ["Flow_3", "Flow_4"], defaultFlow: "Flow_4"),
                FlowNode(id: "Task_Approve", name: "领导审批", kind: .userTask, incoming: ["Flow_3"], outgoing: ["Flow_5"],
                         assignment: Assignment(candidateGroups: ["leader", "office"])),
                FlowNode(id: "EndEvent_1", name: "结束", kind: .endEvent(terminate: false), incoming: ["Flow_4", "Flow_5"]),
            ],
            flows: [
                SequenceFlow(id: "Flow_1", source: "StartEvent_1", target: "Task_Draft"),
                SequenceFlow(id: "Flow_2", source: "Task_Draft", target: "Gateway_Amount"),
                SequenceFlow(id: "Flow_3", name: "是", source: "Gateway_Amount", target: "Task_Approve", conditionText: "${amount > 5000}"),
                SequenceFlow(id: "Flow_4", name: "否", source: "Gateway_Amount", target: "EndEvent_1"),
                SequenceFlow(id: "Flow_5", source: "Task_Approve", target: "EndEvent_1"),
            ],
            diagram: DiagramLayout(
                shapes: [
                    "StartEvent_1": .init(x: 152, y: 102, width: 36, height: 36),
                    "Task_Draft": .init(x: 240, y: 80, width: 100, height: 80),
                    "Gateway_Amount": .init(x: 395, y: 95, width: 50, height: 50),
                    "Task_Approve": .init(x: 500, y: 180, width: 100, height: 80),
                    "EndEvent_1": .init(x: 652.5, y: 102, width: 36, height: 36),
                ],
                edges: [
                    "Flow_1": [.init(x: 188, y: 120), .init(x: 240, y: 120)],
                    "Flow_2": [.init(x: 340, y: 120), .init(x: 395, y: 120)],
                    "Flow_3": [.init(x: 420, y: 145), .init(x: 420, y: 220), .init(x: 500, y: 220)],
                    "Flow_4": [.init(x: 445, y: 120), .init(x: 652.5, y: 120)],
                    "Flow_5": [.init(x: 600, y: 220), .init(x: 670.5, y: 220), .init(x: 670.5, y: 138)],
                ]))
    }

    @Test(arguments: ["small-bpmnio", "small-bpmn2", "small-semantic", "small-flowable"])
    func sameProcessWrittenFourWays(fixture: String) throws {
        let processes = try BPMNFixture.processes(fixture)
        #expect(processes == [Self.smallProcess()])
        // The condition is parsed, not only kept as text.
        let flow = try #require(processes.first?.flows["Flow_3"])
        #expect(try flow.condition?.evaluateCondition(["amount": 6000]) == true)
        #expect(try flow.condition?.evaluateCondition(["amount": 100]) == false)
        #expect(BPMNCheck.check(try BPMNFixture.data(fixture)) == [])
    }

    @Test func camundaModelerFile() throws {
        let processes = try BPMNFixture.processes("camunda-countersign")
        let process = try #require(processes.first)
        #expect(processes.count == 1)
        #expect(process.id == "Process_Countersign")
        #expect(process.name == "会签发文")
        #expect(process.nodeOrder == [
            "StartEvent_1", "Activity_Draft", "Activity_Review", "Event_Remind", "Event_Escalate", "Activity_Remind",
            "Event_Reminded", "Activity_Escalate", "Event_Escalated", "Activity_Sign", "Activity_Number", "Event_Wait",
            "Activity_Dispatch", "Event_Done",
        ])
        #expect(process.nodes["StartEvent_1"] == FlowNode(
            id: "StartEvent_1", name: "发起", kind: .startEvent, outgoing: ["Flow_1"],
            properties: ["camunda:formKey": "embedded:app:forms/start.html", "camunda:initiator": "initiator"]))
        #expect(process.nodes["Activity_Draft"] == FlowNode(
            id: "Activity_Draft", name: "拟稿", kind: .userTask, incoming: ["Flow_1"], outgoing: ["Flow_2"],
            assignment: Assignment(assignee: "${initiator}"),
            properties: ["camunda:formKey": "embedded:app:forms/draft.html"]))
        #expect(process.nodes["Activity_Review"] == FlowNode(
            id: "Activity_Review", name: "部门审核", kind: .userTask, incoming: ["Flow_2"], outgoing: ["Flow_3"],
            assignment: Assignment(candidateGroups: ["office", "dept-head"]),
            properties: ["camunda:dueDate": "${reviewDue}"]))
        #expect(process.nodes["Event_Remind"] == FlowNode(
            id: "Event_Remind", name: "4 小时未办催办",
            kind: .boundaryTimer(attachedTo: "Activity_Review", timer: .duration(ISODuration(hours: 4)), cancelActivity: false),
            outgoing: ["Flow_Remind"]))
        #expect(process.nodes["Event_Escalate"]?.kind
            == .boundaryTimer(attachedTo: "Activity_Review", timer: .duration(ISODuration(days: 2)), cancelActivity: true))
        #expect(process.boundaryEvents(on: "Activity_Review").map(\.id) == ["Event_Remind", "Event_Escalate"])
        // An expression that does more than name a bean is kept whole; `${numberAssigner}` gives the bean name.
        #expect(process.nodes["Activity_Remind"]?.kind == .serviceTask(hook: "${reminder.send(execution)}"))
        #expect(process.nodes["Activity_Number"] == FlowNode(
            id: "Activity_Number", name: "编号", kind: .serviceTask(hook: "numberAssigner"), incoming: ["Flow_4"],
            outgoing: ["Flow_5"], properties: ["camunda:asyncBefore": "true"]))
        #expect(process.nodes["Activity_Dispatch"] == FlowNode(
            id: "Activity_Dispatch", name: "分发", kind: .serviceTask(hook: "external"), incoming: ["Flow_6"],
            outgoing: ["Flow_7"], properties: ["camunda:topic": "dispatch"]))
        #expect(process.nodes["Event_Escalated"]?.kind == .endEvent(terminate: true))
        #expect(process.nodes["Event_Reminded"]?.kind == .endEvent(terminate: false))
        let december = try #require(TimerDefinition(form: .timeDate, text: "2026-12-01T01:00:00Z"))
        #expect(process.nodes["Event_Wait"]?.kind == .intermediateTimer(december))

        let sign = try #require(process.nodes["Activity_Sign"])
        #expect(sign.assignment == Assignment(assignee: "${signer}"))
        let multi = try #require(sign.multiInstance)
        #expect(multi == MultiInstance(isSequential: false, collectionText: "${signers}", elementVariable: "signer",
                                       completionConditionText: "${nrOfCompletedInstances/nrOfInstances >= 0.6}"))
        #expect(try multi.collection?.evaluate(["signers": ["a", "b"]]) == ["a", "b"])
        let quorum = try #require(multi.completionCondition)
        #expect(try quorum.evaluateCondition(["nrOfCompletedInstances": 3, "nrOfInstances": 5]) == true)
        #expect(try quorum.evaluateCondition(["nrOfCompletedInstances": 2, "nrOfInstances": 5]) == false)

        // Only the elements drawn in the file have a layout.
        #expect(process.diagram.shapes.keys.sorted() == ["Activity_Draft", "Activity_Review", "Event_Escalate", "Event_Remind", "StartEvent_1"])
        #expect(process.diagram.shapes["Event_Remind"] == .init(x: 442, y: 139, width: 36, height: 36))
        #expect(process.diagram.edges == ["Flow_1": [.init(x: 215, y: 117), .init(x: 270, y: 117)],
                                          "Flow_2": [.init(x: 370, y: 117), .init(x: 430, y: 117)]])
        #expect(BPMNCheck.check(try BPMNFixture.data("camunda-countersign")) == [])
    }

    @Test func miwgSequence() throws {
        let process = try #require(try BPMNFixture.processes("miwg-A.1.0").first)
        #expect(process == ProcessDefinition(
            id: "A.1.0-process", name: "A.1.0",
            nodes: [
                FlowNode(id: "A.1.0-start", name: "Start Event", kind: .startEvent, outgoing: ["A.1.0-flow1"]),
                FlowNode(id: "A.1.0-task1", name: "Task 1", kind: .passThrough, incoming: ["A.1.0-flow1"], outgoing: ["A.1.0-flow2"]),
                FlowNode(id: "A.1.0-task2", name: "Task 2", kind: .userTask, incoming: ["A.1.0-flow2"], outgoing: ["A.1.0-flow3"],
                         assignment: Assignment(rule: .initiator)),
                FlowNode(id: "A.1.0-task3", name: "Task 3", kind: .passThrough, incoming: ["A.1.0-flow3"], outgoing: ["A.1.0-flow4"]),
                FlowNode(id: "A.1.0-end", name: "End Event", kind: .endEvent(terminate: false), incoming: ["A.1.0-flow4"]),
            ],
            flows: [
                SequenceFlow(id: "A.1.0-flow1", source: "A.1.0-start", target: "A.1.0-task1"),
                SequenceFlow(id: "A.1.0-flow2", source: "A.1.0-task1", target: "A.1.0-task2"),
                SequenceFlow(id: "A.1.0-flow3", source: "A.1.0-task2", target: "A.1.0-task3"),
                SequenceFlow(id: "A.1.0-flow4", source: "A.1.0-task3", target: "A.1.0-end"),
            ],
            diagram: DiagramLayout(
                shapes: [
                    "A.1.0-start": .init(x: 66, y: 132, width: 30, height: 30),
                    "A.1.0-task1": .init(x: 145, y: 113, width: 83, height: 68),
                    "A.1.0-task2": .init(x: 282, y: 113, width: 83, height: 68),
                    "A.1.0-task3": .init(x: 419, y: 113, width: 83, height: 68),
                    "A.1.0-end": .init(x: 556, y: 131, width: 32, height: 32),
                ],
                edges: [
                    "A.1.0-flow1": [.init(x: 96, y: 147), .init(x: 145, y: 147)],
                    "A.1.0-flow2": [.init(x: 228, y: 147), .init(x: 282, y: 147)],
                    "A.1.0-flow3": [.init(x: 365, y: 147), .init(x: 419, y: 147)],
                    "A.1.0-flow4": [.init(x: 502, y: 147), .init(x: 556, y: 147)],
                ])))
        #expect(BPMNCheck.check(try BPMNFixture.data("miwg-A.1.0")) == [])
    }

    @Test func miwgExclusiveSplitAndJoin() throws {
        let process = try #require(try BPMNFixture.processes("miwg-A.2.0").first)
        let split = try #require(process.nodes["A.2.0-split"])
        #expect(split == FlowNode(id: "A.2.0-split", name: "Exclusive Gateway 1", kind: .exclusiveGateway, incoming: ["A.2.0-flow2"],
                                  outgoing: ["A.2.0-flow-small", "A.2.0-flow-large", "A.2.0-flow-default"],
                                  defaultFlow: "A.2.0-flow-default"))
        #expect(process.nodes["A.2.0-join"] == FlowNode(id: "A.2.0-join", name: "Exclusive Gateway 2", kind: .exclusiveGateway,
                                                        incoming: ["A.2.0-flow3", "A.2.0-flow4", "A.2.0-flow5"], outgoing: ["A.2.0-flow6"]))
        #expect(process.nodes["A.2.0-task2"]?.assignment == Assignment(rule: .role(code: "clerk", within: .department)))
        #expect(process.nodes["A.2.0-task3"]?.assignment == Assignment(rule: .position(code: "director", within: .unit)))
        #expect(process.nodes["A.2.0-task4"]?.assignment == Assignment(rule: .initiatorLeader))
        let flows = process.outgoingFlows(of: split)
        #expect(flows.map(\.conditionText) == [#"amount <= 1000 and kind == "通知""#, "= amount > 50000", nil])
        // Which flow an exclusive gateway would take: the first whose condition holds, else the default.
        func taken(_ variables: [String: ExpressionValue]) throws -> String? {
            try flows.first { try $0.condition?.evaluateCondition(variables) == true }?.id ?? split.defaultFlow
        }
        #expect(try taken(["amount": 800, "kind": "通知"]) == "A.2.0-flow-small")
        #expect(try taken(["amount": 80000, "kind": "请示"]) == "A.2.0-flow-large")
        #expect(try taken(["amount": 8000, "kind": "请示"]) == "A.2.0-flow-default")
        // Partial DI: only the shapes and edges the file has.
        #expect(process.diagram.shapes.count == 3)
        #expect(process.diagram.edges.keys.sorted() == ["A.2.0-flow-small"])
        #expect(BPMNCheck.check(try BPMNFixture.data("miwg-A.2.0")) == [])
    }

    @Test func miwgEmbeddedSubProcess() throws {
        let process = try #require(try BPMNFixture.processes("miwg-A.4.0").first)
        #expect(process.nodeOrder == ["A.4.0-start", "A.4.0-task1", "A.4.0-sub", "A.4.0-sub-start", "A.4.0-task2", "A.4.0-task3",
                                      "A.4.0-sub-end", "A.4.0-task4", "A.4.0-end"])
        #expect(process.nodes(in: nil).map(\.id) == ["A.4.0-start", "A.4.0-task1", "A.4.0-sub", "A.4.0-task4", "A.4.0-end"])
        #expect(process.nodes(in: "A.4.0-sub").map(\.id) == ["A.4.0-sub-start", "A.4.0-task2", "A.4.0-task3", "A.4.0-sub-end"])
        #expect(process.startEvent(in: "A.4.0-sub")?.id == "A.4.0-sub-start")
        #expect(process.nodes["A.4.0-sub"] == FlowNode(id: "A.4.0-sub", name: "Sub-Process", kind: .subProcess,
                                                       incoming: ["A.4.0-flow2"], outgoing: ["A.4.0-flow3"]))
        #expect(process.nodes["A.4.0-task3"] == FlowNode(id: "A.4.0-task3", name: "Task 3", kind: .userTask, scope: "A.4.0-sub",
                                                         incoming: ["A.4.0-sub-flow2"], outgoing: ["A.4.0-sub-flow3"],
                                                         assignment: Assignment(rule: .chosenByPreviousStep),
                                                         returnTargets: ["A.4.0-task2", "A.4.0-task1"]))
        #expect(process.flows.count == 7)
        #expect(process.diagram.shapes["A.4.0-sub"] == .init(x: 250, y: 60, width: 420, height: 180))
        #expect(BPMNCheck.check(try BPMNFixture.data("miwg-A.4.0")) == [])
    }

    @Test func everyConstructInOurDialect() throws {
        let processes = try BPMNFixture.processes("zhengtong-all-constructs")
        #expect(processes.map(\.id) == ["Process_All", "Process_Archive"])
        let process = processes[0]
        #expect(process.nodeOrder == [
            "StartEvent_1", "Task_Draft", "Task_Check", "Gateway_Route", "Task_Legal", "Timer_Legal", "Service_Remind",
            "End_Remind", "Task_Finance", "Task_Print", "Gateway_Join", "Parallel_Split", "Sub_Sign", "Sub_Start",
            "Sub_Sign_Task", "Sub_Nested", "Nested_Start", "Nested_Task", "Nested_End", "Sub_Wait", "Sub_End", "Timer_Sign",
            "End_Timeout", "Call_Archive", "Parallel_Join", "Task_Dispatch", "Exclusive_Done", "Task_Redo", "End_Done",
        ])
        #expect(process.nodes["Task_Draft"] == FlowNode(id: "Task_Draft", name: "拟稿", kind: .userTask, incoming: ["F1"], outgoing: ["F2"],
                                                        assignment: Assignment(rule: .initiator), properties: ["zt:formKey": "draft"]))
        #expect(process.nodes["Task_Check"]?.returnTargets == ["Task_Draft"])
        #expect(process.nodes["Task_Check"]?.properties == [:])
        #expect(process.nodes["Gateway_Route"] == FlowNode(id: "Gateway_Route", name: "需要哪些会签？", kind: .inclusiveGateway,
                                                           incoming: ["F3"], outgoing: ["F4", "F5", "Flow_Print"], defaultFlow: "Flow_Print"))
        #expect(process.nodes["Task_Legal"] == FlowNode(
            id: "Task_Legal", name: "法律审查", kind: .userTask, incoming: ["F4"], outgoing: ["F7"],
            assignment: Assignment(assignee: "${lawyer}"),
            multiInstance: MultiInstance(isSequential: false, collectionText: "lawyers", elementVariable: "lawyer")))
        #expect(try process.nodes["Task_Legal"]?.multiInstance?.collection?.evaluate(["lawyers": ["王律师"]]) == ["王律师"])
        #expect(process.nodes["Timer_Legal"]?.kind == .boundaryTimer(
            attachedTo: "Task_Legal", timer: .cycle(repetitions: 3, interval: ISODuration(days: 1), start: nil), cancelActivity: false))
        #expect(process.nodes["Service_Remind"]?.kind == .serviceTask(hook: "remind"))
        #expect(process.nodes["Task_Finance"]?.assignment == Assignment(candidateUsers: ["zhang", "li", "wang"], candidateGroups: ["finance"]))
        #expect(process.nodes["Task_Print"]?.kind == .passThrough)
        #expect(process.nodes["Gateway_Join"]?.incoming == ["F7", "F8", "F9"])
        #expect(process.nodes["Parallel_Split"]?.outgoing == ["F11", "F12"])

        // Scopes: the sub-process, a nested one, and the boundary timer of the sub-process outside it.
        #expect(process.nodes(in: "Sub_Sign").map(\.id) == ["Sub_Start", "Sub_Sign_Task", "Sub_Nested", "Sub_Wait", "Sub_End"])
        #expect(process.nodes(in: "Sub_Nested").map(\.id) == ["Nested_Start", "Nested_Task", "Nested_End"])
        #expect(process.nodes["Timer_Sign"] == FlowNode(
            id: "Timer_Sign", name: "两天超时",
            kind: .boundaryTimer(attachedTo: "Sub_Sign", timer: .duration(ISODuration(hours: 48)), cancelActivity: true),
            outgoing: ["F_Timeout"]))
        #expect(process.nodes["End_Timeout"]?.kind == .endEvent(terminate: true))
        #expect(process.nodes["Sub_Sign_Task"] == FlowNode(
            id: "Sub_Sign_Task", name: "逐一签字", kind: .userTask, scope: "Sub_Sign", incoming: ["SF1"], outgoing: ["SF2"],
            assignment: Assignment(rule: .variable("signers")),
            multiInstance: MultiInstance(isSequential: true, loopCardinalityText: "3", completionConditionText: "nrOfCompletedInstances >= 2")))
        #expect(try process.nodes["Sub_Sign_Task"]?.multiInstance?.loopCardinality?.evaluate() == 3)
        #expect(process.nodes["Nested_Task"]?.scope == "Sub_Nested")
        #expect(process.nodes["Nested_Task"]?.assignment == Assignment(rule: .initiatorLeader))
        #expect(process.nodes["Sub_Wait"]?.scope == "Sub_Sign")
        #expect(process.nodes["Call_Archive"]?.kind == .callActivity(calledElement: "Process_Archive"))
        #expect(process.nodes["Task_Dispatch"] == FlowNode(id: "Task_Dispatch", name: "分发", kind: .serviceTask(hook: "dispatch"),
                                                           incoming: ["F15"], outgoing: ["F16"], properties: ["zt:channel": "内网 & 邮件"]))
        // Flow order is document order: F18 is written before F17.
        #expect(process.nodes["Exclusive_Done"]?.outgoing == ["F18", "F17"])
        #expect(process.nodes["Exclusive_Done"]?.defaultFlow == "F18")
        #expect(process.nodes["Task_Redo"]?.returnTargets == ["Task_Draft", "Task_Check"])
        #expect(process.nodes["End_Done"]?.incoming == ["F17", "F19"])

        // Conditions in all the accepted spellings, CDATA with surrounding white space trimmed.
        #expect(process.flows["F5"]?.conditionText == #"#{amount > 5000 && dept == "财务处"}"#)
        #expect(try process.flows["F5"]?.condition?.evaluateCondition(["amount": 9000, "dept": "财务处"]) == true)
        #expect(try process.flows["F17"]?.condition?.evaluateCondition(["approved": true]) == true)
        #expect(process.flows.count == 28)

        // DI: participants, lanes, annotations and associations are not nodes of the process and are dropped.
        #expect(process.diagram == DiagramLayout(
            shapes: [
                "StartEvent_1": .init(x: 172, y: 102, width: 36, height: 36),
                "Sub_Sign": .init(x: 700, y: 300, width: 600, height: 250),
                "Nested_Task": .init(x: 950, y: 380, width: 100, height: 80),
            ],
            edges: ["F1": [.init(x: 208, y: 120), .init(x: 260, y: 120)]]))

        let archive = processes[1]
        #expect(archive == ProcessDefinition(
            id: "Process_Archive", name: "归档",
            nodes: [
                FlowNode(id: "Archive_Start", kind: .startEvent, outgoing: ["AF1"]),
                FlowNode(id: "Archive_File", name: "立卷", kind: .passThrough, incoming: ["AF1"], outgoing: ["AF2"],
                         properties: ["归档.类别": "文书"]),
                FlowNode(id: "Archive_Milestone", name: "已立卷", kind: .passThrough, incoming: ["AF2"], outgoing: ["AF3"]),
                FlowNode(id: "Archive_End", kind: .endEvent(terminate: false), incoming: ["AF3"]),
            ],
            flows: [
                SequenceFlow(id: "AF1", source: "Archive_Start", target: "Archive_File"),
                SequenceFlow(id: "AF2", source: "Archive_File", target: "Archive_Milestone"),
                SequenceFlow(id: "AF3", source: "Archive_Milestone", target: "Archive_End"),
            ],
            diagram: DiagramLayout(shapes: ["Archive_File": .init(x: 260, y: 760, width: 100, height: 80)],
                                   edges: ["AF1": [.init(x: 208, y: 800), .init(x: 260, y: 800)]])))
        #expect(BPMNCheck.check(try BPMNFixture.data("zhengtong-all-constructs")) == [])
    }

    // MARK: Namespaces

    @Test func prefixesAreResolvedByURIForElementsAndAttributes() {
        // `c` is bound to Camunda's URI, `f` to Activiti's, and the element prefix `x` to BPMN; an inner element
        // rebinds `c` to Flowable's URI. The properties come out under the three normal spellings.
        let data = Data("""
        <x:definitions xmlns:x="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:c="http://camunda.org/schema/1.0/bpmn"
                       xmlns:f="http://activiti.org/bpmn" xmlns:our="urn:zhengtong:bpmn:1" id="D" targetNamespace="urn:t">
          <x:process id="P">
            <x:startEvent id="S" c:formKey="start" f:initiator="who" />
            <x:userTask id="T" c:assignee="a" our:priority="high" />
            <x:userTask id="U" xmlns:c="http://flowable.org/bpmn" c:candidateUsers=" b , c,," c:formKey="u" />
            <x:endEvent id="E" />
            <x:sequenceFlow id="F1" sourceRef="S" targetRef="T" />
            <x:sequenceFlow id="F2" sourceRef="T" targetRef="U" />
            <x:sequenceFlow id="F3" sourceRef="U" targetRef="E" />
          </x:process>
        </x:definitions>
        """.utf8)
        let result = BPMNImport.parse(data)
        #expect(result.problems == [])
        let process = result.processes.first
        #expect(process?.nodes["S"]?.properties == ["camunda:formKey": "start", "flowable:initiator": "who"])
        #expect(process?.nodes["T"]?.assignment == Assignment(assignee: "a"))
        #expect(process?.nodes["T"]?.properties == ["zt:priority": "high"])
        #expect(process?.nodes["U"]?.assignment == Assignment(candidateUsers: ["b", "c"]))
        #expect(process?.nodes["U"]?.properties == ["flowable:formKey": "u"])
    }

    @Test func elementsWithBPMNNamesInOtherNamespacesAreNotFlowNodes() {
        // A `userTask` in another namespace is not a BPMN user task: reported, never run.
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <other:userTask xmlns:other="urn:other" id="Fake" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="End" />
        """)
        let result = BPMNImport.parse(data)
        #expect(result.processes.first?.nodeOrder == ["Start", "End"])
        #expect(result.problems == [.warning("Fake", zh: "忽略了非 BPMN 元素 userTask（第 7 行）",
                                             en: "ignored the element userTask outside the BPMN namespace (line 7)")])
    }

    @Test func incomingAndOutgoingComeFromTheFlowsNotFromChildElements() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start"><bpmn:outgoing>Nowhere</bpmn:outgoing></bpmn:startEvent>
            <bpmn:exclusiveGateway id="G" default="F3">
              <bpmn:incoming>F9</bpmn:incoming>
              <bpmn:outgoing>F3</bpmn:outgoing>
              <bpmn:outgoing>F2</bpmn:outgoing>
            </bpmn:exclusiveGateway>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="End"><bpmn:conditionExpression>${go}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="End" />
        """)
        let process = BPMNImport.parse(data).processes.first
        #expect(process?.nodes["Start"]?.outgoing == ["F1"])
        #expect(process?.nodes["G"]?.incoming == ["F1"])
        #expect(process?.nodes["G"]?.outgoing == ["F2", "F3"])
        #expect(process?.nodes["End"]?.incoming == ["F2", "F3"])
    }

    @Test func potentialOwnerAndHumanPerformerForms() {
        let data = BPMNFixture.line(through: "T", """
            <bpmn:userTask id="T">
              <bpmn:humanPerformer><bpmn:resourceAssignmentExpression>
                <bpmn:formalExpression>user(kermit)</bpmn:formalExpression>
              </bpmn:resourceAssignmentExpression></bpmn:humanPerformer>
              <bpmn:potentialOwner><bpmn:resourceAssignmentExpression>
                <bpmn:formalExpression>user(fozzie), group(management),gonzo , group( sales )</bpmn:formalExpression>
              </bpmn:resourceAssignmentExpression></bpmn:potentialOwner>
              <bpmn:potentialOwner><bpmn:resourceAssignmentExpression>
                <bpmn:formalExpression>group(management)</bpmn:formalExpression>
              </bpmn:resourceAssignmentExpression></bpmn:potentialOwner>
            </bpmn:userTask>
        """)
        let result = BPMNImport.parse(data)
        #expect(result.problems == [])
        #expect(result.processes.first?.nodes["T"]?.assignment
            == Assignment(assignee: "kermit", candidateUsers: ["fozzie", "gonzo"], candidateGroups: ["management", "sales"]))
    }

    @Test func ourAssignmentAttributesCombineWithVendorOnes() {
        let data = BPMNFixture.line(through: "T", """
            <bpmn:userTask id="T" zt:assign="role:secretary@unit" zt:candidateUsers="u1,u2" camunda:candidateUsers="u2, u3"
                           zt:candidateGroups="g1" zt:hook="not-a-hook-here" />
        """)
        let result = BPMNImport.parse(data)
        #expect(result.problems == [])
        let task = result.processes.first?.nodes["T"]
        #expect(task?.assignment == Assignment(rule: .role(code: "secretary", within: .unit), candidateUsers: ["u1", "u2", "u3"],
                                               candidateGroups: ["g1"]))
        // `zt:hook` means nothing on a user task: it is kept as a property.
        #expect(task?.properties == ["zt:hook": "not-a-hook-here"])
    }

    @Test func multiInstanceFromStandardDataInputs() {
        let data = BPMNFixture.line(through: "T", """
            <bpmn:userTask id="T" camunda:assignee="${reader}">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true">
                <bpmn:loopDataInputRef>readers</bpmn:loopDataInputRef>
                <bpmn:inputDataItem id="Item" name="reader" />
                <bpmn:completionCondition>= nrOfCompletedInstances >= 1</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
        """)
        let result = BPMNImport.parse(data)
        #expect(result.problems == [])
        #expect(result.processes.first?.nodes["T"]?.multiInstance == MultiInstance(
            isSequential: true, collectionText: "readers", elementVariable: "reader",
            completionConditionText: "= nrOfCompletedInstances >= 1"))
    }

    @Test func flowableMultiInstanceAttributes() {
        let data = Data("""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn" targetNamespace="t">
          <process id="P">
            <startEvent id="S" />
            <userTask id="T" flowable:assignee="${signer}">
              <multiInstanceLoopCharacteristics isSequential="false" flowable:collection="signers" flowable:elementVariable="signer">
                <completionCondition>${nrOfCompletedInstances >= 1}</completionCondition>
              </multiInstanceLoopCharacteristics>
            </userTask>
            <endEvent id="E" />
            <sequenceFlow id="F1" sourceRef="S" targetRef="T" />
            <sequenceFlow id="F2" sourceRef="T" targetRef="E" />
          </process>
        </definitions>
        """.utf8)
        let result = BPMNImport.parse(data)
        #expect(result.problems == [])
        #expect(result.processes.first?.nodes["T"]?.multiInstance == MultiInstance(
            isSequential: false, collectionText: "signers", elementVariable: "signer",
            completionConditionText: "${nrOfCompletedInstances >= 1}"))
    }

    /// Camunda 8 models (Zeebe) name a service task's job type in an element; it is the task's hook, and the
    /// element's mappings (FEEL) are left to the hook.
    @Test func zeebeTaskDefinitionIsTheHook() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="S" />
            <bpmn:serviceTask id="A" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="send-receipt" retries="3" />
                <zeebe:ioMapping><zeebe:input source="=docId" target="id" /></zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="B" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <bpmn:extensionElements><zeebe:taskDefinition type=" " /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="A" />
            <bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="B" />
            <bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="E" />
        """)
        let result = BPMNImport.parse(data)
        #expect(result.processes.first?.nodes["A"]?.kind == .serviceTask(hook: "send-receipt"))
        // A blank job type is no hook.
        #expect(result.problems.map(\.elementID) == ["B"])
    }

    @Test func serviceTaskHookPrecedence() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="S" />
            <bpmn:serviceTask id="A" zt:hook="assignNumber" camunda:class="com.example.Number" />
            <bpmn:serviceTask id="B" camunda:class="com.example.Dispatch" />
            <bpmn:serviceTask id="C" xmlns:flowable="http://flowable.org/bpmn" flowable:type="mail" flowable:delegateExpression="#{mailer}" />
            <bpmn:serviceTask id="D" camunda:delegateExpression="${a.b}" />
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="A" />
            <bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="B" />
            <bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="C" />
            <bpmn:sequenceFlow id="F4" sourceRef="C" targetRef="D" />
            <bpmn:sequenceFlow id="F5" sourceRef="D" targetRef="E" />
        """)
        let result = BPMNImport.parse(data)
        #expect(result.problems == [])
        let nodes = result.processes.first?.nodes
        #expect(nodes?["A"]?.kind == .serviceTask(hook: "assignNumber"))
        #expect(nodes?["A"]?.properties == ["camunda:class": "com.example.Number"])
        #expect(nodes?["B"]?.kind == .serviceTask(hook: "com.example.Dispatch"))
        #expect(nodes?["B"]?.properties == [:])
        #expect(nodes?["C"]?.kind == .serviceTask(hook: "mailer"))
        #expect(nodes?["C"]?.properties == ["flowable:type": "mail"])
        #expect(nodes?["D"]?.kind == .serviceTask(hook: "${a.b}"))
    }

    @Test func timersInAllThreeForms() throws {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="S" />
            <bpmn:intermediateCatchEvent id="Wait1"><bpmn:timerEventDefinition><bpmn:timeDuration>
              P1DT2H
            </bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Wait2"><bpmn:timerEventDefinition><bpmn:timeDate>2026-03-01T08:30:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Wait3"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Wait1" />
            <bpmn:sequenceFlow id="F2" sourceRef="Wait1" targetRef="Wait2" />
            <bpmn:sequenceFlow id="F3" sourceRef="Wait2" targetRef="Wait3" />
            <bpmn:sequenceFlow id="F4" sourceRef="Wait3" targetRef="E" />
        """)
        let result = BPMNImport.parse(data)
        #expect(result.problems == [])
        let nodes = try #require(result.processes.first?.nodes)
        #expect(nodes["Wait1"]?.kind == .intermediateTimer(.duration(ISODuration(days: 1, hours: 2))))
        #expect(nodes["Wait2"]?.kind == .intermediateTimer(.date(Date(timeIntervalSince1970: 1_772_353_800))))
        #expect(nodes["Wait3"]?.kind == .intermediateTimer(.cycle(repetitions: nil, interval: ISODuration(hours: 1), start: nil)))
    }

    @Test func severalProcessesKeepTheirOwnLayout() throws {
        let processes = try BPMNFixture.processes("zhengtong-all-constructs")
        let allIDs = Set(processes[0].nodes.keys).union(processes[0].flows.keys)
        #expect(processes[0].diagram.shapes.keys.allSatisfy(allIDs.contains))
        #expect(processes[1].diagram.shapes.keys.sorted() == ["Archive_File"])
    }

    @Test func problemDescriptions() {
        let problem = ModelProblem.error("Task_1", zh: "任务没有指定办理人", en: "no assignee")
        #expect(problem.description == "[Task_1] 任务没有指定办理人 / no assignee")
        #expect(ModelProblem.error(nil, zh: "文件中没有流程（process 元素）", en: "the file contains no process element").description
            == "文件中没有流程（process 元素） / the file contains no process element")
        #expect([problem].containsErrors)
        #expect(![ModelProblem.warning("T", zh: "a", en: "b")].containsErrors)
    }
}

import Foundation
import Testing
@testable import WorkflowEngine

/// `BPMNExport`: what we write reads back to the same definitions, and other tools can read it.
@Suite("BPMN export")
struct BPMNExportTests {
    @Test(arguments: BPMNFixture.all)
    func roundTrip(fixture: String) throws {
        let processes = try BPMNFixture.processes(fixture)
        let exported = BPMNExport.export(processes)
        let result = BPMNImport.parse(exported)
        #expect(result.problems == [])
        #expect(result.processes == processes)
        // Conditions and multi-instance expressions are parsed again, not only compared as text.
        for (process, again) in zip(processes, result.processes) {
            for (id, flow) in process.flows {
                #expect((flow.condition == nil) == (again.flows[id]?.condition == nil), "\(id)")
            }
            for (id, node) in process.nodes where node.multiInstance != nil {
                #expect((node.multiInstance?.completionCondition == nil) == (again.nodes[id]?.multiInstance?.completionCondition == nil))
                #expect((node.multiInstance?.collection == nil) == (again.nodes[id]?.multiInstance?.collection == nil))
            }
        }
        // Exporting again gives the same bytes: the output is deterministic.
        #expect(BPMNExport.export(result.processes) == exported)
        #expect(BPMNCheck.check(exported) == BPMNCheck.check(try BPMNFixture.data(fixture)))
    }

    @Test func exactOutputForASmallProcess() throws {
        let process = ProcessDefinition(
            id: "Process_1", name: "收文 <急> & \"特急\"",
            nodes: [
                FlowNode(id: "Start", kind: .startEvent, outgoing: ["F1"]),
                FlowNode(id: "Task_1", name: "登记\n分办", kind: .userTask, incoming: ["F1"], outgoing: ["F2"],
                         assignment: Assignment(rule: .role(code: "clerk", within: .unit), assignee: "${a}",
                                                candidateUsers: ["u1", "u2"], candidateGroups: ["g"]),
                         multiInstance: MultiInstance(isSequential: true, loopCardinalityText: "2",
                                                      completionConditionText: "nrOfCompletedInstances >= 1 && x < 3"),
                         returnTargets: ["Start"],
                         properties: ["camunda:formKey": "k", "zt:x": "1", "备注": "a<b"]),
                FlowNode(id: "End", kind: .endEvent(terminate: true), incoming: ["F2"]),
            ],
            flows: [
                SequenceFlow(id: "F1", source: "Start", target: "Task_1"),
                SequenceFlow(id: "F2", name: "办结", source: "Task_1", target: "End", conditionText: "${ok && n < 2}"),
            ],
            diagram: DiagramLayout(shapes: ["Task_1": .init(x: 10, y: 20.5, width: 100, height: 80)],
                                   edges: ["F2": [.init(x: 110, y: 60), .init(x: 150.25, y: 60)]]))
        let text = String(decoding: BPMNExport.export([process]), as: UTF8.self)
        #expect(text == """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zt="urn:zhengtong:bpmn:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_zhengtong" targetNamespace="urn:zhengtong:processes" exporter="Zhengtong" exporterVersion="1">
          <bpmn:process id="Process_1" name="收文 &lt;急&gt; &amp; &quot;特急&quot;" isExecutable="true">
            <bpmn:startEvent id="Start">
              <bpmn:outgoing>F1</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:userTask id="Task_1" name="登记&#10;分办" zt:assign="role:clerk@unit" zt:assignee="${a}" zt:candidateUsers="u1,u2" zt:candidateGroups="g" zt:returnTo="Start" camunda:formKey="k" zt:x="1">
              <bpmn:extensionElements>
                <zt:property name="备注" value="a&lt;b" />
              </bpmn:extensionElements>
              <bpmn:incoming>F1</bpmn:incoming>
              <bpmn:outgoing>F2</bpmn:outgoing>
              <bpmn:multiInstanceLoopCharacteristics isSequential="true">
                <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">2</bpmn:loopCardinality>
                <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">nrOfCompletedInstances &gt;= 1 &amp;&amp; x &lt; 3</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:endEvent id="End">
              <bpmn:incoming>F2</bpmn:incoming>
              <bpmn:terminateEventDefinition />
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_1" />
            <bpmn:sequenceFlow id="F2" name="办结" sourceRef="Task_1" targetRef="End">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${ok &amp;&amp; n &lt; 2}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="BPMNDiagram_Process_1">
            <bpmndi:BPMNPlane id="BPMNPlane_Process_1" bpmnElement="Process_1">
              <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
                <dc:Bounds x="10" y="20.5" width="100" height="80" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2">
                <di:waypoint x="110" y="60" />
                <di:waypoint x="150.25" y="60" />
              </bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>

        """)
        // And it reads back, conditions parsed.
        let again = BPMNImport.parse(Data(text.utf8))
        #expect(again.problems == [])
        var expected = process
        expected.flows["F2"]?.condition = try ConditionExpression(parsing: "${ok && n < 2}")
        #expect(again.processes == [expected])
    }

    @Test func everyKindAndTimerFormRoundTrips() throws {
        let wait = try #require(TimerDefinition(form: .timeDate, text: "2026-12-01T09:00:00+08:00"))
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        let process = ProcessDefinition(
            id: "P", nodes: [
                FlowNode(id: "S", kind: .startEvent, outgoing: ["F1"]),
                FlowNode(id: "Call", kind: .callActivity(calledElement: "Other"), incoming: ["F1"], outgoing: ["F2"]),
                FlowNode(id: "Sub", kind: .subProcess, incoming: ["F2"], outgoing: ["F3"]),
                FlowNode(id: "Sub_S", kind: .startEvent, scope: "Sub", outgoing: ["SF1"]),
                FlowNode(id: "Sub_Wait", kind: .intermediateTimer(wait), scope: "Sub", incoming: ["SF1"], outgoing: ["SF2"]),
                FlowNode(id: "Sub_E", kind: .endEvent(terminate: false), scope: "Sub", incoming: ["SF2"]),
                FlowNode(id: "B1", kind: .boundaryTimer(attachedTo: "Sub", timer: .cycle(repetitions: 2, interval: ISODuration(weeks: 1), start: start),
                                                        cancelActivity: false), outgoing: ["F4"]),
                FlowNode(id: "B2", kind: .boundaryTimer(attachedTo: "Call", timer: .cycle(repetitions: nil, interval: ISODuration(minutes: 30), start: nil),
                                                        cancelActivity: true), outgoing: ["F5"]),
                FlowNode(id: "Svc", kind: .serviceTask(hook: "notify"), incoming: ["F3", "F4", "F5"], outgoing: ["F6"]),
                FlowNode(id: "E", kind: .endEvent(terminate: false), incoming: ["F6"]),
            ],
            flows: [
                SequenceFlow(id: "F1", source: "S", target: "Call"),
                SequenceFlow(id: "F2", source: "Call", target: "Sub"),
                SequenceFlow(id: "F3", source: "Sub", target: "Svc"),
                SequenceFlow(id: "SF1", source: "Sub_S", target: "Sub_Wait"),
                SequenceFlow(id: "SF2", source: "Sub_Wait", target: "Sub_E"),
                SequenceFlow(id: "F4", source: "B1", target: "Svc"),
                SequenceFlow(id: "F5", source: "B2", target: "Svc"),
                SequenceFlow(id: "F6", source: "Svc", target: "E"),
            ])
        let result = BPMNImport.parse(BPMNExport.export([process]))
        #expect(result.problems == [])
        #expect(result.processes == [process])
        #expect(result.processes.first?.diagram.isEmpty == true)
    }

    /// Outgoing order decides which flow an exclusive gateway tries first; export must keep it even when it is not
    /// the order of the ids, and keep every incoming order at the same time.
    @Test func flowOrderIsKeptForEveryNode() {
        let process = ProcessDefinition(
            id: "P", nodes: [
                FlowNode(id: "S", kind: .startEvent, outgoing: ["a"]),
                FlowNode(id: "G", kind: .exclusiveGateway, incoming: ["a"], outgoing: ["z", "m", "b"], defaultFlow: "b"),
                FlowNode(id: "E", kind: .endEvent(terminate: false), incoming: ["b", "m", "z"]),
            ],
            flows: [
                SequenceFlow(id: "a", source: "S", target: "G"),
                SequenceFlow(id: "z", source: "G", target: "E", conditionText: "x"),
                SequenceFlow(id: "m", source: "G", target: "E", conditionText: "y"),
                SequenceFlow(id: "b", source: "G", target: "E"),
            ])
        // G wants z, m, b and E wants b, m, z: no document order gives both, so the cycle is broken and E's order
        // follows G's. Consistent orders (the only kind an import produces) always survive.
        let again = BPMNImport.parse(BPMNExport.export([process])).processes.first
        #expect(again?.nodes["G"]?.outgoing == ["z", "m", "b"])
        #expect(again?.nodes["E"]?.incoming == ["z", "m", "b"])

        var consistent = process
        consistent.nodes["E"]?.incoming = ["z", "m", "b"]
        #expect(BPMNImport.parse(BPMNExport.export([consistent])).processes == [consistent])
    }

    /// A join whose incoming order is not the order of its sources: the file listed B's flow before A's.
    @Test func joinOrderIsKeptWhenItDiffersFromTheSources() throws {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="S" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:task id="A" />
            <bpmn:task id="B" />
            <bpmn:parallelGateway id="Join" />
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="s" sourceRef="S" targetRef="Fork" />
            <bpmn:sequenceFlow id="toA" sourceRef="Fork" targetRef="A" />
            <bpmn:sequenceFlow id="toB" sourceRef="Fork" targetRef="B" />
            <bpmn:sequenceFlow id="fromB" sourceRef="B" targetRef="Join" />
            <bpmn:sequenceFlow id="fromA" sourceRef="A" targetRef="Join" />
            <bpmn:sequenceFlow id="end" sourceRef="Join" targetRef="E" />
        """)
        let process = try #require(BPMNImport.parse(data).processes.first)
        #expect(process.nodes["Join"]?.incoming == ["fromB", "fromA"])
        let text = String(decoding: BPMNExport.export([process]), as: UTF8.self)
        let flowIDs = text.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("<bpmn:sequenceFlow id=\"") else { return nil }
            return line.split(separator: "\"")[1].description
        }
        #expect(flowIDs == ["s", "toA", "toB", "fromB", "fromA", "end"])
        #expect(BPMNImport.parse(Data(text.utf8)).processes == [process])
    }

    @Test func propertiesThatCannotBeAttributesTravelAsElements() {
        let process = ProcessDefinition(id: "P", nodes: [
            FlowNode(id: "S", kind: .startEvent, outgoing: ["F1"]),
            // `zt:assign` as a property of a user task would be read as its rule: it goes into an element instead.
            FlowNode(id: "T", kind: .userTask, incoming: ["F1"], outgoing: ["F2"],
                     properties: ["zt:assign": "not a rule", "plain": "x", "camunda:bad name": "y", "flowable:formKey": "f", "other:thing": "z"]),
            FlowNode(id: "E", kind: .endEvent(terminate: false), incoming: ["F2"]),
        ], flows: [
            SequenceFlow(id: "F1", source: "S", target: "T"),
            SequenceFlow(id: "F2", source: "T", target: "E"),
        ])
        let data = BPMNExport.export([process])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#"xmlns:flowable="http://flowable.org/bpmn""#))
        #expect(!text.contains("xmlns:camunda"))
        #expect(text.contains(#"<zt:property name="zt:assign" value="not a rule" />"#))
        let again = BPMNImport.parse(data)
        #expect(again.problems == [])
        #expect(again.processes == [process])
    }

    @Test func generatedIDsDoNotClashWithModelIDs() throws {
        let process = ProcessDefinition(
            id: "Definitions_zhengtong", nodes: [
                FlowNode(id: "S", kind: .startEvent, outgoing: ["S_di"]),
                FlowNode(id: "E", kind: .endEvent(terminate: false), incoming: ["S_di"]),
            ],
            flows: [SequenceFlow(id: "S_di", source: "S", target: "E")],
            diagram: DiagramLayout(shapes: ["S": .init(x: 0, y: 0, width: 36, height: 36)]))
        let text = String(decoding: BPMNExport.export([process]), as: UTF8.self)
        #expect(text.contains(#"id="Definitions_zhengtong_2" targetNamespace="urn:zhengtong:processes""#))
        #expect(text.contains(#"<bpmndi:BPMNShape id="S_di_2" bpmnElement="S">"#))
        #expect(BPMNImport.parse(Data(text.utf8)).processes == [process])
    }

    @Test func controlCharactersCannotBreakTheDocument() {
        let process = ProcessDefinition(id: "P", name: "a\u{1}b\tc\r\n]]>", nodes: [
            FlowNode(id: "S", kind: .startEvent, outgoing: ["F1"]),
            FlowNode(id: "E", kind: .endEvent(terminate: false), incoming: ["F1"]),
        ], flows: [SequenceFlow(id: "F1", source: "S", target: "E", conditionText: "a\u{0}")])
        let result = BPMNImport.parse(BPMNExport.export([process]))
        #expect(result.processes.first?.name == "a\u{FFFD}b\tc\r\n]]>")
        #expect(result.processes.first?.flows["F1"]?.conditionText == "a\u{FFFD}")
        #expect(result.problems.map(\.elementID) == ["F1"])
    }

    @Test func emptyExportIsAValidFileWithoutProcesses() {
        let text = String(decoding: BPMNExport.export([]), as: UTF8.self)
        #expect(text.contains(#"targetNamespace="urn:zhengtong:processes""#))
        #expect(BPMNImport.parse(Data(text.utf8)).problems == [.error(nil, zh: "文件中没有流程（process 元素）", en: "the file contains no process element")])
    }
}

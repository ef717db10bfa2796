import Foundation

/// Writes process definitions as BPMN 2.0 XML that bpmn.io, Camunda Modeler and Flowable open, and that
/// `BPMNImport` reads back to equal definitions.
///
/// Our extensions use the `zt:` prefix (`urn:zhengtong:bpmn:1`): `zt:assign`, `zt:assignee`, `zt:candidateUsers`,
/// `zt:candidateGroups`, `zt:dueIn` on user tasks, `zt:hook` on service tasks, `zt:calendar` on timer events,
/// `zt:correlationKey` on message events, receive and send tasks (messages written as `bpmn:message` by name),
/// `zt:payload` on send tasks and message throw events,
/// `zt:collection`/`zt:elementVariable` on multi-instance, `zt:returnTo`. Properties go back as `zt:`, `camunda:`
/// or `flowable:` attributes; a property whose key cannot be such an attribute is written as
/// `<zt:property name="…" value="…"/>`.
public enum BPMNExport {
    public static func export(_ processes: [ProcessDefinition]) -> Data {
        var exporter = Exporter(processes: processes)
        return Data(exporter.run().utf8)
    }
}

private struct Exporter {
    let processes: [ProcessDefinition]
    var writer = XMLWriter()
    /// Ids in the file, so generated ids (definitions, diagrams, DI elements) never clash with them.
    var usedIDs: Set<String>
    /// Message name → the id of the `bpmn:message` written for it (the model keeps names; the file refers by id).
    var messageIDs: [String: String] = [:]

    init(processes: [ProcessDefinition]) {
        self.processes = processes
        var ids: Set<String> = []
        for process in processes {
            ids.insert(process.id)
            ids.formUnion(process.nodes.keys)
            ids.formUnion(process.flows.keys)
        }
        usedIDs = ids
    }

    mutating func run() -> String {
        var attributes: XMLWriter.Attributes = [
            ("xmlns:bpmn", BPMNNamespace.model),
            ("xmlns:bpmndi", BPMNNamespace.bpmnDI),
            ("xmlns:dc", BPMNNamespace.dc),
            ("xmlns:di", BPMNNamespace.di),
            ("xmlns:zt", BPMNNamespace.zhengtong),
            ("xmlns:xsi", BPMNNamespace.xsi),
        ]
        var prefixes: Set<String> = []
        for process in processes {
            for node in process.nodes.values {
                for key in node.properties.keys where Self.isExtensionAttribute(key) {
                    prefixes.insert(String(key.prefix { $0 != ":" }))
                }
            }
        }
        if prefixes.contains("camunda") { attributes.append(("xmlns:camunda", BPMNNamespace.camunda)) }
        if prefixes.contains("flowable") { attributes.append(("xmlns:flowable", BPMNNamespace.flowable)) }
        attributes += [
            ("id", uniqueID("Definitions_zhengtong")),
            ("targetNamespace", "urn:zhengtong:processes"),
            ("exporter", "Zhengtong"),
            ("exporterVersion", "1"),
        ]
        writer.open("bpmn:definitions", attributes)
        writeMessages()
        var layouts: [(process: ProcessDefinition, flowOrder: [String])] = []
        for process in processes {
            let flowOrder = writeProcess(process)
            layouts.append((process, flowOrder))
        }
        for (process, flowOrder) in layouts where !(process.diagram.shapes.isEmpty && process.diagram.edges.isEmpty) {
            writeDiagram(process, flowOrder: flowOrder)
        }
        writer.close()
        return writer.output
    }

    /// One `bpmn:message` per message name the processes use, in the order the processes first use them.
    private mutating func writeMessages() {
        for process in processes {
            for id in process.nodeOrder {
                guard let name = process.nodes[id]?.messageName, messageIDs[name] == nil else { continue }
                let id = uniqueID("Message_\(messageIDs.count + 1)")
                messageIDs[name] = id
                writer.empty("bpmn:message", [("id", id), ("name", name)])
            }
        }
    }

    mutating func uniqueID(_ base: String) -> String {
        var candidate = base
        var counter = 2
        while usedIDs.contains(candidate) {
            candidate = "\(base)_\(counter)"
            counter += 1
        }
        usedIDs.insert(candidate)
        return candidate
    }

    // MARK: Process

    /// Writes the process; returns the flow ids in the order written (for the diagram).
    private mutating func writeProcess(_ process: ProcessDefinition) -> [String] {
        var attributes: XMLWriter.Attributes = [("id", process.id)]
        if let name = process.name { attributes.append(("name", name)) }
        attributes.append(("isExecutable", "true"))
        writer.open("bpmn:process", attributes)

        // Every node once, in document order; a node whose scope is no sub-process here goes to the top level.
        var ordered = process.nodeOrder.compactMap { process.nodes[$0] }
        let listed = Set(process.nodeOrder)
        ordered += process.nodes.keys.filter { !listed.contains($0) }.sorted().compactMap { process.nodes[$0] }
        let subProcesses = Set(ordered.filter { $0.kind == .subProcess }.map(\.id))
        var children: [String?: [FlowNode]] = [:]
        for node in ordered {
            let scope = node.scope.flatMap { subProcesses.contains($0) && $0 != node.id ? $0 : nil }
            children[scope, default: []].append(node)
        }
        // The container each flow is written in: its source's (else its target's).
        var flowsByScope: [String?: [SequenceFlow]] = [:]
        for flow in process.flows.values {
            let node = process.nodes[flow.source] ?? process.nodes[flow.target]
            let scope = node?.scope.flatMap { subProcesses.contains($0) ? $0 : nil }
            flowsByScope[scope, default: []].append(flow)
        }
        var context = ProcessContext(process: process, ordered: ordered, children: children, flowsByScope: flowsByScope)
        writeContainer(nil, context: &context)
        // Nodes caught in a cycle of scopes were not reached from the top: write them there.
        for node in ordered where !context.written.contains(node.id) {
            writeNode(node, context: &context)
        }
        for scope in flowsByScope.keys.sorted(by: { ($0 ?? "") < ($1 ?? "") }) where !context.writtenScopes.contains(scope) {
            writeFlows(of: scope, context: &context)
        }
        writer.close()
        return context.flowOrder
    }

    private struct ProcessContext {
        let process: ProcessDefinition
        let ordered: [FlowNode]
        let children: [String?: [FlowNode]]
        let flowsByScope: [String?: [SequenceFlow]]
        var written: Set<String> = []
        var writtenScopes: Set<String?> = []
        var flowOrder: [String] = []
    }

    private mutating func writeContainer(_ scope: String?, context: inout ProcessContext) {
        for node in context.children[scope] ?? [] where !context.written.contains(node.id) {
            writeNode(node, context: &context)
        }
        writeFlows(of: scope, context: &context)
    }

    private mutating func writeFlows(of scope: String?, context: inout ProcessContext) {
        guard context.writtenScopes.insert(scope).inserted else { return }
        let flows = context.flowsByScope[scope] ?? []
        for flow in Self.documentOrder(flows, nodes: context.ordered) {
            var attributes: XMLWriter.Attributes = [("id", flow.id)]
            if let name = flow.name { attributes.append(("name", name)) }
            attributes += [("sourceRef", flow.source), ("targetRef", flow.target)]
            if let condition = flow.conditionText {
                writer.open("bpmn:sequenceFlow", attributes)
                writer.text("bpmn:conditionExpression", [("xsi:type", "bpmn:tFormalExpression")], condition)
                writer.close()
            } else {
                writer.empty("bpmn:sequenceFlow", attributes)
            }
            context.flowOrder.append(flow.id)
        }
    }

    /// An order of the flows in which every node's outgoing flows, and its incoming flows, keep their order
    /// (the import reads both from the flows' document order). Ties follow the nodes' order.
    static func documentOrder(_ flows: [SequenceFlow], nodes: [FlowNode]) -> [SequenceFlow] {
        let byID = Dictionary(flows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var priority: [String] = []
        var seen: Set<String> = []
        for node in nodes {
            for id in node.outgoing where byID[id] != nil && seen.insert(id).inserted { priority.append(id) }
        }
        for id in byID.keys.sorted() where seen.insert(id).inserted { priority.append(id) }
        let rank = Dictionary(uniqueKeysWithValues: priority.enumerated().map { ($1, $0) })

        // Constraints: consecutive flows of each node's outgoing and incoming lists.
        var successors = Array(repeating: [Int](), count: priority.count)
        var predecessors = Array(repeating: 0, count: priority.count)
        for node in nodes {
            for list in [node.outgoing, node.incoming] {
                let ranks = list.compactMap { rank[$0] }
                for (before, after) in zip(ranks, ranks.dropFirst()) where before != after {
                    successors[before].append(after)
                    predecessors[after] += 1
                }
            }
        }
        var available = predecessors.indices.filter { predecessors[$0] == 0 }
        var done = Array(repeating: false, count: priority.count)
        var result: [SequenceFlow] = []
        while result.count < priority.count {
            // `available` stays sorted, so the first is the highest priority; a cycle (only possible in a
            // definition built by hand with inconsistent lists) is broken at the highest-priority flow left.
            let next = available.isEmpty ? done.firstIndex(of: false)! : available.removeFirst()
            guard !done[next] else { continue }
            done[next] = true
            result.append(byID[priority[next]]!)
            for successor in successors[next] {
                predecessors[successor] -= 1
                if predecessors[successor] == 0, !done[successor] {
                    let position = available.firstIndex { $0 > successor } ?? available.endIndex
                    available.insert(successor, at: position)
                }
            }
        }
        return result
    }

    // MARK: Nodes

    private mutating func writeNode(_ node: FlowNode, context: inout ProcessContext) {
        context.written.insert(node.id)
        var attributes: XMLWriter.Attributes = [("id", node.id)]
        if let name = node.name { attributes.append(("name", name)) }
        let element: String
        /// Extension attributes the import reads into fields rather than properties, for this kind.
        var reserved: Set<String> = ["zt:returnTo"]
        switch node.kind {
        case .startEvent, .timerStart, .messageStart:
            element = "bpmn:startEvent"
        case .endEvent:
            element = "bpmn:endEvent"
        case .userTask:
            element = "bpmn:userTask"
            reserved.formUnion(["zt:assign", "zt:assignee", "zt:candidateUsers", "zt:candidateGroups",
                                "camunda:assignee", "camunda:candidateUsers", "camunda:candidateGroups",
                                "flowable:assignee", "flowable:candidateUsers", "flowable:candidateGroups"])
            if let assignment = node.assignment {
                if let rule = assignment.rule { attributes.append(("zt:assign", rule.attribute)) }
                if let assignee = assignment.assignee { attributes.append(("zt:assignee", assignee)) }
                if !assignment.candidateUsers.isEmpty {
                    attributes.append(("zt:candidateUsers", assignment.candidateUsers.joined(separator: ",")))
                }
                if !assignment.candidateGroups.isEmpty {
                    attributes.append(("zt:candidateGroups", assignment.candidateGroups.joined(separator: ",")))
                }
            }
            reserved.insert("zt:dueIn")
            if let dueIn = node.dueIn { attributes.append(("zt:dueIn", dueIn.description)) }
            reserved.insert("zt:dueDate")
            if let dueDate = node.dueDate { attributes.append(("zt:dueDate", dueDate)) }
        case .serviceTask(let hook):
            element = "bpmn:serviceTask"
            reserved.insert("zt:hook")
            attributes.append(("zt:hook", hook))
        case .passThrough:
            element = "bpmn:task"
        case .exclusiveGateway:
            element = "bpmn:exclusiveGateway"
        case .parallelGateway:
            element = "bpmn:parallelGateway"
        case .inclusiveGateway:
            element = "bpmn:inclusiveGateway"
        case .subProcess:
            element = "bpmn:subProcess"
        case .callActivity(let calledElement):
            element = "bpmn:callActivity"
            attributes.append(("calledElement", calledElement))
        case .boundaryTimer(let attachedTo, _, let cancelActivity):
            element = "bpmn:boundaryEvent"
            if !cancelActivity { attributes.append(("cancelActivity", "false")) }
            attributes.append(("attachedToRef", attachedTo))
        case .intermediateTimer, .messageCatch:
            element = "bpmn:intermediateCatchEvent"
        case .boundaryMessage(let attachedTo, _, let cancelActivity):
            element = "bpmn:boundaryEvent"
            if !cancelActivity { attributes.append(("cancelActivity", "false")) }
            attributes.append(("attachedToRef", attachedTo))
        case .messageThrow:
            element = "bpmn:intermediateThrowEvent"
        case .receiveTask(let message):
            element = "bpmn:receiveTask"
            attributes.append(("messageRef", messageIDs[message] ?? message))
        case .sendTask(let message):
            element = "bpmn:sendTask"
            attributes.append(("messageRef", messageIDs[message] ?? message))
        }
        if node.messageName != nil {
            reserved.insert("zt:correlationKey")
            if let key = node.correlationKey { attributes.append(("zt:correlationKey", key)) }
        }
        if Importer.sendsMessage(node.kind) {
            reserved.insert("zt:payload")
            if !node.messagePayload.isEmpty { attributes.append(("zt:payload", node.messagePayload.joined(separator: ","))) }
        }
        switch node.kind {
        case .boundaryTimer, .intermediateTimer, .timerStart:
            reserved.insert("zt:calendar")
            if node.countsWorkingDays { attributes.append(("zt:calendar", "workdays")) }
        default:
            break
        }
        if let defaultFlow = node.defaultFlow { attributes.append(("default", defaultFlow)) }
        if !node.returnTargets.isEmpty { attributes.append(("zt:returnTo", node.returnTargets.joined(separator: ","))) }
        var leftover: [(key: String, value: String)] = []
        for key in node.properties.keys.sorted() {
            let value = node.properties[key] ?? ""
            if Self.isExtensionAttribute(key), !reserved.contains(key) {
                attributes.append((key, value))
            } else {
                leftover.append((key, value))
            }
        }

        writer.open(element, attributes)
        if !leftover.isEmpty {
            writer.open("bpmn:extensionElements")
            for property in leftover { writer.empty("zt:property", [("name", property.key), ("value", property.value)]) }
            writer.close()
        }
        for id in node.incoming { writer.text("bpmn:incoming", [], id) }
        for id in node.outgoing { writer.text("bpmn:outgoing", [], id) }
        if let multi = node.multiInstance { writeMultiInstance(multi) }
        switch node.kind {
        case .endEvent(terminate: true):
            writer.empty("bpmn:terminateEventDefinition")
        case .messageStart(let message), .messageCatch(let message), .boundaryMessage(_, let message, _), .messageThrow(let message):
            writer.empty("bpmn:messageEventDefinition", [("messageRef", messageIDs[message] ?? message)])
        case .boundaryTimer(_, let timer, _), .intermediateTimer(let timer), .timerStart(let timer):
            let (form, text) = timer.bpmn
            writer.open("bpmn:timerEventDefinition")
            writer.text("bpmn:\(form.rawValue)", [("xsi:type", "bpmn:tFormalExpression")], text)
            writer.close()
        case .subProcess:
            writeContainer(node.id, context: &context)
        default:
            break
        }
        writer.close()
    }

    private mutating func writeMultiInstance(_ multi: MultiInstance) {
        var attributes: XMLWriter.Attributes = [("isSequential", multi.isSequential ? "true" : "false")]
        if let collection = multi.collectionText { attributes.append(("zt:collection", collection)) }
        if let variable = multi.elementVariable { attributes.append(("zt:elementVariable", variable)) }
        guard multi.loopCardinalityText != nil || multi.completionConditionText != nil else {
            writer.empty("bpmn:multiInstanceLoopCharacteristics", attributes)
            return
        }
        writer.open("bpmn:multiInstanceLoopCharacteristics", attributes)
        if let cardinality = multi.loopCardinalityText {
            writer.text("bpmn:loopCardinality", [("xsi:type", "bpmn:tFormalExpression")], cardinality)
        }
        if let condition = multi.completionConditionText {
            writer.text("bpmn:completionCondition", [("xsi:type", "bpmn:tFormalExpression")], condition)
        }
        writer.close()
    }

    /// `zt:name`, `camunda:name` or `flowable:name` with `name` an XML name without a colon.
    static func isExtensionAttribute(_ key: String) -> Bool {
        let parts = key.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, BPMNNamespace.Extension(rawValue: String(parts[0])) != nil,
              let first = parts[1].first, first.isLetter || first == "_" else { return false }
        return parts[1].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    // MARK: Diagram

    private mutating func writeDiagram(_ process: ProcessDefinition, flowOrder: [String]) {
        writer.open("bpmndi:BPMNDiagram", [("id", uniqueID("BPMNDiagram_\(process.id)"))])
        writer.open("bpmndi:BPMNPlane", [("id", uniqueID("BPMNPlane_\(process.id)")), ("bpmnElement", process.id)])
        let shapes = process.diagram.shapes
        var shapeOrder = process.nodeOrder.filter { shapes[$0] != nil }
        let listedShapes = Set(shapeOrder)
        shapeOrder += shapes.keys.filter { !listedShapes.contains($0) }.sorted()
        for id in shapeOrder {
            guard let bounds = shapes[id] else { continue }
            var attributes: XMLWriter.Attributes = [("id", uniqueID("\(id)_di")), ("bpmnElement", id)]
            if process.nodes[id]?.kind == .subProcess { attributes.append(("isExpanded", "true")) }
            writer.open("bpmndi:BPMNShape", attributes)
            writer.empty("dc:Bounds", [("x", Self.number(bounds.x)), ("y", Self.number(bounds.y)),
                                       ("width", Self.number(bounds.width)), ("height", Self.number(bounds.height))])
            writer.close()
        }
        let edges = process.diagram.edges
        var edgeOrder = flowOrder.filter { edges[$0] != nil }
        let listedEdges = Set(edgeOrder)
        edgeOrder += edges.keys.filter { !listedEdges.contains($0) }.sorted()
        for id in edgeOrder {
            guard let points = edges[id] else { continue }
            writer.open("bpmndi:BPMNEdge", [("id", uniqueID("\(id)_di")), ("bpmnElement", id)])
            for point in points {
                writer.empty("di:waypoint", [("x", Self.number(point.x)), ("y", Self.number(point.y))])
            }
            writer.close()
        }
        writer.close()
        writer.close()
    }

    /// `100` rather than `100.0`; otherwise the shortest text that reads back to the same value.
    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

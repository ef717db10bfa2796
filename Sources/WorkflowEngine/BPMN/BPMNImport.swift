import Foundation

/// What `BPMNImport.parse` found in a file: every `<process>` it could read, and every problem.
///
/// A process is returned even when it has error-severity problems, so it can be previewed; elements
/// that could not be read are left out of it (and reported), and `BPMNCheck` fails on such a file.
public struct BPMNImportResult: Sendable, Equatable {
    public var processes: [ProcessDefinition]
    public var problems: [ModelProblem]

    public init(processes: [ProcessDefinition], problems: [ModelProblem]) {
        self.processes = processes
        self.problems = problems
    }

    /// Whether any problem is an error.
    public var hasErrors: Bool { problems.containsErrors }
}

/// Reads BPMN 2.0 XML as written by bpmn.io, Camunda Modeler, Flowable and the BPMN MIWG reference files.
///
/// Elements and attributes are matched by namespace URI, so `bpmn:`, `bpmn2:`, `semantic:` and the default
/// namespace read the same. Camunda, Flowable and Activiti extension attributes are understood (Activiti's
/// as Flowable's), as are ours in `urn:zhengtong:bpmn:1`. Anything in a process the engine cannot run is
/// reported with its id rather than dropped silently.
public enum BPMNImport {
    public static func parse(_ data: Data) -> BPMNImportResult {
        let file = importFile(data)
        return BPMNImportResult(processes: file.processes, problems: file.problems)
    }

    /// Whether the file has a document type declaration, which `parse` refuses without parsing: a caller that
    /// answers with a specific message or error code can tell this refusal from a modelling mistake.
    public static func declaresDocumentType(_ data: Data) -> Bool {
        XMLDocumentType.isDeclared(in: data)
    }

    /// The import with what `BPMNCheck` also needs: per process, the ids of elements that were reported and
    /// left out (so flows to them are not reported a second time).
    struct ImportedFile {
        var processes: [ProcessDefinition] = []
        var problems: [ModelProblem] = []
        var omittedIDs: [String: Set<String>] = [:]
    }

    static func importFile(_ data: Data) -> ImportedFile {
        var importer = Importer()
        importer.run(data)
        return importer.file
    }
}

/// One pass over one file; collects problems as it goes.
struct Importer {
    private(set) var file = BPMNImport.ImportedFile()
    /// Ids of processes, flow nodes, sequence flows and reported elements seen so far (BPMN ids are unique per file).
    private var seenIDs: Set<String> = []
    /// The file's `bpmn:message` elements, id → name (empty when it has none): events and tasks refer to a message
    /// by id, and the engine correlates by name.
    private var messages: [String: String] = [:]

    private static let model = BPMNNamespace.model

    /// Elements inside a process (or sub-process) that carry nothing to run, skipped without a problem. A
    /// sub-process is also an activity: its own `incoming`/`outgoing`, loop and data associations sit among its
    /// flow elements (the loop is read with the sub-process's other details).
    private static let ignoredElements: Set<String> = [
        "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation", "association", "group",
        "laneSet", "documentation", "extensionElements", "ioSpecification", "ioBinding", "property",
        "auditing", "monitoring", "supports", "resourceRole", "performer", "humanPerformer", "potentialOwner",
        "incoming", "outgoing", "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
        "dataInputAssociation", "dataOutputAssociation",
    ]

    mutating func run(_ data: Data) {
        let root: XMLTreeElement
        switch XMLTree.parse(data) {
        case .failure(let failure):
            let (chinese, english) = failure.messages
            if failure.reason == .documentType {
                // Not a mistake in the XML: a refusal, said as such.
                report(.error(nil, chinese, english))
            } else if failure.line > 0 {
                report(.error(nil, "XML 格式错误（第 \(failure.line) 行第 \(failure.column) 列）：\(chinese)",
                              "malformed XML (line \(failure.line), column \(failure.column)): \(english)"))
            } else {
                report(.error(nil, "XML 格式错误：\(chinese)", "malformed XML: \(english)"))
            }
            return
        case .success(let element):
            root = element
        }
        guard root.isElement("definitions", in: Self.model) else {
            let found = (root.namespace.map { "{\($0)}" } ?? "") + root.name
            report(.error(nil, "不是 BPMN 2.0 文件：根元素是 \(found)，应为 BPMN 2.0 的 definitions",
                          "not a BPMN 2.0 file: the root element is \(found), not the BPMN 2.0 definitions"))
            return
        }
        let layout = readDiagrams(in: root)
        for message in root.children(in: Self.model, named: "message") {
            guard let id = message["id"], !id.isEmpty else { continue }
            messages[id] = Self.name(of: message)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        for element in root.children(in: Self.model, named: "process") {
            readProcess(element, layout: layout)
        }
        if file.processes.isEmpty && !file.problems.containsErrors {
            report(.error(nil, "文件中没有流程（process 元素）", "the file contains no process element"))
        }
    }

    private mutating func report(_ problem: ModelProblem) {
        file.problems.append(problem)
    }

    // MARK: Processes

    /// Nodes and flows of one process as they are read, in document order.
    private struct ProcessBuilder {
        var nodes: [FlowNode] = []
        var flows: [SequenceFlow] = []
        var omitted: Set<String> = []
    }

    private mutating func readProcess(_ element: XMLTreeElement, layout: DiagramLayout) {
        guard let id = requireID(of: element) else { return }
        var builder = ProcessBuilder()
        readContainer(element, scope: nil, into: &builder)

        // Incoming and outgoing come from the flows themselves (`<incoming>` children are not trusted), in flow order.
        var index: [String: Int] = [:]
        for (position, node) in builder.nodes.enumerated() { index[node.id] = position }
        for flow in builder.flows {
            if let source = index[flow.source] { builder.nodes[source].outgoing.append(flow.id) }
            if let target = index[flow.target] { builder.nodes[target].incoming.append(flow.id) }
        }
        // A boundary event lives in the scope of the activity it is attached to.
        for position in builder.nodes.indices {
            if let attachedTo = builder.nodes[position].attachedTo, let activity = index[attachedTo] {
                builder.nodes[position].scope = builder.nodes[activity].scope
            }
        }
        let nodeIDs = Set(builder.nodes.map(\.id))
        let flowIDs = Set(builder.flows.map(\.id))
        let diagram = DiagramLayout(shapes: layout.shapes.filter { nodeIDs.contains($0.key) },
                                    edges: layout.edges.filter { flowIDs.contains($0.key) })
        file.processes.append(ProcessDefinition(id: id, name: Self.name(of: element), nodes: builder.nodes, flows: builder.flows, diagram: diagram))
        file.omittedIDs[id] = builder.omitted
    }

    /// Reads the flow elements of a process or embedded sub-process; `scope` is the sub-process id.
    private mutating func readContainer(_ container: XMLTreeElement, scope: String?, into builder: inout ProcessBuilder) {
        for element in container.children {
            guard element.namespace == Self.model else {
                // Vendor elements (ours, Camunda's, Flowable's) belong in extensionElements but are harmless here.
                if BPMNNamespace.Extension(uri: element.namespace ?? "") == nil {
                    report(.warning(element["id"], "忽略了非 BPMN 元素 \(element.name)（第 \(element.line) 行）",
                                    "ignored the element \(element.name) outside the BPMN namespace (line \(element.line))"))
                }
                continue
            }
            if Self.ignoredElements.contains(element.name) { continue }
            if element.name == "sequenceFlow" {
                if let flow = readSequenceFlow(element) { builder.flows.append(flow) }
                continue
            }
            guard let id = requireID(of: element) else { continue }
            switch readKind(of: element, id: id) {
            case .omitted:
                builder.omitted.insert(id)
            case .node(let kind):
                var node = FlowNode(id: id, name: Self.name(of: element), kind: kind, scope: scope)
                readDetails(of: element, into: &node)
                builder.nodes.append(node)
                if case .subProcess = kind {
                    readContainer(element, scope: id, into: &builder)
                }
            }
        }
    }

    /// The element's id, reported when missing or already used.
    private mutating func requireID(of element: XMLTreeElement) -> String? {
        guard let id = element["id"], !id.isEmpty else {
            report(.error(nil, "第 \(element.line) 行的 \(Self.chineseName(element.name))（\(element.name)）没有 id",
                          "the \(element.name) element on line \(element.line) has no id"))
            return nil
        }
        guard seenIDs.insert(id).inserted else {
            report(.error(id, "id 重复：\(id) 已被另一个元素使用（此 \(Self.chineseName(element.name)) 被忽略）",
                          "duplicate id: \(id) is already used by another element (this \(element.name) is ignored)"))
            return nil
        }
        return id
    }

    // MARK: Flow nodes

    private enum KindResult {
        case node(FlowNode.Kind)
        /// Reported and left out of the definition.
        case omitted
    }

    private mutating func readKind(of element: XMLTreeElement, id: String) -> KindResult {
        let definitions = element.children.filter { child in
            child.namespace == Self.model && (child.name.hasSuffix("EventDefinition") || child.name == "eventDefinitionRef")
        }
        let definitionNames = definitions.map(\.name)
        switch element.name {
        case "startEvent":
            if definitions.isEmpty { return .node(.startEvent) }
            switch (definitionNames, definitions.first) {
            case (["timerEventDefinition"], let definition?):
                guard let timer = readTimer(definition, elementID: id) else { return .omitted }
                return .node(.timerStart(timer))
            case (["messageEventDefinition"], let definition?):
                guard let message = messageName(definition["messageRef"], elementID: id) else { return .omitted }
                return .node(.messageStart(message: message))
            default:
                return unsupported(id, "只支持空、定时和消息开始事件：带 \(Self.describe(definitionNames)) 的开始事件不会运行",
                                   "only none, timer and message start events are supported: a start event with \(definitionNames.joined(separator: ", ")) is not run")
            }
        case "endEvent":
            if definitions.isEmpty { return .node(.endEvent(terminate: false)) }
            if definitionNames == ["terminateEventDefinition"] { return .node(.endEvent(terminate: true)) }
            return unsupported(id, "不支持带 \(Self.describe(definitionNames)) 的结束事件",
                               "end events with \(definitionNames.joined(separator: ", ")) are not supported")
        case "intermediateCatchEvent", "boundaryEvent":
            let what = Self.chineseName(element.name)
            let attachedTo = element["attachedToRef"] ?? ""
            let cancelActivity = element["cancelActivity"]?.trimmingCharacters(in: .whitespaces) != "false"
            let isCatch = element.name == "intermediateCatchEvent"
            switch (definitionNames, definitions.first) {
            case (["timerEventDefinition"], let definition?):
                guard let timer = readTimer(definition, elementID: id) else { return .omitted }
                return .node(isCatch ? .intermediateTimer(timer) : .boundaryTimer(attachedTo: attachedTo, timer: timer, cancelActivity: cancelActivity))
            case (["messageEventDefinition"], let definition?):
                guard let message = messageName(definition["messageRef"], elementID: id) else { return .omitted }
                return .node(isCatch ? .messageCatch(message: message) : .boundaryMessage(attachedTo: attachedTo, message: message, cancelActivity: cancelActivity))
            case ([], _):
                return unsupported(id, "\(what)没有事件定义", "the \(element.name) has no event definition")
            default:
                return unsupported(id, "不支持带 \(Self.describe(definitionNames)) 的\(what)，只支持定时和消息",
                                   "\(element.name) with \(definitionNames.joined(separator: ", ")) is not supported, only timers and messages")
            }
        case "intermediateThrowEvent":
            // A none intermediate event only marks a point in the flow: other engines pass straight through it.
            if definitions.isEmpty { return .node(.passThrough) }
            guard definitionNames == ["messageEventDefinition"], let definition = definitions.first else {
                return unsupported(id, "不支持带 \(Self.describe(definitionNames)) 的中间抛出事件，只支持消息",
                                   "intermediateThrowEvent with \(definitionNames.joined(separator: ", ")) is not supported, only messages")
            }
            guard let message = messageName(definition["messageRef"], elementID: id) else { return .omitted }
            return .node(.messageThrow(message: message))
        case "receiveTask", "sendTask":
            guard let message = messageName(element["messageRef"], elementID: id) else { return .omitted }
            return .node(element.name == "receiveTask" ? .receiveTask(message: message) : .sendTask(message: message))
        case "userTask":
            return .node(.userTask)
        case "serviceTask":
            guard let hook = Self.hook(of: element) else {
                return unsupported(id, "服务任务没有指定挂钩（zt:hook，camunda:/flowable: 的 delegateExpression、expression、class、type，或 zeebe:taskDefinition 的 type）",
                                   "service task has no hook (zt:hook, camunda:/flowable: delegateExpression, expression, class or type, or zeebe:taskDefinition's type)")
            }
            return .node(.serviceTask(hook: hook.value))
        case "scriptTask":
            return unsupported(id, "拒绝脚本任务：本引擎不运行脚本", "script tasks are refused: no scripting")
        case "task", "manualTask":
            return .node(.passThrough)
        case "exclusiveGateway":
            return .node(.exclusiveGateway)
        case "parallelGateway":
            return .node(.parallelGateway)
        case "inclusiveGateway":
            return .node(.inclusiveGateway)
        case "subProcess":
            if element["triggeredByEvent"]?.trimmingCharacters(in: .whitespaces) == "true" {
                return unsupported(id, "不支持事件子流程", "event sub-processes are not supported")
            }
            return .node(.subProcess)
        case "callActivity":
            return .node(.callActivity(calledElement: element["calledElement"]?.trimmingCharacters(in: .whitespaces) ?? ""))
        default:
            let chinese = Self.chineseName(element.name)
            return unsupported(id, "不支持的元素：" + (chinese == element.name ? chinese : "\(chinese)（\(element.name)）"),
                               "unsupported element: \(element.name)")
        }
    }

    /// The name of the `bpmn:message` that `reference` (a `messageRef`) names; reported when there is no reference,
    /// no such message, or a message without a name — the engine correlates by name, so none could be caught.
    private mutating func messageName(_ reference: String?, elementID: String) -> String? {
        let id = reference?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !id.isEmpty else {
            report(.error(elementID, "消息事件或任务没有指定消息（messageRef）", "the message event or task names no message (messageRef)"))
            return nil
        }
        guard let name = messages[id] else {
            report(.error(elementID, "消息 \(id) 不存在（应为文件中的 bpmn:message）", "the message \(id) does not exist (a bpmn:message of the file expected)"))
            return nil
        }
        guard !name.isEmpty else {
            report(.error(elementID, "消息 \(id) 没有名称：按名称关联的消息无法送达", "the message \(id) has no name: messages are correlated by name"))
            return nil
        }
        return name
    }

    private mutating func unsupported(_ id: String, _ message: String, _ englishMessage: String) -> KindResult {
        report(.error(id, message, englishMessage))
        return .omitted
    }

    /// Name, assignment, multi-instance, default flow, return targets and extension properties.
    private mutating func readDetails(of element: XMLTreeElement, into node: inout FlowNode) {
        var consumed: Set<ExtensionKey> = [ExtensionKey(.zt, "returnTo")]
        if let returnTo = element.attribute("returnTo", namespace: BPMNNamespace.zhengtong) {
            node.returnTargets = Self.commaSeparated(returnTo)
        }
        if node.isActivity || Self.isGateway(node.kind) {
            node.defaultFlow = element["default"].flatMap { $0.isEmpty ? nil : $0 }
        }
        switch node.kind {
        case .userTask:
            node.assignment = readAssignment(of: element, id: node.id, consumed: &consumed)
            if let dueIn = element.attribute("dueIn", namespace: BPMNNamespace.zhengtong) {
                consumed.insert(ExtensionKey(.zt, "dueIn"))
                node.dueIn = readDueIn(dueIn, id: node.id)
            }
            if let dueDate = element.attribute("dueDate", namespace: BPMNNamespace.zhengtong) {
                consumed.insert(ExtensionKey(.zt, "dueDate"))
                let trimmed = dueDate.trimmingCharacters(in: .whitespaces)
                node.dueDate = trimmed.isEmpty ? nil : trimmed
            }
        case .boundaryTimer(_, let timer, _), .intermediateTimer(let timer), .timerStart(let timer):
            if let calendar = element.attribute("calendar", namespace: BPMNNamespace.zhengtong) {
                consumed.insert(ExtensionKey(.zt, "calendar"))
                node.countsWorkingDays = readCalendar(calendar, timer: timer, id: node.id)
            }
        case .serviceTask:
            if let key = Self.hook(of: element)?.key { consumed.insert(key) }
        default:
            break
        }
        if node.messageName != nil, let key = element.attribute("correlationKey", namespace: BPMNNamespace.zhengtong) {
            consumed.insert(ExtensionKey(.zt, "correlationKey"))
            node.correlationKey = readCorrelationKey(key, id: node.id)
        }
        if Self.sendsMessage(node.kind), let payload = element.attribute("payload", namespace: BPMNNamespace.zhengtong) {
            consumed.insert(ExtensionKey(.zt, "payload"))
            node.messagePayload = readPayload(payload, id: node.id)
        }
        if node.isActivity {
            for loop in element.children(in: Self.model) {
                switch loop.name {
                case "multiInstanceLoopCharacteristics":
                    node.multiInstance = readMultiInstance(loop, id: node.id)
                case "standardLoopCharacteristics":
                    report(.error(node.id, "不支持循环（standardLoopCharacteristics），请改用多实例",
                                  "standard loops (standardLoopCharacteristics) are not supported; use multi-instance"))
                default:
                    break
                }
            }
        }
        for attribute in element.attributes {
            guard let namespace = attribute.namespace, let ext = BPMNNamespace.Extension(uri: namespace) else { continue }
            let key = ExtensionKey(ext, attribute.name)
            if !consumed.contains(key) { node.properties[key.property] = attribute.value }
        }
        // `zt:property` elements carry properties whose names cannot be attributes (written so by `BPMNExport`).
        for extensions in element.children(in: Self.model, named: "extensionElements") {
            for property in extensions.children(in: BPMNNamespace.zhengtong, named: "property") {
                guard let name = property["name"], !name.isEmpty, node.properties[name] == nil else { continue }
                node.properties[name] = property["value"] ?? property.text
            }
        }
    }

    private static func isGateway(_ kind: FlowNode.Kind) -> Bool {
        switch kind {
        case .exclusiveGateway, .parallelGateway, .inclusiveGateway: true
        default: false
        }
    }

    // MARK: Service task hooks

    /// An extension attribute: its namespace and local name.
    struct ExtensionKey: Hashable {
        var namespace: BPMNNamespace.Extension
        var name: String
        init(_ namespace: BPMNNamespace.Extension, _ name: String) {
            self.namespace = namespace
            self.name = name
        }

        /// The key in `FlowNode.properties`, e.g. `camunda:formKey`.
        var property: String { "\(namespace.rawValue):\(name)" }
    }

    /// `zt:hook`, else the first of `delegateExpression`, `expression`, `class`, `type` (Camunda 7, then Flowable),
    /// else the `type` of a Camunda 8 `zeebe:taskDefinition` element (the job type its workers take; no attribute,
    /// so no key). A delegate expression or expression that only names a bean, `${numberAssigner}`, gives the name.
    static func hook(of element: XMLTreeElement) -> (value: String, key: ExtensionKey?)? {
        func value(_ ext: BPMNNamespace.Extension, _ name: String) -> String? {
            element.attributes.first { attribute in
                attribute.namespace.flatMap(BPMNNamespace.Extension.init(uri:)) == ext && attribute.name == name
            }
            .map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }
        }
        if let hook = value(.zt, "hook") { return (hook, ExtensionKey(.zt, "hook")) }
        for name in ["delegateExpression", "expression", "class", "type"] {
            for ext in [BPMNNamespace.Extension.camunda, .flowable] {
                guard let text = value(ext, name) else { continue }
                let hook = name == "delegateExpression" || name == "expression" ? beanName(in: text) ?? text : text
                return (hook, ExtensionKey(ext, name))
            }
        }
        for extensions in element.children(in: Self.model, named: "extensionElements") {
            if let type = extensions.child(in: BPMNNamespace.zeebe, named: "taskDefinition")?["type"]?.trimmingCharacters(in: .whitespacesAndNewlines),
               !type.isEmpty {
                return (type, nil)
            }
        }
        return nil
    }

    /// `numberAssigner` for `${numberAssigner}` or `#{numberAssigner}`; `nil` for anything more complex.
    private static func beanName(in text: String) -> String? {
        guard text.hasPrefix("${") || text.hasPrefix("#{"), text.hasSuffix("}"), text.count > 3 else { return nil }
        let inner = text.dropFirst(2).dropLast().trimmingCharacters(in: .whitespaces)
        guard let first = inner.first, first.isLetter || first == "_",
              inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return inner
    }

    // MARK: Assignment

    private mutating func readAssignment(of element: XMLTreeElement, id: String, consumed: inout Set<ExtensionKey>) -> Assignment? {
        var assignment = Assignment()
        func attribute(_ ext: BPMNNamespace.Extension, _ name: String) -> String? {
            let match = element.attributes.first { attribute in
                attribute.namespace.flatMap(BPMNNamespace.Extension.init(uri:)) == ext && attribute.name == name
            }
            guard let match else { return nil }
            consumed.insert(ExtensionKey(ext, name))
            return match.value
        }
        if let rule = attribute(.zt, "assign") {
            if let parsed = AssignmentRule(attribute: rule) {
                assignment.rule = parsed
            } else {
                report(.error(id, "无法识别的办理人规则 zt:assign「\(rule)」",
                              "unknown assignment rule zt:assign \"\(rule)\""))
            }
        }
        for ext in BPMNNamespace.Extension.allCases {
            if let assignee = attribute(ext, "assignee")?.trimmingCharacters(in: .whitespacesAndNewlines), !assignee.isEmpty,
               assignment.assignee == nil {
                assignment.assignee = assignee
            }
            if let users = attribute(ext, "candidateUsers") {
                Self.appendUnique(Self.commaSeparated(users), to: &assignment.candidateUsers)
            }
            if let groups = attribute(ext, "candidateGroups") {
                Self.appendUnique(Self.commaSeparated(groups), to: &assignment.candidateGroups)
            }
        }
        for role in element.children(in: Self.model) where role.name == "potentialOwner" || role.name == "humanPerformer" {
            guard let text = role.child(in: Self.model, named: "resourceAssignmentExpression")?
                .child(in: Self.model, named: "formalExpression")?.trimmedText, !text.isEmpty else { continue }
            for item in Self.resourceItems(text) {
                switch (role.name, item) {
                case ("humanPerformer", .user(let user)), ("humanPerformer", .group(let user)):
                    if assignment.assignee == nil { assignment.assignee = user }
                case (_, .user(let user)):
                    Self.appendUnique([user], to: &assignment.candidateUsers)
                case (_, .group(let group)):
                    Self.appendUnique([group], to: &assignment.candidateGroups)
                }
            }
        }
        let isEmpty = assignment.rule == nil && assignment.assignee == nil
            && assignment.candidateUsers.isEmpty && assignment.candidateGroups.isEmpty
        return isEmpty ? nil : assignment
    }

    private enum ResourceItem {
        case user(String)
        case group(String)
    }

    /// `user(a), group(b), c` → user a, group b, user c (commas inside parentheses do not split).
    private static func resourceItems(_ text: String) -> [ResourceItem] {
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth = max(0, depth - 1); current.append(character)
            case "," where depth == 0: items.append(current); current = ""
            default: current.append(character)
            }
        }
        items.append(current)
        return items.compactMap { raw in
            let item = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !item.isEmpty else { return nil }
            for (prefix, make) in [("user(", ResourceItem.user), ("group(", ResourceItem.group)] where item.hasPrefix(prefix) && item.hasSuffix(")") {
                let inner = item.dropFirst(prefix.count).dropLast().trimmingCharacters(in: .whitespaces)
                return inner.isEmpty ? nil : make(inner)
            }
            return .user(item)
        }
    }

    static func commaSeparated(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private static func appendUnique(_ items: [String], to list: inout [String]) {
        for item in items where !list.contains(item) { list.append(item) }
    }

    // MARK: Multi-instance

    private mutating func readMultiInstance(_ element: XMLTreeElement, id: String) -> MultiInstance {
        var multi = MultiInstance(isSequential: element["isSequential"]?.trimmingCharacters(in: .whitespaces) == "true")
        func attribute(_ name: String) -> String? {
            for ext in BPMNNamespace.Extension.allCases {
                if let value = element.attribute(name, namespace: ext.uri) ?? (ext == .flowable ? element.attribute(name, namespace: BPMNNamespace.activiti) : nil) {
                    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !trimmed.isEmpty { return trimmed }
                }
            }
            return nil
        }
        if let text = element.child(in: Self.model, named: "loopCardinality")?.trimmedText, !text.isEmpty {
            multi.loopCardinalityText = text
            multi.loopCardinality = parseExpression(text, elementID: id, zh: "多实例数量 loopCardinality", en: "loopCardinality")
        }
        let collection = attribute("collection") ?? element.child(in: Self.model, named: "loopDataInputRef")?.trimmedText
        if let collection, !collection.isEmpty {
            multi.collectionText = collection
            multi.collection = parseExpression(collection, elementID: id, zh: "多实例集合 collection", en: "multi-instance collection")
        }
        if let variable = attribute("elementVariable")
            ?? element.child(in: Self.model, named: "inputDataItem")?["name"].flatMap({ $0.isEmpty ? nil : $0 }) {
            multi.elementVariable = variable
        }
        if let text = element.child(in: Self.model, named: "completionCondition")?.trimmedText, !text.isEmpty {
            multi.completionConditionText = text
            multi.completionCondition = parseExpression(text, elementID: id, zh: "完成条件 completionCondition", en: "completionCondition")
        }
        return multi
    }

    private mutating func parseExpression(_ text: String, elementID: String, zh: String, en: String) -> Expression? {
        do {
            return try Expression(parsing: text)
        } catch {
            report(.error(elementID, "\(zh)无法解析：\(error.description)", "cannot parse the \(en): \(error.description)"))
            return nil
        }
    }

    // MARK: Timers

    private mutating func readTimer(_ definition: XMLTreeElement, elementID: String) -> TimerDefinition? {
        let forms = definition.children(in: Self.model).compactMap { child in
            TimerDefinition.Form(rawValue: child.name).map { (form: $0, text: child.trimmedText) }
        }
        guard let first = forms.first else {
            report(.error(elementID, "定时器没有 timeDuration、timeDate 或 timeCycle",
                          "the timer has no timeDuration, timeDate or timeCycle"))
            return nil
        }
        guard forms.count == 1 else {
            report(.error(elementID, "定时器只能有 timeDuration、timeDate、timeCycle 之一",
                          "the timer must have only one of timeDuration, timeDate and timeCycle"))
            return nil
        }
        guard let timer = TimerDefinition(form: first.form, text: first.text) else {
            report(.error(elementID, "定时器 \(first.form.rawValue)「\(first.text)」无法解析（应为 ISO 8601，如 PT2H、2026-12-01T09:00:00+08:00、R3/P1D）",
                          "cannot parse the timer \(first.form.rawValue) \"\(first.text)\" (ISO 8601 expected, e.g. PT2H, 2026-12-01T09:00:00+08:00, R3/P1D)"))
            return nil
        }
        return timer
    }

    /// `zt:dueIn`: a non-zero ISO 8601 duration; anything else is reported and the task has no time limit.
    private mutating func readDueIn(_ text: String, id: String) -> ISODuration? {
        guard let duration = ISODuration(parsing: text), !duration.isZero else {
            report(.error(id, "办理时限 zt:dueIn「\(text)」无法解析（应为不为零的 ISO 8601 时长，如 P3D、PT4H）",
                          "cannot parse the time limit zt:dueIn \"\(text)\" (a non-zero ISO 8601 duration expected, e.g. P3D, PT4H)"))
            return nil
        }
        return duration
    }

    /// `zt:correlationKey`: a variable name or a `${…}` expression; anything else is reported (the node then
    /// waits for messages of its name whatever their key, which is not what was meant).
    private mutating func readCorrelationKey(_ text: String, id: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("${") || trimmed.hasPrefix("#{") {
            return parseExpression(trimmed, elementID: id, zh: "关联键 zt:correlationKey", en: "correlation key zt:correlationKey") == nil ? nil : trimmed
        }
        guard Self.isVariableName(trimmed) else {
            report(.error(id, "关联键 zt:correlationKey「\(text)」应为变量名（如 docId）或表达式（如 ${doc.id}）",
                          "the correlation key zt:correlationKey \"\(text)\" must be a variable name (docId) or an expression (${doc.id})"))
            return nil
        }
        return trimmed
    }

    /// `zt:payload`: variable names, comma-separated; a name that cannot be a variable is reported and left out.
    private mutating func readPayload(_ text: String, id: String) -> [String] {
        let names = Self.commaSeparated(text)
        for name in names where !Self.isVariableName(name) {
            report(.error(id, "消息内容 zt:payload 中的「\(name)」不是变量名", "\"\(name)\" in the message payload zt:payload is not a variable name"))
        }
        return names.filter(Self.isVariableName)
    }

    /// Send tasks and message throw events: what `zt:payload` applies to.
    static func sendsMessage(_ kind: FlowNode.Kind) -> Bool {
        switch kind {
        case .sendTask, .messageThrow: true
        default: false
        }
    }

    /// A name a variable can have: a letter or `_`, then letters, digits and `_`.
    static func isVariableName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// `zt:calendar`: only `workdays` (a mistyped value must not quietly count calendar days).
    private mutating func readCalendar(_ text: String, timer: TimerDefinition, id: String) -> Bool {
        guard text.trimmingCharacters(in: .whitespaces) == "workdays" else {
            report(.error(id, "无法识别的日历 zt:calendar「\(text)」（只能是 workdays：按工作日计）",
                          "unknown calendar zt:calendar \"\(text)\" (only workdays, counting working days, is allowed)"))
            return false
        }
        if case .date = timer {
            report(.warning(id, "zt:calendar 对 timeDate 定时器不起作用：按写明的时刻触发",
                            "zt:calendar has no effect on a timeDate timer: it fires at the moment written"))
        }
        return true
    }

    // MARK: Sequence flows

    private mutating func readSequenceFlow(_ element: XMLTreeElement) -> SequenceFlow? {
        guard let id = requireID(of: element) else { return nil }
        var flow = SequenceFlow(id: id, name: Self.name(of: element),
                                source: element["sourceRef"]?.trimmingCharacters(in: .whitespaces) ?? "",
                                target: element["targetRef"]?.trimmingCharacters(in: .whitespaces) ?? "")
        if let text = element.child(in: Self.model, named: "conditionExpression")?.trimmedText, !text.isEmpty {
            flow.conditionText = text
            flow.condition = parseExpression(text, elementID: id, zh: "条件", en: "condition")
        }
        return flow
    }

    // MARK: Diagram interchange

    /// Every shape and edge in the file, first occurrence winning; each process takes its own.
    private mutating func readDiagrams(in root: XMLTreeElement) -> DiagramLayout {
        var layout = DiagramLayout()
        for diagram in root.children(in: BPMNNamespace.bpmnDI, named: "BPMNDiagram") {
            for plane in diagram.children(in: BPMNNamespace.bpmnDI, named: "BPMNPlane") {
                for item in plane.children(in: BPMNNamespace.bpmnDI) {
                    guard let element = item["bpmnElement"], !element.isEmpty else { continue }
                    switch item.name {
                    case "BPMNShape":
                        guard layout.shapes[element] == nil, let bounds = item.child(in: BPMNNamespace.dc, named: "Bounds") else { continue }
                        guard let x = Self.number(bounds["x"]), let y = Self.number(bounds["y"]),
                              let width = Self.number(bounds["width"]), let height = Self.number(bounds["height"]) else {
                            report(.warning(element, "图形的坐标无效，已忽略", "the shape has invalid bounds and is ignored"))
                            continue
                        }
                        layout.shapes[element] = DiagramLayout.Bounds(x: x, y: y, width: width, height: height)
                    case "BPMNEdge":
                        guard layout.edges[element] == nil else { continue }
                        var points: [DiagramLayout.Point] = []
                        for waypoint in item.children(in: BPMNNamespace.di, named: "waypoint") {
                            guard let x = Self.number(waypoint["x"]), let y = Self.number(waypoint["y"]) else {
                                report(.warning(element, "连线的拐点坐标无效，已忽略", "the edge has an invalid waypoint, which is ignored"))
                                continue
                            }
                            points.append(DiagramLayout.Point(x: x, y: y))
                        }
                        layout.edges[element] = points
                    default:
                        continue
                    }
                }
            }
        }
        return layout
    }

    private static func number(_ text: String?) -> Double? {
        guard let text, let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        return value
    }

    // MARK: Names

    /// The `name` attribute; an empty name (the MIWG files write `name=""`) is no name.
    private static func name(of element: XMLTreeElement) -> String? {
        element["name"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func chineseName(_ element: String) -> String {
        switch element {
        case "startEvent": "开始事件"
        case "endEvent": "结束事件"
        case "intermediateCatchEvent": "中间捕获事件"
        case "intermediateThrowEvent": "中间抛出事件"
        case "boundaryEvent": "边界事件"
        case "userTask": "用户任务"
        case "serviceTask": "服务任务"
        case "scriptTask": "脚本任务"
        case "sendTask": "发送任务"
        case "receiveTask": "接收任务"
        case "businessRuleTask": "业务规则任务"
        case "manualTask": "手工任务"
        case "task": "任务"
        case "exclusiveGateway": "排他网关"
        case "parallelGateway": "并行网关"
        case "inclusiveGateway": "包容网关"
        case "complexGateway": "复杂网关"
        case "eventBasedGateway": "事件网关"
        case "subProcess": "子流程"
        case "transaction": "事务子流程"
        case "adHocSubProcess": "自由子流程"
        case "callActivity": "调用活动"
        case "callChoreography", "choreographyTask", "subChoreography": "编排"
        case "sequenceFlow": "顺序流"
        case "process": "流程"
        case "messageEventDefinition": "消息"
        case "signalEventDefinition": "信号"
        case "errorEventDefinition": "错误"
        case "escalationEventDefinition": "升级"
        case "compensateEventDefinition": "补偿"
        case "conditionalEventDefinition": "条件"
        case "linkEventDefinition": "链接"
        case "cancelEventDefinition": "取消"
        case "timerEventDefinition": "定时"
        case "terminateEventDefinition": "终止"
        case "eventDefinitionRef": "事件定义引用"
        default: element
        }
    }

    /// `消息（messageEventDefinition）` for the event definitions of an event.
    private static func describe(_ definitions: [String]) -> String {
        definitions.map { "\(chineseName($0))（\($0)）" }.joined(separator: "、")
    }
}

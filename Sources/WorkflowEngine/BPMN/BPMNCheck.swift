import Foundation

/// Whether a BPMN file can be run: the import's problems plus the structure of every process.
///
/// The model is executable when no problem is an error (`problems.containsErrors == false`); warnings
/// point at things that run, but probably not as meant.
public enum BPMNCheck {
    /// Import problems, then the structural problems of each process in file order.
    public static func check(_ data: Data) -> [ModelProblem] {
        let file = BPMNImport.importFile(data)
        let processIDs = Set(file.processes.map(\.id))
        // A call activity begins the called process at its none start event: one that starts only on timers or
        // messages cannot be called.
        let eventStartedIDs = Set(file.processes.filter { $0.startEvent(in: nil) == nil }.map(\.id))
        var problems = file.problems
        for process in file.processes {
            problems += check(process, processIDs: processIDs, omittedIDs: file.omittedIDs[process.id] ?? [], eventStartedIDs: eventStartedIDs)
        }
        return problems
    }

    /// The structural problems of one process (for definitions built in code or already imported).
    /// `processIDs` are the processes deployed with it, for call activities.
    public static func check(_ process: ProcessDefinition, processIDs: Set<String> = []) -> [ModelProblem] {
        check(process, processIDs: processIDs, omittedIDs: [])
    }

    /// `omittedIDs`: elements the import reported and left out; flows to them are not reported again.
    /// `eventStartedIDs`: processes of the file without a none start event.
    static func check(_ process: ProcessDefinition, processIDs: Set<String>, omittedIDs: Set<String>, eventStartedIDs: Set<String> = []) -> [ModelProblem] {
        var checker = StructureChecker(process: process, processIDs: processIDs, omittedIDs: omittedIDs, eventStartedIDs: eventStartedIDs)
        checker.run()
        return checker.problems
    }
}

private struct StructureChecker {
    let process: ProcessDefinition
    let processIDs: Set<String>
    let omittedIDs: Set<String>
    let eventStartedIDs: Set<String>
    var problems: [ModelProblem] = []

    init(process: ProcessDefinition, processIDs: Set<String>, omittedIDs: Set<String>, eventStartedIDs: Set<String>) {
        self.process = process
        self.processIDs = processIDs
        self.omittedIDs = omittedIDs
        self.eventStartedIDs = eventStartedIDs
    }

    private var orderedNodes: [FlowNode] { process.nodeOrder.compactMap { process.nodes[$0] } }

    /// Flows in a stable order: as the nodes list them, then any others by id.
    private var orderedFlows: [SequenceFlow] {
        var seen: Set<String> = []
        var result: [SequenceFlow] = []
        for node in orderedNodes {
            for id in node.outgoing + node.incoming where seen.insert(id).inserted {
                if let flow = process.flows[id] { result.append(flow) }
            }
        }
        for id in process.flows.keys.sorted() where seen.insert(id).inserted {
            if let flow = process.flows[id] { result.append(flow) }
        }
        return result
    }

    mutating func run() {
        checkScopes()
        for flow in orderedFlows { checkFlow(flow) }
        for node in orderedNodes { checkNode(node) }
    }

    private mutating func error(_ id: String?, _ message: String, _ englishMessage: String) {
        problems.append(.error(id, message, englishMessage))
    }

    private mutating func warning(_ id: String?, _ message: String, _ englishMessage: String) {
        problems.append(.warning(id, message, englishMessage))
    }

    // MARK: Scopes

    /// One none start event and at least one end event in each embedded sub-process; in the process at most one
    /// none start event and at least one start event of any kind (an instance may begin only at its timer or
    /// message starts), with no two message starts for the same message (which one would it start at?).
    private mutating func checkScopes() {
        var scopes: [(id: String?, reportAs: String, zh: String, en: String)] = [(nil, process.id, "流程", "the process")]
        for node in orderedNodes where node.kind == .subProcess {
            scopes.append((node.id, node.id, "子流程", "the sub-process"))
        }
        for scope in scopes {
            let nodes = process.nodes(in: scope.id)
            let starts = nodes.filter { $0.kind == .startEvent }
            let eventStarts = nodes.filter { $0.isStartEvent && $0.kind != .startEvent }
            if scope.id != nil {
                for start in eventStarts {
                    // Only an event sub-process starts on a timer or message, and those are refused at import.
                    error(start.id, "子流程只能有空开始事件：定时或消息开始事件只属于流程（或事件子流程，不支持）",
                          "a sub-process starts only at a none start event: timer and message start events belong to the process (or to event sub-processes, which are not supported)")
                }
            }
            if starts.isEmpty && (scope.id != nil || eventStarts.isEmpty) {
                error(scope.reportAs, "\(scope.zh)缺少空开始事件", "\(scope.en) has no none start event")
            } else if starts.count > 1 {
                let ids = starts.map(\.id).joined(separator: ", ")
                error(scope.reportAs, "\(scope.zh)只能有一个空开始事件，现有 \(starts.count) 个：\(ids)",
                      "\(scope.en) must have exactly one none start event, it has \(starts.count): \(ids)")
            }
            let hasEnd = nodes.contains { node in
                if case .endEvent = node.kind { return true }
                return false
            }
            if !hasEnd {
                error(scope.reportAs, "\(scope.zh)缺少结束事件", "\(scope.en) has no end event")
            }
        }
        var messageStarts: [String: String] = [:]
        for node in process.nodes(in: nil) {
            guard case .messageStart(let message) = node.kind else { continue }
            if let first = messageStarts[message] {
                error(node.id, "消息「\(message)」已由 \(first) 启动流程，同一消息只能有一个开始事件",
                      "the message \(message) already starts the process at \(first): one start event per message")
            } else {
                messageStarts[message] = node.id
            }
        }
    }

    // MARK: Flows

    private mutating func checkFlow(_ flow: SequenceFlow) {
        let source = process.nodes[flow.source]
        let target = process.nodes[flow.target]
        for (end, node, zh, en, attribute) in [(flow.source, source, "起点", "source", "sourceRef"), (flow.target, target, "终点", "target", "targetRef")]
            where node == nil {
            if end.isEmpty {
                error(flow.id, "顺序流没有\(zh)（\(attribute)）", "the sequence flow has no \(en) (\(attribute))")
            } else if !omittedIDs.contains(end) {
                error(flow.id, "顺序流的\(zh) \(end) 不存在", "the sequence flow's \(en) \(end) does not exist")
            }
        }
        if let source, let target, source.scope != target.scope {
            error(flow.id, "顺序流跨越了子流程边界：\(source.id) 与 \(target.id) 不在同一范围",
                  "the sequence flow crosses a sub-process boundary: \(source.id) and \(target.id) are not in the same scope")
        }
    }

    // MARK: Nodes

    private mutating func checkNode(_ node: FlowNode) {
        checkConnections(node)
        checkDefaultFlow(node)
        checkSplit(node)
        switch node.kind {
        case .boundaryTimer(let attachedTo, _, _), .boundaryMessage(let attachedTo, _, _):
            let (zh, en) = node.messageName == nil ? ("边界定时器", "the boundary timer") : ("边界消息事件", "the boundary message event")
            if attachedTo.isEmpty {
                error(node.id, "\(zh)没有附着的活动（attachedToRef）", "\(en) has no attachedToRef")
            } else if let activity = process.nodes[attachedTo] {
                if !activity.isActivity {
                    error(node.id, "\(zh)附着的 \(attachedTo) 不是活动（任务、子流程或调用活动）",
                          "\(en) is attached to \(attachedTo), which is not an activity (task, sub-process or call activity)")
                }
            } else if !omittedIDs.contains(attachedTo) {
                error(node.id, "\(zh)附着的活动 \(attachedTo) 不存在", "\(en)'s activity \(attachedTo) does not exist")
            }
        case .messageStart:
            // The starting message's key is stored in the variable: an expression has nowhere to store it.
            if let key = node.correlationKey, !Importer.isVariableName(key) {
                error(node.id, "消息开始事件的关联键 zt:correlationKey 只能是变量名（接收消息的关联键）",
                      "the correlation key zt:correlationKey of a message start event must be a variable name (it receives the message's key)")
            }
        case .callActivity(let calledElement):
            if calledElement.isEmpty {
                error(node.id, "调用活动没有指定被调用的流程（calledElement）", "the call activity has no calledElement")
            } else if eventStartedIDs.contains(calledElement) {
                error(node.id, "被调用的流程 \(calledElement) 没有空开始事件：调用活动从空开始事件开始运行",
                      "the called process \(calledElement) has no none start event, where a call activity begins it")
            } else if !processIDs.contains(calledElement) {
                warning(node.id, "被调用的流程 \(calledElement) 不在本文件中，部署时须已存在",
                        "the called process \(calledElement) is not in this file; it must be deployed")
            }
        case .userTask:
            if node.assignment == nil {
                warning(node.id, "任务没有指定办理人", "no assignee")
            }
        default:
            break
        }
        if !node.messagePayload.isEmpty, !Importer.sendsMessage(node.kind) {
            warning(node.id, "消息内容 zt:payload 只对发送任务和消息抛出事件起作用", "the message payload zt:payload only applies to send tasks and message throw events")
        }
        // The import reports a message without a name; a definition built in code is checked here.
        if let message = node.messageName, message.trimmingCharacters(in: .whitespaces).isEmpty {
            error(node.id, "消息事件或任务没有消息名称：按名称关联的消息无法送达", "the message event or task has no message name: messages are correlated by name")
        }
        if let multi = node.multiInstance, multi.loopCardinalityText == nil, multi.collectionText == nil {
            error(node.id, "多实例既没有数量（loopCardinality）也没有集合（collection）",
                  "the multi-instance has neither a loopCardinality nor a collection")
        }
        for target in node.returnTargets where process.nodes[target] == nil {
            error(node.id, "退回目标 \(target) 不存在", "the return target \(target) does not exist")
        }
        checkWorkingDays(node)
    }

    /// `zt:dueIn` and `zt:calendar` as a definition built in code may set them (the import reports bad spellings).
    private mutating func checkWorkingDays(_ node: FlowNode) {
        if let dueIn = node.dueIn {
            if node.kind != .userTask {
                warning(node.id, "办理时限 zt:dueIn 只对用户任务起作用", "the time limit zt:dueIn only applies to user tasks")
            } else if dueIn.isZero {
                error(node.id, "办理时限 zt:dueIn 不能为零", "the time limit zt:dueIn cannot be zero")
            }
        }
        if node.dueDate != nil && node.kind != .userTask {
            warning(node.id, "办理期限 zt:dueDate 只对用户任务起作用", "the deadline zt:dueDate only applies to user tasks")
        }
        switch node.kind {
        case .boundaryTimer, .intermediateTimer, .timerStart:
            break
        default:
            if node.countsWorkingDays {
                warning(node.id, "zt:calendar 只对定时事件起作用", "zt:calendar only applies to timer events")
            }
        }
    }

    private mutating func checkConnections(_ node: FlowNode) {
        let isStart = node.isStartEvent
        let isBoundary = node.isBoundaryEvent
        var isEnd = false
        if case .endEvent = node.kind { isEnd = true }
        if isStart || isBoundary {
            if !node.incoming.isEmpty {
                let what = isStart ? ("开始事件", "a start event") : ("边界事件", "a boundary event")
                error(node.id, "\(what.0)不能有流入的顺序流", "\(what.1) cannot have incoming sequence flows")
            }
        } else if node.incoming.isEmpty {
            error(node.id, "没有流入的顺序流，永远不会被执行", "no incoming sequence flow: it can never be reached")
        }
        if isEnd {
            if !node.outgoing.isEmpty {
                error(node.id, "结束事件不能有流出的顺序流", "an end event cannot have outgoing sequence flows")
            }
        } else if node.outgoing.isEmpty {
            error(node.id, "没有流出的顺序流", "no outgoing sequence flow")
        }
    }

    private mutating func checkDefaultFlow(_ node: FlowNode) {
        guard let defaultFlow = node.defaultFlow else { return }
        if node.kind == .parallelGateway {
            error(node.id, "并行网关不能有默认顺序流", "a parallel gateway cannot have a default flow")
            return
        }
        guard node.outgoing.contains(defaultFlow) else {
            error(node.id, "默认顺序流 \(defaultFlow) 不是本节点流出的顺序流", "the default flow \(defaultFlow) is not one of its outgoing flows")
            return
        }
        if process.flows[defaultFlow]?.conditionText != nil {
            error(defaultFlow, "默认顺序流不能带条件（\(node.id) 的默认流）", "the default flow of \(node.id) must not have a condition")
        }
    }

    /// An exclusive or inclusive split whose unconditional non-default flows would always (or arbitrarily) be taken.
    private mutating func checkSplit(_ node: FlowNode) {
        let flows = process.outgoingFlows(of: node)
        switch node.kind {
        case .exclusiveGateway, .inclusiveGateway:
            guard flows.count > 1 else { return }
            let unconditional = flows.filter { $0.conditionText == nil && $0.id != node.defaultFlow }.map(\.id)
            if !unconditional.isEmpty {
                let ids = unconditional.joined(separator: ", ")
                warning(node.id, "分支网关的顺序流 \(ids) 既没有条件也不是默认流",
                        "the split's flows \(ids) have no condition and are not the default flow")
            }
        case .parallelGateway:
            let conditional = flows.filter { $0.conditionText != nil }.map(\.id)
            if !conditional.isEmpty {
                let ids = conditional.joined(separator: ", ")
                warning(node.id, "并行网关忽略顺序流 \(ids) 上的条件", "a parallel gateway ignores the conditions on \(ids)")
            }
        default:
            break
        }
    }
}

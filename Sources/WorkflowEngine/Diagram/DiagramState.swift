import Foundation

/// What a process diagram highlights: per node whether it is done (green) or current (red), and
/// small caption lines drawn under it (who handled it and when). Nodes it does not mention are drawn plain.
public struct DiagramState: Sendable, Equatable {
    public enum NodeState: String, Sendable, Equatable {
        /// Passed: a completed task stands there, or the caller says the token went through.
        case done
        /// A token stands there, or a task there is open.
        case current
    }

    /// Node id → its state.
    public var nodes: [String: NodeState]
    /// Node id → caption lines drawn under the node, e.g. `["张伟 2026-11-23 14:05"]`.
    public var captions: [String: [String]]

    public init(nodes: [String: NodeState] = [:], captions: [String: [String]] = [:]) {
        self.nodes = nodes
        self.captions = captions
    }

    /// From sets of node ids; a node in both sets is current.
    public init(current: Set<String>, done: Set<String> = [], captions: [String: [String]] = [:]) {
        var nodes: [String: NodeState] = [:]
        for id in done { nodes[id] = .done }
        for id in current { nodes[id] = .current }
        self.init(nodes: nodes, captions: captions)
    }

    /// The live state of an instance.
    ///
    /// - current: nodes where a token stands or a task is open (current wins over done);
    /// - done: nodes with a completed task, plus `passed` (nodes without tasks the caller knows were passed,
    ///   e.g. from the event history: start events, gateways, service tasks);
    /// - captions: for a current node with open tasks, one line per holder, `张伟 办理中` (`待认领` while only
    ///   candidates may claim it; more than three holders: the first two and `等N人办理中`); otherwise the latest
    ///   completed task there, `张伟 2026-11-23 14:05` (completedBy mapped through `names`, time in `timeZone`).
    ///
    /// Tokens and tasks of called processes (scopes running another process id) are left out: their node ids
    /// belong to another diagram.
    public init(instance: ProcessInstance, passed: Set<String> = [], names: [String: String] = [:], timeZone: TimeZone = ISODuration.beijing) {
        let scopeProcess = Dictionary(instance.scopes.map { ($0.id, $0.processID) }, uniquingKeysWith: { first, _ in first })
        func ownScope(_ scope: Int) -> Bool { (scopeProcess[scope] ?? instance.processID) == instance.processID }
        func display(_ user: String) -> String { names[user] ?? user }

        var nodes: [String: NodeState] = [:]
        for id in passed { nodes[id] = .done }

        var latestCompleted: [String: WorkTask] = [:]
        var openTasks: [String: [WorkTask]] = [:]
        for task in instance.tasks where ownScope(task.scope) {
            switch task.state {
            case .completed:
                if nodes[task.node] == nil { nodes[task.node] = .done }
                let when = task.completedAt ?? task.createdAt
                if let previous = latestCompleted[task.node], (previous.completedAt ?? previous.createdAt) > when { continue }
                latestCompleted[task.node] = task
            case .open:
                openTasks[task.node, default: []].append(task)
            case .cancelled, .returned, .withdrawn:
                continue
            }
        }
        for node in openTasks.keys { nodes[node] = .current }
        for token in instance.tokens where ownScope(token.scope) { nodes[token.node] = .current }

        var captions: [String: [String]] = [:]
        for (node, tasks) in openTasks {
            var holders: [String?] = []
            for task in tasks {
                let holder = task.assignee.map(display)
                if !holders.contains(holder) { holders.append(holder) }
            }
            let lines = holders.map { holder in holder.map { "\($0) 办理中" } ?? "待认领" }
            captions[node] = lines.count > 3 ? Array(lines.prefix(2)) + ["等\(lines.count)人办理中"] : lines
        }
        for (node, task) in latestCompleted where captions[node] == nil {
            let time = task.completedAt.map { DiagramState.format($0, in: timeZone) }
            let who = (task.completedBy ?? task.assignee).map(display)
            let line = [who, time].compactMap { $0 }.joined(separator: " ")
            if !line.isEmpty { captions[node] = [line] }
        }
        self.init(nodes: nodes, captions: captions)
    }

    /// The state of one node; `nil`: drawn plain.
    public func state(of nodeID: String) -> NodeState? { nodes[nodeID] }

    /// Ids of the current nodes.
    public var current: Set<String> { Set(nodes.filter { $0.value == .current }.keys) }

    /// Ids of the done nodes.
    public var done: Set<String> { Set(nodes.filter { $0.value == .done }.keys) }

    /// `yyyy-MM-dd HH:mm` in `timeZone`, Gregorian calendar whatever the locale.
    static func format(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) \(pad(parts.hour, 2)):\(pad(parts.minute, 2))"
    }
}

import Foundation

/// An executable process, as imported from BPMN 2.0 (or built in code): its flow nodes and
/// sequence flows, flat and keyed by id (BPMN ids are unique within a file), with each node
/// knowing the scope (process or embedded sub-process) it belongs to.
public struct ProcessDefinition: Sendable, Equatable {
    /// The BPMN `process/@id`, the key other processes and deployments use.
    public var id: String
    public var name: String?
    public var nodes: [String: FlowNode] { didSet { index = Index(nodes: nodes, order: nodeOrder) } }
    public var flows: [String: SequenceFlow]
    /// Node ids in document order, so anything that iterates is deterministic.
    public var nodeOrder: [String] { didSet { index = Index(nodes: nodes, order: nodeOrder) } }
    /// The diagram the file carried (BPMN DI), for drawing; empty when it had none.
    public var diagram: DiagramLayout
    /// What running instances look up again and again, worked out from `nodes` whenever they change.
    private var index: Index

    public init(id: String, name: String? = nil, nodes: [FlowNode], flows: [SequenceFlow], diagram: DiagramLayout = DiagramLayout()) {
        self.id = id
        self.name = name
        self.nodes = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.flows = Dictionary(flows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.nodeOrder = nodes.map(\.id)
        self.diagram = diagram
        self.index = Index(nodes: self.nodes, order: self.nodeOrder)
    }

    /// Equal when the model is: the index follows from the nodes.
    public static func == (lhs: ProcessDefinition, rhs: ProcessDefinition) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.nodes == rhs.nodes && lhs.flows == rhs.flows
            && lhs.nodeOrder == rhs.nodeOrder && lhs.diagram == rhs.diagram
    }

    /// The nodes directly inside `scope` (`nil`: the process itself), in document order.
    public func nodes(in scope: String?) -> [FlowNode] {
        nodeOrder.compactMap { nodes[$0] }.filter { $0.scope == scope }
    }

    /// The none start event of `scope`, where execution of that scope begins.
    public func startEvent(in scope: String?) -> FlowNode? {
        // Every start looks for it: stop at the first, without gathering the scope's nodes first.
        for id in nodeOrder {
            guard let node = nodes[id], node.scope == scope else { continue }
            if case .startEvent = node.kind { return node }
        }
        return nil
    }

    /// The process's message start event for messages named `name`.
    public func messageStartEvent(for name: String) -> FlowNode? {
        nodes(in: nil).first { $0.kind == .messageStart(message: name) }
    }

    /// The process's timer start events, in document order.
    public var timerStartEvents: [FlowNode] {
        nodes(in: nil).filter { if case .timerStart = $0.kind { true } else { false } }
    }

    /// Outgoing flows of a node, in document order (exclusive gateways take the first match).
    public func outgoingFlows(of node: FlowNode) -> [SequenceFlow] {
        node.outgoing.compactMap { flows[$0] }
    }

    /// Boundary events attached to `activityID`, in document order.
    public func boundaryEvents(on activityID: String) -> [FlowNode] {
        index.boundaryEvents[activityID] ?? []
    }

    /// The `${…}` or `#{…}` text of an assignment, due date or correlation key (trimmed) already parsed; nil for any other text.
    func parsedText(_ text: String) -> Expression? {
        index.parsedTexts[text]
    }

    /// Derived from the nodes so that running instances need not work it out at every step.
    private struct Index: Sendable {
        /// Boundary events by the activity they are attached to, in document order. Every token that reaches
        /// an activity asks, and going through all nodes each time was most of a task completion's cost.
        var boundaryEvents: [String: [FlowNode]] = [:]
        /// Assignment, due-date and correlation-key expressions (`${countersigner}`), parsed once instead of at every task
        /// created. Texts that do not parse are left out: evaluating them parses again and reports the error.
        var parsedTexts: [String: Expression] = [:]

        init(nodes: [String: FlowNode], order: [String]) {
            for id in order {
                guard let node = nodes[id] else { continue }
                if let attachedTo = node.attachedTo {
                    boundaryEvents[attachedTo, default: []].append(node)
                }
                var texts = node.assignment.map { [$0.assignee].compactMap { $0 } + $0.candidateUsers } ?? []
                if let dueDate = node.dueDate { texts.append(dueDate) }
                if let key = node.correlationKey { texts.append(key) }
                for text in texts {
                    let trimmed = text.trimmingCharacters(in: .whitespaces)
                    guard trimmed.hasPrefix("${") || trimmed.hasPrefix("#{"), parsedTexts[trimmed] == nil,
                          let expression = try? Expression(parsing: trimmed) else { continue }
                    parsedTexts[trimmed] = expression
                }
            }
        }
    }
}

/// A BPMN sequence flow, with its condition already parsed.
public struct SequenceFlow: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var source: String
    public var target: String
    /// The condition as written in the file (kept for export and error messages).
    public var conditionText: String?
    /// The parsed condition; `nil` for an unconditional flow.
    public var condition: Expression?

    public init(id: String, name: String? = nil, source: String, target: String, conditionText: String? = nil, condition: Expression? = nil) {
        self.id = id
        self.name = name
        self.source = source
        self.target = target
        self.conditionText = conditionText
        self.condition = condition
    }

    public static func == (lhs: SequenceFlow, rhs: SequenceFlow) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.source == rhs.source && lhs.target == rhs.target && lhs.conditionText == rhs.conditionText
    }
}

/// Shapes and edges from BPMN DI, in the file's coordinates.
public struct DiagramLayout: Sendable, Equatable {
    public struct Bounds: Sendable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double
        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x; self.y = y; self.width = width; self.height = height
        }
    }

    public struct Point: Sendable, Equatable {
        public var x: Double, y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    /// Node id → its shape.
    public var shapes: [String: Bounds]
    /// Flow id → its waypoints.
    public var edges: [String: [Point]]

    public init(shapes: [String: Bounds] = [:], edges: [String: [Point]] = [:]) {
        self.shapes = shapes
        self.edges = edges
    }

    public var isEmpty: Bool { shapes.isEmpty }
}

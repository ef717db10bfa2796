import Foundation

/// An executable process, as imported from BPMN 2.0 (or built in code): its flow nodes and
/// sequence flows, flat and keyed by id (BPMN ids are unique within a file), with each node
/// knowing the scope (process or embedded sub-process) it belongs to.
public struct ProcessDefinition: Sendable, Equatable {
    /// The BPMN `process/@id`, the key other processes and deployments use.
    public var id: String
    public var name: String?
    public var nodes: [String: FlowNode]
    public var flows: [String: SequenceFlow]
    /// Node ids in document order, so anything that iterates is deterministic.
    public var nodeOrder: [String]
    /// The diagram the file carried (BPMN DI), for drawing; empty when it had none.
    public var diagram: DiagramLayout

    public init(id: String, name: String? = nil, nodes: [FlowNode], flows: [SequenceFlow], diagram: DiagramLayout = DiagramLayout()) {
        self.id = id
        self.name = name
        self.nodes = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.flows = Dictionary(flows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.nodeOrder = nodes.map(\.id)
        self.diagram = diagram
    }

    /// The nodes directly inside `scope` (`nil`: the process itself), in document order.
    public func nodes(in scope: String?) -> [FlowNode] {
        nodeOrder.compactMap { nodes[$0] }.filter { $0.scope == scope }
    }

    /// The none start event of `scope`, where execution of that scope begins.
    public func startEvent(in scope: String?) -> FlowNode? {
        nodes(in: scope).first { node in
            if case .startEvent = node.kind { return true }
            return false
        }
    }

    /// Outgoing flows of a node, in document order (exclusive gateways take the first match).
    public func outgoingFlows(of node: FlowNode) -> [SequenceFlow] {
        node.outgoing.compactMap { flows[$0] }
    }

    /// Boundary events attached to `activityID`, in document order.
    public func boundaryEvents(on activityID: String) -> [FlowNode] {
        nodeOrder.compactMap { nodes[$0] }.filter { node in
            if case .boundaryTimer(let attachedTo, _, _) = node.kind { return attachedTo == activityID }
            return false
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

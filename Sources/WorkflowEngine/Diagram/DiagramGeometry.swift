import Foundation

struct DiagramPoint: Equatable {
    var x: Double
    var y: Double
}

struct DiagramRect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    init(center: DiagramPoint, width: Double, height: Double) {
        self.init(x: center.x - width / 2, y: center.y - height / 2, width: width, height: height)
    }

    var minX: Double { x }
    var minY: Double { y }
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
    var center: DiagramPoint { DiagramPoint(x: midX, y: midY) }

    func union(_ other: DiagramRect) -> DiagramRect {
        let left = min(minX, other.minX), top = min(minY, other.minY)
        return DiagramRect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }

    func offsetBy(dx: Double, dy: Double) -> DiagramRect {
        DiagramRect(x: x + dx, y: y + dy, width: width, height: height)
    }
}

/// How a node's outline is drawn, for clipping lines to it.
enum DiagramOutline {
    case rectangle, ellipse, diamond

    init(_ kind: FlowNode.Kind) {
        switch kind {
        case .startEvent, .timerStart, .messageStart, .endEvent, .boundaryTimer, .boundaryMessage, .intermediateTimer, .messageCatch, .messageThrow:
            self = .ellipse
        case .exclusiveGateway, .parallelGateway, .inclusiveGateway: self = .diamond
        case .userTask, .serviceTask, .passThrough, .subProcess, .callActivity, .receiveTask, .sendTask: self = .rectangle
        }
    }

    /// Where the ray from the centre of `rect` towards `point` leaves the outline.
    func exit(from rect: DiagramRect, toward point: DiagramPoint) -> DiagramPoint {
        let center = rect.center
        let dx = point.x - center.x, dy = point.y - center.y
        let halfWidth = rect.width / 2, halfHeight = rect.height / 2
        guard dx != 0 || dy != 0, halfWidth > 0, halfHeight > 0 else { return center }
        let scale: Double
        switch self {
        case .rectangle:
            scale = 1 / max(abs(dx) / halfWidth, abs(dy) / halfHeight)
        case .ellipse:
            scale = 1 / ((dx * dx) / (halfWidth * halfWidth) + (dy * dy) / (halfHeight * halfHeight)).squareRoot()
        case .diamond:
            scale = 1 / (abs(dx) / halfWidth + abs(dy) / halfHeight)
        }
        return DiagramPoint(x: center.x + dx * scale, y: center.y + dy * scale)
    }
}

/// Where everything is drawn: from the file's BPMN DI when it has shapes, else from the automatic layout.
struct DiagramGeometry {
    /// Node id → shape.
    var shapes: [String: DiagramRect] = [:]
    /// Flow id → polyline (at least two points).
    var edges: [String: [DiagramPoint]] = [:]
    /// Sub-processes drawn open, their children inside.
    var expanded: Set<String> = []
    /// Whether the layout was computed (`false`: taken from the file).
    var isAutomatic = false

    static func resolve(_ definition: ProcessDefinition) -> DiagramGeometry {
        definition.diagram.isEmpty ? DiagramAutoLayout(definition: definition).layout() : fromFile(definition)
    }

    /// Sequence flows in a stable order: each node's outgoing flows in document order, then any others by id.
    static func orderedFlows(_ definition: ProcessDefinition) -> [SequenceFlow] {
        var seen = Set<String>()
        var result: [SequenceFlow] = []
        for id in definition.nodeOrder {
            guard let node = definition.nodes[id] else { continue }
            for flowID in node.outgoing {
                guard let flow = definition.flows[flowID], flow.source == id, seen.insert(flowID).inserted else { continue }
                result.append(flow)
            }
        }
        for flowID in definition.flows.keys.sorted() where !seen.contains(flowID) {
            if let flow = definition.flows[flowID] { result.append(flow) }
        }
        return result
    }

    /// The file's coordinates, used exactly. An edge without waypoints is drawn straight between the
    /// centres of its shapes, clipped to their outlines.
    static func fromFile(_ definition: ProcessDefinition) -> DiagramGeometry {
        func finite(_ value: Double) -> Double { value.isFinite ? value : 0 }
        var geometry = DiagramGeometry()
        for id in definition.nodeOrder {
            guard definition.nodes[id] != nil, let bounds = definition.diagram.shapes[id] else { continue }
            geometry.shapes[id] = DiagramRect(x: finite(bounds.x), y: finite(bounds.y),
                                              width: max(0, finite(bounds.width)), height: max(0, finite(bounds.height)))
        }
        for id in definition.nodeOrder {
            guard let node = definition.nodes[id], case .subProcess = node.kind, geometry.shapes[id] != nil else { continue }
            if definition.nodes.values.contains(where: { $0.scope == id && geometry.shapes[$0.id] != nil }) {
                geometry.expanded.insert(id)
            }
        }
        for flow in orderedFlows(definition) {
            if let waypoints = definition.diagram.edges[flow.id], waypoints.count >= 2 {
                geometry.edges[flow.id] = waypoints.map { DiagramPoint(x: finite($0.x), y: finite($0.y)) }
                continue
            }
            guard let source = definition.nodes[flow.source], let target = definition.nodes[flow.target],
                  let from = geometry.shapes[source.id], let to = geometry.shapes[target.id] else { continue }
            let start = DiagramOutline(source.kind).exit(from: from, toward: to.center)
            let end = DiagramOutline(target.kind).exit(from: to, toward: from.center)
            if start != end { geometry.edges[flow.id] = [start, end] }
        }
        return geometry
    }
}

import Foundation

/// A left-to-right layered layout for processes whose file carries no diagram (BPMN DI).
///
/// Per scope (the process, then each embedded sub-process, laid out inside its expanded box):
/// 1. Back edges are found with a depth-first search from the start events (then every other node in
///    document order); they are left out of the layering, so loops terminate.
/// 2. Layer (column) = longest path from the sources along the remaining flows. Flows leaving a boundary
///    event count as leaving the activity it is attached to.
/// 3. A flow spanning several layers gets a point in each layer between, which takes a row like a node,
///    so long flows run beside the nodes rather than through them.
/// 4. Rows, layer by layer: each node wants the row of its best predecessor (one row lower below a boundary
///    event); a layer is sorted by (wanted row, predecessor's row, the flow's rank among the predecessor's
///    outgoing flows, document order) and takes rows top-down, never sharing one. A chain stays on one
///    line; the first branch of a split goes straight on, the others below.
/// 5. Columns are as wide as their widest node, rows as high as their highest; nodes are centred in their cell.
/// 6. Flows are orthogonal: horizontal along rows, vertical only in the gaps between columns (each source
///    gets its own channel in a gap, channels ordered to avoid crossings). Back edges run on a lane above the
///    columns they span, leaving and entering through the top of a node that is the topmost of its column,
///    else through the channels beside it. Flows from a boundary event leave its bottom.
/// Boundary events sit on the bottom edge of their activity, spread evenly.
struct DiagramAutoLayout {
    static let taskWidth = 100.0, taskHeight = 80.0, eventSize = 36.0, gatewaySize = 50.0
    static let columnGap = 60.0, rowGap = 64.0
    static let subProcessPadding = 20.0, subProcessHeader = 34.0
    /// How far a flow from a boundary event goes down before turning.
    static let boundaryStub = 8.0
    /// Flow names wrap at this width (font size 11).
    static let flowLabelWidth = 110.0, flowLabelFontSize = 11.0

    let definition: ProcessDefinition
    let flows: [SequenceFlow]
    /// Activity id → its boundary events, in document order.
    let boundaries: [String: [String]]
    /// Boundary event id → the activity it is attached to.
    let hosts: [String: String]

    init(definition: ProcessDefinition) {
        self.definition = definition
        self.flows = DiagramGeometry.orderedFlows(definition)
        var boundaries: [String: [String]] = [:]
        var hosts: [String: String] = [:]
        for id in definition.nodeOrder {
            guard let node = definition.nodes[id], let host = node.attachedTo, hosts[id] == nil else { continue }
            boundaries[host, default: []].append(id)
            hosts[id] = host
        }
        self.boundaries = boundaries
        self.hosts = hosts
    }

    func layout() -> DiagramGeometry {
        let top = layoutScope(nil, open: [])
        return DiagramGeometry(shapes: top.shapes, edges: top.edges, expanded: top.expanded, isAutomatic: true)
    }

    static func defaultSize(of kind: FlowNode.Kind) -> (width: Double, height: Double) {
        switch kind {
        case .startEvent, .timerStart, .messageStart, .endEvent, .boundaryTimer, .boundaryMessage, .intermediateTimer, .messageCatch, .messageThrow:
            (eventSize, eventSize)
        case .exclusiveGateway, .parallelGateway, .inclusiveGateway: (gatewaySize, gatewaySize)
        case .userTask, .serviceTask, .passThrough, .subProcess, .callActivity, .receiveTask, .sendTask: (taskWidth, taskHeight)
        }
    }

    /// The scope a node is laid out in: its sub-process when that exists as one, else the top level.
    private func layoutScope(of node: FlowNode) -> String? {
        guard let scope = node.scope, let parent = definition.nodes[scope], case .subProcess = parent.kind else { return nil }
        return scope
    }

    private struct ScopeLayout {
        var shapes: [String: DiagramRect] = [:]
        var edges: [String: [DiagramPoint]] = [:]
        var expanded: Set<String> = []
        var bounds: DiagramRect?

        mutating func include(_ rect: DiagramRect) {
            bounds = bounds.map { $0.union(rect) } ?? rect
        }

        mutating func merge(_ other: ScopeLayout, dx: Double, dy: Double) {
            for (id, rect) in other.shapes { shapes[id] = rect.offsetBy(dx: dx, dy: dy) }
            for (id, points) in other.edges { edges[id] = points.map { DiagramPoint(x: $0.x + dx, y: $0.y + dy) } }
            expanded.formUnion(other.expanded)
        }
    }

    private struct Link {
        let flow: SequenceFlow
        /// Member indices; `from` is the attached activity when the flow leaves a boundary event.
        let from: Int
        let to: Int
        let boundary: String?
    }

    /// A node or a point of a long flow, in a layer and a row.
    private struct Item {
        var layer: Int
        var width: Double
        var height: Double
        var tie: Int
        var row = 0
    }

    private struct Hop {
        let from: Int
        let fromBoundary: Bool
        let rank: Int
    }

    private enum Channel: Hashable {
        case source(Int), boundary(String), backOut(Int), backIn(Int)
    }

    private func layoutScope(_ scope: String?, open: Set<String>) -> ScopeLayout {
        let members = definition.nodeOrder.compactMap { definition.nodes[$0] }.filter { node in
            if node.isBoundaryEvent { return false }
            return layoutScope(of: node) == scope
        }
        guard !members.isEmpty else { return ScopeLayout() }
        let count = members.count
        var index: [String: Int] = [:]
        for (position, node) in members.enumerated() { index[node.id] = position }

        // Sizes; an embedded sub-process is as large as its content.
        var sizes = members.map { Self.defaultSize(of: $0.kind) }
        var nested: [Int: ScopeLayout] = [:]
        for (position, node) in members.enumerated() {
            guard case .subProcess = node.kind, !open.contains(node.id) else { continue }
            let inner = layoutScope(node.id, open: open.union([node.id]))
            guard let content = inner.bounds else { continue }
            nested[position] = inner
            let title = min(DiagramText.width(of: node.name ?? "", fontSize: 12) + 24, 400)
            sizes[position] = (max(content.width + 2 * Self.subProcessPadding, Self.taskWidth, title),
                               max(content.height + Self.subProcessHeader + Self.subProcessPadding, Self.taskHeight))
        }

        // The flows between members, in a stable order.
        var links: [Link] = []
        for flow in flows {
            var source = flow.source
            var boundary: String?
            if let host = hosts[source] { boundary = source; source = host }
            guard let from = index[source], let to = index[flow.target] else { continue }
            links.append(Link(flow: flow, from: from, to: to, boundary: boundary))
        }
        var outgoing = [[Int]](repeating: [], count: count)
        for (position, link) in links.enumerated() { outgoing[link.from].append(position) }

        // 1. Back edges: depth-first from the start events, then from every node not yet reached.
        var color = [UInt8](repeating: 0, count: count)  // 0 unseen, 1 on the stack, 2 finished
        var isBack = [Bool](repeating: false, count: links.count)
        var finished: [Int] = []
        let starts = members.indices.filter { if case .startEvent = members[$0].kind { true } else { false } }
        for root in starts + Array(members.indices) where color[root] == 0 {
            var stack: [(node: Int, cursor: Int)] = [(root, 0)]
            color[root] = 1
            while let top = stack.last {
                if top.cursor < outgoing[top.node].count {
                    stack[stack.count - 1].cursor += 1
                    let link = outgoing[top.node][top.cursor]
                    let next = links[link].to
                    if color[next] == 1 {
                        isBack[link] = true
                    } else if color[next] == 0 {
                        color[next] = 1
                        stack.append((next, 0))
                    }
                } else {
                    color[top.node] = 2
                    finished.append(top.node)
                    stack.removeLast()
                }
            }
        }

        // 2. Layers: longest path, in reverse finishing order (a topological order of the forward flows).
        var layerOf = [Int](repeating: 0, count: count)
        for node in finished.reversed() {
            for link in outgoing[node] where !isBack[link] {
                layerOf[links[link].to] = max(layerOf[links[link].to], layerOf[node] + 1)
            }
        }

        // 3. Items: the nodes, then a point per layer crossed by a long flow.
        var items = members.indices.map { Item(layer: layerOf[$0], width: sizes[$0].width, height: sizes[$0].height, tie: $0) }
        var chains: [Int: [Int]] = [:]
        var rank = [Int](repeating: 0, count: links.count)
        for node in members.indices {
            for (position, link) in outgoing[node].filter({ !isBack[$0] }).enumerated() {
                rank[link] = position + (links[link].boundary == nil ? 0 : 1000)
            }
        }
        for (position, link) in links.enumerated() where !isBack[position] {
            var chain = [link.from]
            for layer in stride(from: layerOf[link.from] + 1, to: layerOf[link.to], by: 1) {
                items.append(Item(layer: layer, width: 0, height: 0, tie: count + position))
                chain.append(items.count - 1)
            }
            chain.append(link.to)
            chains[position] = chain
        }
        var incoming = [[Hop]](repeating: [], count: items.count)
        for (position, chain) in chains {
            for step in 1..<chain.count {
                incoming[chain[step]].append(Hop(from: chain[step - 1], fromBoundary: step == 1 && links[position].boundary != nil,
                                                 rank: rank[position]))
            }
        }

        // 4. Rows.
        let layerCount = (items.map(\.layer).max() ?? 0) + 1
        var byLayer = [[Int]](repeating: [], count: layerCount)
        for position in items.indices { byLayer[items[position].layer].append(position) }
        for layer in 0..<layerCount {
            var keyed: [(wanted: Int, predecessorRow: Int, rank: Int, tie: Int, item: Int)] = []
            for item in byLayer[layer] {
                var best: (wanted: Int, predecessorRow: Int, rank: Int)?
                for hop in incoming[item] {
                    let row = items[hop.from].row
                    let candidate = (wanted: row + (hop.fromBoundary ? 1 : 0), predecessorRow: row, rank: hop.rank)
                    if let current = best, current <= candidate { continue }
                    best = candidate
                }
                let chosen = best ?? (wanted: 0, predecessorRow: -1, rank: -1)
                keyed.append((chosen.wanted, chosen.predecessorRow, chosen.rank, items[item].tie, item))
            }
            keyed.sort { ($0.wanted, $0.predecessorRow, $0.rank, $0.tie) < ($1.wanted, $1.predecessorRow, $1.rank, $1.tie) }
            var next = 0
            for entry in keyed {
                let row = max(entry.wanted, next)
                items[entry.item].row = row
                next = row + 1
            }
        }

        // 5. Vertical positions.
        let rowCount = (items.map(\.row).max() ?? 0) + 1
        var columnWidth = [Double](repeating: 0, count: layerCount)
        var rowHeight = [Double](repeating: 0, count: rowCount)
        for item in items {
            columnWidth[item.layer] = max(columnWidth[item.layer], item.width)
            rowHeight[item.row] = max(rowHeight[item.row], item.height)
        }
        var rowTop = [Double](repeating: 0, count: rowCount)
        for row in stride(from: 1, to: rowCount, by: 1) { rowTop[row] = rowTop[row - 1] + rowHeight[row - 1] + Self.rowGap }
        func centerY(_ item: Int) -> Double { rowTop[items[item].row] + rowHeight[items[item].row] / 2 }
        func stubY(host item: Int) -> Double { centerY(item) + items[item].height / 2 + Self.eventSize / 2 + Self.boundaryStub }

        // Back edges run on lanes above the columns they span. They leave a node that is the topmost of its
        // column from its top, and enter such a node from the top; otherwise through the channels beside.
        var topRow = [Int](repeating: Int.max, count: layerCount)
        var columnTop = [Double](repeating: .infinity, count: layerCount)
        for position in members.indices {
            topRow[layerOf[position]] = min(topRow[layerOf[position]], items[position].row)
            columnTop[layerOf[position]] = min(columnTop[layerOf[position]], centerY(position) - items[position].height / 2)
        }
        func topmost(_ node: Int) -> Bool { items[node].row == topRow[layerOf[node]] }
        var lanes: [Int: Double] = [:]
        for (position, link) in links.enumerated() where isBack[position] {
            let spanned = min(layerOf[link.to], layerOf[link.from])...max(layerOf[link.to], layerOf[link.from])
            lanes[position] = spanned.map { columnTop[$0] }.min()! - 24 - 14 * Double(lanes.count)
        }
        func leavesTop(_ position: Int) -> Bool {
            links[position].boundary == nil && links[position].from != links[position].to && topmost(links[position].from)
        }
        func entersTop(_ position: Int) -> Bool { links[position].from != links[position].to && topmost(links[position].to) }

        // 6. Channels: the vertical runs each gap between columns holds (gap g lies right of column g; -1 is left of 0),
        // with the horizontal runs attached to them (`right`: the run leaves towards the right).
        var channels: [Int: [(key: Channel, attachments: [(y: Double, right: Bool)])]] = [:]
        func use(_ gap: Int, _ key: Channel, _ attachments: [(y: Double, right: Bool)]) {
            if let existing = channels[gap]?.firstIndex(where: { $0.key == key }) {
                channels[gap]?[existing].attachments += attachments
            } else {
                channels[gap, default: []].append((key, attachments))
            }
        }
        for (position, link) in links.enumerated() {
            if let chain = chains[position] {
                var y = link.boundary == nil ? centerY(chain[0]) : stubY(host: chain[0])
                for step in 1..<chain.count {
                    let targetY = centerY(chain[step])
                    guard y != targetY else { continue }
                    let source = chain[step - 1]
                    let key: Channel = step == 1 && link.boundary != nil ? .boundary(link.boundary!) : .source(source)
                    use(items[source].layer, key, [(y, false), (targetY, true)])
                    y = targetY
                }
            } else {
                let lane = lanes[position]!
                if !leavesTop(position) {
                    let y = link.boundary == nil ? centerY(link.from) : stubY(host: link.from)
                    use(layerOf[link.from], .backOut(position), [(y, false), (lane, false)])
                }
                if !entersTop(position) {
                    use(layerOf[link.to] - 1, .backIn(position), [(lane, true), (centerY(link.to), true)])
                }
            }
        }
        // Order each gap's channels to avoid crossings: adjacent swaps while they help.
        for gap in channels.keys.sorted() {
            guard var list = channels[gap], list.count > 1 else { continue }
            var swapped = true, passes = 0
            while swapped && passes < list.count * list.count {
                swapped = false
                passes += 1
                for index in 0..<(list.count - 1) {
                    let (left, right) = (list[index].attachments, list[index + 1].attachments)
                    if Self.crossings(right, leftOf: left) < Self.crossings(left, leftOf: right) {
                        list.swapAt(index, index + 1)
                        swapped = true
                    }
                }
            }
            channels[gap] = list
        }

        // Gap widths: room for the channels, and for flow names between columns.
        var gapWidth: [Int: Double] = [:]
        for gap in -1..<layerCount {
            let inside = gap >= 0 && gap < layerCount - 1
            var width = inside ? Self.columnGap : 0
            let users = channels[gap]?.count ?? 0
            if users > 0 { width = max(width, 14 * Double(users + 1), inside ? 0 : 24) }
            gapWidth[gap] = width
        }
        for link in links {
            guard let name = link.flow.name, !name.isEmpty, layerOf[link.from] < layerCount - 1 else { continue }
            let label = min(DiagramText.width(of: name, fontSize: Self.flowLabelFontSize), Self.flowLabelWidth)
            gapWidth[layerOf[link.from]] = max(gapWidth[layerOf[link.from]] ?? 0, min(label + 24, 150))
        }

        // Horizontal positions.
        var columnLeft = [Double](repeating: 0, count: layerCount)
        var x = gapWidth[-1] ?? 0
        for layer in 0..<layerCount {
            columnLeft[layer] = x
            x += columnWidth[layer] + (gapWidth[layer] ?? 0)
        }
        func slot(_ gap: Int, _ key: Channel) -> Double {
            let start = gap < 0 ? 0 : columnLeft[gap] + columnWidth[gap]
            let users = channels[gap] ?? []
            let position = users.firstIndex { $0.key == key } ?? 0
            return start + (gapWidth[gap] ?? 0) * Double(position + 1) / Double(users.count + 1)
        }
        func rect(_ item: Int) -> DiagramRect {
            DiagramRect(center: DiagramPoint(x: columnLeft[items[item].layer] + columnWidth[items[item].layer] / 2, y: centerY(item)),
                        width: items[item].width, height: items[item].height)
        }

        // Shapes, nested content and boundary events.
        var result = ScopeLayout()
        for position in members.indices {
            let node = members[position]
            let shape = rect(position)
            result.shapes[node.id] = shape
            result.include(shape)
            if let inner = nested[position], let content = inner.bounds {
                result.merge(inner, dx: shape.minX + Self.subProcessPadding - content.minX, dy: shape.minY + Self.subProcessHeader - content.minY)
                result.expanded.insert(node.id)
            }
            if let label = DiagramTextBlock.outsideLabel(for: node, in: shape) { result.include(label.box) }
            let attached = boundaries[node.id] ?? []
            for (number, boundaryID) in attached.enumerated() {
                guard let boundary = definition.nodes[boundaryID] else { continue }
                let center = DiagramPoint(x: shape.minX + shape.width * Double(number + 1) / Double(attached.count + 1), y: shape.maxY)
                let circle = DiagramRect(center: center, width: Self.eventSize, height: Self.eventSize)
                result.shapes[boundaryID] = circle
                result.include(circle)
                if let label = DiagramTextBlock.outsideLabel(for: boundary, in: circle) { result.include(label.box) }
            }
        }

        // Flows.
        for (position, link) in links.enumerated() {
            var points: [DiagramPoint] = []
            var y: Double
            let source = rect(link.from), target = rect(link.to)
            if let boundary = link.boundary, let circle = result.shapes[boundary] {
                y = stubY(host: link.from)
                points.append(DiagramPoint(x: circle.midX, y: circle.maxY))
                points.append(DiagramPoint(x: circle.midX, y: y))
            } else if chains[position] == nil && leavesTop(position) {
                y = source.minY
                points.append(DiagramPoint(x: source.midX, y: y))
            } else {
                y = source.midY
                points.append(DiagramPoint(x: source.maxX, y: y))
            }
            if let chain = chains[position] {
                for step in 1..<chain.count {
                    let targetY = centerY(chain[step])
                    guard y != targetY else { continue }
                    let from = chain[step - 1]
                    let key: Channel = step == 1 && link.boundary != nil ? .boundary(link.boundary!) : .source(from)
                    let channel = slot(items[from].layer, key)
                    points.append(DiagramPoint(x: channel, y: y))
                    points.append(DiagramPoint(x: channel, y: targetY))
                    y = targetY
                }
                points.append(DiagramPoint(x: target.minX, y: target.midY))
            } else {
                let lane = lanes[position]!
                let out = leavesTop(position) ? source.midX : slot(layerOf[link.from], .backOut(position))
                points += [DiagramPoint(x: out, y: y), DiagramPoint(x: out, y: lane)]
                if entersTop(position) {
                    points += [DiagramPoint(x: target.midX, y: lane), DiagramPoint(x: target.midX, y: target.minY)]
                } else {
                    let into = slot(layerOf[link.to] - 1, .backIn(position))
                    points += [DiagramPoint(x: into, y: lane), DiagramPoint(x: into, y: target.midY),
                               DiagramPoint(x: target.minX, y: target.midY)]
                }
            }
            let simple = Self.simplify(points)
            guard simple.count >= 2 else { continue }
            result.edges[link.flow.id] = simple
            for point in simple { result.include(DiagramRect(x: point.x, y: point.y, width: 0, height: 0)) }
        }
        return result
    }

    /// How many crossings (an overlap counts ten) two channels make when `left` lies left of `right`:
    /// a run leaving `left` to the right crosses `right`'s vertical span, a run reaching `right` from the left
    /// crosses `left`'s, and the two overlap when both lie at the same height.
    private static func crossings(_ left: [(y: Double, right: Bool)], leftOf right: [(y: Double, right: Bool)]) -> Int {
        func span(_ attachments: [(y: Double, right: Bool)]) -> ClosedRange<Double> {
            let ys = attachments.map(\.y)
            return (ys.min() ?? 0)...(ys.max() ?? 0)
        }
        let leftSpan = span(left), rightSpan = span(right)
        var count = 0
        for run in left where run.right && rightSpan.lowerBound < run.y && run.y < rightSpan.upperBound { count += 1 }
        for run in right where !run.right && leftSpan.lowerBound < run.y && run.y < leftSpan.upperBound { count += 1 }
        for run in left where run.right {
            count += 10 * right.filter { !$0.right && $0.y == run.y }.count
        }
        return count
    }

    /// Drops repeated points and the middle of three points on one horizontal or vertical line.
    static func simplify(_ points: [DiagramPoint]) -> [DiagramPoint] {
        var result: [DiagramPoint] = []
        for point in points {
            if let last = result.last, abs(last.x - point.x) < 0.01 && abs(last.y - point.y) < 0.01 { continue }
            if result.count >= 2 {
                let a = result[result.count - 2], b = result[result.count - 1]
                let vertical = abs(a.x - b.x) < 0.01 && abs(b.x - point.x) < 0.01 && (b.y - a.y) * (point.y - b.y) >= 0
                let horizontal = abs(a.y - b.y) < 0.01 && abs(b.y - point.y) < 0.01 && (b.x - a.x) * (point.x - b.x) >= 0
                if vertical || horizontal { result[result.count - 1] = point; continue }
            }
            result.append(point)
        }
        return result
    }
}

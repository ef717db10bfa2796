import Foundation

/// Draws a process as a standalone SVG image, optionally with the live state of an instance:
/// done steps green, current steps red, captions (who, when) under them.
///
/// The output is safe to inline in a page under a strict Content-Security-Policy: no scripts, no event
/// handlers, no `style` elements or attributes (presentation attributes only), no external references
/// (the only `url(#…)` is the arrowhead marker inside the image), every text XML-escaped. The same input
/// always gives the same text.
///
/// Each node is a `<g data-id="…" data-kind="…">` (with `data-state="done|current"` and the classes
/// `zt-node zt-done|zt-current` when highlighted); each flow a `<g data-flow="…" class="zt-flow">`.
public enum DiagramRenderer {
    public static func svg(for definition: ProcessDefinition, state: DiagramState? = nil) -> String {
        var drawing = DiagramDrawing(definition: definition, state: state ?? DiagramState())
        return drawing.render()
    }
}

/// Lines of text placed at a point: `anchor` is the SVG `text-anchor`.
struct DiagramTextBlock {
    var lines: [String]
    var x: Double
    var firstBaseline: Double
    var lineHeight: Double
    var fontSize: Double
    var anchor: String

    /// Estimated extent, for sizing the image.
    var box: DiagramRect {
        let width = lines.map { DiagramText.width(of: $0, fontSize: fontSize) }.max() ?? 0
        let left = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x
        return DiagramRect(x: left, y: firstBaseline - fontSize, width: width,
                           height: Double(max(lines.count, 1) - 1) * lineHeight + fontSize * 1.3)
    }

    /// The name of an event or gateway, drawn outside the shape: centred below it, or for a boundary event
    /// left of its lower half (its flows leave downwards and to the right). `nil` for activities and nameless nodes.
    static func outsideLabel(for node: FlowNode, in rect: DiagramRect) -> DiagramTextBlock? {
        guard let name = node.name, !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        switch node.kind {
        case .userTask, .serviceTask, .passThrough, .subProcess, .callActivity, .receiveTask, .sendTask:
            return nil
        case .boundaryTimer, .boundaryMessage:
            let lines = DiagramText.wrap(name, maxWidth: 90, fontSize: 12, maxLines: 2)
            return DiagramTextBlock(lines: lines, x: rect.minX - 3, firstBaseline: rect.midY + 14, lineHeight: 14, fontSize: 12, anchor: "end")
        case .startEvent, .timerStart, .messageStart, .endEvent, .intermediateTimer, .messageCatch, .messageThrow, .exclusiveGateway,
             .parallelGateway, .inclusiveGateway:
            let lines = DiagramText.wrap(name, maxWidth: 100, fontSize: 12, maxLines: 3)
            return DiagramTextBlock(lines: lines, x: rect.midX, firstBaseline: rect.maxY + 15, lineHeight: 14, fontSize: 12, anchor: "middle")
        }
    }
}

/// One rendering: walks the geometry in a fixed order and writes the SVG, keeping the drawn extent.
struct DiagramDrawing {
    private struct Palette {
        var fill: String
        var stroke: String
        var width: Double
        var caption: String
    }

    private static let plain = Palette(fill: "#ffffff", stroke: "#5f6368", width: 1.5, caption: "#5f6368")
    private static let done = Palette(fill: "#e6f4ea", stroke: "#1a7f37", width: 2, caption: "#1a7f37")
    private static let current = Palette(fill: "#fdecea", stroke: "#b3121b", width: 3, caption: "#b3121b")
    private static let textColor = "#202124"
    private static let flowColor = "#5f6368"
    private static let margin = 20.0

    let definition: ProcessDefinition
    let state: DiagramState
    let geometry: DiagramGeometry
    private let arrowID: String
    private var body = DiagramSVGWriter(depth: 1)
    private var extent: DiagramRect?

    init(definition: ProcessDefinition, state: DiagramState) {
        self.definition = definition
        self.state = state
        self.geometry = DiagramGeometry.resolve(definition)
        let safeID = String(definition.id.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "_"
        })
        self.arrowID = "zt-arrow-" + safeID
    }

    mutating func render() -> String {
        let nodes = definition.nodeOrder.compactMap { id in definition.nodes[id].flatMap { node in geometry.shapes[id].map { (node, $0) } } }
        // Open sub-processes first (outer before inner): their boxes lie under their content.
        let containers = nodes.filter { geometry.expanded.contains($0.0.id) }
            .enumerated().sorted { (depth(of: $0.element.0), $0.offset) < (depth(of: $1.element.0), $1.offset) }.map(\.element)
        for (node, rect) in containers { drawNode(node, in: rect) }
        for flow in DiagramGeometry.orderedFlows(definition) {
            if let points = geometry.edges[flow.id], points.count >= 2 { drawFlow(flow, along: points) }
        }
        for (node, rect) in nodes where !geometry.expanded.contains(node.id) && !Self.isBoundary(node) { drawNode(node, in: rect) }
        for (node, rect) in nodes where Self.isBoundary(node) { drawNode(node, in: rect) }

        let frame = extent ?? DiagramRect(x: 0, y: 0, width: 0, height: 0)
        let width = frame.width + 2 * Self.margin, height = frame.height + 2 * Self.margin
        let viewBox = [frame.minX - Self.margin, frame.minY - Self.margin, width, height].map(DiagramText.number).joined(separator: " ")
        let title = definition.name.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } ?? definition.id

        var svg = DiagramSVGWriter()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", viewBox), ("width", DiagramText.number(width)),
                         ("height", DiagramText.number(height)), ("role", "img"), ("aria-label", title),
                         ("font-family", "sans-serif"), ("class", "zt-diagram")])
        svg.element("title", [], text: title)
        svg.open("defs")
        svg.open("marker", [("id", arrowID), ("viewBox", "0 0 10 10"), ("refX", "9"), ("refY", "5"), ("markerWidth", "10"),
                            ("markerHeight", "10"), ("markerUnits", "userSpaceOnUse"), ("orient", "auto")])
        svg.element("path", [("d", "M0,1 L9,5 L0,9 z"), ("fill", Self.flowColor)])
        svg.close("marker")
        svg.close("defs")
        return svg.output + body.output + "</svg>\n"
    }

    // MARK: - Extent

    private mutating func include(_ rect: DiagramRect) {
        extent = extent.map { $0.union(rect) } ?? rect
    }

    private mutating func include(_ point: DiagramPoint) {
        include(DiagramRect(x: point.x, y: point.y, width: 0, height: 0))
    }

    private mutating func write(_ block: DiagramTextBlock, fill: String, extra: [(String, String)] = []) {
        guard !block.lines.isEmpty else { return }
        body.text(block.lines, x: block.x, firstBaseline: block.firstBaseline, lineHeight: block.lineHeight,
                  fontSize: block.fontSize, anchor: block.anchor, fill: fill, extra: extra)
        include(block.box)
    }

    // MARK: - Nodes

    private static func isBoundary(_ node: FlowNode) -> Bool {
        node.isBoundaryEvent
    }

    private func depth(of node: FlowNode) -> Int {
        var depth = 0
        var scope = node.scope
        while let id = scope, depth < definition.nodes.count {
            depth += 1
            scope = definition.nodes[id]?.scope
        }
        return depth
    }

    static func kindName(_ kind: FlowNode.Kind) -> String {
        switch kind {
        case .startEvent, .timerStart, .messageStart: "startEvent"
        case .endEvent: "endEvent"
        case .userTask: "userTask"
        case .serviceTask: "serviceTask"
        case .passThrough: "task"
        case .exclusiveGateway: "exclusiveGateway"
        case .parallelGateway: "parallelGateway"
        case .inclusiveGateway: "inclusiveGateway"
        case .subProcess: "subProcess"
        case .callActivity: "callActivity"
        case .boundaryTimer, .boundaryMessage: "boundaryEvent"
        case .intermediateTimer, .messageCatch: "intermediateCatchEvent"
        case .messageThrow: "intermediateThrowEvent"
        case .receiveTask: "receiveTask"
        case .sendTask: "sendTask"
        }
    }

    private static func number(_ value: Double) -> String { DiagramText.number(value) }

    private mutating func drawNode(_ node: FlowNode, in rect: DiagramRect) {
        let mark = state.state(of: node.id)
        let palette = switch mark {
        case .done: Self.done
        case .current: Self.current
        case nil: Self.plain
        }
        var attributes = [("data-id", node.id), ("data-kind", Self.kindName(node.kind))]
        if let mark {
            attributes += [("data-state", mark.rawValue), ("class", "zt-node zt-\(mark.rawValue)")]
        } else {
            attributes.append(("class", "zt-node"))
        }
        body.open("g", attributes)
        let captions = (state.captions[node.id] ?? []).filter { !$0.isEmpty }
        let name = node.name.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        body.element("title", [], text: ([name ?? node.id] + captions).joined(separator: "\n"))
        include(rect)

        var below = rect.maxY
        switch node.kind {
        case .startEvent:
            circle(rect, palette: palette, width: palette.width)
        case .endEvent(let terminate):
            circle(rect, palette: palette, width: max(palette.width, 4))
            if terminate {
                let radius = min(rect.width, rect.height) / 2 * 0.55
                body.element("circle", [("cx", Self.number(rect.midX)), ("cy", Self.number(rect.midY)), ("r", Self.number(radius)),
                                        ("fill", palette.stroke)])
            }
        case .intermediateTimer:
            timer(rect, palette: palette, dashed: false)
        case .boundaryTimer(_, _, let cancelActivity):
            timer(rect, palette: palette, dashed: !cancelActivity)
        case .timerStart:
            timer(rect, palette: palette, dashed: false, start: true)
        case .messageStart:
            circle(rect, palette: palette, width: palette.width)
            envelope(rect, color: palette.stroke, filled: false)
        case .messageCatch, .messageThrow, .boundaryMessage:
            var dashed = false
            var sent = false
            if case .boundaryMessage(_, _, let cancelActivity) = node.kind { dashed = !cancelActivity }
            if case .messageThrow = node.kind { sent = true }
            let radius = min(rect.width, rect.height) / 2
            circle(rect, palette: palette, width: min(palette.width, 2), dashed: dashed)
            circle(rect, palette: palette, width: min(palette.width, 1.5), radius: max(radius - 3, 1), dashed: dashed)
            envelope(rect, color: palette.stroke, filled: sent)
        case .exclusiveGateway, .parallelGateway, .inclusiveGateway:
            gateway(node.kind, rect, palette: palette)
        case .userTask, .serviceTask, .passThrough, .callActivity, .receiveTask, .sendTask:
            activity(node, rect, palette: palette, name: name)
        case .subProcess:
            if geometry.expanded.contains(node.id) {
                body.element("rect", [("x", Self.number(rect.minX)), ("y", Self.number(rect.minY)), ("width", Self.number(rect.width)),
                                      ("height", Self.number(rect.height)), ("rx", "10"), ("ry", "10"), ("fill", palette.fill),
                                      ("stroke", palette.stroke), ("stroke-width", Self.number(max(palette.width, 2.5)))])
                if let name {
                    let line = DiagramText.truncate(name, maxWidth: max(rect.width - 20, 12), fontSize: 12)
                    write(DiagramTextBlock(lines: [line], x: rect.minX + 10, firstBaseline: rect.minY + 20, lineHeight: 14, fontSize: 12,
                                           anchor: "start"), fill: Self.textColor)
                }
            } else {
                activity(node, rect, palette: palette, name: name)
            }
        }

        // Captions go under the node and its label; under an activity with boundary events, below the events
        // and the turn of their flows; a boundary event's own captions go left, under its label.
        let label = DiagramTextBlock.outsideLabel(for: node, in: rect)
        if let label {
            write(label, fill: Self.textColor)
            below = max(below, label.box.maxY)
        }
        if !definition.boundaryEvents(on: node.id).filter({ geometry.shapes[$0.id] != nil }).isEmpty {
            below = max(below, rect.maxY + DiagramAutoLayout.eventSize / 2 + DiagramAutoLayout.boundaryStub + 2)
        }
        if !captions.isEmpty {
            let lines = captions.map { DiagramText.truncate($0, maxWidth: 160, fontSize: 10) }
            let boundary = Self.isBoundary(node)
            let top = boundary ? (label?.box.maxY ?? rect.midY + 3) : below
            write(DiagramTextBlock(lines: lines, x: boundary ? rect.minX - 3 : rect.midX, firstBaseline: top + 11, lineHeight: 12, fontSize: 10,
                                   anchor: boundary ? "end" : "middle"),
                  fill: palette.caption, extra: [("class", "zt-caption")])
        }
        body.close("g")
    }

    private mutating func circle(_ rect: DiagramRect, palette: Palette, width: Double, radius: Double? = nil, dashed: Bool = false) {
        var attributes = [("cx", Self.number(rect.midX)), ("cy", Self.number(rect.midY)),
                          ("r", Self.number(radius ?? min(rect.width, rect.height) / 2)), ("fill", palette.fill),
                          ("stroke", palette.stroke), ("stroke-width", Self.number(width))]
        if dashed { attributes.append(("stroke-dasharray", "4 2")) }
        body.element("circle", attributes)
    }

    /// A timer event: a double ring (a single one for a start event) with a clock face inside.
    private mutating func timer(_ rect: DiagramRect, palette: Palette, dashed: Bool, start: Bool = false) {
        let radius = min(rect.width, rect.height) / 2
        if start {
            circle(rect, palette: palette, width: palette.width)
        } else {
            circle(rect, palette: palette, width: min(palette.width, 2), dashed: dashed)
            circle(rect, palette: palette, width: min(palette.width, 1.5), radius: max(radius - 3, 1), dashed: dashed)
        }
        let face = radius * 0.58
        body.element("circle", [("cx", Self.number(rect.midX)), ("cy", Self.number(rect.midY)), ("r", Self.number(face)),
                                ("fill", "#ffffff"), ("stroke", palette.stroke), ("stroke-width", "1.5")])
        let hands = "M\(Self.number(rect.midX)),\(Self.number(rect.midY - face * 0.75)) L\(Self.number(rect.midX)),\(Self.number(rect.midY)) "
            + "L\(Self.number(rect.midX + face * 0.55)),\(Self.number(rect.midY))"
        body.element("path", [("d", hands), ("fill", "none"), ("stroke", palette.stroke), ("stroke-width", "1.5"), ("stroke-linecap", "round")])
    }

    /// A message: an envelope, centred in an event or in the corner of a task; filled when the message is sent.
    private mutating func envelope(_ rect: DiagramRect, color: String, filled: Bool, corner: Bool = false) {
        let width = corner ? 14.0 : min(rect.width, rect.height) * 0.5
        let height = width * 0.7
        let (x, y) = corner ? (rect.minX + 7, rect.minY + 7) : (rect.midX - width / 2, rect.midY - height / 2)
        body.element("rect", [("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(width)), ("height", Self.number(height)),
                              ("fill", filled ? color : "#ffffff"), ("stroke", color), ("stroke-width", "1.2")])
        let flap = "M\(Self.number(x)),\(Self.number(y)) L\(Self.number(x + width / 2)),\(Self.number(y + height * 0.55)) L\(Self.number(x + width)),\(Self.number(y))"
        body.element("path", [("d", flap), ("fill", "none"), ("stroke", filled ? "#ffffff" : color), ("stroke-width", "1.2")])
    }

    private mutating func gateway(_ kind: FlowNode.Kind, _ rect: DiagramRect, palette: Palette) {
        let points = [(rect.midX, rect.minY), (rect.maxX, rect.midY), (rect.midX, rect.maxY), (rect.minX, rect.midY)]
            .map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        body.element("polygon", [("points", points), ("fill", palette.fill), ("stroke", palette.stroke),
                                 ("stroke-width", Self.number(palette.width)), ("stroke-linejoin", "round")])
        let scale = min(rect.width, rect.height) / 50
        let (x, y) = (rect.midX, rect.midY)
        switch kind {
        case .exclusiveGateway:
            let arm = 8 * scale
            lines([((x - arm, y - arm), (x + arm, y + arm)), ((x + arm, y - arm), (x - arm, y + arm))], color: palette.stroke, width: 3.5 * scale)
        case .parallelGateway:
            let arm = 11 * scale
            lines([((x, y - arm), (x, y + arm)), ((x - arm, y), (x + arm, y))], color: palette.stroke, width: 3.5 * scale)
        default:
            body.element("circle", [("cx", Self.number(x)), ("cy", Self.number(y)), ("r", Self.number(11 * scale)), ("fill", "none"),
                                    ("stroke", palette.stroke), ("stroke-width", Self.number(2.5 * scale))])
        }
    }

    private mutating func lines(_ segments: [((Double, Double), (Double, Double))], color: String, width: Double) {
        let path = segments.map { "M\(Self.number($0.0.0)),\(Self.number($0.0.1)) L\(Self.number($0.1.0)),\(Self.number($0.1.1))" }
            .joined(separator: " ")
        body.element("path", [("d", path), ("fill", "none"), ("stroke", color), ("stroke-width", Self.number(width)), ("stroke-linecap", "round")])
    }

    /// A task, call activity or closed sub-process: a rounded box, the name wrapped inside, markers in the corners.
    private mutating func activity(_ node: FlowNode, _ rect: DiagramRect, palette: Palette, name: String?) {
        let thick: Bool
        if case .callActivity = node.kind { thick = true } else if case .subProcess = node.kind { thick = true } else { thick = false }
        body.element("rect", [("x", Self.number(rect.minX)), ("y", Self.number(rect.minY)), ("width", Self.number(rect.width)),
                              ("height", Self.number(rect.height)), ("rx", "10"), ("ry", "10"), ("fill", palette.fill),
                              ("stroke", palette.stroke), ("stroke-width", Self.number(thick ? max(palette.width, 3) : palette.width))])
        let stroke = palette.stroke
        switch node.kind {
        case .userTask:
            // A small person: head and shoulders.
            let (x, y) = (rect.minX + 14, rect.minY + 8)
            body.element("circle", [("cx", Self.number(x)), ("cy", Self.number(y + 3.5)), ("r", "3.5"), ("fill", "none"),
                                    ("stroke", stroke), ("stroke-width", "1.2")])
            let shoulders = "M\(Self.number(x - 6)),\(Self.number(y + 15)) Q\(Self.number(x - 6)),\(Self.number(y + 8.5)) "
                + "\(Self.number(x)),\(Self.number(y + 8.5)) Q\(Self.number(x + 6)),\(Self.number(y + 8.5)) \(Self.number(x + 6)),\(Self.number(y + 15)) Z"
            body.element("path", [("d", shoulders), ("fill", "none"), ("stroke", stroke), ("stroke-width", "1.2")])
        case .serviceTask:
            // A small gear: a dashed thick ring (teeth) around a hub.
            let (x, y) = (rect.minX + 14, rect.minY + 14)
            body.element("circle", [("cx", Self.number(x)), ("cy", Self.number(y)), ("r", "5"), ("fill", "none"), ("stroke", stroke),
                                    ("stroke-width", "3"), ("stroke-dasharray", "2 1.93")])
            body.element("circle", [("cx", Self.number(x)), ("cy", Self.number(y)), ("r", "2"), ("fill", "none"), ("stroke", stroke),
                                    ("stroke-width", "1")])
        case .receiveTask:
            envelope(rect, color: stroke, filled: false, corner: true)
        case .sendTask:
            envelope(rect, color: stroke, filled: true, corner: true)
        default:
            break
        }

        var bottomMarker = false
        var collapsed = false
        if case .callActivity = node.kind { collapsed = true }
        if case .subProcess = node.kind, definition.nodes.values.contains(where: { $0.scope == node.id }) { collapsed = true }
        if collapsed {
            bottomMarker = true
            let box = DiagramRect(x: rect.midX - 7, y: rect.maxY - 18, width: 14, height: 14)
            body.element("rect", [("x", Self.number(box.minX)), ("y", Self.number(box.minY)), ("width", "14"), ("height", "14"),
                                  ("fill", "none"), ("stroke", stroke), ("stroke-width", "1.2")])
            lines([((box.midX, box.minY + 3), (box.midX, box.maxY - 3)), ((box.minX + 3, box.midY), (box.maxX - 3, box.midY))],
                  color: stroke, width: 1.5)
        }
        if let multiInstance = node.multiInstance {
            bottomMarker = true
            let x = collapsed ? rect.midX - 22 : rect.midX - 6, bottom = rect.maxY - 5, top = rect.maxY - 17
            var bars: [((Double, Double), (Double, Double))] = []
            for offset in [1.0, 6, 11] {
                // Sequential: three horizontal bars; parallel: three vertical ones.
                bars.append(multiInstance.isSequential ? ((x, top + offset), (x + 12, top + offset)) : ((x + offset, top), (x + offset, bottom)))
            }
            lines(bars, color: stroke, width: 2)
        }

        // The name: centred, but clear of the corner icon above and the markers below.
        guard let name else { return }
        let lineHeight = 15.0
        let reservedTop: Double
        switch node.kind {
        case .userTask, .serviceTask, .receiveTask, .sendTask: reservedTop = 24
        default: reservedTop = 5
        }
        let reservedBottom = bottomMarker ? 20.0 : 5
        let available = rect.height - reservedTop - reservedBottom
        let maxLines = max(1, Int(available / lineHeight))
        let wrapped = DiagramText.wrap(name, maxWidth: max(rect.width - 12, 12), fontSize: 12, maxLines: maxLines)
        let height = Double(wrapped.count) * lineHeight
        var top = rect.midY - height / 2
        top = min(top, rect.maxY - reservedBottom - height)
        top = max(top, rect.minY + reservedTop)
        write(DiagramTextBlock(lines: wrapped, x: rect.midX, firstBaseline: top + lineHeight / 2 + 4.2, lineHeight: lineHeight, fontSize: 12,
                               anchor: "middle"),
              fill: Self.textColor)
    }

    // MARK: - Flows

    private mutating func drawFlow(_ flow: SequenceFlow, along points: [DiagramPoint]) {
        body.open("g", [("data-flow", flow.id), ("class", "zt-flow")])
        let path = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(Self.number($0.element.x)),\(Self.number($0.element.y))" }
            .joined(separator: " ")
        body.element("path", [("d", path), ("fill", "none"), ("stroke", Self.flowColor), ("stroke-width", "1.5"),
                              ("stroke-linejoin", "round"), ("marker-end", "url(#\(arrowID))")])
        for point in points { include(point) }

        // Default flow: a slash near the source, just after the flow parts from the source's other flows
        // (flows laid out automatically share their first run).
        if definition.nodes[flow.source]?.defaultFlow == flow.id {
            let siblings = DiagramGeometry.orderedFlows(definition).filter { $0.source == flow.source && $0.id != flow.id }
                .compactMap { geometry.edges[$0.id] }
            let shared = siblings.map { Self.sharedLength(points, $0) }.max() ?? 0
            let total = Self.length(of: points)
            if total > 0, let (at, dx, dy) = Self.point(along: points, at: min(shared + 10, shared + (total - shared) / 2)) {
                // The slash leans 45° from the line: direction (d + n) / √2 with n the normal.
                let (sx, sy) = ((dx + dy) / 2.squareRoot() * 6, (dy - dx) / 2.squareRoot() * 6)
                lines([((at.x - sx, at.y - sy), (at.x + sx, at.y + sy))], color: Self.flowColor, width: 1.5)
            }
        }

        if let name = flow.name, !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // On the longest segment: above it when horizontal, right of it when vertical.
            var best = (index: 0, length: -1.0)
            for index in 0..<(points.count - 1) {
                let (a, b) = (points[index], points[index + 1])
                let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                if length > best.length { best = (index, length) }
            }
            let (a, b) = (points[best.index], points[best.index + 1])
            let middle = DiagramPoint(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
            let fontSize = DiagramAutoLayout.flowLabelFontSize, lineHeight = 13.0
            let lines = DiagramText.wrap(name, maxWidth: DiagramAutoLayout.flowLabelWidth, fontSize: fontSize, maxLines: 3)
            let block = abs(b.x - a.x) >= abs(b.y - a.y)
                ? DiagramTextBlock(lines: lines, x: middle.x, firstBaseline: middle.y - 5 - Double(lines.count - 1) * lineHeight,
                                   lineHeight: lineHeight, fontSize: fontSize, anchor: "middle")
                : DiagramTextBlock(lines: lines, x: middle.x + 5, firstBaseline: middle.y + 4 - Double(lines.count - 1) * lineHeight / 2,
                                   lineHeight: lineHeight, fontSize: fontSize, anchor: "start")
            write(block, fill: "#3c4043", extra: [("stroke", "#ffffff"), ("stroke-width", "3"), ("stroke-linejoin", "round"),
                                                  ("paint-order", "stroke"), ("class", "zt-flow-label")])
        }
        body.close("g")
    }

    private static func distance(_ a: DiagramPoint, _ b: DiagramPoint) -> Double {
        ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
    }

    static func length(of points: [DiagramPoint]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + distance($1.0, $1.1) }
    }

    /// The point `offset` along a polyline, with the unit direction of the segment it lies on.
    static func point(along points: [DiagramPoint], at offset: Double) -> (DiagramPoint, Double, Double)? {
        var remaining = max(0, offset)
        var last: (DiagramPoint, Double, Double)?
        for (a, b) in zip(points, points.dropFirst()) {
            let length = distance(a, b)
            guard length > 0 else { continue }
            let (dx, dy) = ((b.x - a.x) / length, (b.y - a.y) / length)
            if remaining <= length { return (DiagramPoint(x: a.x + dx * remaining, y: a.y + dy * remaining), dx, dy) }
            remaining -= length
            last = (b, dx, dy)
        }
        return last
    }

    /// How long two polylines run together from a common start.
    static func sharedLength(_ first: [DiagramPoint], _ second: [DiagramPoint]) -> Double {
        guard let start = first.first, let other = second.first, distance(start, other) < 0.01 else { return 0 }
        var shared = 0.0
        var (i, j) = (0, 0)
        var (p, q) = (start, other)
        while i + 1 < first.count && j + 1 < second.count {
            let (a, b) = (distance(p, first[i + 1]), distance(q, second[j + 1]))
            if a < 0.01 { i += 1; p = first[i]; continue }
            if b < 0.01 { j += 1; q = second[j]; continue }
            let (ax, ay) = ((first[i + 1].x - p.x) / a, (first[i + 1].y - p.y) / a)
            let (bx, by) = ((second[j + 1].x - q.x) / b, (second[j + 1].y - q.y) / b)
            guard ax * bx + ay * by > 0.999 else { break }
            let step = min(a, b)
            shared += step
            p = DiagramPoint(x: p.x + ax * step, y: p.y + ay * step)
            q = DiagramPoint(x: q.x + bx * step, y: q.y + by * step)
        }
        return shared
    }
}

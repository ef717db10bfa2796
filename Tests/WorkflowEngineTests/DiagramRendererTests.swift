import Foundation
import Testing
@testable import WorkflowEngine

@Suite("Diagram: SVG rendering")
struct DiagramRendererTests {
    /// A three-node process with BPMN DI: one edge with waypoints, one without.
    func withShapes() -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("Start", .startEvent)
        model.node("Draft", .userTask, name: "拟稿")
        model.node("End", .endEvent(terminate: false))
        model.flow("Start", "Draft", id: "f1")
        model.flow("Draft", "End", id: "f2")
        var definition = model.build(id: "di")
        definition.diagram = DiagramLayout(
            shapes: ["Start": .init(x: 152, y: 102, width: 36, height: 36), "Draft": .init(x: 240, y: 80, width: 100, height: 80),
                     "End": .init(x: 392, y: 102, width: 36, height: 36)],
            edges: ["f1": [.init(x: 188, y: 120), .init(x: 240, y: 120)]])
        return definition
    }

    @Test("with DI: shapes and waypoints are used exactly; an edge without waypoints runs between the outlines")
    func usesDIShapes() throws {
        let svg = DiagramRenderer.svg(for: withShapes())
        #expect(svg.contains("<rect x=\"240\" y=\"80\" width=\"100\" height=\"80\""))
        #expect(svg.contains("<circle cx=\"170\" cy=\"120\" r=\"18\""))
        let probe = DiagramSVGProbe(svg)
        #expect(probe.failure == nil)
        #expect(probe.parts(ofFlow: "f1", "path").first?.attributes["d"] == "M188,120 L240,120")
        // Centre to centre, clipped to the task's right side and the end event's circle.
        #expect(probe.parts(ofFlow: "f2", "path").first?.attributes["d"] == "M340,120 L392,120")
        // The view is the content plus a 20 margin, in the file's coordinates.
        #expect(probe.root?.attributes["viewBox"] == "132 60 316 120")
        #expect(probe.root?.attributes["width"] == "316")
        #expect(probe.root?.attributes["height"] == "120")
    }

    @Test("with DI: nodes the file does not draw are left out, a sub-process without drawn children is closed (+)")
    func partialDI() throws {
        var model = ModelBuilder()
        model.node("s", .startEvent)
        model.node("sub", .subProcess, name: "子流程")
        model.node("inner", .userTask, name: "内部", scope: "sub")
        model.node("e", .endEvent(terminate: false))
        model.chain("s", "sub", "e")
        var definition = model.build()
        definition.diagram = DiagramLayout(shapes: ["s": .init(x: 0, y: 22, width: 36, height: 36),
                                                    "sub": .init(x: 80, y: 0, width: 100, height: 80)])
        let probe = DiagramSVGProbe(DiagramRenderer.svg(for: definition))
        #expect(probe.failure == nil)
        #expect(probe.group("inner") == nil && probe.group("e") == nil)
        #expect(probe.parts(ofFlow: "s->sub", "path").first?.attributes["d"] == "M36,40 L80,40")
        #expect(probe.parts(ofFlow: "sub->e").isEmpty)
        // Closed: a thick box with the "+" marker (a small square).
        #expect(probe.parts(of: "sub", "rect").count == 2)
    }

    @Test("state: the current node carries the current style, done nodes the done style, captions below")
    func highlightsState() throws {
        let definition = DiagramFixtures.approval()
        let state = DiagramState(current: ["Review"], done: ["Start", "Draft"], captions: ["Draft": ["张伟 2026-11-23 14:05"], "Review": ["刘强 办理中"]])
        let probe = DiagramSVGProbe(DiagramRenderer.svg(for: definition, state: state))
        #expect(probe.failure == nil)

        let review = try #require(probe.group("Review"))
        #expect(review.attributes["data-state"] == "current")
        #expect(review.attributes["class"] == "zt-node zt-current")
        let reviewBox = try #require(probe.parts(of: "Review", "rect").first)
        #expect(reviewBox.attributes["fill"] == "#fdecea")
        #expect(reviewBox.attributes["stroke"] == "#b3121b")
        #expect(Double(reviewBox.attributes["stroke-width"] ?? "") ?? 0 > 1.5)

        let draft = try #require(probe.group("Draft"))
        #expect(draft.attributes["data-state"] == "done")
        let draftBox = try #require(probe.parts(of: "Draft", "rect").first)
        #expect(draftBox.attributes["fill"] == "#e6f4ea")
        #expect(draftBox.attributes["stroke"] == "#1a7f37")
        let start = try #require(probe.parts(of: "Start", "circle").first)
        #expect(start.attributes["fill"] == "#e6f4ea")

        // Nodes without state: plain, no data-state.
        let sign = try #require(probe.group("Sign"))
        #expect(sign.attributes["data-state"] == nil)
        #expect(probe.parts(of: "Sign", "rect").first?.attributes["fill"] == "#ffffff")

        // Captions: small text under the node.
        let caption = try #require(probe.parts(of: "Draft", "text").first { $0.attributes["class"] == "zt-caption" })
        #expect(caption.text == "张伟 2026-11-23 14:05")
        #expect(Double(caption.attributes["font-size"] ?? "") == 10)
        let box = try #require(DiagramGeometry.resolve(definition).shapes["Draft"])
        #expect(Double(caption.attributes["y"] ?? "") ?? 0 > box.maxY)
        #expect(probe.parts(of: "Review", "text").contains { $0.text == "刘强 办理中" })
    }

    @Test("state from a running instance: done and current groups in the picture")
    func highlightsInstance() throws {
        var run = try Run(DiagramFixtures.approval())
        try run.complete("Draft", by: "zhangw")
        let state = DiagramState(instance: run.instance, passed: ["Start"], names: ["zhangw": "张伟", "liuq": "刘强"])
        let probe = DiagramSVGProbe(DiagramRenderer.svg(for: DiagramFixtures.approval(), state: state))
        #expect(probe.failure == nil)
        let marked = probe.elements.filter { $0.attributes["data-state"] != nil }
            .map { "\($0.attributes["data-id"] ?? "?")=\($0.attributes["data-state"] ?? "?")" }
        #expect(marked == ["Start=done", "Draft=done", "Review=current"])
        #expect(probe.parts(of: "Draft", "text").contains { $0.text == "张伟 2026-09-21 22:13" })
        #expect(probe.parts(of: "Review", "text").contains { $0.text == "刘强 办理中" })
    }

    @Test("names from users are escaped; the text reads back unchanged")
    func escapes() throws {
        var model = ModelBuilder()
        model.node("s", .startEvent, name: "开始 & <b>")
        model.node("t", .userTask, name: "<script>alert('x')</script> & \"审批\"")
        model.node("e", .endEvent(terminate: false), name: "end\u{1}]]>")
        model.chain("s", "t")
        model.flow("t", "e", id: "te")
        var definition = model.build(id: "x\"><script>")
        definition.name = "A & B <script>"
        definition.flows["te"]?.name = "</text><script>evil()</script>"
        let svg = DiagramRenderer.svg(for: definition, state: DiagramState(current: ["t"], captions: ["t": ["<img src=x onerror=alert(1)>"]]))

        #expect(!svg.lowercased().contains("<script"))
        #expect(!svg.contains("<img"))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(svg.contains("A &amp; B"))
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })

        let probe = DiagramSVGProbe(svg)
        #expect(probe.failure == nil)
        #expect(probe.root?.attributes["aria-label"] == "A & B <script>")
        #expect(probe.elements.first { $0.name == "title" }?.text == "A & B <script>")
        let taskText = probe.parts(of: "t", "text").map(\.text).joined()
        #expect(taskText.contains("<script>") && taskText.contains("&"))
        #expect(probe.parts(ofFlow: "te", "tspan").map(\.text).joined() == "</text><script>evil()</script>")
        #expect(probe.parts(of: "e", "text").first?.text == "end]]>")
        // The marker id keeps to safe characters.
        #expect(svg.contains("url(#zt-arrow-x___script_)"))
    }

    @Test("output is standalone and inert: no script, handlers, styles or external references")
    func inert() throws {
        let definitions = [DiagramFixtures.approval(), DiagramFixtures.loop(), withShapes(), ProcessDefinition(id: "empty", nodes: [], flows: [])]
        for definition in definitions {
            let svg = DiagramRenderer.svg(for: definition, state: DiagramState(current: Set(definition.nodeOrder.prefix(2))))
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\""))
            #expect(svg.hasSuffix("</svg>\n"))
            let lower = svg.lowercased()
            #expect(!lower.contains("<script"))
            #expect(!lower.contains("href"))
            #expect(!lower.contains("style"))
            #expect(!lower.contains("@import"))
            #expect(lower.components(separatedBy: "http").count == 2)  // only the SVG namespace
            #expect(lower.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil)
            #expect(!lower.contains("url(") || lower.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#zt-arrow-") })

            let probe = DiagramSVGProbe(svg)
            #expect(probe.failure == nil, "\(definition.id): \(probe.failure ?? "")")
            let root = try #require(probe.root)
            #expect(root.name == "svg")
            #expect(root.attributes["role"] == "img")
            #expect(root.attributes["aria-label"] == definition.name ?? definition.id)
            #expect(root.attributes["font-family"] == "sans-serif")
            #expect(root.attributes["width"] != nil && root.attributes["height"] != nil)
            #expect(probe.elements.dropFirst().first?.name == "title")
            // Every node with a shape is a group carrying its id.
            let geometry = DiagramGeometry.resolve(definition)
            for id in definition.nodeOrder where geometry.shapes[id] != nil {
                #expect(probe.group(id) != nil, "\(id)")
            }
        }
    }

    @Test("the same input renders the same text, however the dictionaries were filled")
    func deterministic() throws {
        let definition = DiagramFixtures.approval()
        let state = DiagramState(current: ["Review", "ReviewLate"], done: ["Start", "Draft"], captions: ["Draft": ["张伟"]])
        #expect(DiagramRenderer.svg(for: definition, state: state) == DiagramRenderer.svg(for: definition, state: state))

        let nodes = definition.nodeOrder.compactMap { definition.nodes[$0] }
        let flows = definition.flows.values.sorted { $0.id < $1.id }
        var reordered = ProcessDefinition(id: definition.id, name: definition.name, nodes: nodes, flows: flows.reversed())
        reordered.flows = Dictionary(uniqueKeysWithValues: flows.reversed().map { ($0.id, $0) })
        var stateAgain = DiagramState()
        for id in ["ReviewLate", "Start", "Draft", "Review"] { stateAgain.nodes[id] = state.nodes[id] }
        stateAgain.captions = state.captions
        #expect(reordered == definition)
        #expect(DiagramRenderer.svg(for: reordered, state: stateAgain) == DiagramRenderer.svg(for: definition, state: state))
    }

    @Test("shapes: event circles, thick end, filled terminate, clocks, gateway marks, default-flow slash, flow labels")
    func shapes() throws {
        let probe = DiagramSVGProbe(DiagramRenderer.svg(for: DiagramFixtures.approval()))
        #expect(probe.failure == nil)
        #expect(probe.parts(of: "End", "circle").first?.attributes["stroke-width"] == "4")
        // Boundary timer: two dashed rings (non-interrupting) and a clock face with hands.
        let timer = probe.parts(of: "ReviewLate", "circle")
        #expect(timer.count == 3)
        #expect(timer.prefix(2).allSatisfy { $0.attributes["stroke-dasharray"] != nil })
        #expect(probe.parts(of: "ReviewLate", "path").count == 1)
        #expect(probe.parts(of: "NeedCountersign", "polygon").count == 1)
        #expect(probe.parts(of: "NeedCountersign", "path").count == 1)  // the ×
        // Default flow: its path plus the slash.
        #expect(probe.parts(ofFlow: "SkipCountersign", "path").count == 2)
        #expect(probe.parts(ofFlow: "WithCountersign", "path").count == 1)
        #expect(probe.parts(ofFlow: "WithCountersign", "text").first?.text == "有会签单位")
        #expect(probe.parts(ofFlow: "f1").isEmpty)  // no such flow: ModelBuilder names flows "a->b"
        #expect(probe.parts(ofFlow: "Start->Draft", "path").first?.attributes["marker-end"] == "url(#zt-arrow-approval)")

        let loop = DiagramSVGProbe(DiagramRenderer.svg(for: DiagramFixtures.loop()))
        let terminate = loop.parts(of: "end", "circle")
        #expect(terminate.count == 2)
        #expect(terminate.last?.attributes["fill"] == terminate.first?.attributes["stroke"])
        // Gateways: + and ○ marks.
        var model = ModelBuilder()
        model.node("and", .parallelGateway)
        model.node("or", .inclusiveGateway)
        model.flow("and", "or")
        let gateways = DiagramSVGProbe(DiagramRenderer.svg(for: model.build()))
        #expect(gateways.parts(of: "and", "path").count == 1)
        #expect(gateways.parts(of: "or", "circle").count == 1)
    }

    @Test("task names wrap inside the box: about seven Chinese characters a line at 12px")
    func wrapsNames() throws {
        var model = ModelBuilder()
        model.node("t", .userTask, name: "关于开展二〇二六年度安全生产大检查的通知")
        let probe = DiagramSVGProbe(DiagramRenderer.svg(for: model.build()))
        let lines = probe.parts(of: "t", "tspan").map(\.text)
        #expect(lines == ["关于开展二〇二", "六年度安全生产", "大检查的通知"])
    }
}

@Suite("Diagram: text")
struct DiagramTextTests {
    @Test("Chinese text wraps by character count, other text at spaces, long words anywhere")
    func wrap() {
        #expect(DiagramText.wrap("请示报告审批流程", maxWidth: 88, fontSize: 12, maxLines: 4) == ["请示报告审批流", "程"])
        #expect(DiagramText.wrap("Review the draft carefully", maxWidth: 88, fontSize: 12, maxLines: 4) == ["Review the", "draft", "carefully"])
        #expect(DiagramText.wrap("Supercalifragilistic", maxWidth: 60, fontSize: 10, maxLines: 4) == ["Supercalif", "ragilistic"])
        #expect(DiagramText.wrap("核稿 OA系统", maxWidth: 88, fontSize: 12, maxLines: 4) == ["核稿 OA系统"])
        // Closing punctuation stays on the line before.
        #expect(DiagramText.wrap("一二三四五六七，八", maxWidth: 88, fontSize: 12, maxLines: 4) == ["一二三四五六七，", "八"])
        // Too many lines: the last kept ends in an ellipsis.
        #expect(DiagramText.wrap(String(repeating: "长", count: 30), maxWidth: 88, fontSize: 12, maxLines: 2) == ["长长长长长长长", "长长长长长长…"])
        #expect(DiagramText.wrap("  ", maxWidth: 88, fontSize: 12, maxLines: 2).isEmpty)
    }

    @Test("escaping and numbers")
    func escapeAndNumbers() {
        #expect(DiagramText.escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;")
        #expect(DiagramText.escape("a\u{0}b\u{1F}c\u{FFFE}d\te") == "abcd\te")
        #expect(DiagramText.number(12) == "12")
        #expect(DiagramText.number(-0.0) == "0")
        #expect(DiagramText.number(12.5) == "12.5")
        #expect(DiagramText.number(1.005) == "1" || DiagramText.number(1.005) == "1.01")
        #expect(DiagramText.number(-3.14159) == "-3.14")
        #expect(DiagramText.number(0.07) == "0.07")
        #expect(DiagramText.number(.nan) == "0")
        #expect(DiagramText.number(.infinity) == "0")
    }

    @Test("message and timer starts, catches, sends and boundaries are drawn as their kinds, with an envelope or a clock")
    func eventKinds() throws {
        var model = ModelBuilder()
        model.node("weekly", .timerStart(.cycle(repetitions: nil, interval: ISODuration(days: 7), start: nil)), name: "每周一")
        model.node("doc", .messageStart(message: "来文"))
        model.node("wait", .messageCatch(message: "批复"), name: "等待批复")
        model.node("receive", .receiveTask(message: "批复"), name: "接收")
        model.node("recall", .boundaryMessage(attachedTo: "receive", message: "撤回", cancelActivity: false))
        model.node("notify", .sendTask(message: "通知"), name: "通知")
        model.node("done", .messageThrow(message: "办结"))
        model.node("end", .endEvent(terminate: false))
        model.chain("weekly", "wait", "receive", "notify", "done", "end")
        model.chain("doc", "wait")
        model.chain("recall", "end")
        let probe = DiagramSVGProbe(DiagramRenderer.svg(for: model.build()))
        #expect(probe.failure == nil)
        let kinds = ["weekly", "doc", "wait", "receive", "recall", "notify", "done"].map { probe.group($0)?.attributes["data-kind"] }
        #expect(kinds == ["startEvent", "startEvent", "intermediateCatchEvent", "receiveTask", "boundaryEvent", "sendTask", "intermediateThrowEvent"])
        // The envelope: a rectangle inside each message event and in the corner of each message task.
        for id in ["doc", "wait", "receive", "recall", "notify", "done"] {
            #expect(!probe.parts(of: id, "rect").isEmpty, "\(id)")
        }
        // A sent message's envelope is filled; a caught one's is white.
        #expect(probe.parts(of: "done", "rect").first?.attributes["fill"] != "#ffffff")
        #expect(probe.parts(of: "wait", "rect").first?.attributes["fill"] == "#ffffff")
        // A non-interrupting boundary is dashed, the timer start has its clock hands.
        #expect(probe.parts(of: "recall", "circle").count == 2)
        #expect(probe.parts(of: "recall", "circle").allSatisfy { $0.attributes["stroke-dasharray"] != nil })
        #expect(!probe.parts(of: "weekly", "path").isEmpty)
    }
}

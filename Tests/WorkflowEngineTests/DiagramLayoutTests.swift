import Foundation
import Testing
@testable import WorkflowEngine

@Suite("Diagram: automatic layout")
struct DiagramLayoutTests {
    /// Checks that every flow is orthogonal and crosses no node other than its own ends (and, for a flow
    /// from a boundary event, the activity it is attached to; flows inside a sub-process may cross its box).
    func expectClearRouting(_ definition: ProcessDefinition, _ geometry: DiagramGeometry, sourceLocation: SourceLocation = #_sourceLocation) {
        for (flowID, points) in geometry.edges.sorted(by: { $0.key < $1.key }) {
            guard let flow = definition.flows[flowID] else { continue }
            var allowed: Set<String> = [flow.source, flow.target]
            if case .boundaryTimer(let host, _, _)? = definition.nodes[flow.source]?.kind { allowed.insert(host) }
            var scope = definition.nodes[flow.source]?.scope
            while let id = scope { allowed.insert(id); scope = definition.nodes[id]?.scope }
            for (a, b) in zip(points, points.dropFirst()) {
                #expect(a.x == b.x || a.y == b.y, "\(flowID) is not orthogonal: \(points)", sourceLocation: sourceLocation)
                for (id, rect) in geometry.shapes.sorted(by: { $0.key < $1.key }) where !allowed.contains(id) {
                    let inside = rect.minX + 1 < max(a.x, b.x) && min(a.x, b.x) < rect.maxX - 1
                        && rect.minY + 1 < max(a.y, b.y) && min(a.y, b.y) < rect.maxY - 1
                    #expect(!inside, "\(flowID) crosses \(id): \(points) vs \(rect)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test("left to right: start left of the first task, end rightmost, a chain on one line, BPMN sizes")
    func approval() throws {
        let definition = DiagramFixtures.approval()
        let geometry = DiagramGeometry.resolve(definition)
        #expect(geometry.isAutomatic)
        let shape = { (id: String) throws -> DiagramRect in try #require(geometry.shapes[id], "\(id)") }

        #expect(try shape("Start").maxX < shape("Draft").minX)
        let end = try shape("End")
        for id in definition.nodeOrder where id != "End" {
            #expect(try shape(id).maxX < end.minX, "\(id)")
        }
        let line = try shape("Start").midY
        for id in ["Draft", "Review", "NeedCountersign", "Countersign", "Merge", "Sign", "End"] {
            #expect(try shape(id).midY == line, "\(id)")
        }
        for id in ["Draft", "Review", "Countersign", "Sign", "Remind"] {
            #expect(try shape(id).width == 100 && shape(id).height == 80)
        }
        for id in ["Start", "End", "RemindEnd", "ReviewLate"] {
            #expect(try shape(id).width == 36 && shape(id).height == 36)
        }
        #expect(try shape("NeedCountersign").width == 50 && shape("Merge").height == 50)
        // Columns in order along the main path.
        let order = ["Start", "Draft", "Review", "NeedCountersign", "Countersign", "Merge", "Sign", "End"]
        for (left, right) in zip(order, order.dropFirst()) {
            #expect(try shape(left).maxX < shape(right).minX, "\(left) before \(right)")
        }

        // The boundary timer sits on the bottom edge of 核稿; its flow leaves downwards to 催办 below the main line.
        let review = try shape("Review"), late = try shape("ReviewLate")
        #expect(late.midY == review.maxY)
        #expect(late.midX > review.minX && late.midX < review.maxX)
        #expect(try shape("Remind").minY > review.maxY)
        let reminder = try #require(geometry.edges["ReviewLate->Remind"])
        #expect(reminder.first == DiagramPoint(x: late.midX, y: late.maxY))
        #expect(try reminder.last?.x == shape("Remind").minX)

        // The default flow skips 会签 by running below it, not through it.
        let skip = try #require(geometry.edges["SkipCountersign"])
        let countersign = try shape("Countersign")
        #expect(skip.contains { $0.y > countersign.maxY })
        expectClearRouting(definition, geometry)
    }

    @Test("a loop: the back edge is found, layering terminates, the back edge runs above")
    func loop() throws {
        let definition = DiagramFixtures.loop()
        let geometry = DiagramGeometry.resolve(definition)
        let shapes = geometry.shapes
        let ids = ["start", "draft", "check", "ok", "end"]
        for (left, right) in zip(ids, ids.dropFirst()) {
            #expect(try #require(shapes[left]).maxX < #require(shapes[right]).minX, "\(left) before \(right)")
        }
        let back = try #require(geometry.edges["back"])
        let top = shapes.values.map(\.minY).min() ?? 0
        #expect(back.contains { $0.y < top })
        // Both ends are the topmost of their columns: the loop leaves and enters through the tops.
        let ok = try #require(shapes["ok"]), draft = try #require(shapes["draft"])
        #expect(back.first == DiagramPoint(x: ok.midX, y: ok.minY))
        #expect(back.last == DiagramPoint(x: draft.midX, y: draft.minY))
        #expect(back.count == 4)
        expectClearRouting(definition, geometry)
    }

    @Test("cycles without a start, self-loops and loops back to the start all terminate")
    func awkwardLoops() throws {
        var model = ModelBuilder()
        model.node("a", .userTask, name: "甲")
        model.node("b", .userTask, name: "乙")
        model.node("c", .userTask, name: "丙")
        model.chain("a", "b", "c", "a")
        model.flow("b", "b")
        model.node("s", .startEvent)
        model.node("g", .exclusiveGateway)
        model.chain("s", "g", "s")
        model.node("lost", .endEvent(terminate: false))
        let definition = model.build()
        let geometry = DiagramGeometry.resolve(definition)
        #expect(Set(geometry.shapes.keys) == Set(definition.nodeOrder))
        #expect(Set(geometry.edges.keys) == Set(definition.flows.keys))
        #expect(try #require(geometry.shapes["a"]).maxX < #require(geometry.shapes["b"]).minX)
        let selfLoop = try #require(geometry.edges["b->b"])
        #expect(selfLoop.count >= 4)
        let probe = DiagramSVGProbe(DiagramRenderer.svg(for: definition))
        #expect(probe.failure == nil)
    }

    @Test("a split: the first branch goes straight on, the others below in order; joins come back to the line")
    func split() throws {
        var model = ModelBuilder()
        model.node("s", .startEvent)
        model.node("fork", .parallelGateway)
        for id in ["b1", "b2", "b3"] { model.node(id, .userTask, name: id) }
        model.node("b2x", .userTask, name: "b2x")
        model.node("join", .parallelGateway)
        model.node("e", .endEvent(terminate: false))
        model.chain("s", "fork")
        model.chain("fork", "b1", "join")
        model.chain("fork", "b2", "b2x", "join")
        model.chain("fork", "b3", "join")
        model.chain("join", "e")
        let definition = model.build()
        let geometry = DiagramGeometry.resolve(definition)
        let shape = { (id: String) throws -> DiagramRect in try #require(geometry.shapes[id], "\(id)") }
        #expect(try shape("b1").midY == shape("fork").midY)
        #expect(try shape("b1").midY < shape("b2").midY)
        #expect(try shape("b2").midY < shape("b3").midY)
        #expect(try shape("join").midY == shape("fork").midY)
        #expect(try shape("b2x").minX > shape("b2").maxX)
        #expect(try shape("join").minX > shape("b2x").maxX)
        expectClearRouting(definition, geometry)
    }

    @Test("an embedded sub-process is drawn open with its children laid out inside")
    func subProcess() throws {
        var model = ModelBuilder()
        model.node("s", .startEvent)
        model.node("sub", .subProcess, name: "部门会签")
        model.node("ss", .startEvent, scope: "sub")
        model.node("t1", .userTask, name: "处室意见", scope: "sub")
        model.node("inner", .subProcess, name: "复核", scope: "sub")
        model.node("is", .startEvent, scope: "inner")
        model.node("it", .userTask, name: "复核", scope: "inner")
        model.node("ie", .endEvent(terminate: false), scope: "inner")
        model.node("se", .endEvent(terminate: false), scope: "sub")
        model.node("late", .boundaryTimer(attachedTo: "sub", timer: .duration(ISODuration(days: 3)), cancelActivity: true), name: "超时")
        model.node("after", .userTask, name: "签发")
        model.node("e", .endEvent(terminate: false))
        model.chain("s", "sub", "after", "e")
        model.chain("ss", "t1", "inner", "se")
        model.chain("is", "it", "ie")
        model.flow("late", "e")
        let definition = model.build()
        let geometry = DiagramGeometry.resolve(definition)
        #expect(geometry.expanded == ["sub", "inner"])
        let sub = try #require(geometry.shapes["sub"]), inner = try #require(geometry.shapes["inner"])
        func contains(_ outer: DiagramRect, _ rect: DiagramRect) -> Bool {
            outer.minX < rect.minX && rect.maxX < outer.maxX && outer.minY < rect.minY && rect.maxY < outer.maxY
        }
        for id in ["ss", "t1", "inner", "se"] { #expect(contains(sub, try #require(geometry.shapes[id])), "\(id)") }
        for id in ["is", "it", "ie"] { #expect(contains(inner, try #require(geometry.shapes[id])), "\(id)") }
        for id in ["t1->inner", "is->it"] {
            for point in try #require(geometry.edges[id]) { #expect(sub.minX < point.x && point.x < sub.maxX) }
        }
        #expect(try #require(geometry.shapes["late"]).midY == sub.maxY)
        #expect(sub.maxX < (try #require(geometry.shapes["after"])).minX)
        expectClearRouting(definition, geometry)

        let probe = DiagramSVGProbe(DiagramRenderer.svg(for: definition, state: DiagramState(current: ["it", "inner", "sub"])))
        #expect(probe.failure == nil)
        // Boxes before content: the open sub-processes are drawn first, outer before inner.
        let groups = probe.elements.compactMap { $0.attributes["data-id"] }
        #expect(Array(groups.prefix(2)) == ["sub", "inner"])
        #expect(probe.parts(of: "sub", "text").first?.text == "部门会签")
    }

    @Test("a larger process with many branches and loops: every node placed, no flow through a node")
    func ladder() throws {
        var model = ModelBuilder()
        model.node("s", .startEvent)
        var previous = "s"
        for step in 0..<40 {
            model.node("g\(step)", .exclusiveGateway, name: "判断\(step)")
            model.node("a\(step)", .userTask, name: "任务甲\(step)")
            model.node("b\(step)", .userTask, name: "任务乙\(step)")
            model.chain(previous, "g\(step)", "a\(step)")
            model.chain("g\(step)", "b\(step)", "a\(step)")
            if step % 7 == 3 { model.flow("b\(step)", "g\(step - 2)") }
            if step % 5 == 1 { model.flow("g\(step)", "g\(step + 1)") }
            previous = "a\(step)"
        }
        model.node("late", .boundaryTimer(attachedTo: "a5", timer: .duration(ISODuration(hours: 1)), cancelActivity: true))
        model.flow("late", "b9")
        model.node("e", .endEvent(terminate: false))
        model.chain(previous, "e")
        let definition = model.build()
        let geometry = DiagramGeometry.resolve(definition)
        #expect(Set(geometry.shapes.keys) == Set(definition.nodeOrder))
        #expect(Set(geometry.edges.keys) == Set(definition.flows.keys))
        expectClearRouting(definition, geometry)
        #expect(DiagramSVGProbe(DiagramRenderer.svg(for: definition)).failure == nil)
    }

    @Test("long names on flows widen the gap they sit in")
    func labelGap() throws {
        var model = ModelBuilder()
        model.node("a", .userTask, name: "甲")
        model.node("b", .userTask, name: "乙")
        model.flow("a", "b", id: "ab")
        var definition = model.build()
        let plain = DiagramGeometry.resolve(definition)
        definition.flows["ab"]?.name = "同意并报请分管领导审批"
        let labelled = DiagramGeometry.resolve(definition)
        let gap = { (geometry: DiagramGeometry) in geometry.shapes["b"]!.minX - geometry.shapes["a"]!.maxX }
        #expect(gap(plain) == 60)
        #expect(gap(labelled) > 110)
    }
}

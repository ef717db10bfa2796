import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import WorkflowEngine

/// An SVG parsed back with `XMLParser`: every element with its attributes, its text, and the `data-id`
/// of the node group it sits in.
final class DiagramSVGProbe: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// `data-id` of the nearest enclosing node group (or the element's own).
        var node: String?
        /// `data-flow` of the enclosing flow group.
        var flow: String?
        var text = ""
    }

    private(set) var elements: [Element] = []
    private(set) var failure: String?
    private var open: [Int] = []

    /// Parses `svg`; records the parser's error, if any (on Linux `parse()` may return true and still set one).
    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let succeeded = parser.parse()
        if let error = parser.parserError, failure == nil { failure = "\(error)" }
        if !succeeded && failure == nil { failure = "parse() returned false" }
        if !open.isEmpty && failure == nil { failure = "unclosed elements" }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        let parent = open.last.map { elements[$0] }
        elements.append(Element(name: elementName, attributes: attributeDict, node: attributeDict["data-id"] ?? parent?.node,
                                flow: attributeDict["data-flow"] ?? parent?.flow))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in open { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil { failure = "\(parseError)" }
    }

    var root: Element? { elements.first }

    /// The group of a node.
    func group(_ id: String) -> Element? {
        elements.first { $0.name == "g" && $0.attributes["data-id"] == id }
    }

    /// Elements drawn inside a node's group.
    func parts(of id: String, _ name: String? = nil) -> [Element] {
        elements.filter { $0.node == id && $0.attributes["data-id"] == nil && (name == nil || $0.name == name) }
    }

    /// Elements drawn inside a flow's group.
    func parts(ofFlow id: String, _ name: String? = nil) -> [Element] {
        elements.filter { $0.flow == id && $0.attributes["data-flow"] == nil && (name == nil || $0.name == name) }
    }
}

enum DiagramFixtures {
    /// 拟稿 → 核稿 (with a non-interrupting 2-day reminder) → 需要会签？ → 会签 or straight on → 签发 → 结束.
    static func approval() -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("Start", .startEvent, name: "开始")
        model.node("Draft", .userTask, name: "拟稿", assignee: "zhangw")
        model.node("Review", .userTask, name: "核稿", assignee: "liuq")
        model.node("ReviewLate", .boundaryTimer(attachedTo: "Review", timer: .duration(ISODuration(days: 2)), cancelActivity: false),
                   name: "超过两天")
        model.node("Remind", .serviceTask(hook: "remind"), name: "催办")
        model.node("RemindEnd", .endEvent(terminate: false))
        model.node("NeedCountersign", .exclusiveGateway, name: "需要会签？", defaultFlow: "SkipCountersign")
        model.node("Countersign", .userTask, name: "会签", assignee: "gaoy")
        model.node("Merge", .exclusiveGateway)
        model.node("Sign", .userTask, name: "签发", assignee: "chenzq")
        model.node("End", .endEvent(terminate: false), name: "结束")
        model.chain("Start", "Draft", "Review", "NeedCountersign")
        model.flow("NeedCountersign", "Countersign", "hasCountersign == true", id: "WithCountersign")
        model.flow("NeedCountersign", "Merge", id: "SkipCountersign")
        model.chain("Countersign", "Merge", "Sign", "End")
        model.chain("ReviewLate", "Remind", "RemindEnd")
        var definition = model.build(id: "approval")
        definition.name = "发文审批"
        definition.flows["WithCountersign"]?.name = "有会签单位"
        return definition
    }

    /// A loop: 审核 may send the draft back (a back edge to 拟稿) before it ends.
    static func loop() -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("start", .startEvent)
        model.node("draft", .userTask, name: "拟稿")
        model.node("check", .userTask, name: "审核")
        model.node("ok", .exclusiveGateway, name: "通过？", defaultFlow: "back")
        model.node("end", .endEvent(terminate: true), name: "办结")
        model.chain("start", "draft", "check", "ok")
        model.flow("ok", "end", "approved == true", id: "pass")
        model.flow("ok", "draft", id: "back")
        return model.build(id: "loop")
    }
}

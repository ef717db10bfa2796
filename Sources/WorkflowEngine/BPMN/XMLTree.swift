import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A read-only element tree built with `XMLParser`, with every element and attribute name resolved to its
/// namespace URI, so the importer never looks at prefixes.
final class XMLTreeElement {
    struct Attribute {
        /// `nil` for an unprefixed attribute (XML puts those in no namespace, whatever the default namespace is).
        var namespace: String?
        var name: String
        var value: String
    }

    let namespace: String?
    let name: String
    let attributes: [Attribute]
    /// The line the start tag ended on, for problems about elements without an id.
    let line: Int
    fileprivate(set) var children: [XMLTreeElement] = []
    /// The element's own character data (text and CDATA), children's text excluded.
    fileprivate(set) var text = ""

    init(namespace: String?, name: String, attributes: [Attribute], line: Int) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// The value of an unprefixed attribute.
    subscript(_ name: String) -> String? {
        attributes.first { $0.namespace == nil && $0.name == name }?.value
    }

    /// The value of an attribute in a namespace.
    func attribute(_ name: String, namespace: String) -> String? {
        attributes.first { $0.namespace == namespace && $0.name == name }?.value
    }

    func isElement(_ name: String, in namespace: String) -> Bool {
        self.namespace == namespace && self.name == name
    }

    /// Children in a namespace, optionally with a given local name.
    func children(in namespace: String, named name: String? = nil) -> [XMLTreeElement] {
        children.filter { $0.namespace == namespace && (name == nil || $0.name == name) }
    }

    func child(in namespace: String, named name: String) -> XMLTreeElement? {
        children.first { $0.namespace == namespace && $0.name == name }
    }

    /// The text with surrounding white space removed (conditions often sit on their own lines in CDATA).
    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Parses XML into an `XMLTreeElement` tree.
enum XMLTree {
    /// Why the data is not a well-formed XML document, and where.
    struct Failure: Error, Equatable {
        enum Reason: Equatable {
            /// A libxml2 parser error code (Foundation's `XMLParser` reports these on every platform).
            case syntax(code: Int)
            case noRootElement
            case tooDeep(limit: Int)
            /// A `<!DOCTYPE …>`: refused unparsed (see ``XMLDocumentType``).
            case documentType
        }

        var line: Int
        var column: Int
        var reason: Reason

        /// What went wrong, in Chinese and English.
        var messages: (chinese: String, english: String) {
            switch reason {
            case .noRootElement:
                ("没有根元素", "there is no root element")
            case .tooDeep(let limit):
                ("元素嵌套超过 \(limit) 层", "elements are nested deeper than \(limit) levels")
            case .documentType:
                ("文件含有文档类型声明（<!DOCTYPE>）。为防止实体展开拖垮服务器，不接受 DTD 和实体定义，请从流程设计器重新导出",
                 "the file has a document type declaration (<!DOCTYPE>); DTDs and entity declarations are refused, as their expansion can "
                    + "exhaust the server: export the model again from the modeler")
            case .syntax(let code):
                Self.syntaxMessages[code] ?? ("XML 解析错误 \(code)", "XML parser error \(code)")
            }
        }

        /// The libxml2 errors people make by hand most often.
        private static let syntaxMessages: [Int: (String, String)] = [
            4: ("文件是空的", "the document is empty"),
            5: ("文件提前结束，或根元素之后还有内容", "the document ends too early, or has content after the root element"),
            9: ("含有非法字符", "invalid character"),
            23: ("实体引用缺少分号（\"&\" 须写作 &amp;）", "an entity reference lacks its ';' (write \"&\" as &amp;)"),
            26: ("未声明的实体（\"&\" 须写作 &amp;）", "undeclared entity (write \"&\" as &amp;)"),
            39: ("属性值须加引号", "attribute values must be quoted"),
            41: ("属性没有值", "attribute without a value"),
            42: ("同一属性写了两次", "an attribute is repeated"),
            68: ("缺少名称", "a name is required"),
            73: ("缺少 \">\"", "\">\" expected"),
            76: ("开始标签与结束标签不匹配", "the start and end tags do not match"),
            77: ("标签没有结束", "a tag is not finished"),
            80: ("注释中不能出现 \"--\"", "\"--\" is not allowed inside a comment"),
            201: ("使用了未声明的命名空间前缀", "a namespace prefix is used without being declared"),
        ]
    }

    /// Deeper nesting than any real model needs; guards the recursive walks that follow.
    static let maximumDepth = 200

    static func parse(_ data: Data) -> Result<XMLTreeElement, Failure> {
        guard !XMLDocumentType.isDeclared(in: data) else { return .failure(Failure(line: 0, column: 0, reason: .documentType)) }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        let succeeded = parser.parse()
        // The first error is the one to report; on Linux `parse()` may even return true after one.
        if let failure = builder.failure {
            return .failure(failure)
        }
        if !succeeded || parser.parserError != nil {
            let code = (parser.parserError as NSError?)?.code ?? 0
            return .failure(Failure(line: parser.lineNumber, column: parser.columnNumber, reason: .syntax(code: code)))
        }
        guard let root = builder.root else {
            return .failure(Failure(line: parser.lineNumber, column: parser.columnNumber, reason: .noRootElement))
        }
        return .success(root)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTreeElement?
        var failure: Failure?
        private var stack: [XMLTreeElement] = []
        /// Prefix → URIs in scope, innermost last (`""` is the default namespace).
        private var prefixes: [String: [String]] = ["xml": [BPMNNamespace.xml]]
        /// Per open element, the prefixes its own `xmlns` attributes added to `prefixes`.
        private var declaredByAttributes: [[String]] = []

        func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
            prefixes[prefix, default: []].append(namespaceURI)
        }

        func parser(_ parser: XMLParser, didEndMappingPrefix prefix: String) {
            prefixes[prefix]?.removeLast()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            guard failure == nil else { return }
            guard stack.count < XMLTree.maximumDepth else {
                failure = Failure(line: parser.lineNumber, column: parser.columnNumber, reason: .tooDeep(limit: XMLTree.maximumDepth))
                parser.abortParsing()
                return
            }
            // Declarations normally arrive through the prefix-mapping callbacks; should a platform also (or only)
            // list them as attributes, they are honoured for this element and its descendants.
            var declared: [String] = []
            for (qualified, uri) in attributes where qualified == "xmlns" || qualified.hasPrefix("xmlns:") {
                let prefix = qualified == "xmlns" ? "" : String(qualified.dropFirst("xmlns:".count))
                if prefixes[prefix]?.last != uri {
                    prefixes[prefix, default: []].append(uri)
                    declared.append(prefix)
                }
            }
            declaredByAttributes.append(declared)
            var resolved: [XMLTreeElement.Attribute] = []
            for (qualified, value) in attributes.sorted(by: { $0.key < $1.key }) {
                if let colon = qualified.firstIndex(of: ":") {
                    let prefix = String(qualified[..<colon])
                    let local = String(qualified[qualified.index(after: colon)...])
                    // Namespace declarations are reported through the prefix mapping callbacks.
                    if prefix == "xmlns" { continue }
                    // An undeclared prefix resolves to no known namespace: the attribute is kept under its prefix text.
                    let uri = prefixes[prefix]?.last ?? "undeclared:\(prefix)"
                    resolved.append(.init(namespace: uri, name: local, value: value))
                } else {
                    if qualified == "xmlns" { continue }
                    resolved.append(.init(namespace: nil, name: qualified, value: value))
                }
            }
            let namespace = namespaceURI.flatMap { $0.isEmpty ? nil : $0 }
            let element = XMLTreeElement(namespace: namespace, name: elementName, attributes: resolved, line: parser.lineNumber)
            if let parent = stack.last {
                parent.children.append(element)
            } else if root == nil {
                root = element
            }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if failure == nil {
                failure = Failure(line: parser.lineNumber, column: parser.columnNumber,
                                  reason: .syntax(code: (parseError as NSError).code))
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
            for prefix in declaredByAttributes.popLast() ?? [] { prefixes[prefix]?.removeLast() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}

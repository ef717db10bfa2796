import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An OFD package unzipped in memory, its XML files parsed on demand.
public struct OFDPackage: Sendable {
    public let files: [String: Data]

    public init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var contents = Data()
            _ = try archive.extract(entry, skipCRC32: false) { contents.append($0) }
            files[entry.path] = contents
        }
        self.files = files
    }

    public init(files: [String: Data]) {
        self.files = files
    }

    public var paths: Set<String> { Set(files.keys) }

    /// Every XML file of the package.
    public var xmlPaths: [String] { files.keys.filter { $0.hasSuffix(".xml") }.sorted() }

    public func xml(_ path: String) throws -> OFDXMLElement {
        guard let data = files[path] else { throw OFDXMLElement.ParseFailure(message: "no \(path) in the package") }
        return try OFDXMLElement.parse(data)
    }
}

/// An element as XMLParser reports it with namespace processing on.
public struct OFDXMLElement: Sendable {
    public var localName: String
    public var qualifiedName: String
    public var namespaceURI: String?
    public var attributes: [String: String]
    public var children: [OFDXMLElement]
    public var text: String

    /// This element and all below it, depth first.
    public var allElements: [OFDXMLElement] { [self] + children.flatMap(\.allElements) }

    /// Elements below this one (or this one) with the local name `name`.
    public func all(_ name: String) -> [OFDXMLElement] { allElements.filter { $0.localName == name } }

    public func child(_ name: String) -> OFDXMLElement? { children.first { $0.localName == name } }

    /// The trimmed text of the child `name`.
    public func value(_ name: String) -> String? {
        child(name).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    public static func parse(_ data: Data) throws -> OFDXMLElement {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        // A package is somebody else's file: no DTD, no entities from outside.
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseFailure(message: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    public struct ParseFailure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "XML did not parse: \(message)" }
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [OFDXMLElement] = []
        var root: OFDXMLElement?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            stack.append(OFDXMLElement(localName: elementName, qualifiedName: qName ?? elementName, namespaceURI: namespaceURI,
                                       attributes: attributeDict, children: [], text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            let element = stack.removeLast()
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }
    }
}

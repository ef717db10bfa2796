import Foundation
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An OFD package unzipped in memory, its XML files parsed on demand: what the tests read back.
struct OFDPackageReader {
    let files: [String: Data]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive {
            var contents = Data()
            _ = try archive.extract(entry) { contents.append($0) }
            files[entry.path] = contents
        }
        self.files = files
    }

    var paths: Set<String> { Set(files.keys) }

    func data(_ path: String) throws -> Data {
        try #require(files[path], "no \(path) in the package")
    }

    func text(_ path: String) throws -> String {
        try #require(String(data: data(path), encoding: .utf8))
    }

    func xml(_ path: String) throws -> ParsedXMLElement {
        try ParsedXMLElement.parse(data(path))
    }

    /// Every XML file of the package.
    var xmlPaths: [String] { files.keys.filter { $0.hasSuffix(".xml") }.sorted() }
}

/// An element as XMLParser reports it with namespace processing on.
struct ParsedXMLElement {
    var localName: String
    var qualifiedName: String
    var namespaceURI: String?
    var attributes: [String: String]
    var children: [ParsedXMLElement]
    var text: String

    /// This element and all below it, depth first.
    var allElements: [ParsedXMLElement] { [self] + children.flatMap(\.allElements) }

    /// Elements below this one (or this one) with the local name `name`.
    func all(_ name: String) -> [ParsedXMLElement] { allElements.filter { $0.localName == name } }

    func child(_ name: String) -> ParsedXMLElement? { children.first { $0.localName == name } }

    static func parse(_ data: Data) throws -> ParsedXMLElement {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseFailure(message: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { "XML did not parse: \(message)" }
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [ParsedXMLElement] = []
        var root: ParsedXMLElement?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            stack.append(ParsedXMLElement(localName: elementName, qualifiedName: qName ?? elementName, namespaceURI: namespaceURI,
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

/// Positions from a `DeltaX` value, expanding `g COUNT VALUE`.
func expandDeltaX(_ value: String) -> [Double] {
    let parts = value.split(separator: " ").map(String.init)
    var deltas: [Double] = []
    var index = 0
    while index < parts.count {
        if parts[index] == "g", index + 2 < parts.count, let count = Int(parts[index + 1]), let delta = Double(parts[index + 2]) {
            deltas += Array(repeating: delta, count: count)
            index += 3
        } else {
            deltas.append(Double(parts[index]) ?? .nan)
            index += 1
        }
    }
    return deltas
}

/// The numbers of an ST_Box or ST_Array attribute.
func ofdNumbers(_ value: String?) -> [Double] {
    (value ?? "").split(separator: " ").compactMap { Double($0) }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs Foundation's `XMLParser` over an XML part of an attachment with a delegate that collects what it needs.
///
/// swift-corelibs-foundation's `XMLParser` crashes the process on some damaged processing instructions (a
/// target that is not valid UTF-8 traps on a force-unwrap; another form makes it read a wild pointer; both
/// found by fuzzing damaged `.docx` files), and an attachment must never take the server down. So the
/// parser only gets what it handles safely: valid UTF-8 (decoded here, damaged sequences replaced, or from
/// the GB encodings some OFD writers declare), with no XML declaration (it may name the old encoding) and
/// no processing instructions, which none of these formats use for content. A part with a DOCTYPE is not
/// parsed at all: OOXML forbids DTDs, OFD uses none, and their entities could smuggle a processing
/// instruction back in or expand without end.
///
/// Elements are told apart by local name: prefixes are only conventions (Word writes `w:`, OFD `ofd:`, and
/// either may be bound differently), and matching `t` by local name also takes the text of formulas (`m:t`)
/// and drawings (`a:t`) in a Word document, which should be searchable too. External entities are never
/// loaded. A parse error keeps the text read up to it: best effort for a damaged file.
///
/// Every element and piece of text draws a step from the file's ``ExtractionBudget``; when it runs out the
/// parse is aborted, so a part of millions of tiny elements cannot hold the thread.
enum XMLReading {
    static func parse(_ data: Data, with delegate: some XMLParserDelegate, budget: ExtractionBudget) {
        guard budget.hasTime(), let document = safeDocument(data), budget.hasTime() else { return }
        let parser = XMLParser(data: document)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let guarded = Budgeted(delegate, budget: budget)
        parser.delegate = guarded
        _ = parser.parse()
    }

    /// Passes the callbacks the readers use on to them while the budget lasts.
    private final class Budgeted<Reader: XMLParserDelegate>: NSObject, XMLParserDelegate {
        private let reader: Reader
        private let budget: ExtractionBudget

        init(_ reader: Reader, budget: ExtractionBudget) {
            self.reader = reader
            self.budget = budget
        }

        private func mayGoOn(_ parser: XMLParser) -> Bool {
            if budget.hasTime() { return true }
            parser.abortParsing()
            return false
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            guard mayGoOn(parser) else { return }
            reader.parser(parser, didStartElement: elementName, namespaceURI: namespaceURI, qualifiedName: qName,
                          attributes: attributeDict)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            guard mayGoOn(parser) else { return }
            reader.parser(parser, didEndElement: elementName, namespaceURI: namespaceURI, qualifiedName: qName)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard mayGoOn(parser) else { return }
            reader.parser(parser, foundCharacters: string)
        }
    }

    /// `w:t` → `t`.
    static func localName(_ qualifiedName: String) -> Substring {
        qualifiedName.split(separator: ":", omittingEmptySubsequences: false).last ?? Substring(qualifiedName)
    }

    /// The document as valid UTF-8 without declaration or processing instructions; nil when it has a DOCTYPE.
    static func safeDocument(_ data: Data) -> Data? {
        var text: String
        let head = [UInt8](data.prefix(3))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = String(decoding: data.dropFirst(3), as: UTF8.self)
        } else if head.starts(with: [0xFF, 0xFE]) {
            text = String(data: data.dropFirst(2), encoding: .utf16LittleEndian) ?? ""
        } else if head.starts(with: [0xFE, 0xFF]) {
            text = String(data: data.dropFirst(2), encoding: .utf16BigEndian) ?? ""
        } else {
            switch declaredEncoding(data) {
            case "gb2312", "gbk", "gb18030", "cp936":
                text = GB18030.decode(data) ?? String(decoding: data, as: UTF8.self)
            default:
                text = String(decoding: data, as: UTF8.self)
            }
        }
        guard !text.contains("<!DOCTYPE") else { return nil }
        return Data(withoutProcessingInstructions(text).utf8)
    }

    /// Every `<? … ?>` removed, the declaration included; an unterminated one runs to the end.
    private static func withoutProcessingInstructions(_ text: String) -> String {
        guard text.contains("<?") else { return text }
        var result = ""
        var rest = text[...]
        while let start = rest.firstRange(of: "<?") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstRange(of: "?>") else { return result }
            rest = rest[end.upperBound...]
        }
        return result + rest
    }

    /// The lowercased `encoding` of an `<?xml … ?>` declaration at the start, if there is one.
    private static func declaredEncoding(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(256), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.firstRange(of: "?>") else { return nil }
        let declaration = head[..<end.lowerBound]
        guard let key = declaration.firstRange(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote }).lowercased()
    }
}

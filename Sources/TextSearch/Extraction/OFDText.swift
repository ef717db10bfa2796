import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The text of an `.ofd` (GB/T 33190): the `TextCode` elements of every page, in page order.
///
/// Pages are `Doc_N/Pages/Page_M/Content.xml`. Their order is the order `Doc_N/Document.xml` lists them in;
/// pages it does not list (or all, when it cannot be read) follow by number, so Page_10 comes after Page_9.
/// Each `TextCode` is one run of a line, so pieces are joined with ``TextCollector/softBreak(_:)``: a line
/// wrapped inside a Chinese sentence reads on without a break.
enum OFDText {
    static func extract(from zip: ZipContainer, into collector: inout TextCollector, partLimit: Int, budget: ExtractionBudget) {
        for path in pagePaths(in: zip, partLimit: partLimit, budget: budget) {
            guard !collector.isFull, !budget.isExhausted else { return }
            guard let entry = zip.entry(atPath: path), let xml = zip.contents(of: entry, limit: partLimit, budget: budget) else {
                continue
            }
            let reader = PageReader(collector: collector)
            // The reader holds the only copy while it appends, so a long text is not copied once per page.
            collector = TextCollector(limit: 0)
            XMLReading.parse(xml, with: reader, budget: budget)
            collector = reader.collector
            collector.hardBreak()
        }
    }

    /// The content files of all pages, document by document, in reading order.
    static func pagePaths(in zip: ZipContainer, partLimit: Int, budget: ExtractionBudget) -> [String] {
        var pagesByDocument: [Int: [(page: Int, path: String)]] = [:]
        for entry in zip.entries {
            if let (document, page) = numbers(inContentPath: entry.path) {
                pagesByDocument[document, default: []].append((page, entry.path))
            }
        }
        var ordered: [String] = []
        for document in pagesByDocument.keys.sorted() {
            let byNumber = pagesByDocument[document, default: []].sorted { $0.page < $1.page }.map(\.path)
            let present = Set(byNumber)
            let listed = listedPages(of: document, in: zip, partLimit: partLimit, budget: budget).filter(present.contains)
            var seen = Set<String>()
            ordered += (listed + byNumber).filter { seen.insert($0).inserted }
        }
        return ordered
    }

    /// `Doc_0/Pages/Page_12/Content.xml` → (0, 12).
    private static func numbers(inContentPath path: String) -> (document: Int, page: Int)? {
        let parts = path.split(separator: "/")
        guard parts.count == 4, parts[1] == "Pages", parts[3] == "Content.xml",
              parts[0].hasPrefix("Doc_"), parts[2].hasPrefix("Page_"),
              let document = Int(parts[0].dropFirst(4)), let page = Int(parts[2].dropFirst(5))
        else { return nil }
        return (document, page)
    }

    /// The `BaseLoc` of each `Page` in `Doc_N/Document.xml`, as paths in the package.
    private static func listedPages(of document: Int, in zip: ZipContainer, partLimit: Int, budget: ExtractionBudget) -> [String] {
        let folder = "Doc_\(document)"
        guard let entry = zip.entry(atPath: "\(folder)/Document.xml"),
              let xml = zip.contents(of: entry, limit: partLimit, budget: budget)
        else { return [] }
        // A page is an entry of the package: a list longer than the package only fills memory.
        let reader = DocumentReader(maximumCount: zip.entries.count)
        XMLReading.parse(xml, with: reader, budget: budget)
        return reader.locations.map { location in
            // BaseLoc is relative to the document's folder, or absolute from the package root.
            if location.hasPrefix("/") { return String(location.dropFirst()) }
            return "\(folder)/\(location.hasPrefix("./") ? String(location.dropFirst(2)) : location)"
        }
    }

    private final class DocumentReader: NSObject, XMLParserDelegate {
        var locations: [String] = []
        private let maximumCount: Int

        init(maximumCount: Int) {
            self.maximumCount = maximumCount
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            if XMLReading.localName(elementName) == "Page", let location = attributeDict["BaseLoc"] {
                locations.append(location)
                if locations.count >= maximumCount { parser.abortParsing() }
            }
        }
    }

    private final class PageReader: NSObject, XMLParserDelegate {
        var collector: TextCollector
        private var inTextCode = false

        init(collector: TextCollector) {
            self.collector = collector
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            if XMLReading.localName(elementName) == "TextCode" {
                collector.softBreak()
                inTextCode = true
            }
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            if XMLReading.localName(elementName) == "TextCode" {
                inTextCode = false
            }
            if collector.isFull { parser.abortParsing() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTextCode { collector.append(string) }
        }
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The text of a `.docx`: the `w:t` runs of `word/document.xml`, a line per paragraph.
///
/// Only the main body is read; headers, footers, footnotes and comments are parts of their own, left for
/// later. Tabs and line breaks inside a paragraph become a tab and a newline; `w:tab` inside `w:tabs` only
/// defines a tab stop and is not text. The Fallback half of `mc:AlternateContent` repeats
/// what its Choice says (a text box drawn twice, for old and new Word), so it is skipped.
enum WordDocumentText {
    static func extract(from zip: ZipContainer, into collector: inout TextCollector, partLimit: Int, budget: ExtractionBudget) {
        guard let entry = zip.entry(atPath: "word/document.xml"),
              let xml = zip.contents(of: entry, limit: partLimit, budget: budget)
        else { return }
        let reader = Reader(collector: collector)
        XMLReading.parse(xml, with: reader, budget: budget)
        collector = reader.collector
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var collector: TextCollector
        private var textDepth = 0
        private var fallbackDepth = 0
        /// Inside `w:tabs`, where `w:tab` defines a tab stop rather than typing a tab.
        private var tabStopsDepth = 0

        init(collector: TextCollector) {
            self.collector = collector
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            switch XMLReading.localName(elementName) {
            case "Fallback": fallbackDepth += 1
            case "t" where fallbackDepth == 0: textDepth += 1
            case "tabs": tabStopsDepth += 1
            case "tab" where fallbackDepth == 0 && tabStopsDepth == 0: collector.hardBreak("\t")
            case "br", "cr": if fallbackDepth == 0 { collector.hardBreak() }
            default: break
            }
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            switch XMLReading.localName(elementName) {
            case "Fallback": fallbackDepth = max(0, fallbackDepth - 1)
            case "tabs": tabStopsDepth = max(0, tabStopsDepth - 1)
            case "t" where fallbackDepth == 0: textDepth = max(0, textDepth - 1)
            case "p" where fallbackDepth == 0: collector.hardBreak()
            default: break
            }
            if collector.isFull { parser.abortParsing() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if textDepth > 0 { collector.append(string) }
        }
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The rows of the first sheet of an `.xlsx` workbook, as text, for imports (a 政府工作报告 task list).
///
/// It lives beside the attachment readers because it needs what they have made safe for files from outside: the
/// bounded ZIP reader (``ZipContainer``) and the guarded XML parsing (``XMLReading``), under the same
/// ``ExtractionLimits``. Cells are read by their reference (`B3`), so empty cells a writer leaves out keep their
/// columns; shared strings, inline strings and plain values are text; a number stays as written (a date is a serial
/// number, which the caller may turn into a day with ``day(fromSerial:)``).
public enum SpreadsheetRows {
    public enum Problem: Error, Sendable, Equatable {
        /// Not a ZIP workbook with a worksheet.
        case notAWorkbook
        /// Too large, or too slow to read.
        case tooLarge
    }

    /// The first worksheet's rows (up to `maximumRows`), each as many cells as its last filled column.
    public static func read(_ data: Data, maximumRows: Int = 10_000, limits: ExtractionLimits = .standard) throws(Problem) -> [[String]] {
        guard let zip = try? ZipContainer(data: data, maximumEntries: limits.entries) else { throw .notAWorkbook }
        let budget = ExtractionBudget(limits)
        // The first sheet: `sheet1.xml` before `sheet10.xml` (shorter names first, then in order).
        let sheets: [String] = zip.entries.map(\.path).filter { path in path.hasPrefix("xl/worksheets/") && path.hasSuffix(".xml") }
        let sheetPath = sheets.min { (a: String, b: String) -> Bool in a.count == b.count ? a < b : a.count < b.count }
        guard let sheetPath, let sheetEntry = zip.entry(atPath: sheetPath) else { throw .notAWorkbook }
        var shared: [String] = []
        if let entry = zip.entry(atPath: "xl/sharedStrings.xml") {
            guard let xml = zip.contents(of: entry, limit: limits.inflatedBytes, budget: budget) else { throw .tooLarge }
            let reader = SharedStrings()
            XMLReading.parse(xml, with: reader, budget: budget)
            shared = reader.strings
        }
        guard let xml = zip.contents(of: sheetEntry, limit: limits.inflatedBytes, budget: budget) else { throw .tooLarge }
        let reader = Sheet(shared: shared, maximumRows: maximumRows)
        XMLReading.parse(xml, with: reader, budget: budget)
        guard budget.hasTime() else { throw .tooLarge }
        return reader.rows
    }

    /// The `yyyy-MM-dd` day of a spreadsheet date serial (days since 1899-12-30), when `text` is one.
    public static func day(fromSerial text: String) -> String? {
        guard let serial = Double(text), serial > 0, serial < 2_958_466 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let base = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30)),
              let date = calendar.date(byAdding: .day, value: Int(serial), to: base) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `xl/sharedStrings.xml`: each `si`'s text runs joined.
    private final class SharedStrings: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current: String?
        private var inText = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            switch XMLReading.localName(elementName) {
            case "si": current = ""
            case "t": inText = current != nil
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            switch XMLReading.localName(elementName) {
            case "si":
                strings.append(current ?? "")
                current = nil
            case "t": inText = false
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current?.append(string) }
        }
    }

    /// A worksheet: `row` / `c r="B3" t="s|inlineStr|str|…"` / `v` or `is/t`.
    private final class Sheet: NSObject, XMLParserDelegate {
        var rows: [[String]] = []
        private let shared: [String]
        private let maximumRows: Int
        private var row: [String]?
        private var column = 0
        private var type = ""
        private var value: String?
        private var inValue = false

        init(shared: [String], maximumRows: Int) {
            self.shared = shared
            self.maximumRows = maximumRows
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            switch XMLReading.localName(elementName) {
            case "row":
                row = []
                if let number = attributeDict["r"].flatMap(Int.init), number - 1 > rows.count, number - 1 <= maximumRows {
                    rows.append(contentsOf: Array(repeating: [], count: number - 1 - rows.count))
                }
            case "c":
                column = attributeDict["r"].map(Self.columnIndex) ?? (row?.count ?? 0)
                type = attributeDict["t"] ?? ""
                value = nil
            case "v", "t":
                inValue = true
                if value == nil { value = "" }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            switch XMLReading.localName(elementName) {
            case "v", "t": inValue = false
            case "c":
                guard var cells = row, column < 1_000 else { return }
                var text = value ?? ""
                if type == "s" { text = Int(text).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? "" }
                if cells.count <= column { cells.append(contentsOf: Array(repeating: "", count: column + 1 - cells.count)) }
                cells[column] = text
                row = cells
            case "row":
                if let row { rows.append(row) }
                row = nil
                if rows.count >= maximumRows { parser.abortParsing() }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { value?.append(string) }
        }

        /// `B3` → 1.
        static func columnIndex(_ reference: String) -> Int {
            var index = 0
            for scalar in reference.unicodeScalars {
                guard let letter = Int(exactly: scalar.value), (65...90).contains(letter) else { break }
                index = index * 26 + (letter - 64)
            }
            return max(0, index - 1)
        }
    }
}

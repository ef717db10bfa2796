import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import ZhengtongApp

/// `Core/XLSXWriter`: a workbook other programs open. Read back here part by part (the package's entries, the
/// workbook's sheets, each cell's type and value); `scripts/smoke` also opens one with openpyxl.
@Suite("XLSX 导出：可被表格软件打开的工作簿")
struct XLSXWriterTests {
    /// Every `<c>` of a worksheet as (reference, type, text).
    final class CellReader: NSObject, XMLParserDelegate {
        var cells: [(String, String?, String)] = []
        private var current: (String, String?)?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "c" { current = (attributes["r"] ?? "", attributes["t"]); text = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if current != nil { text += string } }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "c", let cell = current { cells.append((cell.0, cell.1, text)); current = nil }
        }
    }

    static func entry(_ archive: Archive, _ path: String) throws -> Data {
        let entry = try #require(archive[path], "missing \(path)")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    @Test("表头、中文、数字、需转义的字符和空格都原样读回；多个工作表各有名称")
    func roundTrip() throws {
        // given
        let sheets = [XLSXWriter.Sheet(name: "各单位效能统计（2026年）", rows: [
            [.text("单位"), .text("发文量"), .text("按时办结率")],
            [.text("江北市人民政府办公室 <A&B> \"引号\""), .number(12), .number(96.25)],
            [.text("  前后空格  "), .empty, .number(-3)],
        ]), XLSXWriter.Sheet(name: "名次/排名", rows: [[.text("x")]])]
        // when
        let data = try XLSXWriter.workbook(sheets)
        // then
        let archive = try Archive(data: data, accessMode: .read)
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                     "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            #expect(archive[part] != nil, "\(part)")
        }
        let workbook = String(decoding: try Self.entry(archive, "xl/workbook.xml"), as: UTF8.self)
        #expect(workbook.contains("name=\"各单位效能统计（2026年）\"") && workbook.contains("name=\"名次排名\""))
        let reader = CellReader()
        let parser = XMLParser(data: try Self.entry(archive, "xl/worksheets/sheet1.xml"))
        parser.delegate = reader
        #expect(parser.parse())
        let cells = Dictionary(reader.cells.map { ($0.0, ($0.1, $0.2)) }) { a, _ in a }
        #expect(cells["A1"]?.0 == "inlineStr" && cells["A1"]?.1 == "单位")
        #expect(cells["A2"]?.1 == "江北市人民政府办公室 <A&B> \"引号\"")
        #expect(cells["B2"]?.0 == nil && cells["B2"]?.1 == "12")
        #expect(cells["C2"]?.1 == "96.25")
        #expect(cells["A3"]?.1 == "  前后空格  ")
        #expect(cells["B3"] == nil && cells["C3"]?.1 == "-3")
        #expect(XLSXWriter.columnName(0) == "A" && XLSXWriter.columnName(25) == "Z" && XLSXWriter.columnName(26) == "AA" && XLSXWriter.columnName(701) == "ZZ")
    }

    @Test("控制字符不会写坏 XML")
    func controlCharacters() throws {
        let data = try XLSXWriter.workbook([.init(name: "S", rows: [[.text("a\u{0001}b\u{000B}c")]])])
        let archive = try Archive(data: data, accessMode: .read)
        let reader = CellReader()
        let parser = XMLParser(data: try Self.entry(archive, "xl/worksheets/sheet1.xml"))
        parser.delegate = reader
        #expect(parser.parse())
        #expect(reader.cells.first?.2 == "abc")
    }
}

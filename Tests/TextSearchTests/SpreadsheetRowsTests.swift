import Foundation
import Testing
import TextSearch

/// The first sheet of a workbook as rows of text, from files a person uploads: what the import reads, and what it
/// refuses without harm.
@Suite("XLSX 表格读取")
struct SpreadsheetRowsTests {
    static func workbook(sheet: String, shared: String? = nil) throws -> Data {
        var zip = RawZip()
        for (name, text) in [("xl/sharedStrings.xml", shared), ("xl/worksheets/sheet1.xml", sheet)] {
            guard let text else { continue }
            let bytes = Data(text.utf8)
            zip.add(name, payload: try RawZip.deflated(bytes), uncompressedSize: bytes.count)
        }
        return zip.finished()
    }

    @Test("共享字符串、行内字符串和数字；跳过的空单元格保持列位置；日期序列号换成日期")
    func reads() throws {
        let shared = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>事项名称</t></si><si><r><t>推进</t></r><r><t>改造</t></r></si></sst>"#
        let sheet = #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>办结时限</t></is></c></row>"#
            + #"<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3"><v>46387</v></c></row></sheetData></worksheet>"#
        let rows = try SpreadsheetRows.read(try Self.workbook(sheet: sheet, shared: shared))
        #expect(rows == [["事项名称", "", "办结时限"], [], ["推进改造", "", "46387"]])
        #expect(SpreadsheetRows.day(fromSerial: "46387") == "2026-12-31")
        #expect(SpreadsheetRows.day(fromSerial: "推进") == nil)
    }

    @Test("不是工作簿、带 DOCTYPE 的部件、超出上限：拒绝或不读，不会出错崩溃")
    func refuses() throws {
        #expect(throws: SpreadsheetRows.Problem.notAWorkbook) { try SpreadsheetRows.read(Data("事项名称,督办类别\n".utf8)) }
        let doctype = #"<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>"#
        #expect(try SpreadsheetRows.read(try Self.workbook(sheet: doctype)).isEmpty)
        let many = "<worksheet><sheetData>" + String(repeating: #"<row><c t="inlineStr"><is><t>x</t></is></c></row>"#, count: 50) + "</sheetData></worksheet>"
        #expect(try SpreadsheetRows.read(try Self.workbook(sheet: many), maximumRows: 10).count == 10)
    }
}

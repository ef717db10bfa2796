import Foundation
import Testing
import TextSearch

@Suite("从PDF附件取文字")
struct PDFExtractionTests {
    private static let content = """
        BT /F1 12 Tf 72 720 Td (Annual report 2026) Tj 0 -14 Td [(Safe) 20 (ty) -400 (first)] TJ
        T* (\\(draft\\) line\\
         joined) Tj 0 -14 Td <48656C6C 6F> Tj ET
        % a comment (not text) Tj
        BT 72 600 Td (caf\\351) Tj ET
        """

    @Test("未压缩的PDF读出文字：字符串、字距数组、转义和十六进制串")
    func uncompressedPDF() throws {
        let data = try TestAttachments.pdf(content: Self.content)
        let text = TextExtraction.text(fileName: "report.pdf", data: data)
        #expect(text == "Annual report 2026\nSafety first\n(draft) line joined\nHello\ncafé")
    }

    @Test("FlateDecode压缩的PDF也能读")
    func compressedPDF() throws {
        let data = try TestAttachments.pdf(content: Self.content, compressed: true)
        #expect(!String(decoding: data, as: UTF8.self).contains("Annual"))
        let text = TextExtraction.text(fileName: "report.PDF", data: data)
        #expect(text == "Annual report 2026\nSafety first\n(draft) line joined\nHello\ncafé")
    }

    @Test("正文读不出来的中文PDF，至少能按标题查到")
    func chineseTitleIsReadWhenThePagesAreNot() throws {
        // given: page text in glyph numbers of a composite font, and the title as a UTF-16 text string
        let data = try TestAttachments.pdf(
            content: "BT /F2 12 Tf <0012003400560078> Tj ET", title: "<FEFF5173 4E8E 5B89 5168 751F 4EA7>")
        // when
        let text = TextExtraction.text(fileName: "通知.pdf", data: data)
        // then
        #expect(text == "关于安全生产")
    }

    @Test("标题和正文都有时，标题在前")
    func titleComesBeforeThePageText() throws {
        let data = try TestAttachments.pdf(content: "BT (Minutes of the meeting) Tj ET", title: "(Minutes)")
        #expect(TextExtraction.text(fileName: "m.pdf", data: data) == "Minutes\nMinutes of the meeting")
    }

    @Test("BT和ET之外的字符串不算正文")
    func stringsOutsideTextObjectsAreIgnored() throws {
        let data = try TestAttachments.pdf(content: "(outside) Tj BT (inside) Tj ET (after) Tj")
        #expect(TextExtraction.text(fileName: "a.pdf", data: data) == "inside")
    }

    @Test("复合字体的字形编号读不出文字，不当作乱码收录")
    func glyphNumberStringsAreDropped() throws {
        let data = try TestAttachments.pdf(content: "BT /F2 12 Tf <0012003400560078> Tj [<00110023>] TJ ET")
        #expect(TextExtraction.text(fileName: "cid.pdf", data: data) == nil)
    }

    @Test("加密的PDF不读")
    func encryptedPDFIsNil() throws {
        var data = try TestAttachments.pdf(content: "BT (secret) Tj ET")
        data.append(Data("trailer\n<< /Encrypt 9 0 R >>\n".utf8))
        #expect(TextExtraction.text(fileName: "locked.pdf", data: data) == nil)
    }
}

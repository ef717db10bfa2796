import Foundation
import Testing
import TextSearch

@Suite("从Word和OFD附件取文字")
struct PackageExtractionTests {
    @Test("Word文档按段落读出，分成几段格式的文字连在一起")
    func docxParagraphsAndRuns() throws {
        // given
        let data = try TestAttachments.docx(paragraphs: [
            ["关于做好", "安全", "生产工作的通知"],
            ["江政办发〔2026〕12号"],
            ["Safety & <health>"],
        ])
        // when
        let text = TextExtraction.text(fileName: "通知.docx", data: data)
        // then
        #expect(text == "关于做好安全生产工作的通知\n江政办发〔2026〕12号\nSafety & <health>")
    }

    @Test("不压缩存放的Word文档也能读")
    func storedDocx() throws {
        let data = try TestAttachments.docx(paragraphs: [["会议纪要"]], compressed: false)
        #expect(TextExtraction.text(fileName: "纪要.docx", data: data) == "会议纪要")
    }

    @Test("Word里的制表符和换行保留，文本框的兼容副本不重复")
    func docxTabsBreaksAndAlternateContent() throws {
        let extra = """
            <w:p><w:r><w:t>姓名</w:t><w:tab/><w:t>张三</w:t><w:br/><w:t>李四</w:t></w:r></w:p>\
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>文本框</w:t></mc:Choice>\
            <mc:Fallback><w:t>文本框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
            """
        let data = try TestAttachments.docx(paragraphs: [], extraBody: extra)
        #expect(TextExtraction.text(fileName: "表.docx", data: data) == "姓名\t张三\n李四\n文本框")
    }

    @Test("提取的文字可以限制长度")
    func docxTextIsCapped() throws {
        let data = try TestAttachments.docx(paragraphs: Array(repeating: ["安全生产责任制落实"], count: 1000))
        let text = try #require(TextExtraction.text(fileName: "长.docx", data: data, maximumBytes: 100))
        #expect(text.utf8.count <= 100)
        #expect(text.hasPrefix("安全生产责任制落实\n"))
    }

    @Test("OFD按页读出文字，中文换行处接上，英文换行处分开")
    func ofdPagesInOrder() throws {
        // given: a sentence wrapped after 安全生, and two English words on separate lines
        let data = try TestAttachments.ofd(pages: [
            ["关于做好安全生", "产工作的通知"],
            ["Hello", "World"],
        ])
        // when
        let text = try #require(TextExtraction.text(fileName: "通知.ofd", data: data))
        // then
        #expect(text == "关于做好安全生产工作的通知\nHello\nWorld")
        #expect(Set(SearchQuery("安全生产").terms).isSubset(of: SearchTokenizer.terms(in: text)))
    }

    @Test("OFD页面顺序以Document.xml的列表为准，第10页排在第9页之后")
    func ofdPageOrderFollowsTheDocument() throws {
        let pages = (0...10).map { ["第\($0)页"] }
        let numbered = try TestAttachments.ofd(pages: pages, listingOrder: [])
        #expect(TextExtraction.text(fileName: "a.ofd", data: numbered)
            == (0...10).map { "第\($0)页" }.joined(separator: "\n"))

        let listed = try TestAttachments.ofd(pages: [["甲"], ["乙"], ["丙"]], listingOrder: [2, 0, 1])
        #expect(TextExtraction.text(fileName: "b.ofd", data: listed) == "丙\n甲\n乙")
    }
}

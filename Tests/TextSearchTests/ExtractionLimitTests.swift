import Foundation
import Testing
import TextSearch

@Suite("附件取文字的工作量有上限：解压字节、条目数、处理器时间；超限的文件只按名称索引")
struct ExtractionLimitTests {
    @Test("解压后超过 64 MB 的 Word 压缩炸弹：放弃取文字并说明超出解压上限", .timeLimit(.minutes(10)))
    func docxBombIsRefused() throws {
        // given: a docx of a few hundred KB whose document.xml inflates to 80 MB
        let body = try RawZip.deflated(repeating: "<w:p><w:r><w:t>炸</w:t></w:r></w:p>", count: 80 * 1024 * 1024)
        var zip = RawZip()
        zip.add("word/document.xml", payload: body, uncompressedSize: 80 * 1024 * 1024)
        let data = zip.finished()
        #expect(data.count < 256 * 1024)
        // when
        let result = TextExtraction.extract(fileName: "bomb.docx", data: data)
        // then
        #expect(result == .refused(.inflatedBytes(limit: ExtractionLimits.standard.inflatedBytes)))
        #expect(TextExtraction.text(fileName: "bomb.docx", data: data) == nil)
    }

    @Test("解压上限按整个文件计算：每页都不大，合起来超过上限也放弃")
    func inflatedBytesAddUpOverAllParts() throws {
        let pages = (0..<8).map { page in ["第\(page)页 " + String(repeating: "安全生产责任制落实到位。", count: 4000)] }
        let data = try TestAttachments.ofd(pages: pages)
        let onePage = 4000 * "安全生产责任制落实到位。".utf8.count
        // Each page is under the limit, all of them together are not.
        let limits = ExtractionLimits(inflatedBytes: 3 * onePage)
        #expect(TextExtraction.extract(fileName: "a.ofd", data: data, limits: limits) == .refused(.inflatedBytes(limit: 3 * onePage)))
        #expect(TextExtraction.extract(fileName: "a.ofd", data: data).text?.hasPrefix("第0页") == true)
    }

    @Test("处理器时间用完即停：Word、OFD 和 PDF 都放弃并说明超时", arguments: ["docx", "ofd", "pdf"])
    func processorTimeIsBounded(format: String) throws {
        let data = switch format {
        case "docx": try TestAttachments.docx(paragraphs: [["关于做好安全生产工作的通知"]])
        case "ofd": try TestAttachments.ofd(pages: [["关于做好安全生产工作的通知"]])
        default: try TestAttachments.pdf(content: "BT (Safety first) Tj ET", compressed: true)
        }
        let none = ExtractionLimits(processorTime: .zero)
        #expect(TextExtraction.extract(fileName: "a.\(format)", data: data, limits: none) == .refused(.processorTime(limit: .zero)))
        #expect(TextExtraction.extract(fileName: "a.\(format)", data: data).text != nil)
    }

    @Test("PDF 的压缩流合起来超过解压上限：放弃")
    func pdfStreamsAddUp() throws {
        let content = String(repeating: "BT (Safety first) Tj ET\n", count: 2000)
        let data = try TestAttachments.pdf(content: content, compressed: true)
        let limits = ExtractionLimits(inflatedBytes: content.utf8.count / 2)
        #expect(TextExtraction.extract(fileName: "a.pdf", data: data, limits: limits) == .refused(.inflatedBytes(limit: content.utf8.count / 2)))
        #expect(TextExtraction.extract(fileName: "a.pdf", data: data).text?.hasPrefix("Safety first") == true)
    }

    @Test("真实规模的公文（300 页的 OFD、千段的 Word）远在上限之内，照常读出全部文字")
    func realDocumentsStayWithinTheLimits() throws {
        let ofd = try TestAttachments.ofd(pages: (1...300).map { ["第\($0)页：各单位要切实做好安全生产工作，落实责任。"] })
        let text = try #require(TextExtraction.extract(fileName: "长.ofd", data: ofd).text)
        #expect(text.hasPrefix("第1页") && text.hasSuffix("第300页：各单位要切实做好安全生产工作，落实责任。"))
        let docx = try TestAttachments.docx(paragraphs: Array(repeating: ["各单位要切实做好安全生产工作。"], count: 1000))
        #expect(TextExtraction.extract(fileName: "长.docx", data: docx).text?.components(separatedBy: "\n").count == 1000)
    }
}

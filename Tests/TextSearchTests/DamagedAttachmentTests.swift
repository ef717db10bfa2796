import Foundation
import Testing
import TextSearch

@Suite("损坏或恶意的附件")
struct DamagedAttachmentTests {
    @Test("随机字节不论叫什么名字都读不出文字，也不崩溃", arguments: ["a.docx", "a.ofd", "a.pdf", "a.txt"])
    func garbageGivesNil(fileName: String) {
        for seed: UInt64 in 1...20 {
            #expect(TextExtraction.text(fileName: fileName, data: TestAttachments.garbage(count: 3000, seed: seed)) == nil)
        }
        #expect(TextExtraction.text(fileName: fileName, data: Data()) == nil)
    }

    @Test("文件头对但内容是乱码时读不出文字")
    func rightSignatureWrongBody() {
        for seed: UInt64 in 1...20 {
            let garbage = TestAttachments.garbage(count: 3000, seed: seed)
            #expect(TextExtraction.text(fileName: "a.docx", data: Data([0x50, 0x4B, 0x03, 0x04]) + garbage) == nil)
            #expect(TextExtraction.text(fileName: "a.pdf", data: Data("%PDF-1.7\n".utf8) + garbage) == nil)
        }
    }

    @Test("截断的Word和OFD文件读不出文字，也不崩溃")
    func truncatedPackages() throws {
        let docx = try TestAttachments.docx(paragraphs: [["关于做好安全生产工作的通知"]])
        let ofd = try TestAttachments.ofd(pages: [["关于做好安全生产工作的通知"]])
        for length in stride(from: 0, to: docx.count - 22, by: 7) {
            #expect(TextExtraction.text(fileName: "a.docx", data: docx.prefix(length)) == nil)
        }
        for length in stride(from: 0, to: ofd.count - 22, by: 7) {
            #expect(TextExtraction.text(fileName: "a.ofd", data: ofd.prefix(length)) == nil)
        }
    }

    @Test("每个字节都改坏一次的Word文件不会让服务器崩溃或卡住", .timeLimit(.minutes(10)))
    func everyByteFlipped() throws {
        let docx = try TestAttachments.docx(paragraphs: [["关于做好安全生产工作的通知"]])
        var readable = 0
        for offset in docx.indices {
            var damaged = docx
            damaged[offset] ^= 0xFF
            if TextExtraction.text(fileName: "a.docx", data: damaged) != nil { readable += 1 }
        }
        // Bytes outside the document part (other entries, names, the directory's spare fields) do not matter.
        #expect(readable > 0)
        #expect(readable < docx.count)
    }

    @Test("故意构造的压缩数据不会让读取卡住", .timeLimit(.minutes(10)))
    func deflateStreamAskingForMoreThanTheFileHoldsEnds() throws {
        // given: a docx whose document.xml is a stored DEFLATE block claiming 65,535 bytes that are not there,
        // which makes ZIPFoundation's own reader wait for input forever
        var data = try TestAttachments.zip([("word/document.xml", Data(String(repeating: "<w:t>x</w:t>", count: 20).utf8))])
        let name = try #require(data.firstRange(of: Data("word/document.xml".utf8)))
        #expect(data[name.lowerBound - 2] == 0 && data[name.lowerBound - 1] == 0, "no extra field: data follows the name")
        let payload = name.upperBound
        data.replaceSubrange(payload..<(payload + 5), with: [0x00, 0xFF, 0xFF, 0x00, 0x00])
        // when
        let text = TextExtraction.text(fileName: "evil.docx", data: data)
        // then
        #expect(text == nil)
    }

    @Test("XML里损坏的处理指令不会让解析器崩溃")
    func damagedProcessingInstructionsDoNotCrashTheParser() throws {
        // given: the two document.xml parts that crashed swift-corelibs-foundation's XMLParser in fuzzing, a
        // declaration whose target is not UTF-8 and an instruction inside a start tag
        let declaration = Data("<?xm".utf8) + Data([0xE5]) + Data(">version=\"1.0\"?><w:document><w:p><w:t>安全</w:t></w:p></w:document>".utf8)
        let insideTag = Data("<w:document xmlns:w=\"u\"><w:body<?ÿ?>><w:p><w:t>安全</w:t></w:p></w:body></w:document>".utf8)
        let harmless = Data("<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?><w:document><w:p><w:t>安全</w:t></w:p></w:document>".utf8)
        // when
        let texts = try [declaration, insideTag, harmless].map { part in
            TextExtraction.text(fileName: "a.docx", data: try TestAttachments.zip([("word/document.xml", part)]))
        }
        // then: the process is still here, and a well-formed instruction is simply skipped
        #expect(texts[2] == "安全")
    }

    @Test("带DOCTYPE的XML不解析：实体可能无限展开，或把处理指令带回来")
    func doctypeIsRefused() throws {
        let entity = "<!DOCTYPE w [<!ENTITY e \"安全\">]><w:document><w:p><w:t>&e;</w:t></w:p></w:document>"
        let hiddenInstruction = "<!DOCTYPE w [<!ENTITY pi \"&#60;?\u{FF}?&#62;\">]><w:document><w:p><w:t>安全</w:t>&pi;</w:p></w:document>"
        for part in [entity, hiddenInstruction] {
            let data = try TestAttachments.zip([("word/document.xml", Data(part.utf8))])
            #expect(TextExtraction.text(fileName: "dtd.docx", data: data) == nil)
        }
    }

    @Test("声明为GBK编码的OFD页面也能读")
    func gbkDeclaredXMLIsDecoded() throws {
        // 安全 in GBK, in a page that declares its encoding as GB2312, as some OFD writers do.
        let page = Data("<?xml version=\"1.0\" encoding=\"GB2312\"?><ofd:Page xmlns:ofd=\"x\"><ofd:Content><ofd:Layer><ofd:TextObject><ofd:TextCode>".utf8)
            + Data([0xB0, 0xB2, 0xC8, 0xAB])
            + Data("</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>".utf8)
        let data = try TestAttachments.zip([("Doc_0/Pages/Page_0/Content.xml", page)])
        #expect(TextExtraction.text(fileName: "gbk.ofd", data: data) == "安全")
    }

    @Test("扩展名和内容不符时不读")
    func extensionMustMatchTheBytes() throws {
        let pdf = try TestAttachments.pdf(content: "BT (report) Tj ET")
        let docx = try TestAttachments.docx(paragraphs: [["通知"]])
        #expect(TextExtraction.text(fileName: "a.docx", data: pdf) == nil)
        #expect(TextExtraction.text(fileName: "a.pdf", data: docx) == nil)
        #expect(TextExtraction.text(fileName: "a.pdf", data: pdf) == "report")
    }

    @Test("不是Word的ZIP包读不出文字")
    func zipWithoutDocumentPart() throws {
        let zip = try TestAttachments.zip([("readme.txt", Data("安全生产".utf8))])
        #expect(TextExtraction.text(fileName: "a.docx", data: zip) == nil)
        #expect(TextExtraction.text(fileName: "a.ofd", data: zip) == nil)
    }
}

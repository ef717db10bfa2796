import Foundation
import Testing
import TextSearch

@Suite("从文本附件取文字")
struct PlainTextExtractionTests {
    @Test("带BOM的UTF-8文本去掉BOM")
    func utf8WithByteOrderMark() {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("安全生产通知\n第二行".utf8)
        #expect(TextExtraction.text(fileName: "通知.txt", data: data) == "安全生产通知\n第二行")
    }

    @Test("不带BOM的UTF-8文本原样读出")
    func utf8WithoutByteOrderMark() {
        #expect(TextExtraction.text(fileName: "a.TXT", data: Data("江政办发〔2026〕12号".utf8)) == "江政办发〔2026〕12号")
    }

    @Test("旧Windows工具存的GB18030文本也能读")
    func gb18030Text() {
        // 政通办公 in GB18030 (the GBK range), which is not valid UTF-8.
        let data = Data([0xD5, 0xFE, 0xCD, 0xA8, 0xB0, 0xEC, 0xB9, 0xAB])
        #expect(TextExtraction.text(fileName: "old.txt", data: data) == "政通办公")
    }

    @Test("带BOM的UTF-16文本")
    func utf16WithByteOrderMark() {
        var data = Data([0xFF, 0xFE])
        for unit in "会议纪要".utf16 {
            data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        #expect(TextExtraction.text(fileName: "u16.txt", data: data) == "会议纪要")
    }

    @Test("很大的文本只取前2MB，且不截断字符")
    func longTextIsCutAtTheLimit() throws {
        let data = Data(String(repeating: "安全生产责任制", count: 120_000).utf8) // about 2.5 MB
        let text = try #require(TextExtraction.text(fileName: "big.txt", data: data))
        #expect(text.utf8.count <= TextExtraction.maximumTextBytes)
        #expect(text.utf8.count > TextExtraction.maximumTextBytes - 3)
        #expect(text.hasPrefix("安全生产责任制"))
    }

    @Test("只有空白的文本当作没有文字")
    func whitespaceOnlyIsNil() {
        #expect(TextExtraction.text(fileName: "blank.txt", data: Data(" \n\t\u{3000}".utf8)) == nil)
    }

    @Test("二进制文件改名为txt时不读")
    func binaryNamedTxtIsNil() {
        #expect(TextExtraction.text(fileName: "image.txt", data: TestAttachments.garbage(count: 4096, seed: 7)) == nil)
        #expect(TextExtraction.text(fileName: "nul.txt", data: Data([0x41, 0x00, 0x42])) == nil)
    }

    @Test("不支持的类型不读")
    func unsupportedExtensionIsNil() {
        #expect(TextExtraction.text(fileName: "photo.jpg", data: Data("text".utf8)) == nil)
        #expect(TextExtraction.text(fileName: "noextension", data: Data("text".utf8)) == nil)
        #expect(!TextExtraction.isSupported(fileName: "photo.jpg"))
        #expect(TextExtraction.isSupported(fileName: "附件/通知.DOCX"))
        #expect(TextExtraction.supportedExtensions == ["txt", "docx", "ofd", "pdf"])
    }
}

import Foundation
import Gongwen
import Testing

@Suite("附件另面编排")
struct LayoutAttachmentTests {
    /// An 8 × 4 pixel red PNG, written for these tests.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAECAIAAAA8r+mnAAAAEUlEQVR4nGM4ISeHFTFQTwIAbv4ggUBHKgEAAAAASUVORK5CYII=")!

    static func document(_ names: [String]) -> OfficialDocument {
        var document = LayoutFixtures.notice(body: "请认真贯彻执行。")
        document.title = "关于做好安全生产工作的通知"
        document.attachments = names
        return document
    }

    static func images(_ page: LaidOutPage) -> [PlacedImage] {
        page.items.compactMap { if case .image(let image) = $0 { image } else { nil } }
    }

    @Test("每个附件另起一页：附件N 黑体顶格在第一行，标题居中在第三行，内容同正文格式")
    func textAttachments() throws {
        let document = Self.document(["安全生产检查表", "值班安排表"])
        let layout = DocumentLayout.layout(document, attachments: [.text("一、检查范围\n\n全市各类生产经营单位。"), .text("节假日每日两人值班。")])
        // Three pages of text; the 版记 on the fourth (an even page: the back of the second sheet).
        #expect(layout.pages.count == 4)
        let body = try #require(LayoutFixtures.run("请认真贯彻执行。", in: layout))
        #expect(body.page == 0)

        let label = try #require(LayoutFixtures.run("附件1", in: layout))
        #expect(label.page == 1)
        #expect(label.run.font == .heiti && label.run.size == 16)
        #expect(GBT9704.gridLine(label.run) == 1)
        #expect(GBT9704.near(label.run.x, GBT9704.left))
        let title = try #require(LayoutFixtures.run("安全生产检查表", in: layout))
        #expect(title.page == 1 && GBT9704.gridLine(title.run) == 3)
        #expect(title.run.font == .xiaobiaosong && title.run.size == 22)
        #expect(GBT9704.near(title.run.x + title.run.width / 2, GBT9704.centre))
        let heading = try #require(LayoutFixtures.run("一、检查范围", in: layout))
        #expect(heading.page == 1 && GBT9704.gridLine(heading.run) == 5 && heading.run.font == .heiti)
        #expect(GBT9704.near(heading.run.x, GBT9704.left + 2 * GBT9704.character))

        let second = try #require(LayoutFixtures.run("附件2", in: layout))
        #expect(second.page == 2 && GBT9704.gridLine(second.run) == 1)
    }

    @Test("附件在版记之前：版记在最后一个附件的页末，页码连续编排")
    func footerAfterAttachments() throws {
        let layout = DocumentLayout.layout(Self.document(["安全生产检查表"]), attachments: [.text("全市各类生产经营单位。")])
        #expect(layout.pages.count == 2)
        let copies = try #require(LayoutFixtures.run("抄送：市委办公室，市人大常委会办公室。", in: layout))
        #expect(copies.page == 1)
        #expect(LayoutFixtures.rules(layout.pages[0]).allSatisfy { $0.color == .red })
        // A single attachment is labelled 附件 without a number, as in its 附件说明.
        #expect(try #require(LayoutFixtures.run("附件", in: layout)).page == 1)
        #expect(LayoutFixtures.run("— 2 —", in: layout)?.page == 1)
    }

    @Test("图片附件在标题下按版心宽度等比缩放，不超出版心")
    func pictureAttachment() throws {
        let image = try #require(LayoutImage(data: Self.png))
        #expect(image.format == .png && image.pixelWidth == 8 && image.pixelHeight == 4)
        let layout = DocumentLayout.layout(Self.document(["辖区示意图"]), attachments: [.image(image)])
        let placed = try #require(Self.images(layout.pages[1]).first)
        #expect(GBT9704.near(placed.width, 156))
        #expect(GBT9704.near(placed.height, 78))
        #expect(GBT9704.near(placed.x, GBT9704.left))
        #expect(GBT9704.near(placed.y, GBT9704.top + 4 * GBT9704.line))

        // A tall picture is fitted to the lines left below the title, centred.
        var tall = image
        tall.pixelWidth = 100
        tall.pixelHeight = 1000
        let fitted = try #require(Self.images(DocumentLayout.layout(Self.document(["辖区示意图"]), attachments: [.image(tall)]).pages[1]).first)
        #expect(GBT9704.near(fitted.y + fitted.height, GBT9704.bottom))
        #expect(GBT9704.near(fitted.x + fitted.width / 2, GBT9704.centre))
    }

    @Test("其他文件的附件页写明随文发送的电子文件")
    func otherFiles() throws {
        let content = AttachmentContent(fileName: "统计表.xlsx", data: Data([0x50, 0x4B, 0x03, 0x04]))
        #expect(content == .file(name: "统计表.xlsx"))
        let layout = DocumentLayout.layout(Self.document(["统计表"]), attachments: [content])
        let lines = LayoutFixtures.lines(layout.pages[1]).map(\.text).joined()
        #expect(lines.contains("统计表.xlsx") && lines.contains("随公文一并发送"))
        #expect(AttachmentContent(fileName: "说明.txt", data: Data("第一段".utf8)) == .text("第一段"))
        #expect(AttachmentContent(fileName: "坏图.png", data: Data("not a picture".utf8)) == .file(name: "坏图.png"))
    }

    @Test("读出 JPEG 的像素尺寸；不是图片的数据不当作图片")
    func jpegSize() throws {
        // SOI, an APP0 segment, then SOF0: precision 8, height 300, width 600.
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00]
        bytes += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x02, 0x58, 0x03, 0x01, 0x22, 0x00]
        let image = try #require(LayoutImage(data: Data(bytes)))
        #expect(image.format == .jpeg && image.pixelWidth == 600 && image.pixelHeight == 300)
        #expect(LayoutImage(data: Data([0xFF, 0xD8, 0xFF])) == nil)
        #expect(LayoutImage(data: Data("GIF89a".utf8)) == nil)
    }

    @Test("没有给出内容的附件只列在附件说明中")
    func namesOnly() {
        let layout = DocumentLayout.layout(Self.document(["安全生产检查表", "值班安排表"]), attachments: [.text("检查表内容。")])
        #expect(layout.pages.count == 2)
        #expect(LayoutFixtures.run("附件2", in: layout) == nil)
    }
}

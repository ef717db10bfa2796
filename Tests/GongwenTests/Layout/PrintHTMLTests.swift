import Foundation
import Testing
import Gongwen

@Suite("打印视图（HTML）")
struct PrintHTMLTests {
    static let seal = SealDesign(diameter: 42, ringWidth: 1.2,
                                 star: [SealPoint(x: 0, y: -8), SealPoint(x: 5, y: 6), SealPoint(x: -5, y: 6)],
                                 glyphs: [SealGlyph(character: "江", x: -10, y: -14, rotation: -30, size: 16),
                                          SealGlyph(character: "北", x: 10, y: -14, rotation: 30, size: 16)])

    static func document() -> OfficialDocument {
        var document = LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: 12) + "\n\n比较 a<b & c>d 的\"结果\"。")
        document.title = "关于<script>alert('x')</script>的通知"
        return document
    }

    @Test("完整的 HTML5 文档：每页一个 A4 页面框，无脚本，无内联 style 属性")
    func pages() {
        let layout = DocumentLayout.layout(Self.document())
        let html = PrintHTML.render(layout, title: "通知", seal: nil)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "class=\"gw-page\"").count - 1 == layout.pages.count)
        #expect(layout.pages.count >= 2)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("style=\""))
        #expect(html.contains("@page { size: A4; margin: 0; }"))
        #expect(html.contains("viewBox=\"0 0 210 297\""))
    }

    @Test("所有文字转义：标题、正文中的 < > & 引号")
    func escaping() {
        let document = Self.document()
        let html = PrintHTML.render(DocumentLayout.layout(document), title: document.title, seal: nil)
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("a&lt;b"))
        #expect(html.contains("&amp;"))
        #expect(html.contains("&quot;结果&quot;"))
        #expect(!html.contains("a<b"))
        #expect(!html.contains("<script"))
    }

    @Test("附件图片在页面中以 data: 地址嵌入，位置和大小与版面一致")
    func pictures() throws {
        let image = try #require(LayoutImage(data: LayoutAttachmentTests.png))
        let layout = DocumentLayout.layout(LayoutAttachmentTests.document(["辖区示意图"]), attachments: [.image(image)])
        let html = PrintHTML.render(layout, title: "通知", seal: nil)
        #expect(html.contains("<image x=\"28\" y=\"77.909\" width=\"156\" height=\"78\""))
        #expect(html.contains("href=\"data:image/png;base64,\(LayoutAttachmentTests.png.base64EncodedString())\""))
    }

    @Test("内容安全策略不允许内联样式时链接样式表")
    func linkedStylesheet() {
        let html = PrintHTML.render(DocumentLayout.layout(LayoutFixtures.notice()), title: "通知", seal: nil, stylesheetHref: "/css/print.css")
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/css/print.css\">"))
        #expect(!html.contains("<style"))
        #expect(PrintHTML.stylesheet.contains("size: A4"))
    }

    @Test("每个字符按排版位置定位；印章按位置绘制（环、五角星、转动的文字）")
    func positionsAndSeal() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: "请认真贯彻执行。"))
        let html = PrintHTML.render(layout, title: "通知", seal: Self.seal)
        // 请认真贯彻执行。 starts two characters in and advances 156/28 mm a character.
        #expect(html.contains("x=\"39.143 44.714 50.286"))
        let placements = layout.pages.flatMap(LayoutFixtures.seals)
        #expect(placements.count == 1)
        #expect(html.components(separatedBy: "class=\"gw-seal\" transform=\"translate(").count - 1 == placements.count)
        #expect(html.contains("<circle"))
        #expect(html.contains("<polygon"))
        #expect(html.contains("rotate(-30 -10 -14)"))
        #expect(!PrintHTML.render(layout, title: "通知", seal: nil).contains("gw-seal\""))
    }
}

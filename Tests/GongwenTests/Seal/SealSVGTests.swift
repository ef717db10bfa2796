import Foundation
import Testing
import Gongwen

@Suite("印章 SVG")
struct SealSVGTests {
    @Test("SVG 画出圆环、五角星和每个字，旋转朝向圆心，红色")
    func draws() {
        // given
        let design = SealDesign.make(unitName: "江北市人民政府办公室")
        // when
        let svg = design.svg()
        // then
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"seal\" viewBox=\"-21 -21 42 42\" width=\"42mm\" height=\"42mm\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("<circle id=\"seal-ring\" cx=\"0\" cy=\"0\" r=\"20.4\" fill=\"none\" stroke=\"#E60012\" stroke-width=\"1.2\"/>"))
        #expect(svg.contains("<polygon id=\"seal-star\" points=\"0,-8.4 "))
        #expect(svg.components(separatedBy: "<text ").count - 1 == 10)
        #expect(svg.components(separatedBy: "transform=\"rotate(").count - 1 == 10)
        #expect(svg.contains("font-family=\"SimSun, 宋体, &#39;Noto Serif CJK SC&#39;, serif\""))
        #expect(svg.contains("font-weight=\"bold\""))
        #expect(svg.contains(">江</text>") && svg.contains(">室</text>"))
        #expect(svg.contains("aria-label=\"印章：江北市人民政府办公室\""))
    }

    @Test("名称和编号中的 < & 被转义，不含脚本")
    func escapes() {
        // given
        let design = SealDesign.make(unitName: "<script>alert(1)</script>&\"'")
        // when
        let svg = design.svg(idPrefix: "a\"><script>x</script>&")
        // then
        #expect(!svg.lowercased().contains("<script"))
        #expect(svg.contains(">&lt;</text>"))
        #expect(svg.contains(">&amp;</text>"))
        #expect(svg.contains(">&quot;</text>"))
        #expect(svg.contains("id=\"a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;\""))
        #expect(svg.contains("id=\"a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;-ring\""))
    }

    @Test("编号前缀区分同页的两枚印章")
    func idPrefix() {
        let svg = SealDesign.make(unitName: "江北市财政局").svg(idPrefix: "seal-2")
        #expect(svg.contains("id=\"seal-2\"") && svg.contains("id=\"seal-2-star\"") && svg.contains("id=\"seal-2-name\""))
    }
}

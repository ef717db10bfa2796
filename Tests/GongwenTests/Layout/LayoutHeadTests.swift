import Foundation
import Testing
import Gongwen

@Suite("版头（GB/T 9704）")
struct LayoutHeadTests {
    // Unsealed: the sealed notice has its page 1 tightened to keep the seal with its text (LayoutSignatureTests).
    let layout = DocumentLayout.layout(LayoutFixtures.notice(sealed: false))

    var mark: TextRun { LayoutFixtures.run("江北市人民政府办公室文件", in: layout)!.run }
    var number: TextRun { LayoutFixtures.run("江政办发〔2026〕12号", in: layout)!.run }

    @Test("发文机关标志：红色小标宋，居中，上边缘距版心上边缘 35 mm，不超出版心")
    func issuerMark() {
        #expect(mark.color == .red)
        #expect(mark.font == .xiaobiaosong)
        #expect(GBT9704.near(GBT9704.topEdge(mark), 37 + 35))
        #expect(GBT9704.near(mark.x + mark.width / 2, GBT9704.centre))
        #expect(mark.x >= GBT9704.left - 0.01 && mark.x + mark.width <= GBT9704.right + 0.01)
    }

    @Test("短的标志用初号（42 pt），长的缩小到版心宽度以内")
    func markSize() {
        var short = LayoutFixtures.notice()
        short.issuerMark = "江北市人民政府文件"
        let shortMark = LayoutFixtures.run("江北市人民政府文件", in: DocumentLayout.layout(short))!.run
        #expect(shortMark.size == 42)
        #expect(mark.size < 42)
        #expect(mark.width <= 156 + 0.01)
    }

    @Test("发文字号在标志下空二行居中，红色分隔线在其下 4 mm、与版心等宽")
    func numberAndRule() throws {
        #expect(number.font == .fangsong && number.size == 16)
        #expect(GBT9704.near(number.x + number.width / 2, GBT9704.centre))
        // Two blank lines: the number's line starts two line pitches below the 标志; its em box is centred in it.
        let numberLineTop = GBT9704.bottomEdge(mark) + 2 * GBT9704.line
        #expect(GBT9704.near(GBT9704.topEdge(number), numberLineTop + (GBT9704.line - GBT9704.em(16)) / 2))
        let rule = try #require(LayoutFixtures.rules(layout.pages[0]).first { $0.color == .red })
        #expect(GBT9704.near(rule.y1, GBT9704.bottomEdge(number) + 4))
        #expect(rule.y1 == rule.y2)
        #expect(GBT9704.near(rule.x1, GBT9704.left) && GBT9704.near(rule.x2, GBT9704.right))
    }

    @Test("标题在红色分隔线下空二行、居中，2号小标宋")
    func title() throws {
        let rule = try #require(LayoutFixtures.rules(layout.pages[0]).first { $0.color == .red })
        let title = try #require(LayoutFixtures.runs(layout.pages[0]).first { $0.size == 22 })
        #expect(title.font == .xiaobiaosong)
        #expect(GBT9704.near(title.x + title.width / 2, GBT9704.centre))
        // On the grid, two lines below the rule give or take half a line.
        let line = try #require(GBT9704.gridLine(title))
        let lineTop = GBT9704.top + Double(line - 1) * GBT9704.line
        #expect(abs(lineTop - rule.y1 - 2 * GBT9704.line) <= GBT9704.line / 2)
    }

    @Test("上行文：发文字号居左空一字，签发人居右空一字，与发文字号同行；签发人三字仿宋、姓名楷体")
    func upwardDocument() throws {
        var request = LayoutFixtures.notice()
        request.kind = .request
        request.title = "江北市人民政府办公室关于拨付防汛经费的请示"
        request.signers = ["王建国"]
        let layout = DocumentLayout.layout(request)
        let number = try #require(LayoutFixtures.run("江政办发〔2026〕12号", in: layout)).run
        let label = try #require(LayoutFixtures.run("签发人：", in: layout)).run
        let name = try #require(LayoutFixtures.run("王建国", in: layout)).run
        #expect(GBT9704.near(number.x, GBT9704.left + GBT9704.character))
        #expect(label.font == .fangsong && name.font == .kaiti)
        #expect(GBT9704.near(name.x + name.width, GBT9704.right - GBT9704.character))
        #expect(GBT9704.near(label.x + label.width, name.x))
        #expect(number.y == label.y && label.y == name.y)
    }

    @Test("多个签发人每行两个，发文字号与最后一行签发人同行")
    func severalSigners() throws {
        var request = LayoutFixtures.notice()
        request.kind = .report
        request.signers = ["王建国", "李明", "赵敏"]
        let layout = DocumentLayout.layout(request)
        let first = try #require(LayoutFixtures.run("王建国\u{3000}李明", in: layout)).run
        let second = try #require(LayoutFixtures.run("赵敏", in: layout)).run
        let number = try #require(LayoutFixtures.run("江政办发〔2026〕12号", in: layout)).run
        #expect(GBT9704.near(second.y - first.y, GBT9704.line))
        #expect(GBT9704.near(second.x, first.x))
        #expect(number.y == second.y)
    }

    @Test("份号第一行、密级和保密期限第二行（黑体）、紧急程度其下，均顶格")
    func cornerMarks() throws {
        var document = LayoutFixtures.notice()
        document.copyNumber = "000001"
        document.classification = .secret
        document.classificationPeriod = "1年"
        document.urgency = .urgent
        let layout = DocumentLayout.layout(document)
        let copy = try #require(LayoutFixtures.run("000001", in: layout)).run
        let marking = try #require(LayoutFixtures.run("机密\u{2605}1年", in: layout)).run
        let urgency = try #require(LayoutFixtures.run("加急", in: layout)).run
        #expect(GBT9704.gridLine(copy) == 1 && GBT9704.gridLine(marking) == 2 && GBT9704.gridLine(urgency) == 3)
        #expect(marking.font == .heiti && urgency.font == .heiti)
        #expect([copy, marking, urgency].allSatisfy { $0.x == GBT9704.left })
        // Half-width digits advance half a character.
        #expect(GBT9704.near(copy.width, 3 * GBT9704.character))
    }

    @Test("信函格式：标志距上页边 30 mm，上下红色双线 170 mm 居中，首页不显示页码")
    func letterStyle() throws {
        var letter = LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: 6))
        letter.kind = .letter
        letter.style = .letter
        letter.issuerMark = "江北市人民政府办公室"
        letter.title = "江北市人民政府办公室关于商请支持春运工作的函"
        let layout = DocumentLayout.layout(letter)
        let mark = try #require(LayoutFixtures.run("江北市人民政府办公室", in: layout))
        #expect(mark.page == 0 && mark.run.color == .red)
        #expect(GBT9704.near(GBT9704.topEdge(mark.run), 30))
        let red = LayoutFixtures.rules(layout.pages[0]).filter { $0.color == .red }
        #expect(red.count == 4)
        #expect(red.allSatisfy { GBT9704.near($0.x1, 20) && GBT9704.near($0.x2, 190) })
        let upper = red.filter { $0.y1 < 100 }.sorted { $0.y1 < $1.y1 }
        let lower = red.filter { $0.y1 > 200 }.sorted { $0.y1 < $1.y1 }
        #expect(upper.count == 2 && upper[0].width > upper[1].width)
        #expect(lower.count == 2 && lower[0].width < lower[1].width)
        #expect(GBT9704.near(upper[0].y1, GBT9704.bottomEdge(mark.run) + 4))
        #expect(GBT9704.near(lower[1].y1 + lower[1].width / 2, 297 - 20))
        #expect(layout.pages.count >= 2)
        #expect(!LayoutFixtures.runs(layout.pages[0]).contains { $0.text == "\u{2014} 1 \u{2014}" })
        #expect(LayoutFixtures.runs(layout.pages[1]).contains { $0.text == "\u{2014} 2 \u{2014}" })
    }

    @Test("纪要格式：红色“××××纪要”上边缘距版心上边缘 35 mm，无红色分隔线")
    func minutesStyle() throws {
        let layout = DocumentLayout.layout(LayoutMinutesTests.minutes(attendees: [], onLeave: [], observers: []))
        let mark = try #require(LayoutFixtures.run("江北市人民政府常务会议纪要", in: layout)).run
        #expect(mark.color == .red)
        #expect(GBT9704.near(GBT9704.topEdge(mark), 72))
        #expect(!LayoutFixtures.rules(layout.pages[0]).contains { $0.color == .red })
    }
}

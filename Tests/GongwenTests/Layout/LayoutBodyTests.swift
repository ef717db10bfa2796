import Foundation
import Testing
import Gongwen

@Suite("主体排版：标题、主送机关、正文、附件说明")
struct LayoutBodyTests {
    /// The red rule's position on page 1: the body lies below it.
    static func ruleY(_ layout: LaidOutDocument) -> Double {
        LayoutFixtures.rules(layout.pages[0]).first { $0.color == .red }?.y1 ?? GBT9704.top
    }

    @Test("主送机关在标题下空一行，顶格，以顿号分隔、全角冒号结尾")
    func mainRecipients() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(sealed: false)) // on the standard grid: not tightened
        let recipients = try #require(LayoutFixtures.run("各县（区）人民政府、市政府各部门：", in: layout)).run
        let title = try #require(LayoutFixtures.runs(layout.pages[0]).last { $0.size == 22 })
        #expect(recipients.x == GBT9704.left)
        #expect(GBT9704.gridLine(recipients) == GBT9704.gridLine(title)! + 2)
    }

    @Test("正文首行缩进二字、回行顶格；满行 28 字撑满版心；每个字占 156/28 mm")
    func paragraphs() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: 1)))
        let recipients = try #require(LayoutFixtures.run("各县（区）人民政府、市政府各部门：", in: layout)).run
        let lines = LayoutFixtures.lines(layout.pages[0], below: recipients.y)
        try #require(lines.count >= 3)
        #expect(GBT9704.near(lines[0].x, GBT9704.left + 2 * GBT9704.character))
        #expect(lines[0].text.count == 26)
        #expect(GBT9704.near(lines[1].x, GBT9704.left))
        #expect(lines[1].text.count == 28)
        #expect(GBT9704.near(lines[1].end, GBT9704.right))
        let run = try #require(LayoutFixtures.bodyRuns(layout.pages[0]).first { $0.text.count == 28 })
        #expect(run.advances.count == 28)
        #expect(run.advances.allSatisfy { GBT9704.near($0, GBT9704.character, within: 1e-9) })
    }

    @Test("半角数字占半个字，其他字符占一个字，字号变化时按比例")
    func advances() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: "到2026年底完成。"))
        let run = try #require(LayoutFixtures.run("到2026年底完成。", in: layout)).run
        #expect(run.advances.count == run.text.count)
        #expect(GBT9704.near(run.advances[1], GBT9704.character / 2))
        #expect(GBT9704.near(run.advances[0], GBT9704.character))
        let title = try #require(LayoutFixtures.runs(layout.pages[0]).first { $0.size == 22 })
        #expect(GBT9704.near(title.advances[0], GBT9704.character * 22 / 16))
    }

    @Test("正文各行落在每页 22 行的行格上；正文超出一页时转到第 2 页，第 2 页从第 1 行排满 22 行")
    func gridAndPagination() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: 12)))
        #expect(layout.pages.count >= 2)
        let firstPage = LayoutFixtures.bodyRuns(layout.pages[0], below: Self.ruleY(layout))
        #expect(firstPage.allSatisfy { GBT9704.gridLine($0) != nil })
        #expect(firstPage.compactMap(GBT9704.gridLine).max() == 22)
        let secondPage = LayoutFixtures.bodyRuns(layout.pages[1])
        let lines = Set(secondPage.compactMap(GBT9704.gridLine))
        #expect(secondPage.allSatisfy { GBT9704.gridLine($0) != nil })
        #expect(lines == Set(1...22))
        #expect(secondPage.allSatisfy { $0.x + $0.width <= GBT9704.right + 0.01 })
    }

    @Test("避头尾：行首不出现逗号等标点，行尾不出现前括号，被挤下的行仍两端对齐")
    func lineBreakingRules() throws {
        // The first line holds 26 characters after the indent: the comma would start line 2, the bracket end line 1 of the second paragraph.
        let comma = String(repeating: "安", count: 26) + "，" + String(repeating: "全", count: 10)
        let bracket = String(repeating: "安", count: 25) + "（全）" + String(repeating: "全", count: 10)
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: comma + "\n\n" + bracket))
        let lines = LayoutFixtures.lines(layout.pages[0], below: Self.ruleY(layout))
        let forbiddenStarts: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」"]
        let forbiddenEnds: Set<Character> = ["（", "《", "「"]
        #expect(!lines.contains { forbiddenStarts.contains($0.text.first!) })
        #expect(!lines.contains { forbiddenEnds.contains($0.text.last!) })
        let first = try #require(lines.first { $0.text.hasPrefix("安安") })
        #expect(first.text.count == 25)
        #expect(GBT9704.near(first.end, GBT9704.right))
    }

    @Test("层次标题：一级黑体，二级楷体（至句号），三级仿宋")
    func headingLevels() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(sealed: false)) // on the standard grid: not tightened
        #expect(LayoutFixtures.run("一、提高认识", in: layout)?.run.font == .heiti)
        #expect(LayoutFixtures.run("（一）加强领导。", in: layout)?.run.font == .kaiti)
        #expect(LayoutFixtures.run("各地要落实责任。", in: layout)?.run.font == .fangsong)
        #expect(LayoutFixtures.run("1.明确分工。", in: layout)?.run.font == .fangsong)
    }

    static func titleLines(_ title: String) -> [TextRun] {
        var document = LayoutFixtures.notice(sealed: false) // on the standard grid: not tightened
        document.title = title
        return LayoutFixtures.runs(DocumentLayout.layout(document).pages[0]).filter { $0.size == 22 }.sorted { $0.y < $1.y }
    }

    @Test("长标题分行居中，每行不超出版心，行距一行，不拆开词语")
    func longTitle() throws {
        let title = "江北市人民政府办公室关于印发江北市安全生产专项整治三年行动实施方案的通知"
        let lines = Self.titleLines(title)
        #expect(lines.count == 2)
        #expect(lines.map(\.text).joined() == title)
        #expect(lines.allSatisfy { GBT9704.near($0.x + $0.width / 2, GBT9704.centre) && $0.width <= 156 + 0.01 })
        #expect(zip(lines, lines.dropFirst()).allSatisfy { GBT9704.near($1.y - $0.y, GBT9704.line) })
        for term in ["人民政府", "办公室", "安全生产", "专项整治", "三年行动", "实施方案", "通知"] {
            #expect(lines.contains { $0.text.contains(term) }, "\(term) split")
        }
    }

    @Test("标题回行优先上长下短的梯形，在“关于”、年份等自然处断开")
    func titleShape() throws {
        let lines = Self.titleLines("江北市人民政府办公室关于做好2026年春节期间安全生产工作的通知")
        #expect(lines.map(\.text) == ["江北市人民政府办公室关于做好2026年", "春节期间安全生产工作的通知"])
        #expect(Self.titleLines("江北市人民政府关于同意设立江北经济技术开发区的批复").map(\.text)
            == ["江北市人民政府关于同意设立", "江北经济技术开发区的批复"])
        #expect(Self.titleLines("关于做好安全生产工作的通知").count == 1)
    }

    @Test("附件说明：正文下空一行左空二字，多个附件标序号，后续附件与第一个序号对齐")
    func attachments() throws {
        var document = LayoutFixtures.notice(body: "请认真贯彻执行。")
        document.title = "关于做好安全生产工作的通知"
        document.attachments = ["安全生产检查表", "值班安排表"]
        let layout = DocumentLayout.layout(document)
        let body = try #require(LayoutFixtures.run("请认真贯彻执行。", in: layout)).run
        let first = try #require(LayoutFixtures.run("附件：1.安全生产检查表", in: layout)).run
        let second = try #require(LayoutFixtures.run("2.值班安排表", in: layout)).run
        #expect(GBT9704.gridLine(first) == GBT9704.gridLine(body)! + 2)
        #expect(GBT9704.near(first.x, GBT9704.left + 2 * GBT9704.character))
        #expect(GBT9704.near(second.x, GBT9704.left + 5 * GBT9704.character))
        #expect(GBT9704.gridLine(second) == GBT9704.gridLine(first)! + 1)

        document.attachments = ["安全生产检查表"]
        #expect(LayoutFixtures.run("附件：安全生产检查表", in: DocumentLayout.layout(document)) != nil)
    }
}

import Foundation
import Gongwen
import OFDCheck
import Testing

@Suite("刊物版式：刊头、期号、编印单位与日期、红线、按语、稿件、报送发")
struct BulletinLayoutTests {
    static func content(items: Int = 2, paragraphs: Int = 2, copies: Int? = 60) -> BulletinContent {
        BulletinContent(name: "江北政务信息", numberLine: "2026年第5期（总第37期）", editor: "江北市人民政府办公室", date: DocumentDate(year: 2026, month: 12, day: 7)!,
                        items: (0..<items).map { index in
                            .init(title: "第\(index + 1)篇稿件的标题", note: index == 0 ? "此文值得一读。" : "",
                                  paragraphs: Array(repeating: "入冬以来，全市供暖运行平稳，各供热企业加强巡检，及时处置用户反映的问题，群众满意度持续提升。", count: paragraphs),
                                  source: "市住房城乡建设局")
                        },
                        reportTo: "市委、市人大、市政协", sendTo: "各县区人民政府", distributeTo: "市政府各部门", copies: copies)
    }

    @Test("首页刊头：刊名红色居中，期号居中，编印单位居左、日期居右同一行，其下通栏红线；稿件在红线之下")
    func head() throws {
        let layout = BulletinLayout.layout(Self.content())
        let runs = LayoutFixtures.runs(layout.pages[0])
        let name = try #require(runs.first { $0.text == "江北政务信息" })
        #expect(name.color == .red && name.size > 30)
        #expect(GBT9704.near(name.x + name.width / 2, GBT9704.centre, within: 0.5))
        let number = try #require(runs.first { $0.text == "2026年第5期（总第37期）" })
        #expect(GBT9704.near(number.x + number.width / 2, GBT9704.centre, within: 0.5) && number.y > name.y)
        let editor = try #require(runs.first { $0.text == "江北市人民政府办公室编" })
        let date = try #require(runs.first { $0.text == "2026年12月7日" })
        #expect(GBT9704.near(editor.x, GBT9704.left) && GBT9704.near(date.x + date.width, GBT9704.right, within: 0.5) && editor.y == date.y)
        let red = try #require(LayoutFixtures.rules(layout.pages[0]).first { $0.color == .red })
        #expect(GBT9704.near(red.x1, GBT9704.left) && GBT9704.near(red.x2, GBT9704.right) && red.y1 > date.y)
        let note = try #require(runs.first { $0.text.hasPrefix("按：") })
        #expect(note.font == .kaiti && note.y > red.y1)
        let title = try #require(runs.first { $0.text == "第1篇稿件的标题" })
        #expect(title.font == .xiaobiaosong && title.y > note.y && GBT9704.near(title.x + title.width / 2, GBT9704.centre, within: 0.5))
        #expect(runs.contains { $0.text == "（市住房城乡建设局）" && $0.font == .kaiti })
    }

    @Test("报送发在末页底部细线之间，共印份数居右；文字写到底部时另起一页；每页有页码；OFD 可读回")
    func footer() throws {
        let layout = BulletinLayout.layout(Self.content())
        let last = try #require(layout.pages.last)
        let runs = LayoutFixtures.runs(last)
        let report = try #require(runs.first { $0.text.hasPrefix("报：") })
        #expect(runs.contains { $0.text.hasPrefix("送：") } && runs.contains { $0.text.hasPrefix("发：") })
        let copies = try #require(runs.first { $0.text == "（共印60份）" })
        #expect(copies.x + copies.width <= GBT9704.right + 0.01 && copies.x > report.x)
        let rules = LayoutFixtures.rules(last).filter { $0.color != .red }
        #expect(rules.count == 2 && rules.allSatisfy { $0.width == 0.25 })
        #expect(rules.map(\.y1).max()! > report.y && rules.map(\.y1).min()! < report.y)
        for page in layout.pages { #expect(LayoutFixtures.runs(page).contains { $0.text.hasPrefix("\u{2014} ") }) }
        // Long: more pages, the footer still only on the last, below all text.
        let long = BulletinLayout.layout(Self.content(items: 4, paragraphs: 6))
        #expect(long.pages.count >= 2)
        #expect(long.pages.dropLast().allSatisfy { page in !LayoutFixtures.runs(page).contains { $0.text.hasPrefix("报：") } })
        let footerTop = LayoutFixtures.rules(long.pages.last!).filter { $0.color != .red }.map(\.y1).min()!
        #expect(LayoutFixtures.runs(long.pages.last!).filter { $0.size == 16 }.allSatisfy { $0.y < footerTop })
        // No copies: no such line.
        #expect(!LayoutFixtures.runs(BulletinLayout.layout(Self.content(copies: nil)).pages.last!).contains { $0.text.contains("共印") })
        let package = try OFDPackageReader(OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seal: nil))
        let codes = try package.xml("Doc_0/Pages/Page_0/Content.xml").all("TextCode").map(\.text)
        #expect(codes.contains("江北政务信息"))
        let html = PrintHTML.render(layout, title: "江北政务信息", seals: [])
        #expect(html.contains("江北政务信息") && html.contains("（共印60份）"))
    }
}

import Foundation
import Gongwen
import Testing

/// 命令（令）格式 (GB/T 9704-2012 10.2, 7.3.5.4): the red `××××令` 20 mm below the text block, the 令号 and the body
/// two lines apart, the signer's title and signature in place of a seal.
@Suite("命令（令）格式：标志、令号、签发人职务和签名章、成文日期")
struct LayoutOrderTests {
    static func order(number: String? = "第12号") -> OfficialDocument {
        OfficialDocument(kind: .order, issuerMark: "江北市人民政府令", style: .order, number: number, signers: ["王××"],
                         body: "《江北市城市供水管理办法》已经2026年1月5日市人民政府第12次常务会议通过，现予公布，自2026年3月1日起施行。",
                         signatureName: "市长", date: DocumentDate(year: 2026, month: 1, day: 10), printedBy: "江北市人民政府办公室",
                         printedDate: DocumentDate(year: 2026, month: 1, day: 10))
    }

    @Test("红色“××××令”上边缘距版心上边缘 20 mm；令号在其下空二行居中；正文在令号下空二行；没有红色分隔线")
    func head() throws {
        let layout = DocumentLayout.layout(Self.order())
        let page = try #require(layout.pages.first)
        let mark = try #require(LayoutFixtures.run("江北市人民政府令", in: layout)).run
        #expect(mark.color == .red && mark.font == .xiaobiaosong)
        #expect(GBT9704.near(GBT9704.topEdge(mark), 37 + 20))
        let number = try #require(LayoutFixtures.runs(page).first { $0.text == "第12号" })
        #expect(number.font == .fangsong && number.size == 16 && number.color == .black)
        #expect(GBT9704.near(number.x + number.width / 2, GBT9704.centre))
        // The 令号's line starts two line pitches below the 标志's bottom edge; its em box is centred in that line.
        let markBottom = GBT9704.topEdge(mark) + GBT9704.em(mark.size)
        #expect(GBT9704.near(GBT9704.topEdge(number), markBottom + 2 * GBT9704.line + (GBT9704.line - GBT9704.em(16)) / 2))
        // The body's first line: the grid line two blank lines below the 令号's line.
        let body = try #require(LayoutFixtures.runs(page).first { $0.text.hasPrefix("《江北市") })
        let bodyTop = GBT9704.topEdge(body) - (GBT9704.line - GBT9704.em(16)) / 2
        let numberLineTop = GBT9704.topEdge(number) - (GBT9704.line - GBT9704.em(16)) / 2
        #expect(abs(bodyTop - (numberLineTop + 3 * GBT9704.line)) <= GBT9704.line / 2)
        #expect(GBT9704.gridLine(body) != nil)
        #expect(!LayoutFixtures.rules(page).contains { $0.color == .red })
    }

    @Test("正文下空二行右空四字为签名章（签发人姓名，楷体），其左空二字为职务；签名章下空一行右空四字为成文日期；不盖机关印章")
    func signature() throws {
        let layout = DocumentLayout.layout(Self.order())
        let page = try #require(layout.pages.first)
        let lastBody = try #require(LayoutFixtures.runs(page).filter { $0.size == 16 && $0.text.hasSuffix("起施行。") }.first)
        let signer = try #require(LayoutFixtures.runs(page).first { $0.text == "王××" })
        let title = try #require(LayoutFixtures.runs(page).first { $0.text == "市长" })
        let date = try #require(LayoutFixtures.runs(page).first { $0.text == "2026年1月10日" })
        #expect(signer.font == .kaiti && title.font == .fangsong)
        #expect(GBT9704.gridLine(signer) == (GBT9704.gridLine(lastBody) ?? 0) + 3, "two blank lines under the body")
        #expect(GBT9704.near(signer.x + signer.width, GBT9704.right - 4 * GBT9704.character))
        #expect(signer.y == title.y)
        #expect(GBT9704.near(title.x + title.width, signer.x - 2 * GBT9704.character))
        #expect(GBT9704.gridLine(date) == (GBT9704.gridLine(signer) ?? 0) + 2, "one blank line under the signature")
        #expect(GBT9704.near(date.x + date.width, GBT9704.right - 4 * GBT9704.character))
        #expect(layout.pages.allSatisfy { LayoutFixtures.seals($0).isEmpty })
    }

    @Test("令号为“第N号”；命令须有签发人、不加盖机关印章，不盖章也可封发；不需要另起标题")
    func rules() {
        #expect(DocumentRules.problems(in: Self.order(), stage: .dispatch) == [])
        #expect(DocumentRules.problems(in: Self.order(number: "江政令〔2026〕1号"), stage: .drafting)
            .contains(DocumentProblem(field: "number", message: "令号格式应为“第N号”，如 第12号。")))
        var unsigned = Self.order()
        unsigned.signers = []
        #expect(DocumentRules.problems(in: unsigned, stage: .drafting).contains { $0.field == "signers" })
        var sealed = Self.order()
        sealed.sealed = true
        #expect(DocumentRules.problems(in: sealed, stage: .drafting).contains { $0.field == "sealed" })
        // An ordinary notice's number keeps the 代字〔年份〕序号 form.
        var notice = LayoutFixtures.notice()
        notice.number = "第12号"
        #expect(DocumentRules.problems(in: notice, stage: .drafting).contains { $0.field == "number" })
    }
}

import Foundation
import Gongwen
import Testing

/// 联合行文 (GB/T 9704-2012 7.2.3, 7.3.5): the issuers' names stacked in the head with `文件` to their right, one
/// 发文字号, and each issuer's 署名 under its own seal, in rows that keep within the text block.
@Suite("联合行文：版头的多个发文机关标志、每个机关的署名和印章")
struct LayoutJointTests {
    static let coIssuers = ["江北市财政局", "江北市应急管理局"]

    static func joint(_ coIssuers: [String] = coIssuers, sealed: Bool = true) -> OfficialDocument {
        var document = LayoutFixtures.notice(sealed: sealed)
        document.coIssuers = coIssuers
        return document
    }

    @Test("主办机关名称在前，联署机关依次在下，等宽排列；“文件”在名称右侧、以名称为准上下居中；整体居中、不超出版心")
    func head() throws {
        // when
        let page = try #require(DocumentLayout.layout(Self.joint()).pages.first)
        // then
        let red = LayoutFixtures.runs(page).filter { $0.color == .red && $0.font == .xiaobiaosong }
        #expect(red.map(\.text) == ["江北市人民政府办公室", "江北市财政局", "江北市应急管理局", "文件"])
        let names = Array(red.prefix(3))
        let suffix = try #require(red.last)
        #expect(names.map(\.y) == names.map(\.y).sorted() && Set(names.map(\.y)).count == 3, "one name per line, top to bottom")
        #expect(Set(names.map { ($0.x * 1000).rounded() }).count == 1)
        #expect(names.allSatisfy { GBT9704.near($0.width, names[0].width) }, "spread to one width")
        #expect(suffix.x > names[0].x + names[0].width)
        let stackMiddle = (GBT9704.topEdge(names[0]) + GBT9704.bottomEdge(names[2])) / 2
        #expect(GBT9704.near((GBT9704.topEdge(suffix) + GBT9704.bottomEdge(suffix)) / 2, stackMiddle))
        #expect(GBT9704.near(GBT9704.topEdge(names[0]), 37 + 35))
        let left = names[0].x
        let right = suffix.x + suffix.width
        #expect(left >= GBT9704.left - 0.01 && right <= GBT9704.right + 0.01)
        #expect(GBT9704.near((left + right) / 2, GBT9704.centre))
        // One 发文字号 (the lead unit's), two lines below the stack, with the red rule under it.
        let number = try #require(LayoutFixtures.runs(page).first { $0.text == "江政办发〔2026〕12号" })
        #expect(GBT9704.topEdge(number) > GBT9704.bottomEdge(names[2]) + 2 * GBT9704.line)
        #expect(LayoutFixtures.rules(page).contains { $0.color == .red && $0.y1 > number.y })
    }

    @Test("每个机关一枚印章，端正居中压在各自署名上；最后一枚压署名和成文日期；一排最多三枚，不超出版心，互不相交")
    func seals() throws {
        // given: six issuers with short names, so three fit in a row
        let names = ["市财政局", "市应急局", "市水利局", "市农业局", "市交通局"]
        var document = Self.joint(names)
        document.signatureName = "市政府办公室"
        let lead = try #require(document.signatureName)
        // when
        let layout = DocumentLayout.layout(document)
        // then
        let page = try #require(layout.pages.last { !LayoutFixtures.seals($0).isEmpty })
        let seals = LayoutFixtures.seals(page)
        #expect(seals.map(\.issuer).sorted() == Array(0...5))
        let rows = Dictionary(grouping: seals) { ($0.centerY * 1000).rounded() }
        #expect(rows.count == 2 && rows.values.allSatisfy { $0.count <= 3 })
        for seal in seals {
            #expect(seal.centerX - seal.diameter / 2 >= GBT9704.left - 0.01 && seal.centerX + seal.diameter / 2 <= GBT9704.right + 0.01)
            for other in seals where other.issuer != seal.issuer {
                let distance = ((seal.centerX - other.centerX) * (seal.centerX - other.centerX) + (seal.centerY - other.centerY) * (seal.centerY - other.centerY)).squareRoot()
                #expect(distance > seal.diameter, "seals \(seal.issuer) and \(other.issuer) touch")
            }
            // Its 署名 centred under it, on the line through its centre.
            let name = seal.issuer == 0 ? lead : names[seal.issuer - 1]
            let run = try #require(LayoutFixtures.runs(page).first { $0.text == name })
            #expect(GBT9704.near(run.x + run.width / 2, seal.centerX))
            #expect(abs(run.y - seal.centerY) < GBT9704.line / 2)
        }
        // The first row's top within one line of the text above it.
        let lastBody = try #require(LayoutFixtures.runs(page).filter { $0.text.hasPrefix("1.明确分工") }.first)
        let firstRowTop = try #require(seals.map { $0.centerY - $0.diameter / 2 }.min())
        #expect(firstRowTop > GBT9704.bottomEdge(lastBody) && firstRowTop - GBT9704.bottomEdge(lastBody) <= GBT9704.line)
        // The last seal is issuer 5, over the date.
        let last = try #require(seals.first { $0.issuer == 5 })
        let date = try #require(LayoutFixtures.runs(page).first { $0.text == "2026年1月5日" })
        #expect(GBT9704.near(date.x + date.width / 2, last.centerX))
        #expect(date.y > last.centerY && date.y < last.centerY + last.diameter / 2)
    }

    @Test("署名较长时一排少放几枚，署名互不重叠")
    func longNamesTakeFewerColumns() throws {
        let page = try #require(DocumentLayout.layout(Self.joint()).pages.last)
        let seals = LayoutFixtures.seals(page)
        #expect(seals.count == 3)
        #expect(Dictionary(grouping: seals) { ($0.centerY * 1000).rounded() }.values.map(\.count).sorted() == [1, 2])
        let names = LayoutFixtures.runs(page).filter { ["江北市人民政府办公室", "江北市财政局", "江北市应急管理局"].contains($0.text) }
        for a in names {
            for b in names where a.text != b.text && a.y == b.y {
                #expect(a.x + a.width < b.x || b.x + b.width < a.x, "\(a.text) overlaps \(b.text)")
            }
        }
    }

    @Test("不加盖印章时，主办机关署名在前，其余依次向下，右空二字；成文日期在最后一个署名下一行")
    func unsealed() throws {
        let page = try #require(DocumentLayout.layout(Self.joint(sealed: false)).pages.last)
        let lines = LayoutFixtures.lines(page).filter { ["江北市人民政府办公室", "江北市财政局", "江北市应急管理局", "2026年1月5日"].contains($0.text) }
        #expect(lines.map(\.text) == ["江北市人民政府办公室", "江北市财政局", "江北市应急管理局", "2026年1月5日"])
        #expect(lines.dropLast().allSatisfy { GBT9704.near($0.end, GBT9704.right - 2 * GBT9704.character) })
        #expect(zip(lines, lines.dropFirst()).allSatisfy { GBT9704.near($1.y - $0.y, GBT9704.line) })
        #expect(LayoutFixtures.seals(page).isEmpty)
    }

    @Test("联合发文机关不能重复、不能与主办机关相同；命令和纪要不联合行文")
    func rules() {
        #expect(DocumentRules.problems(in: Self.joint(), stage: .dispatch) == [])
        #expect(DocumentRules.problems(in: Self.joint(["江北市财政局", "江北市财政局"]), stage: .drafting).map(\.field) == ["coIssuers"])
        #expect(DocumentRules.problems(in: Self.joint(["江北市人民政府办公室"]), stage: .drafting).map(\.field) == ["coIssuers"])
        var minutes = Self.joint()
        minutes.kind = .minutes
        minutes.style = .minutes
        #expect(DocumentRules.problems(in: minutes, stage: .drafting).map(\.field).contains("coIssuers"))
    }

    @Test("JSON 里的 coIssuers 读写一致；没有联合发文机关时不写这个字段")
    func json() throws {
        let data = try JSONEncoder().encode(Self.joint())
        #expect(try JSONDecoder().decode(OfficialDocument.self, from: data).coIssuers == Self.coIssuers)
        #expect(!String(decoding: try JSONEncoder().encode(LayoutFixtures.notice()), as: UTF8.self).contains("coIssuers"))
    }
}

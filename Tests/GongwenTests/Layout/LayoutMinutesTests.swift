import Foundation
import Gongwen
import Testing

/// 纪要格式 (GB/T 9704-2012 10.3): the attendance lists under the body, no seal.
@Suite("纪要：出席、请假、列席人员名单，不加盖印章")
struct LayoutMinutesTests {
    static let attendees = ["市政府 王市长", "市政府 李副市长", "市政府办公室 赵秘书长", "市发展改革委 孙主任", "市财政局 周局长", "市应急管理局 吴局长",
                            "市公安局 郑局长", "市住房城乡建设局 冯局长"]

    static func minutes(attendees: [String] = attendees, onLeave: [String] = ["市政府 钱副市长（出差）"],
                        observers: [String] = ["市委办公室 陈副主任"]) -> OfficialDocument {
        var minutes = LayoutFixtures.notice(body: "会议研究了春节期间安全生产工作。\n\n会议议定：各地各部门要落实责任。", sealed: false)
        minutes.kind = .minutes
        minutes.style = .minutes
        minutes.issuerMark = "江北市人民政府常务会议纪要"
        minutes.number = nil
        minutes.title = ""
        minutes.mainRecipients = []
        minutes.signatureName = nil
        minutes.attendees = attendees
        minutes.onLeave = onLeave
        minutes.observers = observers
        return minutes
    }

    @Test("正文下空一行左空二字编排“出席：”（黑体），名单仿宋，回行与冒号后首字对齐；请假、列席依次另起一行")
    func attendanceLists() throws {
        // given a 纪要 whose 出席 list runs over several lines
        let layout = DocumentLayout.layout(Self.minutes())
        // then
        let page = try #require(layout.pages.first)
        let present = try #require(LayoutFixtures.runs(page).first { $0.text == "出席：" })
        let leave = try #require(LayoutFixtures.runs(page).first { $0.text == "请假：" })
        let observing = try #require(LayoutFixtures.runs(page).first { $0.text == "列席：" })
        #expect(present.font == .heiti && present.size == 16 && present.color == .black)
        #expect(GBT9704.near(present.x, GBT9704.left + 2 * GBT9704.character))
        let lastBody = try #require(LayoutFixtures.runs(page).filter { $0.text.hasSuffix("落实责任。") }.first)
        #expect(GBT9704.gridLine(present) == (GBT9704.gridLine(lastBody) ?? 0) + 2, "one blank line under the body")
        // names in 仿宋 beside the label, the second line aligned after the colon
        let names = LayoutFixtures.runs(page).filter { $0.font == .fangsong && $0.y >= present.y && $0.y < leave.y }
        let lines = Dictionary(grouping: names, by: { ($0.y * 1000).rounded() })
        #expect(lines.count >= 2, "the 出席 list runs over several lines")
        let afterColon = GBT9704.left + 5 * GBT9704.character
        for (_, runs) in lines { #expect(GBT9704.near(runs.map(\.x).min() ?? 0, afterColon)) }
        // every name whole on one line, in the order given, joined by 、 with nothing after the last
        let text = lines.keys.sorted().map { key in lines[key]!.sorted { $0.x < $1.x }.map(\.text).joined() }
        #expect(text.joined() == Self.attendees.joined(separator: "、"))
        for line in text {
            let parts = line.split(separator: "、").map(String.init)
            #expect(parts.allSatisfy { part in Self.attendees.contains(part) }, "\(line)")
        }
        // 请假 then 列席, each on the next line of its own
        #expect(GBT9704.gridLine(leave) == (GBT9704.gridLine(present) ?? 0) + lines.count)
        #expect(GBT9704.gridLine(observing) == (GBT9704.gridLine(leave) ?? 0) + 1)
        #expect(LayoutFixtures.runs(page).contains { $0.text.contains("市委办公室 陈副主任") && $0.font == .fangsong })
        #expect(layout.pages.allSatisfy { LayoutFixtures.seals($0).isEmpty })
    }

    @Test("没有的名单不编排；没有名单的纪要与原来一样")
    func emptyListsLeftOut() throws {
        let layout = DocumentLayout.layout(Self.minutes(onLeave: [], observers: []))
        let page = try #require(layout.pages.first)
        #expect(LayoutFixtures.runs(page).contains { $0.text == "出席：" })
        #expect(!LayoutFixtures.runs(page).contains { $0.text == "请假：" || $0.text == "列席：" })
        let bare = DocumentLayout.layout(Self.minutes(attendees: [], onLeave: [], observers: []))
        #expect(!LayoutFixtures.runs(try #require(bare.pages.first)).contains { $0.text.hasSuffix("：") && $0.font == .heiti })
    }

    @Test("纪要不加盖印章、名单只属于纪要；有署名的纪要不盖章也可封发")
    func rules() {
        var sealed = Self.minutes()
        sealed.signatureName = "江北市人民政府办公室"
        sealed.sealed = true
        #expect(DocumentRules.problems(in: sealed, stage: .drafting).contains(DocumentProblem(field: "sealed", message: "纪要不加盖印章。")))
        var signed = Self.minutes()
        signed.signatureName = "江北市人民政府办公室"
        signed.number = "江政纪〔2026〕3号"
        #expect(!DocumentRules.problems(in: signed, stage: .dispatch).contains { $0.field == "sealed" })
        // Its 标志 names it: no title of its own is needed (a notice still needs one).
        #expect(!DocumentRules.problems(in: Self.minutes(), stage: .drafting).contains { $0.field == "title" })
        var untitled = LayoutFixtures.notice()
        untitled.title = ""
        #expect(DocumentRules.problems(in: untitled, stage: .drafting).contains { $0.field == "title" })
        var notice = LayoutFixtures.notice()
        notice.attendees = ["市政府 王市长"]
        #expect(DocumentRules.problems(in: notice, stage: .drafting).contains(DocumentProblem(field: "attendees", message: "只有纪要标注出席、请假和列席人员。")))
    }

    @Test("JSON：attendees、onLeave、observers 读写；其他公文的 JSON 不含这些字段")
    func json() throws {
        let data = try JSONEncoder().encode(Self.minutes())
        let decoded = try JSONDecoder().decode(OfficialDocument.self, from: data)
        #expect(decoded.attendees == Self.attendees && decoded.onLeave == ["市政府 钱副市长（出差）"] && decoded.observers == ["市委办公室 陈副主任"])
        let notice = String(decoding: try JSONEncoder().encode(LayoutFixtures.notice()), as: UTF8.self)
        #expect(!notice.contains("attendees") && !notice.contains("onLeave") && !notice.contains("observers"))
    }
}

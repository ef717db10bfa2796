import Foundation
import Testing
import Gongwen

@Suite("修改对比（花脸稿）")
struct TextDiffTests {
    @Test func identicalTextsAreOneUnchangedSegment() {
        // given
        let text = "请各单位于5月10日前报送。\n\n联系人：张三"
        // when
        let segments = TextDiff.diff(text, text)
        // then
        #expect(segments == [DiffSegment(kind: .same, text: text)])
        #expect(TextDiff.diff("", "").isEmpty)
    }

    @Test func pureInsertionAndDeletion() {
        #expect(TextDiff.diff("请报送", "请按时报送") == [
            DiffSegment(kind: .same, text: "请"),
            DiffSegment(kind: .inserted, text: "按时"),
            DiffSegment(kind: .same, text: "报送"),
        ])
        #expect(TextDiff.diff("请按时报送", "请报送") == [
            DiffSegment(kind: .same, text: "请"),
            DiffSegment(kind: .deleted, text: "按时"),
            DiffSegment(kind: .same, text: "报送"),
        ])
        #expect(TextDiff.diff("", "新增内容") == [DiffSegment(kind: .inserted, text: "新增内容")])
        #expect(TextDiff.diff("原有内容", "") == [DiffSegment(kind: .deleted, text: "原有内容")])
    }

    @Test func aChangedPhraseAndNumberReadAsWholeReplacements() {
        // when
        let segments = TextDiff.diff("请各单位于5月10日前报送", "请各县（区）于5月15日前报送")
        // then: 单位 → 县（区）, and the date's number changes whole rather than one digit of it
        #expect(segments == [
            DiffSegment(kind: .same, text: "请各"),
            DiffSegment(kind: .deleted, text: "单位"),
            DiffSegment(kind: .inserted, text: "县（区）"),
            DiffSegment(kind: .same, text: "于5月"),
            DiffSegment(kind: .deleted, text: "10"),
            DiffSegment(kind: .inserted, text: "15"),
            DiffSegment(kind: .same, text: "日前报送"),
        ])
    }

    @Test func shortEqualitiesBetweenEditsAreFoldedIn() {
        // 的 between two rewritten phrases is not worth showing as kept
        let segments = TextDiff.diff("加快推进的工作部署", "全面落实的任务要求")
        #expect(segments == [
            DiffSegment(kind: .deleted, text: "加快推进的工作部署"),
            DiffSegment(kind: .inserted, text: "全面落实的任务要求"),
        ])
        // but a word kept between two additions stays
        #expect(TextDiff.diff("请认真贯彻执行。", "请各单位认真全面贯彻落实。") == [
            DiffSegment(kind: .same, text: "请"),
            DiffSegment(kind: .inserted, text: "各单位"),
            DiffSegment(kind: .same, text: "认真"),
            DiffSegment(kind: .inserted, text: "全面"),
            DiffSegment(kind: .same, text: "贯彻"),
            DiffSegment(kind: .deleted, text: "执行"),
            DiffSegment(kind: .inserted, text: "落实"),
            DiffSegment(kind: .same, text: "。"),
        ])
        // and so do two kept characters between two one-character changes
        #expect(TextDiff.diff("在县政府领导下", "在市政府统一领导下") == [
            DiffSegment(kind: .same, text: "在"),
            DiffSegment(kind: .deleted, text: "县"),
            DiffSegment(kind: .inserted, text: "市"),
            DiffSegment(kind: .same, text: "政府"),
            DiffSegment(kind: .inserted, text: "统一"),
            DiffSegment(kind: .same, text: "领导下"),
        ])
    }

    @Test func editsStayInsideTheirParagraphs() {
        // given: the end of one paragraph and the start of the next both change
        let old = "一、工作目标\n\n二、工作措施"
        let new = "一、总体目标\n\n三、工作措施"
        // when
        let segments = TextDiff.diff(old, new)
        // then: the blank line between them is kept, not folded into one big edit
        #expect(segments.contains(DiffSegment(kind: .same, text: "目标\n\n")))
        #expect(segments.filter { $0.kind != .same }.allSatisfy { !$0.text.contains("\n") })
    }

    @Test func aParagraphAddedAfterAnEditedOneIsOneInsertionOnItsOwnLines() {
        // given: the last paragraph edited and a new one added after it
        let old = "（一）加强组织领导。成立工作专班，统筹推进各项工作。"
        let new = "（一）加强组织领导。成立领导小组，下设工作专班。\n\n（二）强化资金保障。市财政统筹安排专项资金。"
        // when
        let segments = TextDiff.diff(old, new)
        // then
        #expect(segments == [
            DiffSegment(kind: .same, text: "（一）加强组织领导。成立"),
            DiffSegment(kind: .inserted, text: "领导小组，下设"),
            DiffSegment(kind: .same, text: "工作专班"),
            DiffSegment(kind: .deleted, text: "，统筹推进各项工作"),
            DiffSegment(kind: .same, text: "。"),
            DiffSegment(kind: .inserted, text: "\n\n（二）强化资金保障。市财政统筹安排专项资金。"),
        ])
    }

    @Test func splittingAParagraphShowsTheBreakNotTheTextAgain() {
        // given: a paragraph split in two, and an edit elsewhere
        let old = "一、总体要求\n\n坚持问题导向，聚焦群众急难愁盼问题然后分步实施，确保取得实效。"
        let new = "一、总体思路\n\n坚持问题导向，聚焦群众急难愁盼问题。\n\n分步实施，确保取得实效。"
        // when
        let segments = TextDiff.diff(old, new)
        // then
        #expect(segments.filter { $0.kind != .same } == [
            DiffSegment(kind: .deleted, text: "要求"),
            DiffSegment(kind: .inserted, text: "思路"),
            DiffSegment(kind: .deleted, text: "然后"),
            DiffSegment(kind: .inserted, text: "。\n\n"),
        ])
    }

    @Test func aRemovedParagraphIsOneDeletion() {
        let old = "第一段。\n\n第二段。\n\n第三段。"
        let new = "第一段。\n\n第三段。"
        let segments = TextDiff.diff(old, new)
        #expect(segments.filter { $0.kind != .same } == [DiffSegment(kind: .deleted, text: "第二段。\n\n")])
        #expect(segments.joined(except: .deleted) == new)
    }

    @Test func kindsEncodeAsTheirNames() throws {
        let data = try JSONEncoder().encode(DiffSegment(kind: .inserted, text: "县"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object == ["kind": "inserted", "text": "县"])
    }
}

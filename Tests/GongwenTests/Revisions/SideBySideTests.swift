import Testing
import Gongwen

@Suite("修改对比：左右对照")
struct SideBySideTests {
    @Test func unchangedParagraphsShowOnceOnBothSides() {
        // given
        let text = "　　第一段。\n\n　　第二段。"
        // when
        let rows = TextDiff.sideBySide(text, text)
        // then: one row per paragraph, indentation and blank lines not shown
        #expect(rows == [
            DiffRow(left: [DiffSegment(kind: .same, text: "第一段。")], right: [DiffSegment(kind: .same, text: "第一段。")]),
            DiffRow(left: [DiffSegment(kind: .same, text: "第二段。")], right: [DiffSegment(kind: .same, text: "第二段。")]),
        ])
    }

    @Test func anEditedParagraphIsMarkedOnEachSide() {
        // when
        let rows = TextDiff.sideBySide("标题\n\n请各单位于5月10日前报送。", "标题\n\n请各县（区）于5月15日前报送。")
        // then
        #expect(rows.count == 2)
        #expect(rows[1].left == [
            DiffSegment(kind: .same, text: "请各"),
            DiffSegment(kind: .deleted, text: "单位"),
            DiffSegment(kind: .same, text: "于5月"),
            DiffSegment(kind: .deleted, text: "10"),
            DiffSegment(kind: .same, text: "日前报送。"),
        ])
        #expect(rows[1].right == [
            DiffSegment(kind: .same, text: "请各"),
            DiffSegment(kind: .inserted, text: "县（区）"),
            DiffSegment(kind: .same, text: "于5月"),
            DiffSegment(kind: .inserted, text: "15"),
            DiffSegment(kind: .same, text: "日前报送。"),
        ])
    }

    @Test func addedAndRemovedParagraphsHaveOneSideOnly() {
        // when
        let rows = TextDiff.sideBySide("甲段。\n\n乙段内容。\n\n丙段。", "甲段。\n\n丙段。\n\n丁段新增内容。")
        // then
        #expect(rows == [
            DiffRow(left: [DiffSegment(kind: .same, text: "甲段。")], right: [DiffSegment(kind: .same, text: "甲段。")]),
            DiffRow(left: [DiffSegment(kind: .deleted, text: "乙段内容。")], right: nil),
            DiffRow(left: [DiffSegment(kind: .same, text: "丙段。")], right: [DiffSegment(kind: .same, text: "丙段。")]),
            DiffRow(left: nil, right: [DiffSegment(kind: .inserted, text: "丁段新增内容。")]),
        ])
    }

    @Test func anEditedParagraphStaysBesideWhatItBecameWhenANewOneIsAddedBeforeIt() {
        // given: both paragraphs edited, and a new one put between them
        let old = "一、工作目标。\n\n二、保障措施。"
        let new = "一、总体目标。\n\n二、组织领导。\n\n三、保障措施到位。"
        // when
        let rows = TextDiff.sideBySide(old, new)
        // then
        #expect(rows.map { $0.left?.map(\.text).joined() } == ["一、工作目标。", nil, "二、保障措施。"])
        #expect(rows.map { $0.right?.map(\.text).joined() } == ["一、总体目标。", "二、组织领导。", "三、保障措施到位。"])
        #expect(rows[2].right == [
            DiffSegment(kind: .inserted, text: "三"),
            DiffSegment(kind: .same, text: "、保障措施"),
            DiffSegment(kind: .inserted, text: "到位"),
            DiffSegment(kind: .same, text: "。"),
        ])
    }
}

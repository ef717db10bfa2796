import Foundation
import Testing
import Gongwen

@Suite("修改对比：多人修改痕迹")
struct AttributionTests {
    private static func revision(_ author: String, _ step: String, _ text: String) -> Revision {
        Revision(author: author, step: step, time: Date(timeIntervalSince1970: 1_780_000_000), text: text)
    }

    @Test func eachPieceIsMarkedWithTheRevisionThatMadeIt() {
        // given: drafted by 张三, checked by 李四, signed by 王五 with a last change
        let revisions = [
            Self.revision("张三", "拟稿", "请各单位于5月10日前报送材料。"),
            Self.revision("李四", "核稿", "请各县（区）于5月10日前报送材料。"),
            Self.revision("王五", "签发", "请各县（区）于5月15日前报送书面材料。"),
        ]
        // when
        let segments = TextDiff.attributed(revisions)
        // then
        #expect(segments == [
            AttributedSegment(kind: .same, text: "请各", revision: nil),
            AttributedSegment(kind: .deleted, text: "单位", revision: 1),
            AttributedSegment(kind: .inserted, text: "县（区）", revision: 1),
            AttributedSegment(kind: .same, text: "于5月", revision: nil),
            AttributedSegment(kind: .deleted, text: "10", revision: 2),
            AttributedSegment(kind: .inserted, text: "15", revision: 2),
            AttributedSegment(kind: .same, text: "日前报送", revision: nil),
            AttributedSegment(kind: .inserted, text: "书面", revision: 2),
            AttributedSegment(kind: .same, text: "材料。", revision: nil),
        ])
        #expect(segments.filter { $0.kind != .deleted }.map(\.text).joined() == revisions[2].text)
    }

    @Test func laterEditsInsideEarlierInsertionsKeepBothAuthors() {
        // given: 李四 adds a phrase, 王五 edits inside it and removes another of 李四's additions
        let revisions = [
            Self.revision("张三", "拟稿", "请各单位报送材料。"),
            Self.revision("李四", "核稿", "请各县（区）人民政府及时报送材料。"),
            Self.revision("王五", "签发", "请各县（市、区）人民政府报送材料。"),
        ]
        // when
        let segments = TextDiff.attributed(revisions)
        // then
        #expect(segments == [
            AttributedSegment(kind: .same, text: "请各", revision: nil),
            AttributedSegment(kind: .deleted, text: "单位", revision: 1),
            AttributedSegment(kind: .inserted, text: "县（", revision: 1),
            AttributedSegment(kind: .inserted, text: "市、", revision: 2),
            AttributedSegment(kind: .inserted, text: "区）人民政府", revision: 1),
            AttributedSegment(kind: .deleted, text: "及时", revision: 2),
            AttributedSegment(kind: .same, text: "报送材料。", revision: nil),
        ])
    }

    @Test func deletedTextStaysWhereItWasWhenLaterRevisionsEditAround() {
        // given
        let revisions = [
            Self.revision("张三", "拟稿", "甲乙丙丁"),
            Self.revision("李四", "核稿", "甲丙丁"),
            Self.revision("王五", "签发", "甲戊丙"),
        ]
        // when
        let segments = TextDiff.attributed(revisions)
        // then: 乙 struck by 李四 stays before 王五's 戊
        #expect(segments == [
            AttributedSegment(kind: .same, text: "甲", revision: nil),
            AttributedSegment(kind: .deleted, text: "乙", revision: 1),
            AttributedSegment(kind: .inserted, text: "戊", revision: 2),
            AttributedSegment(kind: .same, text: "丙", revision: nil),
            AttributedSegment(kind: .deleted, text: "丁", revision: 2),
        ])
    }

    @Test func noRevisionsAndOneRevision() {
        #expect(TextDiff.attributed([]).isEmpty)
        #expect(TextDiff.attributed([Self.revision("张三", "拟稿", "正文")]) == [AttributedSegment(kind: .same, text: "正文", revision: nil)])
        #expect(TextDiff.attributed([Self.revision("张三", "拟稿", "")]).isEmpty)
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func theLastTextAndTheAuthorsAlwaysAddUp(seed: UInt64) {
        var editor = RandomReviser(generator: SeededGenerator(seed: seed), alphabet: RandomReviser.smallAlphabet)
        for _ in 0 ..< 40 {
            // given: a chain of four to six versions
            var texts = [editor.document(paragraphs: 1 ... 5, paragraphLength: 1 ... 50)]
            for _ in 0 ..< Int.random(in: 3 ... 5, using: &editor.generator) {
                texts.append(editor.edit(texts[texts.count - 1], edits: 0 ... 4))
            }
            let revisions = texts.enumerated().map { Self.revision("第\($0.offset)人", "核稿", $0.element) }
            // when
            let segments = TextDiff.attributed(revisions)
            // then
            #expect(segments.filter { $0.kind != .deleted }.map(\.text).joined() == texts[texts.count - 1])
            #expect(segments.allSatisfy { ($0.kind == .same) == ($0.revision == nil) })
            #expect(segments.allSatisfy { $0.revision.map { (1 ..< texts.count).contains($0) } ?? true })
            #expect(segments.allSatisfy { !$0.text.isEmpty })
        }
    }
}

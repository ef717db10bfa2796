import Foundation
import Testing
import Gongwen

@Suite("修改对比：随机修改与长文")
struct TextDiffPropertyTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func theDiffGivesBackBothVersions(seed: UInt64) {
        // Even seeds use a tiny alphabet, where almost every character repeats and alignments are ambiguous.
        let alphabet = seed.isMultiple(of: 2) ? Array("的一是在不了有。，") : RandomReviser.smallAlphabet
        var editor = RandomReviser(generator: SeededGenerator(seed: seed), alphabet: alphabet)
        for _ in 0 ..< 150 {
            // given
            let old = editor.document(paragraphs: 0 ... 6, paragraphLength: 1 ... 60)
            let new = editor.edit(old, edits: 0 ... 6)
            // when
            let segments = TextDiff.diff(old, new)
            // then
            #expect(segments.joined(except: .deleted) == new)
            #expect(segments.joined(except: .inserted) == old)
            #expect(segments.isMerged)
        }
    }

    @Test func windowsLineBreaksAndCombinedCharactersAreNeverSplit() {
        // given: text pasted from elsewhere — CRLF, a decomposed é, flags, a skin-toned emoji
        var editor = RandomReviser(generator: SeededGenerator(seed: 10), alphabet: ["\r\n", "e\u{301}", "🇨🇳", "👍🏽", "文", "。", "　"])
        for _ in 0 ..< 150 {
            let old = editor.document(paragraphs: 0 ... 4, paragraphLength: 1 ... 30)
            let new = editor.edit(old, edits: 0 ... 4)
            // when
            let segments = TextDiff.diff(old, new)
            let rows = TextDiff.sideBySide(old, new)
            // then
            #expect(segments.joined(except: .deleted) == new)
            #expect(segments.joined(except: .inserted) == old)
            #expect(rows.compactMap(\.left).flatMap { $0 }.allSatisfy { $0.kind != .inserted })
        }
    }

    @Test(arguments: [5, 6] as [UInt64])
    func sideBySideShowsEveryParagraphOnItsSide(seed: UInt64) {
        var editor = RandomReviser(generator: SeededGenerator(seed: seed), alphabet: RandomReviser.smallAlphabet)
        for _ in 0 ..< 150 {
            // given
            let old = editor.document(paragraphs: 0 ... 6, paragraphLength: 1 ... 60)
            let new = editor.edit(old, edits: 0 ... 6)
            // when
            let rows = TextDiff.sideBySide(old, new)
            // then
            let left = rows.compactMap(\.left), right = rows.compactMap(\.right)
            #expect(left.map { $0.map(\.text).joined() }.map(Self.visible) == BodyParagraph.parse(old).map(\.text).map(Self.visible))
            #expect(right.map { $0.map(\.text).joined() }.map(Self.visible) == BodyParagraph.parse(new).map(\.text).map(Self.visible))
            #expect(left.allSatisfy { $0.isMerged && $0.allSatisfy { $0.kind != .inserted } })
            #expect(right.allSatisfy { $0.isMerged && $0.allSatisfy { $0.kind != .deleted } })
        }
    }

    @Test func aLongDocumentWithAFewScatteredEdits() {
        // given: 20,000 characters in about a hundred paragraphs, as in a long report
        var editor = RandomReviser(generator: SeededGenerator(seed: 7), alphabet: RandomReviser.largeAlphabet)
        var old = editor.document(paragraphs: 100 ... 100, paragraphLength: 190 ... 190)
        old += String(repeating: "。", count: 20_000 - old.count)
        let new = editor.edit(old, edits: 5 ... 5)
        // when
        let segments = TextDiff.diff(old, new)
        let rows = TextDiff.sideBySide(old, new)
        // then
        #expect(old.count == 20_000)
        #expect(segments.joined(except: .deleted) == new)
        #expect(segments.joined(except: .inserted) == old)
        #expect(segments.filter { $0.kind != .same }.count <= 10)
        #expect(rows.filter { $0.left != $0.right }.count <= 10)
    }

    @Test func oneLongParagraphWithAFewScatteredEdits() {
        // given: 20,000 characters with no blank line at all
        var editor = RandomReviser(generator: SeededGenerator(seed: 8), alphabet: RandomReviser.largeAlphabet)
        let old = editor.word(length: 20_000 ... 20_000)
        var characters = Array(old)
        for position in [1_000, 7_500, 12_345, 19_000] {
            characters.replaceSubrange(position ..< position + 3, with: "修改处")
        }
        let new = String(characters)
        // when
        let segments = TextDiff.diff(old, new)
        // then
        #expect(segments.joined(except: .deleted) == new)
        #expect(segments.joined(except: .inserted) == old)
        #expect(segments.filter { $0.kind == .inserted }.map(\.text) == Array(repeating: "修改处", count: 4))
    }

    @Test func twoUnrelatedLongTextsStillCompare() {
        // given: the worst case, every character different
        var editor = RandomReviser(generator: SeededGenerator(seed: 9), alphabet: RandomReviser.smallAlphabet)
        let old = editor.word(length: 20_000 ... 20_000)
        let new = editor.word(length: 20_000 ... 20_000)
        // when
        let segments = TextDiff.diff(old, new)
        // then
        #expect(segments.joined(except: .deleted) == new)
        #expect(segments.joined(except: .inserted) == old)
    }

    private static func visible(_ text: String) -> String {
        text.filter { !$0.isWhitespace }
    }
}

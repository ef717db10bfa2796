import Foundation
import Gongwen

/// SplitMix64: a small seeded generator, so random tests fail the same way every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random document text and random edits to it, the way a drafter revises: words typed, deleted and replaced,
/// paragraphs added and removed.
struct RandomReviser {
    /// A few characters, so repeats (and ambiguous alignments) are common.
    static let smallAlphabet = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府。，、；：")
    /// Every character, as in a real document: almost no repeats.
    static let largeAlphabet = (0x4E00 ..< 0x4E00 + 3_000).compactMap { Unicode.Scalar($0).map(Character.init) } + Array("。，、；：")

    var generator: SeededGenerator
    var alphabet: [Character]

    mutating func word(length: ClosedRange<Int>) -> String {
        String((0 ..< Int.random(in: length, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
    }

    mutating func document(paragraphs: ClosedRange<Int>, paragraphLength: ClosedRange<Int>) -> String {
        (0 ..< Int.random(in: paragraphs, using: &generator)).map { _ in word(length: paragraphLength) }.joined(separator: "\n\n")
    }

    /// The text after a few random edits.
    mutating func edit(_ text: String, edits: ClosedRange<Int>) -> String {
        var characters = Array(text)
        for _ in 0 ..< Int.random(in: edits, using: &generator) {
            let position = Int.random(in: 0 ... characters.count, using: &generator)
            let end = min(characters.count, position + Int.random(in: 1 ... 12, using: &generator))
            switch Int.random(in: 0 ..< 6, using: &generator) {
            case 0: characters.insert(contentsOf: word(length: 1 ... 8), at: position)
            case 1: characters.removeSubrange(position ..< end)
            case 2: characters.replaceSubrange(position ..< end, with: word(length: 1 ... 8))
            case 3: characters.insert(contentsOf: "\n\n" + word(length: 5 ... 40) + "\n\n", at: position)
            case 4: characters.insert(contentsOf: "\n\n", at: position)
            default: characters.replaceSubrange(position ..< end, with: Array(word(length: 1 ... 2)))
            }
        }
        return String(characters)
    }
}

extension [DiffSegment] {
    /// The text of every segment but those of `kind`: leaving out `.deleted` gives the new text, `.inserted` the old.
    func joined(except kind: DiffSegment.Kind) -> String {
        filter { $0.kind != kind }.map(\.text).joined()
    }

    /// Segments are never empty and neighbours always differ in kind.
    var isMerged: Bool {
        allSatisfy { !$0.text.isEmpty } && zip(self, dropFirst()).allSatisfy { $0.kind != $1.kind }
    }
}

/// The multiset of adjacent character pairs of a paragraph (its single character, for a one-character
/// paragraph), to tell how alike two paragraphs are: in Chinese, shared pairs are mostly shared words, where
/// shared single characters (的, 工作) say little.
struct CharacterPairs {
    private var counts: [Int: Int] = [:]
    private var total = 0

    init(_ text: ArraySlice<Int>) {
        if text.count == 1 {
            // Negative, so never the key of a pair.
            counts[-1 - text[text.startIndex]] = 1
            total = 1
            return
        }
        for index in text.indices.dropLast() {
            counts[text[index] << 32 | text[index + 1], default: 0] += 1
            total += 1
        }
    }

    /// Dice's coefficient: twice the shared pairs over all pairs, from 0 (nothing shared) to 1 (the same).
    func similarity(to other: CharacterPairs) -> Double {
        guard total + other.total > 0 else { return 0 }
        let (smaller, larger) = counts.count <= other.counts.count ? (self, other) : (other, self)
        var shared = 0
        for (pair, count) in smaller.counts {
            shared += min(count, larger.counts[pair] ?? 0)
        }
        return Double(2 * shared) / Double(total + other.total)
    }
}

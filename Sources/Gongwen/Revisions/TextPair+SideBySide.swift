/// How a paragraph of the old version corresponds to one of the new, for the side-by-side view.
enum ParagraphRow: Hashable, Sendable {
    /// The same text in both.
    case unchanged(old: ParagraphChunk, new: ParagraphChunk)
    /// Edited: the old paragraph became the new one.
    case changed(old: ParagraphChunk, new: ParagraphChunk)
    /// Only in the old version.
    case removed(ParagraphChunk)
    /// Only in the new version.
    case added(ParagraphChunk)
}

extension TextPair {
    /// One row per paragraph: unchanged ones as matched, and within a changed stretch the removed and added
    /// paragraphs paired so an edited paragraph sits beside what it became.
    func paragraphRows() -> [ParagraphRow] {
        paragraphStretches(old: 0 ..< old.count, new: 0 ..< new.count).flatMap { stretch -> [ParagraphRow] in
            switch stretch {
            case let .unchanged(old, new): [.unchanged(old: old, new: new)]
            case let .changed(removed, added): pairedRows(Array(removed), Array(added))
            }
        }
    }

    /// The side-by-side row of a paragraph row; nil when both sides have no text (blank lines, indentation).
    func diffRow(_ row: ParagraphRow) -> DiffRow? {
        switch row {
        case let .unchanged(old, _):
            guard !old.body.isEmpty else { return nil }
            let text = [DiffSegment(kind: .same, text: String(self.old[old.body]))]
            return DiffRow(left: text, right: text)
        case let .changed(old, new):
            let runs = cleanedUp(characterRuns(old.body, new.body), oldStart: old.body.lowerBound, newStart: new.body.lowerBound)
            let segments = self.segments(runs, oldStart: old.body.lowerBound, newStart: new.body.lowerBound)
            let left = segments.filter { $0.kind != .inserted }.merged()
            let right = segments.filter { $0.kind != .deleted }.merged()
            guard !left.isEmpty || !right.isEmpty else { return nil }
            return DiffRow(left: left.isEmpty ? nil : left, right: right.isEmpty ? nil : right)
        case let .removed(old):
            guard !old.body.isEmpty else { return nil }
            return DiffRow(left: [DiffSegment(kind: .deleted, text: String(self.old[old.body]))], right: nil)
        case let .added(new):
            guard !new.body.isEmpty else { return nil }
            return DiffRow(left: nil, right: [DiffSegment(kind: .inserted, text: String(self.new[new.body]))])
        }
    }

    private static let maximumAlignmentCells = 10_000
    /// Similarity below which two paragraphs are not shown as one edited paragraph.
    private static let pairingThreshold = 0.3

    /// Pairs removed with added paragraphs in order, maximising total similarity (a small alignment over the
    /// stretch); pairs too unlike stay apart as a removal and an addition. A single paragraph replaced by a
    /// single paragraph is always a change.
    private func pairedRows(_ removed: [ParagraphChunk], _ added: [ParagraphChunk]) -> [ParagraphRow] {
        if removed.isEmpty { return added.map { .added($0) } }
        if added.isEmpty { return removed.map { .removed($0) } }
        let pairs: [(Int, Int)]
        if removed.count == 1 && added.count == 1 {
            pairs = [(0, 0)]
        } else if removed.count * added.count > Self.maximumAlignmentCells {
            // A rewrite this large has no meaningful pairing; keep the order and bound the work.
            pairs = (0 ..< min(removed.count, added.count)).map { ($0, $0) }
        } else {
            pairs = similarPairs(removed, added)
        }

        var rows: [ParagraphRow] = []
        var oldIndex = 0, newIndex = 0
        for (oldPair, newPair) in pairs + [(removed.count, added.count)] {
            rows += removed[oldIndex ..< oldPair].map { .removed($0) }
            rows += added[newIndex ..< newPair].map { .added($0) }
            if oldPair < removed.count && newPair < added.count {
                rows.append(.changed(old: removed[oldPair], new: added[newPair]))
            }
            oldIndex = oldPair + 1
            newIndex = newPair + 1
        }
        return rows
    }

    private func similarPairs(_ removed: [ParagraphChunk], _ added: [ParagraphChunk]) -> [(Int, Int)] {
        let oldPairs = removed.map { CharacterPairs(oldIDs[$0.body]) }
        let newPairs = added.map { CharacterPairs(newIDs[$0.body]) }
        let columns = added.count + 1
        var score = [Double](repeating: 0, count: (removed.count + 1) * columns)
        for i in 1 ... removed.count {
            for j in 1 ... added.count {
                var best = max(score[(i - 1) * columns + j], score[i * columns + j - 1])
                let similarity = oldPairs[i - 1].similarity(to: newPairs[j - 1])
                if similarity >= Self.pairingThreshold {
                    best = max(best, score[(i - 1) * columns + j - 1] + similarity)
                }
                score[i * columns + j] = best
            }
        }
        var pairs: [(Int, Int)] = []
        var i = removed.count, j = added.count
        while i > 0 && j > 0 {
            if score[i * columns + j] == score[(i - 1) * columns + j] {
                i -= 1
            } else if score[i * columns + j] == score[i * columns + j - 1] {
                j -= 1
            } else {
                pairs.append((i - 1, j - 1))
                i -= 1
                j -= 1
            }
        }
        return pairs.reversed()
    }
}

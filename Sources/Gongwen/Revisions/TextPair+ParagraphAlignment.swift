/// A stretch of two versions' paragraphs: a paragraph unchanged in both, or the paragraphs that changed
/// between two unchanged ones (either side may be empty).
enum ParagraphStretch: Hashable, Sendable {
    case unchanged(old: ParagraphChunk, new: ParagraphChunk)
    case changed(removed: ArraySlice<ParagraphChunk>, added: ArraySlice<ParagraphChunk>)
}

extension TextPair {
    /// Matches unchanged paragraphs first, by a Myers diff over whole paragraphs (identical text is one
    /// symbol), so character comparison is confined to what changed and never matches text across an
    /// unchanged paragraph.
    func paragraphStretches(old oldRange: Range<Int>, new newRange: Range<Int>) -> [ParagraphStretch] {
        let oldChunks = ParagraphChunk.split(old, in: oldRange)
        let newChunks = ParagraphChunk.split(new, in: newRange)
        var symbols: [ArraySlice<Int>: Int] = [:]
        func symbol(_ text: ArraySlice<Int>) -> Int {
            if let symbol = symbols[text] { return symbol }
            let symbol = symbols.count
            symbols[text] = symbol
            return symbol
        }
        let oldSymbols = oldChunks.map { symbol(oldIDs[$0.body]) }
        let newSymbols = newChunks.map { symbol(newIDs[$0.body]) }

        var stretches: [ParagraphStretch] = []
        var oldIndex = 0, newIndex = 0, removed = 0, added = 0
        func flushChanges() {
            if removed + added > 0 {
                stretches.append(.changed(removed: oldChunks[oldIndex ..< oldIndex + removed], added: newChunks[newIndex ..< newIndex + added]))
            }
            oldIndex += removed
            newIndex += added
            removed = 0
            added = 0
        }
        for run in Myers.runs(oldSymbols[...], newSymbols[...]) {
            switch run.kind {
            case .deleted: removed += run.count
            case .inserted: added += run.count
            case .same:
                flushChanges()
                for _ in 0 ..< run.count {
                    stretches.append(.unchanged(old: oldChunks[oldIndex], new: newChunks[newIndex]))
                    oldIndex += 1
                    newIndex += 1
                }
            }
        }
        flushChanges()
        return stretches
    }

    /// The character-level script of one stretch, separators included, so the stretches' scripts concatenate
    /// to the script of the whole range. Changed paragraphs are compared as one text, so a paragraph split in
    /// two or two merged into one shows only the break that came or went.
    func runs(of stretch: ParagraphStretch) -> [EditRun] {
        switch stretch {
        case let .unchanged(old, new):
            return [EditRun(kind: .same, count: old.body.count)] + characterRuns(old.separator, new.separator)
        case let .changed(removed, added):
            let oldSpan = removed.first.map { $0.whole.lowerBound ..< removed[removed.endIndex - 1].whole.upperBound } ?? 0 ..< 0
            let newSpan = added.first.map { $0.whole.lowerBound ..< added[added.endIndex - 1].whole.upperBound } ?? 0 ..< 0
            return characterRuns(oldSpan, newSpan)
        }
    }
}

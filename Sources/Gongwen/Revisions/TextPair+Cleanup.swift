extension TextPair {
    /// Makes a script read well without changing what it says: an insertion or deletion that could sit in
    /// several places sits on a paragraph or sentence boundary, numbers and Latin words change whole
    /// (5月1~~0~~15日 becomes 5月~~10~~15日), and a character or two matched by chance inside a rewritten
    /// phrase are folded into it, so the phrase shows as one deletion and one insertion instead of
    /// interleaved single characters. Equalities holding a line break are never folded, so edits stay within
    /// their paragraphs.
    func cleanedUp(_ runs: [EditRun], oldStart: Int, newStart: Int) -> [EditRun] {
        var blocks = EditBlock.blocks(runs)
        blocks = shiftingToBoundaries(blocks, oldStart: oldStart, newStart: newStart).normalized()
        blocks = extendingToWholeWords(blocks, oldStart: oldStart, newStart: newStart).normalized()
        blocks = foldingShortEqualities(blocks, oldStart: oldStart)
        // Folding makes new, larger replacements; their parts may now have better places.
        blocks = shiftingToBoundaries(blocks, oldStart: oldStart, newStart: newStart).normalized()
        return EditBlock.runs(blocks)
    }

    /// diff-match-patch's lossless shift: an insertion or deletion can slide along its text while the
    /// character it gives up at one end is the one it takes at the other (deleting 第二段 from 第一段…第二段…第三段
    /// can start after 第一段。 or after its 第), and goes where its ends score best as boundaries, the later place
    /// on a tie. In a replacement the deletion may slide back and the insertion forward, each only to a
    /// better place: a paragraph added after an edited one then starts on its own line instead of taking
    /// the edited one's closing 。.
    private func shiftingToBoundaries(_ blocks: [EditBlock], oldStart: Int, newStart: Int) -> [EditBlock] {
        var blocks = blocks
        var runs: [EditRun] = []
        var oldPosition = oldStart, newPosition = newStart
        for index in blocks.indices {
            let block = blocks[index]
            let following = index + 1 < blocks.count ? blocks[index + 1].same : 0
            oldPosition += block.same
            newPosition += block.same
            // Characters the deletion moves back and the insertion moves forward.
            var back = 0, forward = 0
            if block.isReplacement {
                back = -Self.bestSlide(old, start: oldPosition, length: block.deleted, back: block.same, forward: 0, preferLater: false)
                forward = Self.bestSlide(new, start: newPosition, length: block.inserted, back: 0, forward: following, preferLater: false)
            } else if block.deleted > 0 {
                let shift = Self.bestSlide(old, start: oldPosition, length: block.deleted, back: block.same, forward: following, preferLater: true)
                (back, forward) = (max(0, -shift), max(0, shift))
            } else if block.inserted > 0 {
                let shift = Self.bestSlide(new, start: newPosition, length: block.inserted, back: block.same, forward: following, preferLater: true)
                (back, forward) = (max(0, -shift), max(0, shift))
            }
            // A pure edit moves whole (back or forward is zero), so the characters it passes change sides; in a
            // replacement the characters both parts pass end up between them.
            if block.isReplacement {
                runs += [EditRun(kind: .same, count: block.same - back), EditRun(kind: .deleted, count: block.deleted),
                         EditRun(kind: .same, count: back + forward), EditRun(kind: .inserted, count: block.inserted)]
            } else {
                runs += [EditRun(kind: .same, count: block.same - back + forward), EditRun(kind: .deleted, count: block.deleted),
                         EditRun(kind: .inserted, count: block.inserted), EditRun(kind: .same, count: back)]
            }
            if forward > 0 { blocks[index + 1].same -= forward }
            oldPosition += block.deleted + forward
            newPosition += block.inserted + forward
        }
        return EditBlock.blocks(runs)
    }

    /// How far (negative: back) the edit `text[start ..< start + length]` should slide, at most `back`
    /// characters back and `forward` forward through the equal text around it. It stays unless a place
    /// scores better; with `preferLater`, the latest of the best places.
    private static func bestSlide(_ text: [Character], start: Int, length: Int, back: Int, forward: Int, preferLater: Bool) -> Int {
        func score(_ position: Int) -> Int { boundaryScore(text, position) + boundaryScore(text, position + length) }
        var position = start
        while position > start - back, text[position - 1] == text[position + length - 1] { position -= 1 }
        var best = start, bestScore = score(start)
        while true {
            let candidate = score(position)
            if candidate > bestScore || (preferLater && candidate == bestScore && position > best) {
                best = position
                bestScore = candidate
            }
            guard position < start + forward, text[position] == text[position + length] else { break }
            position += 1
        }
        return best - start
    }

    /// How good a place the gap before `text[index]` is for an edit to begin or end: the start of a paragraph
    /// best, then a line break, then the end of a sentence, then other punctuation.
    private static func boundaryScore(_ text: [Character], _ index: Int) -> Int {
        guard index > 0, index < text.count else { return 7 }
        let before = text[index - 1], after = text[index]
        if before.isNewline { return after.isWhitespace ? 5 : 6 }
        if after.isNewline { return 4 }
        if "。！？；!?;".contains(before) { return 3 }
        if before.isPunctuation || before.isWhitespace { return 2 }
        if after.isPunctuation || after.isWhitespace { return 1 }
        return 0
    }

    /// Widens each edit over the letters and digits it cuts through. The widened part is the same in both
    /// texts, so it is both deleted and inserted.
    private func extendingToWholeWords(_ blocks: [EditBlock], oldStart: Int, newStart: Int) -> [EditBlock] {
        var blocks = blocks
        var oldPosition = oldStart, newPosition = newStart
        for index in blocks.indices {
            oldPosition += blocks[index].same
            newPosition += blocks[index].same
            var block = blocks[index]
            if block.hasEdits {
                let startsInWord = (block.deleted > 0 && old[oldPosition].isWordCharacter)
                    || (block.inserted > 0 && new[newPosition].isWordCharacter)
                if startsInWord {
                    var count = 0
                    while count < block.same, old[oldPosition - 1 - count].isWordCharacter { count += 1 }
                    block.same -= count
                    block.deleted += count
                    block.inserted += count
                    oldPosition -= count
                    newPosition -= count
                }
                let endsInWord = (block.deleted > 0 && old[oldPosition + block.deleted - 1].isWordCharacter)
                    || (block.inserted > 0 && new[newPosition + block.inserted - 1].isWordCharacter)
                if endsInWord, index + 1 < blocks.count {
                    var count = 0
                    while count < blocks[index + 1].same, old[oldPosition + block.deleted + count].isWordCharacter { count += 1 }
                    blocks[index + 1].same -= count
                    block.deleted += count
                    block.inserted += count
                }
            }
            blocks[index] = block
            oldPosition += block.deleted
            newPosition += block.inserted
        }
        return blocks
    }

    /// Folds an equality into the edits around it when it is most likely a chance match inside a rewrite
    /// (diff-match-patch's semantic clean-up, tuned for Chinese): both neighbours are edits, at least one of
    /// them replaces text, and the equality is a single character, or two characters between edits longer than
    /// two on both sides. Two kept characters are often a word (认真 between two additions, 贯彻 before 执行 →
    /// 落实) and stay. Repeated until nothing changes, as folding makes the neighbouring edits larger.
    private func foldingShortEqualities(_ blocks: [EditBlock], oldStart: Int) -> [EditBlock] {
        var blocks = blocks
        var folded = true
        while folded {
            folded = false
            var result: [EditBlock] = []
            var oldPosition = oldStart
            for block in blocks {
                if let previous = result.last, previous.hasEdits, block.hasEdits,
                   block.same <= 2,
                   previous.isReplacement || block.isReplacement,
                   max(previous.deleted, previous.inserted) >= Self.shortestEditToFold(block.same),
                   max(block.deleted, block.inserted) >= Self.shortestEditToFold(block.same),
                   !old[oldPosition ..< oldPosition + block.same].contains(where: \.isNewline) {
                    result[result.count - 1].deleted += block.same + block.deleted
                    result[result.count - 1].inserted += block.same + block.inserted
                    folded = true
                } else {
                    result.append(block)
                }
                oldPosition += block.same + block.deleted
            }
            blocks = result
        }
        return blocks
    }

    /// How long the edits on each side of an equality must be for it to fold.
    private static func shortestEditToFold(_ equality: Int) -> Int {
        equality == 1 ? 1 : equality + 1
    }
}

private extension Character {
    /// ASCII and full-width letters and digits: the parts of a Chinese document that are words of their own.
    var isWordCharacter: Bool {
        guard unicodeScalars.count == 1, let scalar = unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x30 ... 0x39, 0x41 ... 0x5A, 0x61 ... 0x7A, 0xFF10 ... 0xFF19, 0xFF21 ... 0xFF3A, 0xFF41 ... 0xFF5A: return true
        default: return false
        }
    }
}

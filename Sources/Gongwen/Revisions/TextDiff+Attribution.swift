extension TextDiff {
    /// The 花脸稿 of a whole chain of revisions, first to last: text of the first revision still in the last is
    /// `same`; text a later revision inserted and no one removed is `inserted` with that revision's index; text
    /// a revision removed stays in place, `deleted`, with the index of the revision that removed it (also when
    /// an earlier revision had inserted it). Joining the `same` and `inserted` segments gives the last text.
    public static func attributed(_ revisions: [Revision]) -> [AttributedSegment] {
        guard let first = revisions.first else { return [] }
        var pieces = [AttributedPiece(kind: .same, characters: Array(first.text), revision: nil)].merged()
        for index in revisions.indices.dropFirst() {
            pieces = pieces.applying(revision: index, text: Array(revisions[index].text))
        }
        return pieces.map { AttributedSegment(kind: $0.kind, text: String($0.characters), revision: $0.revision) }
    }
}

/// A run of the 花脸稿 being built, kept as characters so positions match the diff's exactly.
private struct AttributedPiece {
    var kind: DiffSegment.Kind
    var characters: [Character]
    var revision: Int?
}

private extension [AttributedPiece] {
    /// The pieces after the revision at `index` turned the current text (every piece not deleted) into `text`:
    /// kept text keeps its attribution, removed text becomes deleted by this revision, new text is inserted
    /// by it. Deleted pieces from earlier revisions pass through in place; new text goes after them.
    func applying(revision index: Int, text: [Character]) -> [AttributedPiece] {
        let current = filter { $0.kind != .deleted }.flatMap(\.characters)
        let pair = TextPair(old: current, new: text)
        var cursor = Cursor(pieces: self)
        var result: [AttributedPiece] = []
        var newPosition = 0
        for run in pair.inlineRuns() {
            switch run.kind {
            case .same:
                cursor.take(run.count, into: &result) { $0 }
                newPosition += run.count
            case .deleted:
                cursor.take(run.count, into: &result) { AttributedPiece(kind: .deleted, characters: $0.characters, revision: index) }
            case .inserted:
                cursor.passDeleted(into: &result)
                result.append(AttributedPiece(kind: .inserted, characters: [Character](text[newPosition ..< newPosition + run.count]), revision: index))
                newPosition += run.count
            }
        }
        cursor.passDeleted(into: &result)
        return result.merged()
    }

    /// Joins neighbours of the same kind and revision and drops empty pieces.
    func merged() -> [AttributedPiece] {
        var result: [AttributedPiece] = []
        for piece in self where !piece.characters.isEmpty {
            if let last = result.last, last.kind == piece.kind, last.revision == piece.revision {
                result[result.count - 1].characters += piece.characters
            } else {
                result.append(piece)
            }
        }
        return result
    }
}

/// Walks the pieces of the previous step while the diff of the current text is applied.
private struct Cursor {
    let pieces: [AttributedPiece]
    var index = 0
    /// Characters of `pieces[index]` already taken.
    var offset = 0

    mutating func passDeleted(into result: inout [AttributedPiece]) {
        while offset == 0, index < pieces.count, pieces[index].kind == .deleted {
            result.append(pieces[index])
            index += 1
        }
    }

    /// Takes `count` characters of current (not deleted) text, piece by piece, through `transform`.
    mutating func take(_ count: Int, into result: inout [AttributedPiece], _ transform: (AttributedPiece) -> AttributedPiece) {
        var remaining = count
        while remaining > 0, index < pieces.count {
            passDeleted(into: &result)
            guard index < pieces.count else { break }
            let piece = pieces[index]
            let taken = Swift.min(remaining, piece.characters.count - offset)
            var part = piece
            part.characters = Array(piece.characters[offset ..< offset + taken])
            result.append(transform(part))
            offset += taken
            remaining -= taken
            if offset >= piece.characters.count {
                index += 1
                offset = 0
            }
        }
    }
}

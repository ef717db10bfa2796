/// Two versions of a text as characters (graphemes, so a character is never split), with a small integer
/// standing for each distinct character so the algorithms compare integers.
struct TextPair {
    let old: [Character]
    let new: [Character]
    let oldIDs: [Int]
    let newIDs: [Int]

    init(old: [Character], new: [Character]) {
        var ids: [Character: Int] = [:]
        func id(_ character: Character) -> Int {
            if let id = ids[character] { return id }
            let id = ids.count
            ids[character] = id
            return id
        }
        self.old = old
        self.new = new
        oldIDs = old.map(id)
        newIDs = new.map(id)
    }

    /// The character-level edit script between two ranges, exactly as Myers finds it.
    func characterRuns(_ oldRange: Range<Int>, _ newRange: Range<Int>) -> [EditRun] {
        Myers.runs(oldIDs[oldRange], newIDs[newRange])
    }

    /// The script for the whole texts: common prefix and suffix first (cheap, and most edits leave most of
    /// a document alone), then the middle paragraph by paragraph, then the readability clean-up.
    func inlineRuns() -> [EditRun] {
        let shorter = min(old.count, new.count)
        var prefix = 0
        while prefix < shorter, oldIDs[prefix] == newIDs[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < shorter - prefix, oldIDs[old.count - 1 - suffix] == newIDs[new.count - 1 - suffix] { suffix += 1 }

        var runs = [EditRun(kind: .same, count: prefix)]
        for stretch in paragraphStretches(old: prefix ..< old.count - suffix, new: prefix ..< new.count - suffix) {
            runs += self.runs(of: stretch)
        }
        runs.append(EditRun(kind: .same, count: suffix))
        return cleanedUp(runs, oldStart: 0, newStart: 0)
    }

    /// The text of a script whose first run starts at the given positions.
    func segments(_ runs: [EditRun], oldStart: Int, newStart: Int) -> [DiffSegment] {
        var oldPosition = oldStart, newPosition = newStart
        var segments: [DiffSegment] = []
        for run in runs {
            switch run.kind {
            case .same:
                segments.append(DiffSegment(kind: .same, text: String(old[oldPosition ..< oldPosition + run.count])))
                oldPosition += run.count
                newPosition += run.count
            case .deleted:
                segments.append(DiffSegment(kind: .deleted, text: String(old[oldPosition ..< oldPosition + run.count])))
                oldPosition += run.count
            case .inserted:
                segments.append(DiffSegment(kind: .inserted, text: String(new[newPosition ..< newPosition + run.count])))
                newPosition += run.count
            }
        }
        return segments.merged()
    }
}

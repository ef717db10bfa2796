/// An edit script in canonical form: an equality, then the deletion and insertion that follow it. Within
/// the edits between two equalities the deleted characters are contiguous in the old text and the inserted
/// ones in the new, so putting the deletion first loses nothing and reads as "this became that".
struct EditBlock: Hashable, Sendable {
    var same: Int
    var deleted: Int
    var inserted: Int

    var hasEdits: Bool { deleted + inserted > 0 }
    /// Text replaced by other text, rather than only added or only removed.
    var isReplacement: Bool { deleted > 0 && inserted > 0 }

    static func blocks(_ runs: some Sequence<EditRun>) -> [EditBlock] {
        var blocks = [EditBlock(same: 0, deleted: 0, inserted: 0)]
        for run in runs where run.count > 0 {
            switch run.kind {
            case .same:
                if blocks[blocks.count - 1].hasEdits {
                    blocks.append(EditBlock(same: run.count, deleted: 0, inserted: 0))
                } else {
                    blocks[blocks.count - 1].same += run.count
                }
            case .deleted: blocks[blocks.count - 1].deleted += run.count
            case .inserted: blocks[blocks.count - 1].inserted += run.count
            }
        }
        return blocks
    }

    static func runs(_ blocks: [EditBlock]) -> [EditRun] {
        blocks.flatMap { block in
            [EditRun(kind: .same, count: block.same), EditRun(kind: .deleted, count: block.deleted),
             EditRun(kind: .inserted, count: block.inserted)].filter { $0.count > 0 }
        }
    }
}

extension [EditBlock] {
    /// Joins blocks whose equality a clean-up step has emptied with the edits before them.
    func normalized() -> [EditBlock] {
        EditBlock.blocks(EditBlock.runs(self))
    }
}

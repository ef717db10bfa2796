import Foundation

extension ProcessInstance {
    /// The instance without the history no command reads any more, so persisting it after each command
    /// does not write the whole history again (the events are the history; keep them elsewhere).
    ///
    /// Kept: every open task; for each step (node id), the last completed task there, both the last
    /// created (the one 退回 gives the step back to) and the last to be completed (the one the diagram's
    /// caption shows; they differ after 前加签, whose added task is created later but done first); every
    /// task an open task refers to (`previousTask` for 退回 to the previous step and for 收回, `addedTo`
    /// and `onHoldFor` of 加签), and from such a previous task back along `previousTask` for as long as
    /// the tasks are completed, because 收回 of a completed task re-creates it pointing at *its* previous
    /// task, and the one before may then be taken back in turn (so a process that loops keeps the chain
    /// of its current path). Dropped: every other done task, and 传阅 items already read (queued and
    /// unread ones stay).
    ///
    /// Every command then gives the same tasks, events and status as on the full instance, except that
    /// one naming a dropped task or item answers `taskNotFound` / `circulationNotFound` instead of
    /// `taskNotOpen`, `withdrawNotAllowed` or (for marking an item read twice) nothing; in particular a
    /// reader can no longer pass on (`passOn`) an item they had already read. Ids, counters and the
    /// `version` are untouched: compaction is not a command.
    public func compacted() -> ProcessInstance {
        var keep: Set<Int> = []
        var lastCreated: [String: Int] = [:]
        var lastDone: [String: (id: Int, at: Date)] = [:]
        for task in tasks {
            switch task.state {
            case .open:
                keep.insert(task.id)
                keep.formUnion([task.addedTo, task.onHoldFor].compactMap { $0 })
            case .completed:
                lastCreated[task.node] = task.id
                let at = task.completedAt ?? task.createdAt
                if let done = lastDone[task.node], done.at > at { continue }
                lastDone[task.node] = (task.id, at)
            case .cancelled, .returned, .withdrawn:
                break
            }
        }
        keep.formUnion(lastCreated.values)
        keep.formUnion(lastDone.values.map(\.id))

        let byID = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var pending = tasks.filter { $0.state == .open }.compactMap(\.previousTask)
        var visited: Set<Int> = []
        while let id = pending.popLast() {
            guard visited.insert(id).inserted, let task = byID[id] else { continue }
            keep.insert(id)
            if task.state == .completed, let previous = task.previousTask { pending.append(previous) }
        }

        var compacted = self
        compacted.tasks = tasks.filter { keep.contains($0.id) }
        compacted.circulations = circulations.filter { $0.state != .read }
        return compacted
    }
}

import Fluent
import Foundation

/// What is owed and how far along an item is: `next_due` (the colours and filters read it) kept after every change,
/// and progress rolled up from 子事项 to the lead unit of the item they were split from.
enum SupervisionProgress {
    /// Sets `item.nextDue` to the earliest day owed while it is being handled (the deadline, or a unit's report day).
    static func refresh(_ item: SupervisionItem, on db: any Database) async throws {
        guard item.stateValue == .open else {
            item.nextDue = nil
            return
        }
        let reports = try await SupervisionAssignment.query(on: db).filter(\.$itemID == item.requireID()).all().compactMap(\.nextReportDue)
        item.nextDue = ([item.deadline] + reports).min()
    }

    /// An item's progress: 100 once 办结; otherwise the mean of its units', where a unit that split its part takes the
    /// mean of its 子事项.
    static func percent(of item: SupervisionItem, on db: any Database) async throws -> Int {
        if item.stateValue == .completed { return 100 }
        let id = try item.requireID()
        let assignments = try await SupervisionAssignment.query(on: db).filter(\.$itemID == id).all()
        guard !assignments.isEmpty else { return 0 }
        return assignments.map(\.progress).reduce(0, +) / assignments.count
    }

    /// After a 子事项 moved on: its lead unit's part of the parent item becomes the mean of that unit's sub-items still
    /// counted (a stopped or withdrawn one is not), if more.
    static func rollUp(from child: SupervisionItem, on db: any Database) async throws {
        guard let parentID = child.parentID else { return }
        let siblings = try await SupervisionItem.query(on: db).filter(\.$parentID == parentID).filter(\.$ownerUnitID == child.ownerUnitID)
            .filter(\.$state !~ [SupervisionItem.State.cancelled.rawValue, SupervisionItem.State.terminated.rawValue]).all()
        guard !siblings.isEmpty else { return }
        var total = 0
        for sibling in siblings { total += try await percent(of: sibling, on: db) }
        let mean = total / siblings.count
        guard let part = try await SupervisionAssignment.query(on: db).filter(\.$itemID == parentID).filter(\.$unitID == child.ownerUnitID)
            .filter(\.$departmentID == nil).first(), part.progress < mean else { return }
        part.progress = mean
        try await part.update(on: db)
    }
}

import Fluent
import Foundation

/// Who enters and who reads 领导日程; part of the one scoping place (``Access``).
///
/// - **Editors** (领导日程管理员, `schedule.manage`): the secretaries and office of a unit enter its leaders' activities and
///   publish its weeks. A unit's office is often a unit of its own (市政府办公室 serves 市政府), so an editor works for their
///   own unit and the government their office serves — as far as their grant's scope reaches.
/// - **A leader** always sees their own activities (published or not; they are in their 日程 and feed).
/// - **A published week** is read by the unit's own people (for a government: its office's people too), by the leaders of
///   the units above it (a county's week by the city's and the city office's leaders) and by editors whose grant covers it
///   (the city office compiles the counties' weeks). Before publishing only the editors see it.
/// - Anyone else gets 404 for an activity, and an empty table for a week.
extension Access {
    /// The units whose leaders' activities the person enters and whose weeks they publish.
    var scheduleUnits: Set<UUID> {
        guard has(.scheduleManage) else { return [] }
        return servedUnits.union([unitID]).filter { covers(.scheduleManage, unit: $0) }
    }

    func managesSchedule(of unit: UUID) -> Bool {
        scheduleUnits.contains(unit)
    }

    /// Reading `unit`'s published weeks.
    func readsPublishedSchedule(of unit: UUID) -> Bool {
        let own = servedUnits.union([unitID])
        if own.contains(unit) || covers(.scheduleManage, unit: unit) { return true }
        return leadsUnit && own.contains { tree.isWithin(unit, ancestor: $0) }
    }

    /// Reading `unit`'s week as it stands (published or not).
    func readsSchedule(of unit: UUID, published: Bool) -> Bool {
        managesSchedule(of: unit) || (published && readsPublishedSchedule(of: unit))
    }

    /// Seeing one activity; `published`: whether its unit's week is.
    func canView(_ activity: LeaderActivity, published: Bool) -> Bool {
        activity.leaderID == userID || readsSchedule(of: activity.unitID, published: published)
    }

    /// The units whose week tables the person may open (each still shows only what they may read), in tree order.
    var scheduleUnitChoices: [UUID] {
        var units = scheduleUnits.union(servedUnits).union([unitID])
        switch scope(of: .scheduleManage) {
        case .all: units.formUnion(tree.all)
        case .units(let set): units.formUnion(set)
        }
        if leadsUnit { for own in servedUnits.union([unitID]) { units.formUnion(tree.subtree(of: own)) } }
        return units.sorted { (tree.depth(of: $0), tree.nameOf[$0] ?? "") < (tree.depth(of: $1), tree.nameOf[$1] ?? "") }
    }
}

import Fluent
import Foundation

/// Who opens, handles and sees 督办事项; part of the one scoping place (``Access``).
///
/// - The **督查室** of an item: the 督查员 of its owner unit (the unit that opened it, or the 政府办公室 serving that
///   government; for a 子事项 the lead unit that split it). They edit it, check reports, decide 延期 and 办结, 评价,
///   终止/撤销. The units they may give items to are those their grant covers. They also follow the 子事项 their
///   items were split into (read-only: those are the lead unit's to check).
/// - A **responsible unit's** people: its own 督查员 (the role held in that unit, or in the 政府办公室 that serves it)
///   handle its part (分解, 反馈, 延期申请, 办结申请); for a department of the lead unit, that department's people too.
///   The unit's leaders see it.
/// - The **责任领导** sees it, chases it and decides 延期.
/// - Anyone else gets 404, as if it did not exist.
extension Access {
    /// Opening items for `unit` (as 主办 or 协办): the units the person's 督查室 grant reaches.
    func supervises(_ unit: UUID) -> Bool {
        covers(.supervisionManage, unit: unit)
    }

    /// Acting as the item's 督查室.
    func isSupervisionOffice(of item: SupervisionItem) -> Bool {
        handledSupervisionUnits.contains(item.ownerUnitID)
    }

    /// The units whose part the person handles as a 督查员: their own, and for a 政府办公室 the government it serves.
    var handledSupervisionUnits: Set<UUID> {
        has(.supervisionManage) ? servedUnits.union([unitID]) : []
    }

    /// The departments the person belongs to (a 子事项 given to a department is handled by its people).
    func departments(on db: any Database) async throws -> Set<UUID> {
        Set(try await UserDepartment.query(on: db).filter(\.$user.$id == userID).all().map(\.$department.id))
    }

    /// Handling `assignment` (reporting on it; for the 主办, asking for 延期 and 办结, splitting it).
    func handles(_ assignment: SupervisionAssignment, departments: Set<UUID>) -> Bool {
        if let department = assignment.departmentID, departments.contains(department) { return true }
        return handledSupervisionUnits.contains(assignment.unitID)
    }

    /// Leading the unit of `assignment` (its leaders follow it, read-only).
    func leadsSupervised(_ assignment: SupervisionAssignment) -> Bool {
        leadsUnit && assignment.unitID == unitID
    }

    func canView(_ item: SupervisionItem, on db: any Database) async throws -> Bool {
        if isSupervisionOffice(of: item) || item.leaderID == userID { return true }
        let assignments = try await SupervisionAssignment.query(on: db).filter(\.$itemID == item.requireID()).all()
        let departments = try await departments(on: db)
        if assignments.contains(where: { handles($0, departments: departments) || leadsSupervised($0) }) { return true }
        // The 督查室 of an item this one was split from (at any depth) follows it.
        var parentID = item.parentID
        var depth = 0
        while let id = parentID, depth < 8, let parent = try await SupervisionItem.find(id, on: db) {
            if isSupervisionOffice(of: parent) || parent.leaderID == userID { return true }
            parentID = parent.parentID
            depth += 1
        }
        return false
    }

    /// The items a list shows, the one rule of pages and API: those the person's 督查室 owns, those they are 责任领导
    /// of, and those a unit or department they act for is responsible for.
    func supervisionItems(on db: any Database) async throws -> QueryBuilder<SupervisionItem> {
        var units = handledSupervisionUnits
        if leadsUnit { units.insert(unitID) }
        let departments = try await departments(on: db)
        var responsible = Set<UUID>()
        if !units.isEmpty {
            responsible.formUnion(try await SupervisionAssignment.query(on: db).filter(\.$unitID ~~ Array(units)).field(\.$itemID).all().map(\.itemID))
        }
        if !departments.isEmpty {
            responsible.formUnion(try await SupervisionAssignment.query(on: db).filter(\.$departmentID ~~ departments.map { Optional($0) })
                .field(\.$itemID).all().map(\.itemID))
        }
        let offices = Array(handledSupervisionUnits)
        let me = userID
        // What the person's 督查室 or leadership reaches, and one level of 子事项 split from it.
        var followed = Set<UUID>()
        if !offices.isEmpty {
            followed.formUnion(try await SupervisionItem.query(on: db).filter(\.$ownerUnitID ~~ offices).field(\.$id).all().compactMap(\.id))
        }
        followed.formUnion(try await SupervisionItem.query(on: db).filter(\.$leaderID == me).field(\.$id).all().compactMap(\.id))
        let parents = followed.sorted { $0.uuidString < $1.uuidString }
        let ids = responsible.sorted { $0.uuidString < $1.uuidString }
        return SupervisionItem.query(on: db).group(.or) { group in
            if !offices.isEmpty { group.filter(\.$ownerUnitID ~~ offices) }
            group.filter(\.$leaderID == me)
            if !ids.isEmpty { group.filter(\.$id ~~ ids) }
            if !parents.isEmpty { group.filter(\.$parentID ~~ parents.map { Optional($0) }) }
        }
    }
}

import Fluent
import Foundation

/// Who edits, approves and reads 刊物; part of the one scoping place (``Access``).
///
/// - **Editors** of a 刊物: holders of `report.edit` (信息编辑) over its unit. They create 刊物, compose and submit
///   issues, see every issue of it, put items and issues on leaders' 信息专供, and turn a 批示 into a 督办事项 (which
///   also needs the 督查室's own permission, checked by 督查督办).
/// - **Approvers** see an issue through its approval task (the workflow's own rule).
/// - **Readers** of a published issue (chosen at publishing, or added when the office put it on their 信息专供) read it;
///   those who lead a unit write 批示.
/// - Anyone else gets 404, as if it did not exist.
extension Access {
    /// Editing the 刊物 of `unit` (creating them, composing their issues).
    func editsBulletins(of unit: UUID) -> Bool {
        covers(.reportEdit, unit: unit)
    }

    /// Seeing a 刊物 at all (its name, and the issues one may see).
    func canView(_ bulletin: Bulletin, on db: any Database) async throws -> Bool {
        if editsBulletins(of: bulletin.unitID) { return true }
        return try await BulletinReader.query(on: db).join(BulletinIssue.self, on: \BulletinReader.$issueID == \BulletinIssue.$id)
            .filter(BulletinIssue.self, \.$bulletinID == bulletin.requireID()).filter(\.$userID == userID).first() != nil
    }

    func canView(_ issue: BulletinIssue, on db: any Database) async throws -> Bool {
        if editsBulletins(of: issue.unitID) { return true }
        if try await isReader(of: issue, on: db) { return true }
        guard let instanceID = issue.instanceID, let instance = try await WorkflowInstanceRecord.find(instanceID, on: db) else { return false }
        return try await canView(instance, on: db)
    }

    /// A reader of the published issue.
    func isReader(of issue: BulletinIssue, on db: any Database) async throws -> Bool {
        guard issue.statusValue == .published else { return false }
        return try await BulletinReader.query(on: db).filter(\.$issueID == issue.requireID()).filter(\.$userID == userID).first() != nil
    }

    /// Writing a 批示 on an item of `issue`: its readers who lead a unit.
    func mayInstruct(on issue: BulletinIssue, on db: any Database) async throws -> Bool {
        guard leadsUnit else { return false }
        return try await isReader(of: issue, on: db)
    }

    /// Putting things on a leader's 信息专供: 信息编辑 and 文书 (`report.edit` or `document.register`) over the leader's
    /// unit, or over the unit their office serves.
    func keepsReadingList(of leaderUnit: UUID) -> Bool {
        for permission in [Permission.reportEdit, .documentRegister] {
            if covers(permission, unit: leaderUnit) { return true }
            if has(permission) && servedUnits.contains(leaderUnit) { return true }
        }
        return false
    }

    var keepsAnyReadingList: Bool { has(.reportEdit) || has(.documentRegister) }
}

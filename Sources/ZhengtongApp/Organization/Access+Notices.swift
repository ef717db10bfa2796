import Fluent
import Foundation

/// Who publishes, keeps and reads 通知公告; part of the one scoping place (``Access``).
extension Access {
    /// Publishing in `column`: holders of its publisher role over its unit.
    func canPublish(in column: NoticeColumn) -> Bool {
        !column.isDisabled && grants.contains { grant in
            grant.role == column.publisherRole && (grant.scope.map { tree.isWithin(column.unitID, ancestor: $0) } ?? true)
        }
    }

    /// Keeping a unit's columns: its administrators (`organization.manage` over it).
    func keepsColumns(of unit: UUID) -> Bool {
        covers(.organizationManage, unit: unit)
    }

    /// Seeing a notice: its author and the other publishers of its column, its recipients once it is published
    /// and not withdrawn, and whoever takes part in its review. Anyone else gets 404, as if it did not exist.
    func canView(_ notice: Notice, on db: any Database) async throws -> Bool {
        if try await manages(notice, on: db) { return true }
        if notice.statusValue == .published,
           try await NoticeRecipient.query(on: db).filter(\.$noticeID == notice.requireID()).filter(\.$userID == userID).first() != nil {
            return true
        }
        guard let instanceID = notice.instanceID, let instance = try await WorkflowInstanceRecord.find(instanceID, on: db) else { return false }
        return try await canView(instance, on: db)
    }

    /// Managing a notice once written (editing, 撤回, receipts, 催阅): its author, and the publishers of its column.
    func manages(_ notice: Notice, on db: any Database) async throws -> Bool {
        if notice.authorID == userID { return true }
        guard let column = try await NoticeColumn.find(notice.columnID, on: db) else { return false }
        return canPublish(in: column)
    }
}

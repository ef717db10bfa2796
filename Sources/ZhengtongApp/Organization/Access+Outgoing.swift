import Fluent
import Foundation

/// Who may see and edit a 发文; part of the one scoping place (``Access``).
extension Access {
    /// The drafter, anyone who takes part in its approval, and the unit's clerks.
    func canView(_ document: OutgoingDocument, on db: any Database) async throws -> Bool {
        if document.$drafter.id == userID || covers(.documentRegister, unit: document.$unit.id) { return true }
        guard let instanceID = document.instanceID, let instance = try await WorkflowInstanceRecord.find(instanceID, on: db) else { return false }
        return try await canView(instance, on: db)
    }

    /// The step whose holder may edit the text now: the drafter while drafting; during approval, whoever
    /// holds an open task on it (the edit is attributed to that step). Nil: may not edit.
    func editingStep(_ document: OutgoingDocument, on db: any Database) async throws -> String? {
        switch OutgoingDocument.Status(rawValue: document.status) {
        case .drafting?:
            return document.$drafter.id == userID ? OutgoingService.draftingStep : nil
        case .approving?:
            guard let instanceID = document.instanceID else { return nil }
            // 会签 signs or objects; it does not rewrite the text.
            let task = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$state == "open")
                .filter(\.$assigneeID == userID).filter(\.$node != "Countersign").first()
            return task?.name
        default:
            return nil
        }
    }
}

/// Which 发文 a list shows: those one drafted, or the unit's register.
enum OutgoingListScope: String, Sendable {
    /// 我的发文: drafted by the person.
    case mine
    /// 发文登记: every 发文 of the person's unit, for its clerks.
    case register
}

extension Access {
    /// The 发文 a list may show, the rule pages and API share: one's own drafts; the unit's whole register only
    /// for those who keep it (`document.register` over the unit), anyone else 403.
    func outgoingList(_ scope: OutgoingListScope, on db: any Database) throws -> QueryBuilder<OutgoingDocument> {
        switch scope {
        case .mine:
            return OutgoingDocument.query(on: db).filter(\.$drafter.$id == userID)
        case .register:
            guard covers(.documentRegister, unit: unitID) else { throw AppError.forbidden(Strings.Outgoing.registerForbidden) }
            return OutgoingDocument.query(on: db).filter(\.$unit.$id == unitID)
        }
    }
}

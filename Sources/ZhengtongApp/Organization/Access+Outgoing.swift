import Fluent
import Foundation
import Gongwen

/// Who may see and edit a 发文; part of the one scoping place (``Access``).
extension Access {
    /// The drafter, anyone who takes part in its approval, the unit's clerks, and — once the 主办机关 has sealed a
    /// 联合行文 — the seal keepers of its co-issuing units on the platform, who seal it too.
    func canView(_ document: OutgoingDocument, on db: any Database) async throws -> Bool {
        if document.$drafter.id == userID || covers(.documentRegister, unit: document.$unit.id) { return true }
        if let instanceID = document.instanceID, let instance = try await WorkflowInstanceRecord.find(instanceID, on: db),
           try await canView(instance, on: db) { return true }
        return try await sealsAsCoIssuer(document, on: db)
    }

    /// Whether the person keeps the seal of a co-issuing unit of a sealed 联合行文.
    func sealsAsCoIssuer(_ document: OutgoingDocument, on db: any Database) async throws -> Bool {
        guard try document.document().sealed else { return false }
        return try await OutgoingCoIssuers.onPlatform(document, on: db).contains { covers(.sealUse, unit: $0.unitID) }
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

import Fluent
import Foundation
import Gongwen
import Vapor

/// The business actions of drafting a 发文, each one service call that the page, autosave, the API and the
/// demo use alike: 新建 (`draft`) and 保存 (`edit`: the page's save, its autosave every minute and the API's
/// PATCH). Each runs in one transaction with its audit record; an edit after 签发 that changes what the
/// leader signed goes back to the signer in that same transaction (复核: "a substantive change goes back to
/// the signer"), so no door can store such an edit without it.
extension OutgoingService {
    /// Who acts, and how the audit log names them.
    typealias Actor = WorkflowService.Actor

    /// What an edit did.
    struct EditOutcome: Sendable {
        var document: OutgoingDocument
        /// A new version was saved (false: the text was the same).
        var changed: Bool
        /// The edit changed a signed document: it went back to the signer.
        var sentBackToSigner: Bool
    }

    /// 新建发文: a draft of `kind` under the 机关代字 `codeID` (or, from the API, the code's text `code`) of the
    /// caller's unit, in their primary department.
    static func draft(kind: DocumentKind, codeID: UUID?, code text: String?, access: Access, actor: Actor, app: Application) async throws -> OutgoingDocument {
        var query = IssuerCode.query(on: app.db).filter(\.$unit.$id == access.unitID).filter(\.$isEnabled == true)
        if let codeID { query = query.filter(\.$id == codeID) } else { query = query.filter(\.$code == (text ?? "")) }
        guard codeID != nil || !(text ?? "").isEmpty, let code = try await query.first() else {
            throw AppError.validation(Strings.Outgoing.issuerCodeRequired, fields: ["issuerCode": Strings.Outgoing.issuerCodeUnavailable])
        }
        guard let user = try await User.find(access.userID, on: app.db) else { throw AppError.unauthorized() }
        let department = try await UserDepartment.query(on: app.db).filter(\.$user.$id == access.userID).filter(\.$isPrimary == true).first()
        let audit = actor.audit
        return try await app.write { db in
            let document = try await create(kind: kind, code: code, by: user, departmentID: department?.$department.id, on: db)
            try await AuditLog.record(AuditEvent(action: "outgoing.create", targetType: "outgoing_document", targetID: document.id?.uuidString,
                                                 targetLabel: kind.title, after: ["code": code.code]), by: audit, on: db)
            return document
        }
    }

    /// 保存: `typed` over the current text — the fields a person types; 文号, 成文日期, 印章, 附件说明, 印发日期 and the
    /// letterhead are set by their steps and kept — as the next version, if it differs and nobody saved since
    /// `expectedVersion`. Only the person whose step it is may edit (``Access/editingStep(_:on:)``).
    static func edit(_ id: UUID, typed: OfficialDocument, expectedVersion: Int, access: Access, actor: Actor, app: Application,
                     at now: Date = Date()) async throws -> EditOutcome {
        let workflow = app.workflow
        return try await app.write { db in
            guard let document = try await OutgoingDocument.find(id, on: db), try await access.canView(document, on: db) else { throw AppError.notFound() }
            guard let step = try await access.editingStep(document, on: db) else { throw AppError.forbidden(Strings.Outgoing.notEditable) }
            let before = try document.document()
            let content = try typedFields(typed, over: before)
            guard try await save(document, content: content, expectedVersion: expectedVersion, by: access.userID, step: step, at: now, on: db) else {
                return EditOutcome(document: document, changed: false, sentBackToSigner: false)
            }
            try await AuditLog.record(AuditEvent(action: "outgoing.save", targetType: "outgoing_document", targetID: id.uuidString,
                                                 targetLabel: content.title, after: ["version": String(document.version), "step": step]),
                                      by: actor.audit, on: db)
            guard document.status == OutgoingDocument.Status.approving.rawValue, before.date != nil,
                  OutgoingActions.isSubstantive(before, content), let instanceID = document.instanceID,
                  let task = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$state == "open")
                    .filter(\.$assigneeID == access.userID).first(), task.node != OutgoingSteps.Node.sign
            else { return EditOutcome(document: document, changed: true, sentBackToSigner: false) }
            _ = try await workflow.perform(.returnTask(task: task.engineID, to: OutgoingSteps.Node.sign, reason: Strings.Outgoing.changedAfterSigning),
                                           on: instanceID, by: actor, at: now, in: db)
            return EditOutcome(document: document, changed: true, sentBackToSigner: true)
        }
    }

    /// The typed fields of `typed` over `current`, checked: what the steps set stays as it is; a field too long
    /// to store is refused with its own message.
    static func typedFields(_ typed: OfficialDocument, over current: OfficialDocument) throws -> OfficialDocument {
        var next = typed
        next.number = current.number
        next.date = current.date
        next.sealed = current.sealed
        next.attachments = current.attachments
        next.issuerMark = current.issuerMark
        next.style = current.style
        next.printedDate = current.printedDate
        var errors: [String: String] = [:]
        func limit(_ value: String?, _ field: String, _ count: Int, _ message: String = Strings.Outgoing.fieldTooLong) {
            if (value ?? "").count > count { errors[field] = message }
        }
        limit(next.title, "title", 200)
        limit(next.body, "body", 50_000, Strings.Outgoing.bodyTooLong)
        limit(next.classificationPeriod, "classificationPeriod", 20)
        limit(next.copyNumber, "copyNumber", 20)
        limit(next.signatureName, "signatureName", 60)
        limit(next.note, "note", 200)
        limit(next.printedBy, "printedBy", 60)
        if next.mainRecipients.count > 200 || next.ccRecipients.count > 200 || next.signers.count > 20 { errors["mainRecipients"] = Strings.Outgoing.fieldTooLong }
        for (field, names) in [("attendees", next.attendees), ("onLeave", next.onLeave), ("observers", next.observers)]
        where names.count > 500 || names.contains(where: { $0.count > 100 }) {
            errors[field] = Strings.Outgoing.fieldTooLong
        }
        if next.coIssuers.count > 8 || next.coIssuers.contains(where: { $0.count > 60 }) { errors["coIssuers"] = Strings.Outgoing.coIssuersTooMany }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return next
    }
}

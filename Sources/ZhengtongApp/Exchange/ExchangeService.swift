import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor

/// 公文交换: sending a dispatched document to its recipient units, 签收 (which registers it as 收文), 拒收/退回
/// and re-sending. Each change runs in the caller's transaction and is audited; a delivery changes state only
/// from 已送达 (`UPDATE … WHERE state = 'sent' RETURNING`), so of two clerks acting at once one wins and the
/// other gets 409 naming who did what.
enum ExchangeService {
    /// 封发: one package (the document as dispatched, its OFD and attachments) and one delivery per unit of
    /// the document's 分发范围; the recipients' clerks are notified. Nothing for a paper-only dispatch.
    static func dispatch(_ document: OutgoingDocument, by actor: WorkflowService.Actor, at now: Date, prepared: PreparedOFD? = nil,
                         on db: any Database) async throws {
        guard document.paperOnly != true, let distribution = Distribution.decode(document.distribution), !distribution.entries.isEmpty else { return }
        let sender = actor.userID ?? document.$drafter.id
        // Made from exactly what is dispatched (the 印发日期 a document without a seal gets now included), or made here.
        let current = try document.document()
        let ofd = prepared.flatMap { $0.content == current ? $0.ofd : nil }
        let package = try await makePackage(from: document, by: sender, at: now, ofd: ofd, on: db)
        for entry in distribution.entries {
            _ = try await deliver(package, to: entry.unit, role: entry.role, by: sender, note: nil, resendOf: nil, at: now, on: db)
        }
        try await AuditLog.record(AuditEvent(action: "exchange.send", targetType: "exchange_package", targetID: package.id?.uuidString,
                                             targetLabel: package.title,
                                             after: ["recipients": distribution.entries.map { "\($0.unit.uuidString):\($0.role.rawValue)" }.joined(separator: ",")]),
                                  by: actor.audit, on: db)
    }

    /// A package's OFD made before the dispatching command's transaction, from `content`.
    struct PreparedOFD: Sendable {
        var content: OfficialDocument
        var ofd: Data
    }

    /// The package of a dispatched document: its fields, OFD (with the seal and attachment pages) and files. `ofd`:
    /// made beforehand from this very version (else it is made here, inside the transaction).
    static func makePackage(from document: OutgoingDocument, by sender: UUID, at now: Date, ofd prepared: Data? = nil,
                            on db: any Database) async throws -> ExchangePackage {
        let content = try document.document()
        let package = ExchangePackage()
        package.id = UUID()
        package.senderUnitID = document.$unit.id
        package.outgoingDocumentID = try document.requireID()
        package.title = content.title
        package.number = content.number
        if let name = content.signatureName, !name.isEmpty {
            package.senderName = name
        } else {
            package.senderName = try await Unit.find(document.$unit.id, on: db)?.name ?? ""
        }
        package.content = try OutgoingContent.encode(content)
        if let prepared {
            package.ofd = prepared
        } else {
            package.ofd = try OutgoingOutput.ofd(try await OutgoingOutput.ofdInputs(document, on: db))
        }
        package.createdBy = sender
        package.createdAt = now
        try await package.create(on: db)
        let attachments = try await OutgoingAttachment.query(on: db).filter(\.$document.$id == document.requireID()).sort(\.$createdAt).all()
        for (index, attachment) in attachments.enumerated() {
            try await addFile(to: package, name: attachment.name, contentType: attachment.contentType, data: attachment.data, order: index, on: db)
        }
        return package
    }

    static func addFile(to package: ExchangePackage, name: String, contentType: String, data: Data, order: Int, on db: any Database) async throws {
        let file = ExchangePackageFile()
        file.packageID = try package.requireID()
        file.name = name
        file.contentType = contentType
        file.size = data.count
        file.sha256 = SHA256Hex.of(data)
        file.data = data
        file.sortOrder = order
        try await file.create(on: db)
    }

    /// One delivery, and the notice to the recipient's clerks.
    static func deliver(_ package: ExchangePackage, to unit: UUID, role: Delivery.Role, by sender: UUID, note: String?, resendOf: UUID?,
                        at now: Date, on db: any Database) async throws -> Delivery {
        let delivery = Delivery()
        delivery.id = UUID()
        delivery.packageID = try package.requireID()
        delivery.senderUnitID = package.senderUnitID
        delivery.recipientUnitID = unit
        delivery.role = role.rawValue
        delivery.state = Delivery.State.sent.rawValue
        delivery.version = 1
        delivery.sentBy = sender
        delivery.sentAt = now
        delivery.note = note
        delivery.resendOf = resendOf
        try await delivery.create(on: db)
        let id = try delivery.requireID()
        // A 特急 document reaches the clerks' phones whatever they chose, at any hour.
        let extraUrgent = [.extraUrgent, .flash].contains((try? package.document())?.urgency)
        try await Notifier.send(NotificationDraft(kind: .delivery, title: Strings.Exchange.deliveredTitle(sender: package.senderName, title: package.title),
                                                  body: package.number, link: SiteURL.delivery.link(id), key: "delivery:\(id)", urgent: extraUrgent),
                                to: try await ExchangeUnits.clerks(of: unit, on: db), at: now, on: db)
        return delivery
    }

    /// 签收: the delivery becomes 已签收 and an incoming document of the clerk's unit, with its 收文 process.
    static func accept(_ deliveryID: UUID, by clerk: User, actor: WorkflowService.Actor, workflow: WorkflowService, at now: Date,
                       on db: any Database) async throws -> IncomingDocument {
        let delivery = try await transition(deliveryID, to: .accepted, by: try clerk.requireID(), reason: nil, at: now, on: db)
        guard let package = try await ExchangePackage.find(delivery.packageID, on: db) else { throw AppError.notFound() }
        let content = try package.document()
        let particulars = IncomingRegistration.Particulars(
            senderName: package.senderName, senderNumber: package.number, title: package.title, kind: content.kind,
            classification: content.classification, urgency: content.urgency, copies: 1, dueAt: nil,
            handling: delivery.role == Delivery.Role.copy.rawValue ? .read : .handle, source: .exchange)
        let incoming = try await IncomingRegistration.register(particulars, deliveryID: deliveryID, packageID: package.id, by: clerk, actor: actor,
                                                               workflow: workflow, at: now, on: db)
        delivery.incomingDocumentID = try incoming.requireID()
        try await delivery.update(on: db)
        try await AuditLog.record(AuditEvent(action: "exchange.accept", targetType: "exchange_delivery", targetID: deliveryID.uuidString,
                                             targetLabel: package.title, before: ["state": Delivery.State.sent.rawValue],
                                             after: ["state": Delivery.State.accepted.rawValue, "incoming": incoming.registrationNumber]),
                                  by: actor.audit, on: db)
        return incoming
    }

    /// 拒收: the delivery goes back to its sender with the reason; the sender's clerks and whoever sent it are notified.
    static func refuse(_ deliveryID: UUID, reason: String, by actor: WorkflowService.Actor, at now: Date, on db: any Database) async throws {
        guard let user = actor.userID else { throw AppError.forbidden() }
        let delivery = try await transition(deliveryID, to: .refused, by: user, reason: reason, at: now, on: db)
        try await tellSender(delivery, reason: reason, at: now, on: db)
        try await AuditLog.record(AuditEvent(action: "exchange.refuse", targetType: "exchange_delivery", targetID: deliveryID.uuidString,
                                             targetLabel: try await ExchangePackage.find(delivery.packageID, on: db)?.title ?? "",
                                             before: ["state": Delivery.State.sent.rawValue], after: ["state": Delivery.State.refused.rawValue, "reason": reason]),
                                  by: actor.audit, on: db)
    }

    /// 初审 退回: a signed-for delivery is returned after all (its incoming document ends as returned).
    static func returnAfterCheck(_ deliveryID: UUID, reason: String, by actor: WorkflowService.Actor, at now: Date, on db: any Database) async throws {
        guard let delivery = try await Delivery.find(deliveryID, on: db), delivery.stateValue == .accepted else { return }
        delivery.state = Delivery.State.refused.rawValue
        delivery.refusedBy = actor.userID
        delivery.refusedAt = now
        delivery.refusalReason = reason
        delivery.version += 1
        try await delivery.update(on: db)
        try await tellSender(delivery, reason: reason, at: now, on: db)
        let title = try await ExchangePackage.find(delivery.packageID, on: db)?.title ?? ""
        try await AuditLog.record(AuditEvent(action: "exchange.return", targetType: "exchange_delivery", targetID: deliveryID.uuidString, targetLabel: title,
                                             before: ["state": Delivery.State.accepted.rawValue], after: ["state": Delivery.State.refused.rawValue, "reason": reason]),
                                  by: actor.audit, on: db)
    }

    /// 重新发送: a refused delivery sent again to the same unit, with the sender's note and, when given, a corrected
    /// file (a new package with the old files and the new one). The refused delivery stays in the history.
    static func resend(_ deliveryID: UUID, note: String, file: (name: String, contentType: String, data: Data)?, by actor: WorkflowService.Actor,
                       at now: Date, on db: any Database) async throws -> Delivery {
        guard let user = actor.userID else { throw AppError.forbidden() }
        let sql = try db.sqlDatabase()
        // Only once: the first re-send marks the refused delivery, a second one finds it marked.
        let marked = try await sql.raw("""
            UPDATE \(ident: Delivery.schema) SET resent_at = \(bind: now), version = version + 1
            WHERE id = \(bind: deliveryID) AND state = \(bind: Delivery.State.refused.rawValue) AND resent_at IS NULL RETURNING id
            """).first()
        guard let refused = try await Delivery.find(deliveryID, on: db) else { throw AppError.notFound() }
        guard marked != nil else {
            throw AppError.conflict(refused.stateValue == .refused ? Strings.Exchange.alreadyResent : Strings.Exchange.notRefused)
        }
        guard var package = try await ExchangePackage.find(refused.packageID, on: db) else { throw AppError.notFound() }
        if let file {
            package = try await copy(package, adding: file, by: user, at: now, on: db)
        }
        let delivery = try await deliver(package, to: refused.recipientUnitID, role: Delivery.Role(rawValue: refused.role) ?? .main, by: user,
                                         note: note, resendOf: deliveryID, at: now, on: db)
        try await AuditLog.record(AuditEvent(action: "exchange.resend", targetType: "exchange_delivery", targetID: delivery.id?.uuidString,
                                             targetLabel: package.title, after: ["resendOf": deliveryID.uuidString, "note": note,
                                                                                 "file": file?.name ?? ""]),
                                  by: actor.audit, on: db)
        return delivery
    }

    /// A new package like `package` with one more file.
    private static func copy(_ package: ExchangePackage, adding file: (name: String, contentType: String, data: Data), by user: UUID, at now: Date,
                             on db: any Database) async throws -> ExchangePackage {
        let copy = ExchangePackage()
        copy.id = UUID()
        copy.senderUnitID = package.senderUnitID
        copy.outgoingDocumentID = package.outgoingDocumentID
        copy.title = package.title
        copy.number = package.number
        copy.senderName = package.senderName
        copy.content = package.content
        copy.ofd = package.ofd
        copy.createdBy = user
        copy.createdAt = now
        try await copy.create(on: db)
        let files = try await ExchangePackageFile.query(on: db).filter(\.$packageID == package.requireID()).sort(\.$sortOrder).all()
        for (index, old) in files.enumerated() {
            try await addFile(to: copy, name: old.name, contentType: old.contentType, data: old.data, order: index, on: db)
        }
        try await addFile(to: copy, name: file.name, contentType: file.contentType, data: file.data, order: files.count, on: db)
        return copy
    }

    /// Moves a delivery out of 已送达, or explains who already did.
    private static func transition(_ deliveryID: UUID, to state: Delivery.State, by user: UUID, reason: String?, at now: Date,
                                   on db: any Database) async throws -> Delivery {
        let sql = try db.sqlDatabase()
        let set: SQLQueryString = state == .accepted
            ? "accepted_by = \(bind: user), accepted_at = \(bind: now)"
            : "refused_by = \(bind: user), refused_at = \(bind: now), refusal_reason = \(bind: reason ?? "")"
        let changed = try await sql.raw("""
            UPDATE \(ident: Delivery.schema) SET state = \(bind: state.rawValue), version = version + 1, \(set)
            WHERE id = \(bind: deliveryID) AND state = \(bind: Delivery.State.sent.rawValue) RETURNING id
            """).first()
        guard let delivery = try await Delivery.find(deliveryID, on: db) else { throw AppError.notFound() }
        guard changed != nil else { throw try await conflict(delivery, on: db) }
        return delivery
    }

    /// The loser's 409: who signed for or refused it, and when.
    static func conflict(_ delivery: Delivery, on db: any Database) async throws -> AppError {
        let (person, time): (UUID?, Date?) = delivery.stateValue == .accepted ? (delivery.acceptedBy, delivery.acceptedAt) : (delivery.refusedBy, delivery.refusedAt)
        let name = try await person.asyncMap { try await User.find($0, on: db)?.name } ?? nil
        return AppError.conflict(Strings.Exchange.alreadyHandled(state: Strings.Exchange.stateLabel(delivery.stateValue), by: name ?? "—",
                                                                 at: time.map(DisplayFormat.minute) ?? "—"))
    }

    /// The sender's clerks and whoever sent it hear that it came back.
    private static func tellSender(_ delivery: Delivery, reason: String, at now: Date, on db: any Database) async throws {
        guard let package = try await ExchangePackage.find(delivery.packageID, on: db) else { return }
        let recipient = try await Unit.find(delivery.recipientUnitID, on: db)?.name ?? ""
        let people = try await ExchangeUnits.clerks(of: delivery.senderUnitID, on: db) + [delivery.sentBy]
        let deliveryID = try delivery.requireID()
        let link = package.outgoingDocumentID.map { SiteURL.outgoingReceipts.link($0) } ?? SiteURL.delivery.link(deliveryID)
        try await Notifier.send(NotificationDraft(kind: .deliveryRefused, title: Strings.Exchange.refusedTitle(recipient: recipient, title: package.title),
                                                  body: Strings.Exchange.reasonText(reason), link: link, key: "refused:\(deliveryID)"),
                                to: people, at: now, on: db)
    }
}

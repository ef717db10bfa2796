import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// 登记: makes an incoming document with its 收文编号 and starts its 收文 process, in the caller's transaction
/// (签收 of a delivery, or a document registered by hand).
enum IncomingRegistration {
    /// The counter key of 收文编号 in `number_counters` (a 机关代字 cannot contain `@`).
    static let counterKey = "@incoming"
    static let processKey = "incoming"

    /// What a registration records.
    struct Particulars: Sendable {
        var senderName: String
        var senderNumber: String?
        var title: String
        var kind: DocumentKind?
        var classification: Classification?
        var urgency: Urgency?
        var copies: Int
        /// 办理时限; nil: from the urgency and the unit's settings.
        var dueAt: Date?
        var handling: IncomingDocument.Handling
        var source: IncomingDocument.Source
    }

    /// `收〔2026〕12号`.
    static func registrationNumber(year: Int, serial: Int) -> String { "收〔\(year)〕\(serial)号" }

    /// The default 办理时限: the unit's working days for the urgency, counted from `receivedAt`.
    static func defaultDue(unit: UUID, urgency: Urgency?, from receivedAt: Date, on db: any Database) async throws -> Date {
        let settings = try await ReceivingSettings.of(unit: unit, on: db)
        return try await WorkingDays.calendar(on: db).adding(ISODuration(days: settings.days(for: urgency)), to: receivedAt)
    }

    /// Registers the document for the clerk's unit and starts the `incoming` process with the clerk as initiator.
    static func register(_ particulars: Particulars, deliveryID: UUID? = nil, packageID: UUID? = nil, by clerk: User,
                         actor: WorkflowService.Actor, workflow: WorkflowService, at now: Date, on db: any Database) async throws -> IncomingDocument {
        let unitID = clerk.$unit.id
        let year = DocumentDate(now).year
        let serial = try await SequenceCounter.next(unit: unitID, key: counterKey, year: year, on: db)
        let document = IncomingDocument()
        document.id = UUID()
        document.unitID = unitID
        document.year = year
        document.serial = serial
        document.registrationNumber = registrationNumber(year: year, serial: serial)
        document.source = particulars.source.rawValue
        document.deliveryID = deliveryID
        document.packageID = packageID
        apply(particulars, to: document)
        document.receivedAt = now
        if particulars.dueAt == nil { document.dueAt = try await defaultDue(unit: unitID, urgency: particulars.urgency, from: now, on: db) }
        document.status = IncomingDocument.Status.registering.rawValue
        document.registeredBy = try clerk.requireID()
        document.version = 1
        document.createdAt = now
        document.updatedAt = now
        try await document.create(on: db)
        let id = try document.requireID()
        let started = try await workflow.start(processKey: processKey, title: document.title, businessType: IncomingSteps.businessType,
                                               businessID: id.uuidString, variables: variables(of: document), by: actor, at: now, on: db)
        document.instanceID = started.instanceID
        try await document.update(on: db)
        try await SearchIndex.markDirty(.incoming, id, at: now, on: db)
        try await AuditLog.record(AuditEvent(action: "incoming.register", targetType: "incoming_document", targetID: id.uuidString,
                                             targetLabel: "\(document.registrationNumber) \(document.title)",
                                             after: ["source": document.source, "sender": document.senderName, "number": document.senderNumber ?? "",
                                                     "due": document.dueAt.map(DisplayFormat.minute) ?? ""]),
                                  by: actor.audit, on: db)
        // An instance may wait for this registration (a 督办 waiting for the answer to arrive): it hears of it in
        // this transaction; when nothing waits, nothing happens.
        try await workflow.deliverFromPlatform(registeredMessage(document), initiator: clerk.requireID(), at: now, on: db)
        return document
    }

    /// The message a registration sends: `收文登记`, keyed by the incoming document's id.
    static let registeredMessageName = "收文登记"

    static func registeredMessage(_ document: IncomingDocument) throws -> WorkflowMessage {
        let id = try document.requireID().uuidString
        return WorkflowMessage(name: registeredMessageName, correlationKey: id,
                               payload: ["incomingId": .string(id), "registrationNumber": .string(document.registrationNumber),
                                         "incomingTitle": .string(document.title), "senderName": .string(document.senderName)],
                               id: "\(registeredMessageName):\(id)")
    }

    /// Copies the registration fields onto the document (at registration, and when the clerk corrects them at 登记).
    static func apply(_ particulars: Particulars, to document: IncomingDocument) {
        document.senderName = particulars.senderName
        document.senderNumber = particulars.senderNumber
        document.title = particulars.title
        document.kind = particulars.kind?.rawValue
        document.classification = particulars.classification?.rawValue
        document.urgency = particulars.urgency?.rawValue
        document.copies = particulars.copies
        document.handling = particulars.handling.rawValue
        if let due = particulars.dueAt { document.dueAt = due }
    }

    /// A deadline day's end of work: 18:00 Beijing time.
    static func endOfWork(_ day: DocumentDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DisplayFormat.timeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 18)) ?? Date()
    }

    /// A deadline as the engine's `zt:dueDate` reads it (ISO 8601 with the offset).
    static func deadlineText(_ date: Date) -> String {
        ISODateTime.format(date, in: DisplayFormat.timeZone)
    }

    /// The process variables that follow the registration: 办件/阅件 and the deadline every step works to.
    static func variables(of document: IncomingDocument) -> [String: ExpressionValue] {
        var variables: [String: ExpressionValue] = ["handling": .string(document.handling)]
        if let due = document.dueAt { variables["deadline"] = .string(deadlineText(due)) }
        return variables
    }
}

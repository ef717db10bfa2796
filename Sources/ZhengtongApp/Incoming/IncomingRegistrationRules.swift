import Fluent
import Foundation
import Vapor

/// Correcting a registration: only while 登记 or 初审 is open, by the unit's clerks or the holder of that step;
/// one version at a time (a stale form gets 409), audited with before and after.
enum IncomingRegistrationRules {
    static func mayEdit(_ document: IncomingDocument, access: Access, on db: any Database) async throws -> Bool {
        guard document.statusValue == .registering, let instanceID = document.instanceID else { return false }
        if access.registersIncoming(of: document.unitID) { return true }
        return try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$state == "open")
            .filter(\.$node ~~ [IncomingSteps.Node.register, IncomingSteps.Node.check]).filter(\.$assigneeID == access.userID).first() != nil
    }

    static func save(_ particulars: IncomingRegistration.Particulars, to id: UUID, expectedVersion: Int, by actor: AuditActor, on db: any Database) async throws {
        guard let document = try await IncomingDocument.find(id, on: db) else { throw AppError.notFound() }
        guard document.version == expectedVersion else { throw AppError.conflict(Strings.Incoming.editedMeanwhile) }
        let before = snapshot(document)
        IncomingRegistration.apply(particulars, to: document)
        if particulars.dueAt == nil {
            document.dueAt = try await IncomingRegistration.defaultDue(unit: document.unitID, urgency: particulars.urgency, from: document.receivedAt, on: db)
        }
        document.version += 1
        document.updatedAt = Date()
        try await document.update(on: db)
        try await SearchIndex.markDirty(.incoming, id, on: db)
        try await AuditLog.record(AuditEvent(action: "incoming.update", targetType: "incoming_document", targetID: id.uuidString,
                                             targetLabel: "\(document.registrationNumber) \(document.title)", before: before, after: snapshot(document)),
                                  by: actor, on: db)
    }

    private static func snapshot(_ document: IncomingDocument) -> [String: String] {
        ["sender": document.senderName, "senderNumber": document.senderNumber ?? "", "title": document.title, "kind": document.kind ?? "",
         "classification": document.classification ?? "", "urgency": document.urgency ?? "", "copies": String(document.copies),
         "due": document.dueAt.map(DisplayFormat.minute) ?? "", "handling": document.handling]
    }
}

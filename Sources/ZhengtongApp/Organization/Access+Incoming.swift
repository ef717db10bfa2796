import Fluent
import Foundation

/// Who sees and registers 收文; part of the one scoping place (``Access``).
extension Access {
    /// Registering and listing a unit's incoming documents: its clerks.
    func registersIncoming(of unit: UUID) -> Bool {
        has(.documentRegister) && unitID == unit
    }

    /// Seeing an incoming document: the unit's clerks, and whoever may see its process (holders, readers, …).
    func canView(_ document: IncomingDocument, on db: any Database) async throws -> Bool {
        if registersIncoming(of: document.unitID) { return true }
        guard let instanceID = document.instanceID, let instance = try await WorkflowInstanceRecord.find(instanceID, on: db) else { return false }
        return try await canView(instance, on: db)
    }

    /// Sending it round for reading (传阅) from the document: the unit's clerks and whoever holds one of its open tasks.
    func canCirculate(_ document: IncomingDocument, on db: any Database) async throws -> Bool {
        if registersIncoming(of: document.unitID) { return true }
        guard let instanceID = document.instanceID else { return false }
        return try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$state == "open")
            .filter(\.$assigneeID == userID).first() != nil
    }
}

extension Access {
    /// The 收文 a list shows, the one rule of pages and API: for the unit's clerks its whole register; for anyone
    /// else the documents whose process they hold, held or may take a task in (拟办, 批办, 承办 …), or were sent
    /// to read — so a 批办 leader finds the 收文 on their desk without being a clerk.
    func incomingList(on db: any Database) async throws -> QueryBuilder<IncomingDocument> {
        if registersIncoming(of: unitID) { return IncomingDocument.query(on: db).filter(\.$unitID == unitID) }
        let instances = try await instancesWithPart(on: db)
        return IncomingDocument.query(on: db).filter(\.$instanceID ~~ instances.sorted { $0.uuidString < $1.uuidString }.map { Optional($0) })
    }
}

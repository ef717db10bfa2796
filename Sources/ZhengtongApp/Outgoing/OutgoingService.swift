import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor

/// Creating and editing 发文: every saved change a new version, guarded by the version the editor
/// started from; who may see and edit a document is decided here.
enum OutgoingService {
    /// The step name recorded on versions saved while drafting.
    static let draftingStep = "拟稿"

    /// A new draft under one of the unit's 机关代字 (which gives the letterhead and 发文机关标志).
    static func create(kind: DocumentKind, code: IssuerCode, by user: User, departmentID: UUID?, at now: Date = Date(),
                       on db: any Database) async throws -> OutgoingDocument {
        let unitID = user.$unit.id
        guard code.$unit.id == unitID, code.isEnabled else { throw AppError.validation(Strings.Outgoing.issuerCodeUnavailable) }
        let unit = try await Unit.find(unitID, on: db)
        var content = OfficialDocument(kind: kind, issuerMark: code.issuerMark, style: LetterheadStyle(rawValue: code.style) ?? .file)
        content.signatureName = unit?.name
        content.printedBy = unit?.name
        let document = OutgoingDocument()
        document.id = UUID()
        document.$unit.id = unitID
        document.departmentID = departmentID
        document.$drafter.id = try user.requireID()
        document.$issuerCode.id = try code.requireID()
        document.status = OutgoingDocument.Status.drafting.rawValue
        document.version = 1
        document.updatedAt = now
        try document.setDocument(content)
        try await document.create(on: db)
        try await addVersion(document, author: try user.requireID(), step: draftingStep, at: now, on: db)
        return document
    }

    /// Saves `content` as the next version if it differs from the current one and nobody saved since
    /// `expectedVersion`; returns whether a version was added. Inside the caller's write transaction.
    @discardableResult
    static func save(_ document: OutgoingDocument, content: OfficialDocument, expectedVersion: Int, by author: UUID, step: String,
                     at now: Date = Date(), on db: any Database) async throws -> Bool {
        let sql = try db.sqlDatabase()
        let text = try OutgoingContent.encode(content)
        guard let current = try await OutgoingDocument.find(document.id, on: db) else { throw AppError.notFound() }
        guard current.version == expectedVersion else { throw AppError.conflict(Strings.Outgoing.editedMeanwhile) }
        guard current.content != text else { return false }
        let updated = try await sql.raw("""
            UPDATE outgoing_documents SET content = \(bind: text), title = \(bind: content.title), kind = \(bind: content.kind.rawValue),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: document.requireID()) AND version = \(bind: expectedVersion)
            RETURNING version
            """).all()
        guard !updated.isEmpty else { throw AppError.conflict(Strings.Outgoing.editedMeanwhile) }
        document.content = text
        document.title = content.title
        document.kind = content.kind.rawValue
        document.version = expectedVersion + 1
        document.updatedAt = now
        try await addVersion(document, author: author, step: step, at: now, on: db)
        return true
    }

    private static func addVersion(_ document: OutgoingDocument, author: UUID, step: String, at now: Date, on db: any Database) async throws {
        let version = OutgoingVersion()
        version.$document.id = try document.requireID()
        version.version = document.version
        version.authorID = author
        version.step = step
        version.content = document.content
        version.createdAt = now
        try await version.create(on: db)
        try await SearchIndex.markDirty(.outgoing, try document.requireID(), at: now, on: db)
    }
}

extension Application {
    /// What the deployment allows documents to be (classified only on an approved network).
    var documentPolicy: DocumentRules.Policy { DocumentRules.Policy(allowsClassified: config.allowsClassified) }
}

/// Who may see and edit a 发文 (part of the one scoping place, next to ``Access``).
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

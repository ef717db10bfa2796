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

import Fluent
import Foundation
import Gongwen
import Vapor

/// `/api/v1/outgoing`: drafts (create, read, change), their versions, the print view and the OFD file.
struct OutgoingAPIController {
    struct CreateBody: Content, Sendable {
        var kind: String
        /// The 机关代字 (e.g. `江政办发`) of the caller's unit.
        var issuerCode: String
    }

    struct PatchBody: Content, Sendable {
        /// The version the change is based on (required: a change to a newer text gets 409).
        var version: Int
        var document: OfficialDocument
    }

    struct DocumentView: Content, Sendable {
        var id: UUID
        var status: String
        var version: Int
        var number: String?
        var document: OfficialDocument
        var problems: [ProblemView]
        var instanceID: UUID?
        var updatedAt: Date
    }

    struct ProblemView: Content, Sendable {
        var field: String
        var message: String
    }

    struct VersionView: Content, Sendable {
        var version: Int
        var authorID: UUID
        var author: String
        var step: String
        var createdAt: Date
        var document: OfficialDocument
    }

    func register(on routes: any RoutesBuilder) {
        routes.post("outgoing", use: create)
        routes.get("outgoing", ":documentID", use: show)
        routes.patch("outgoing", ":documentID", use: patch)
        routes.get("outgoing", ":documentID", "versions", use: versions)
    }

    static func view(_ document: OutgoingDocument, policy: DocumentRules.Policy) throws -> DocumentView {
        let content = try document.document()
        return DocumentView(id: try document.requireID(), status: document.status, version: document.version, number: document.number,
                            document: content,
                            problems: DocumentRules.problems(in: content, stage: .drafting, policy: policy).map { ProblemView(field: $0.field, message: $0.message) },
                            instanceID: document.instanceID, updatedAt: document.updatedAt)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try req.currentUser()
        let body = try req.content.decode(CreateBody.self)
        guard let kind = DocumentKind(rawValue: body.kind) ?? DocumentKind(title: body.kind) else {
            throw AppError.validation(Strings.Outgoing.kindInvalid, fields: ["kind": Strings.Outgoing.kindInvalid])
        }
        guard let code = try await IssuerCode.query(on: req.db).filter(\.$unit.$id == access.unitID).filter(\.$code == body.issuerCode)
            .filter(\.$isEnabled == true).first() else {
            throw AppError.validation(Strings.Outgoing.issuerCodeRequired, fields: ["issuerCode": Strings.Outgoing.issuerCodeUnavailable])
        }
        let department = try await UserDepartment.query(on: req.db).filter(\.$user.$id == access.userID).filter(\.$isPrimary == true).first()
        let actor = req.auditActor()
        let document = try await req.write { db in
            let document = try await OutgoingService.create(kind: kind, code: code, by: user, departmentID: department?.$department.id, on: db)
            try await AuditLog.record(AuditEvent(action: "outgoing.create", targetType: "outgoing_document", targetID: document.id?.uuidString,
                                                 targetLabel: kind.title, after: ["code": code.code]), by: actor, on: db)
            return document
        }
        return try APIResponse.json(try Self.view(document, policy: req.application.documentPolicy), status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try APIResponse.json(try Self.view(try await req.visibleOutgoing(), policy: req.application.documentPolicy))
    }

    /// Replaces the typed fields; 文号, 成文日期, 印章 and the 附件说明 are set by their steps, not here.
    @Sendable func patch(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let access = try await req.access()
        guard let step = try await access.editingStep(document, on: req.db) else { throw AppError.forbidden(Strings.Outgoing.notEditable) }
        let body = try req.content.decode(PatchBody.self)
        let current = try document.document()
        var next = body.document
        next.number = current.number
        next.date = current.date
        next.sealed = current.sealed
        next.attachments = current.attachments
        next.issuerMark = current.issuerMark
        next.style = current.style
        guard next.title.count <= 200, next.body.count <= 50_000 else { throw AppError.validation(Strings.Outgoing.fieldTooLong) }
        let actor = req.auditActor()
        let content = next
        let changed = try await req.write { db in
            guard try await OutgoingService.save(document, content: content, expectedVersion: body.version, by: access.userID, step: step, on: db)
            else { return false }
            try await AuditLog.record(AuditEvent(action: "outgoing.save", targetType: "outgoing_document", targetID: document.id?.uuidString,
                                                 targetLabel: content.title, after: ["version": String(document.version), "step": step]), by: actor, on: db)
            return true
        }
        if changed {
            try await OutgoingActions.afterEdit(document, before: current, after: content, by: access.userID, actor: req.workflowActor(access),
                                                app: req.application)
        }
        return try APIResponse.json(try Self.view(document, policy: req.application.documentPolicy))
    }

    @Sendable func versions(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let rows = try await OutgoingVersion.query(on: req.db).filter(\.$document.$id == document.requireID()).sort(\.$version).all()
        let names = try await TaskView.names(Set(rows.map(\.authorID)), on: req.db)
        let views = try rows.map { row in
            VersionView(version: row.version, authorID: row.authorID, author: names[row.authorID] ?? "—", step: row.step, createdAt: row.createdAt,
                        document: try OutgoingContent.decode(row.content))
        }
        return try APIResponse.json(views)
    }
}

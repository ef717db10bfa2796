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
        /// 联合行文: each co-issuer named in the document and where its seal stands (empty for one issuer).
        var coIssuers: [CoIssuerView]
        /// After a PATCH: the change went to a signed document, which went back to the signer.
        var sentBackToSigner: Bool?
    }

    struct CoIssuerView: Content, Sendable {
        var name: String
        var seal: OutgoingCoIssuers.SealState
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

    static func view(_ document: OutgoingDocument, policy: DocumentRules.Policy, on db: any Database) async throws -> DocumentView {
        let content = try document.document()
        return DocumentView(id: try document.requireID(), status: document.status, version: document.version, number: document.number,
                            document: content,
                            problems: DocumentRules.problems(in: content, stage: .drafting, policy: policy).map { ProblemView(field: $0.field, message: $0.message) },
                            instanceID: document.instanceID, updatedAt: document.updatedAt,
                            coIssuers: try await OutgoingCoIssuers.sealStates(document, on: db).map { CoIssuerView(name: $0.name, seal: $0.state) })
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(CreateBody.self)
        guard let kind = DocumentKind(rawValue: body.kind) ?? DocumentKind(title: body.kind) else {
            throw AppError.validation(Strings.Outgoing.kindInvalid, fields: ["kind": Strings.Outgoing.kindInvalid])
        }
        let document = try await OutgoingService.draft(kind: kind, codeID: nil, code: body.issuerCode, access: access, actor: req.workflowActor(access),
                                                       app: req.application)
        return try APIResponse.json(try await Self.view(document, policy: req.application.documentPolicy, on: req.db), status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try APIResponse.json(try await Self.view(try await req.visibleOutgoing(), policy: req.application.documentPolicy, on: req.db))
    }

    /// Replaces the typed fields; 文号, 成文日期, 印章, 附件说明 and 印发日期 are set by their steps, not here. The same
    /// service call as the page's save: an edit after 签发 goes back to the signer.
    @Sendable func patch(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let access = try await req.access()
        let body = try req.content.decode(PatchBody.self)
        let outcome = try await OutgoingService.edit(try document.requireID(), typed: body.document, expectedVersion: body.version, access: access,
                                                     actor: req.workflowActor(access), app: req.application)
        guard let fresh = try await OutgoingDocument.find(document.id, on: req.db) else { throw AppError.notFound() }
        var view = try await Self.view(fresh, policy: req.application.documentPolicy, on: req.db)
        view.sentBackToSigner = outcome.sentBackToSigner
        return try APIResponse.json(view)
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

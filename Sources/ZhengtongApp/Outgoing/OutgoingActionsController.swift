import Fluent
import Foundation
import Gongwen
import Vapor

/// Pages' and the API's doors to 送审, 编号 and 用印, and the seal verification.
struct OutgoingActionsController {
    struct ActionForm: Content, Sendable {
        var code: String?
        /// Where to go back to (the document or the task page); only local paths are followed.
        var returnTo: String?
    }

    struct SealCheck: Content, Sendable {
        var sealed: Bool
        var result: String?
        var resultLabel: String?
        var sealName: String?
        var signer: String?
        var signedAt: Date?
        var sealedVersion: Int?
        var currentVersion: Int
        var matchesUnitKey: Bool?
    }

    struct SealPage: Encodable, Sendable {
        var title: String
        var check: SealCheck
        var signedText: String?
        var documentHref: String
        var svg: String?
    }

    func register(pages routes: any RoutesBuilder) {
        routes.post(SiteURL.outgoingSubmit, use: submitPage)
        routes.post(SiteURL.outgoingNumber, use: numberPage)
        routes.post(SiteURL.outgoingSeal, use: sealPage)
        routes.get(SiteURL.outgoingSeal, use: verificationPage)
    }

    func register(api routes: any RoutesBuilder) {
        routes.post("outgoing", ":documentID", "submit", use: submitAPI)
        routes.get("outgoing", ":documentID", "seal", use: verificationAPI)
    }

    private func back(_ req: Request, _ form: ActionForm?, document: OutgoingDocument) throws -> Response {
        req.redirect(to: LocalPath.validated(form?.returnTo, or: SiteURL.outgoing.link(try document.requireID())))
    }

    private func run(_ req: Request, success: String, _ action: (OutgoingDocument) async throws -> Void) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let form = try? req.content.decode(ActionForm.self)
        do {
            try await action(document)
            req.flash(success)
        } catch let error as AppError where error.status != .notFound {
            req.flash(error.message)
        }
        return try back(req, form, document: document)
    }

    @Sendable func submitPage(req: Request) async throws -> Response {
        try await run(req, success: Strings.Outgoing.submitted) { try await OutgoingActions.submit($0, req: req) }
    }

    @Sendable func numberPage(req: Request) async throws -> Response {
        let form = try req.content.decode(ActionForm.self)
        return try await run(req, success: Strings.Outgoing.numbered) {
            try await OutgoingActions.number($0, codeID: form.code.flatMap(UUID.init(uuidString:)), req: req)
        }
    }

    @Sendable func sealPage(req: Request) async throws -> Response {
        try await run(req, success: Strings.Outgoing.sealed) { try await OutgoingActions.seal($0, req: req) }
    }

    @Sendable func submitAPI(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        try await OutgoingActions.submit(document, req: req)
        guard let fresh = try await OutgoingDocument.find(document.id, on: req.db) else { throw AppError.notFound() }
        return try APIResponse.json(try OutgoingAPIController.view(fresh, policy: req.application.documentPolicy))
    }

    /// Checks the latest seal against the document as it is now and against the unit's registered key.
    static func check(_ document: OutgoingDocument, on db: any Database) async throws -> SealCheck {
        guard let application = try await SealApplication.query(on: db).filter(\.$documentID == document.requireID())
            .sort(\.$appliedAt, .descending).first() else {
            return SealCheck(sealed: false, currentVersion: document.version)
        }
        let signature = try JSONDecoder().decode(SealSignature.self, from: Data(application.signature.utf8))
        let result = SealSigning.verify(signature, document: try document.document())
        let seal = try await UnitSeal.find(application.sealID, on: db)
        return SealCheck(sealed: true, result: result.rawValue, resultLabel: result.title, sealName: signature.unitName, signer: signature.signerName,
                         signedAt: signature.date, sealedVersion: application.version, currentVersion: document.version,
                         matchesUnitKey: seal.map { $0.publicKey == signature.publicKey })
    }

    @Sendable func verificationAPI(req: Request) async throws -> Response {
        try APIResponse.json(try await Self.check(try await req.visibleOutgoing(), on: req.db))
    }

    @Sendable func verificationPage(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let check = try await Self.check(document, on: req.db)
        let design = check.sealName.map { SealDesign.make(unitName: $0).svg() }
        let page = SealPage(title: try document.document().title, check: check, signedText: check.signedAt.map(DisplayFormat.dateTime),
                            documentHref: SiteURL.outgoing.link(try document.requireID()), svg: design)
        return try await req.renderPage("outgoing/seal", title: Strings.page["seal_title"]!, section: .outgoing, page)
    }
}

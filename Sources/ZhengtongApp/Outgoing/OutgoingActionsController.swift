import Fluent
import Foundation
import Gongwen
import Vapor

/// Pages' and the API's doors to 送审, 编号 and 用印, and the seal verification.
struct OutgoingActionsController {
    struct ActionForm: Content, Sendable {
        var code: String?
        /// 用印: which of the unit's seals (when the keeper keeps several).
        var sealID: String?
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
        /// `sm2` (a national seal's SES_Signature) or `p256` (a seal made before them).
        var algorithm: String?
        /// The authority that made the seal (national seals).
        var maker: String?
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
        routes.post(SiteURL.outgoingCoSeal, use: coSealPage)
    }

    func register(api routes: any RoutesBuilder) {
        routes.post("outgoing", ":documentID", "submit", use: submitAPI)
        routes.get("outgoing", ":documentID", "seal", use: verificationAPI)
        routes.post("outgoing", ":documentID", "number", use: numberAPI)
        routes.post("outgoing", ":documentID", "seal", use: sealAPI)
        routes.post("outgoing", ":documentID", "co-seal", use: coSealAPI)
        routes.get("outgoing", ":documentID", "distribution", use: distributionAPI)
        routes.put("outgoing", ":documentID", "distribution", use: chooseDistributionAPI)
        routes.get("issuer-codes", use: issuerCodesAPI)
    }

    struct NumberBody: Content, Sendable {
        /// The 机关代字 to number under (`江政办发`), one of `GET /api/v1/issuer-codes`.
        var issuerCode: String
    }

    struct DistributionBody: Content, Sendable {
        var main: [UUID]?
        var copy: [UUID]?
        var lists: [UUID]?
        var paperOnly: Bool?
    }

    /// A 分发范围 as the API shows it: what is chosen, and (for choosing) the units and 分发名单 there are.
    struct DistributionView: Content, Sendable {
        struct Entry: Content, Sendable {
            var unit: UUID
            var unitName: String
            var role: String
        }
        struct Option: Content, Sendable {
            var id: UUID
            var name: String
        }
        struct List: Content, Sendable {
            var id: UUID
            var name: String
            var units: [UUID]
        }
        var paperOnly: Bool
        var entries: [Entry]
        var units: [Option]
        var lists: [List]
    }

    struct IssuerCodeView: Content, Sendable {
        var id: UUID
        var code: String
        var style: String
        var issuerMark: String
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
        let form = try req.content.decode(ActionForm.self)
        return try await run(req, success: Strings.Outgoing.sealed) {
            try await OutgoingActions.seal($0, req: req, sealID: form.sealID.flatMap(UUID.init(uuidString:)))
        }
    }

    /// The optional body of `POST /outgoing/{id}/seal`.
    struct SealBody: Content, Sendable {
        var sealID: UUID?
    }

    @Sendable func coSealPage(req: Request) async throws -> Response {
        try await run(req, success: Strings.Outgoing.coSealed) { try await OutgoingActions.coSeal($0, req: req) }
    }

    /// 联合行文's 用印 by a co-issuing unit's seal keeper, through the API.
    @Sendable func coSealAPI(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        try await OutgoingActions.coSeal(document, req: req)
        return try await documentView(document, req: req)
    }

    /// 编号 through the API: the next 发文字号 of the chosen 机关代字, by the holder of 编号登记.
    @Sendable func numberAPI(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let body = try req.content.decode(NumberBody.self)
        let code = try await IssuerCode.query(on: req.db).filter(\.$unit.$id == document.$unit.id).filter(\.$code == body.issuerCode)
            .filter(\.$isEnabled == true).first()
        guard let code else {
            throw AppError.validation(Strings.Outgoing.issuerCodeRequired, fields: ["issuerCode": Strings.Outgoing.issuerCodeUnavailable])
        }
        try await OutgoingActions.number(document, codeID: code.id, req: req)
        return try await documentView(document, req: req)
    }

    /// 用印 through the API, by the holder of 用印 who may use the unit's seal.
    @Sendable func sealAPI(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let body = req.body.data.map { $0.readableBytes > 0 } == true ? try req.content.decode(SealBody.self) : nil
        try await OutgoingActions.seal(document, req: req, sealID: body?.sealID)
        return try await documentView(document, req: req)
    }

    @Sendable func distributionAPI(req: Request) async throws -> Response {
        try APIResponse.json(try await Self.distribution(of: try await req.visibleOutgoing(), on: req.db))
    }

    @Sendable func chooseDistributionAPI(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let body = try req.content.decode(DistributionBody.self)
        let chosen = try await DistributionService.choose(.init(main: body.main ?? [], copy: body.copy ?? [], lists: body.lists ?? [],
                                                                paperOnly: body.paperOnly ?? false),
                                                          for: try document.requireID(), access: try await req.access(), actor: req.auditActor(),
                                                          app: req.application)
        return try APIResponse.json(try await Self.distribution(of: chosen, on: req.db))
    }

    /// The 机关代字 of the caller's unit, for 新建 and 编号.
    @Sendable func issuerCodesAPI(req: Request) async throws -> Response {
        let access = try await req.access()
        let codes = try await IssuerCode.query(on: req.db).filter(\.$unit.$id == access.unitID).filter(\.$isEnabled == true)
            .sort(\.$sortOrder).sort(\.$code).all()
        return try APIResponse.json(try codes.map { IssuerCodeView(id: try $0.requireID(), code: $0.code, style: $0.style, issuerMark: $0.issuerMark) })
    }

    static func distribution(of document: OutgoingDocument, on db: any Database) async throws -> DistributionView {
        let units = try await Unit.query(on: db).filter(\.$isDisabled == false).filter(\.$id != document.$unit.id).sort(\.$sortOrder).sort(\.$name).all()
        let names = Dictionary(units.compactMap { unit in unit.id.map { ($0, unit.name) } }, uniquingKeysWith: { first, _ in first })
        let saved = Distribution.decode(document.distribution) ?? Distribution(entries: [])
        let lists = try await DistributionList.query(on: db).filter(\.$unitID ~~ Array(try await ExchangeUnits.served(by: document.$unit.id, on: db)))
            .sort(\.$name).all()
        return DistributionView(
            paperOnly: document.paperOnly == true,
            entries: saved.entries.map { .init(unit: $0.unit, unitName: names[$0.unit] ?? "", role: $0.role.rawValue) },
            units: units.compactMap { unit in unit.id.map { .init(id: $0, name: unit.name) } },
            lists: try lists.map { .init(id: try $0.requireID(), name: $0.name, units: $0.members) })
    }

    private func documentView(_ document: OutgoingDocument, req: Request) async throws -> Response {
        guard let fresh = try await OutgoingDocument.find(document.id, on: req.db) else { throw AppError.notFound() }
        return try APIResponse.json(try await OutgoingAPIController.view(fresh, policy: req.application.documentPolicy, on: req.db))
    }

    @Sendable func submitAPI(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        try await OutgoingActions.submit(document, req: req)
        return try await documentView(document, req: req)
    }

    /// Checks the unit's own latest seal against the document as it is now and against the unit's registered key.
    static func check(_ document: OutgoingDocument, on db: any Database) async throws -> SealCheck {
        guard let (application, unitSeal) = try await OutgoingCoIssuers.applications(document, on: db)[0] else {
            return SealCheck(sealed: false, currentVersion: document.version)
        }
        let signature = try JSONDecoder().decode(SealSignature.self, from: Data(application.signature.utf8))
        let result = SealSigning.verify(signature, document: try document.document())
        let seal: UnitSeal? = unitSeal
        return SealCheck(sealed: true, result: result.rawValue, resultLabel: result.title, sealName: signature.unitName, signer: signature.signerName,
                         signedAt: signature.date, sealedVersion: application.version, currentVersion: document.version,
                         matchesUnitKey: seal.map { $0.publicKey == signature.publicKey },
                         algorithm: signature.algorithm == SealSignature.sm2SES ? UnitSeal.Algorithm.sm2.rawValue : UnitSeal.Algorithm.p256.rawValue,
                         maker: NationalSeals.makerName(of: signature))
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

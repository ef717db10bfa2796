import Crypto
import Fluent
import Foundation
import Gongwen
import Guomi
import Vapor

/// The finished forms of a 发文: the print view (GB/T 9704, HTML) and the OFD package, both from one
/// layout; a sealed document carries its unit's seal, and the OFD is signed with the unit's key.
enum OutgoingOutput {
    /// The stylesheet the print view links (the CSP allows only same-origin styles).
    static let stylesheetPath = "/css/print.css"

    struct Seal: Sendable {
        var design: SealDesign
        var signer: String
        var time: Date
        var key: Key

        /// What the package's signature is made with: a national seal, or a P-256 key for seals made before them.
        enum Key: Sendable {
            case national(NationalSealKey)
            case p256(SealKey)
        }

        func ofdSignature() -> OFDSignature {
            switch key {
            case .national(let national):
                .sm2(signerName: signer, time: time, seal: national.seal, signerCertificate: national.certificate, key: national.key)
            case .p256(let key):
                .p256(signerName: signer, time: time, key: key.privateKey)
            }
        }
    }

    /// The seals to draw, by issuer (0: the unit's own; 1…: a 联合行文's co-issuers on the platform that have
    /// sealed), once the document has been sealed.
    static func seals(of document: OutgoingDocument, on db: any Database) async throws -> [Int: Seal] {
        guard try document.document().sealed else { return [:] }
        var seals: [Int: Seal] = [:]
        for (issuer, applied) in try await OutgoingCoIssuers.applications(document, on: db) {
            let record = try JSONDecoder().decode(SealSignature.self, from: Data(applied.application.signature.utf8))
            let key: Seal.Key = if let national = try NationalSeals.key(of: applied.seal) {
                .national(national)
            } else {
                .p256(try SealKey(pem: applied.seal.privateKeyPEM))
            }
            // To the second: the package states its signing time to the second, and the SES_Signature signs it.
            seals[issuer] = Seal(design: SealDesign.make(unitName: applied.seal.name), signer: record.signerName,
                                 time: Date(timeIntervalSince1970: applied.application.appliedAt.timeIntervalSince1970.rounded(.down)), key: key)
        }
        return seals
    }

    /// The designs by issuer, for the print view: nil where a seal is not (yet) applied.
    static func designs(_ seals: [Int: Seal]) -> [SealDesign?] {
        guard let last = seals.keys.max() else { return [] }
        return (0...last).map { seals[$0]?.design }
    }

    /// The attachments' contents for their own pages, in the 附件说明's order (upload order).
    static func attachmentContents(of document: OutgoingDocument, on db: any Database) async throws -> [AttachmentContent] {
        try await OutgoingAttachment.query(on: db).filter(\.$document.$id == document.requireID()).sort(\.$createdAt).all()
            .map { AttachmentContent(fileName: $0.name, data: $0.data) }
    }

    static func printHTML(_ document: OutgoingDocument, app: Application) async throws -> String {
        let content = try document.document()
        let seals = try await seals(of: document, on: app.db)
        let attachments = try await attachmentContents(of: document, on: app.db)
        return try await app.threadPool.runIfActive {
            PrintHTML.render(DocumentLayout.layout(content, attachments: attachments), title: content.title, seals: designs(seals),
                             stylesheetHref: stylesheetPath)
        }
    }

    static func ofd(_ document: OutgoingDocument, app: Application) async throws -> Data {
        let inputs = try await ofdInputs(document, on: app.db)
        return try await app.threadPool.runIfActive { try ofd(inputs) }
    }

    /// What an OFD is made from, read from the database.
    struct OFDInputs: Sendable {
        var content: OfficialDocument
        var attachments: [AttachmentContent]
        /// By issuer (see ``seals(of:on:)``).
        var seals: [Int: Seal]
        var id: UUID
        var created: Date
        var modified: Date
        /// 归档章 on the first page (the archived copy).
        var stamp: ArchiveStamp?
    }

    static func ofdInputs(_ document: OutgoingDocument, on db: any Database) async throws -> OFDInputs {
        OFDInputs(content: try document.document(), attachments: try await attachmentContents(of: document, on: db), seals: try await seals(of: document, on: db),
                  id: try document.requireID(), created: document.createdAt ?? document.updatedAt, modified: document.updatedAt)
    }

    /// The package's bytes (CPU work: off the event loop where it can be).
    static func ofd(_ inputs: OFDInputs) throws -> Data {
        var layout = DocumentLayout.layout(inputs.content, attachments: inputs.attachments)
        if let stamp = inputs.stamp { layout = layout.stamped(stamp) }
        return try OFDWriter.package(layout, metadata: OFDMetadata(document: inputs.content, documentID: inputs.id, creationDate: inputs.created,
                                                                   modificationDate: inputs.modified),
                                     seals: Self.ofdSeals(inputs.seals, in: layout), fonts: DocumentFonts.library)
    }

    /// Each applied seal where the layout placed its issuer's, signing the package with that unit's key.
    static func ofdSeals(_ seals: [Int: Seal], in layout: LaidOutDocument) -> [OFDSeal] {
        var placed: [OFDSeal] = []
        for (index, page) in layout.pages.enumerated() {
            for case .seal(let placement) in page.items {
                guard let seal = seals[placement.issuer] else { continue }
                placed.append(OFDSeal(design: seal.design, placement: placement, pageIndex: index, signature: seal.ofdSignature()))
            }
        }
        return placed
    }

    /// A file name for downloads: the number or the title, safe for headers.
    static func filename(_ document: OutgoingDocument, extension ext: String) -> String {
        let base = (document.number ?? document.title).isEmpty ? "document" : (document.number ?? document.title)
        return "\(base).\(ext)"
    }
}

/// `GET /outgoing/{id}/print`, `GET /outgoing/{id}/ofd` (pages and API) and the print stylesheet.
struct OutgoingOutputController {
    static let ofdType = "application/ofd"

    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.outgoingPrint, use: print)
        routes.get(SiteURL.outgoingOFD, use: ofd)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get("outgoing", ":documentID", "print", use: print)
        routes.get("outgoing", ":documentID", "ofd", use: ofd)
    }

    /// Served by the app (not a file) so it is always the stylesheet the layout was written for.
    static func registerStylesheet(on app: Application) {
        app.get("css", "print.css") { _ -> Response in
            let response = Response(status: .ok, body: .init(string: PrintHTML.stylesheet))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return response
        }
    }

    @Sendable func print(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let response = Response(status: .ok, body: .init(string: try await OutgoingOutput.printHTML(document, app: req.application)))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func ofd(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let data = try await OutgoingOutput.ofd(document, app: req.application)
        let actor = req.auditActor()
        try await req.write { db in
            try await AuditLog.record(AuditEvent(action: "outgoing.export", targetType: "outgoing_document", targetID: document.id?.uuidString,
                                                 targetLabel: document.title, after: ["format": "ofd", "sha256": SHA256Hex.of(data)]), by: actor, on: db)
        }
        return FileDownload.response(data, contentType: Self.ofdType, name: OutgoingOutput.filename(document, extension: "ofd"))
    }
}

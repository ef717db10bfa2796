import Fluent
import Foundation
import Vapor

/// A 发文's 附件 through the API: the list (with hashes and download URLs) and each file, for whoever may see
/// the document — the same files the document page offers.
struct OutgoingFilesAPIController {
    struct Attachment: Content, Sendable {
        var id: UUID
        var name: String
        var contentType: String
        var size: Int
        var sha256: String
        var uploadedAt: Date
        var url: String
    }

    struct List: Content, Sendable {
        var items: [Attachment]
        var printURL: String
        var ofdURL: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.outgoingAttachments, use: list)
        routes.get(APIURL.outgoingAttachment, use: download)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let id = try document.requireID()
        let rows = try await OutgoingAttachment.query(on: req.db).filter(\.$document.$id == id)
            .field(\.$id).field(\.$document.$id).field(\.$name).field(\.$contentType).field(\.$size).field(\.$sha256).field(\.$createdAt)
            .sort(\.$createdAt).all()
        let items = try rows.map { row in
            let attachmentID = try row.requireID()
            return Attachment(id: attachmentID, name: row.name, contentType: row.contentType, size: row.size, sha256: row.sha256,
                              uploadedAt: row.createdAt, url: APIURL.outgoingAttachment.link(id, attachmentID))
        }
        return try APIResponse.json(List(items: items, printURL: APIURL.outgoingPrint.link(id), ofdURL: APIURL.outgoingOFD.link(id)))
    }

    @Sendable func download(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        guard let attachment = try await OutgoingAttachment.find(try req.idParameter("attachmentID"), on: req.db),
              attachment.$document.id == document.id else { throw AppError.notFound() }
        return FileDownload.response(attachment.data, contentType: attachment.contentType, name: attachment.name)
    }
}

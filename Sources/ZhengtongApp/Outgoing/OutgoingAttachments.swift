import Fluent
import Foundation
import Gongwen
import Vapor

/// 附件: upload (type and size checked against the file's own bytes, not only its name), download and
/// removal. The document's 附件说明 follows the list, as a new version.
struct OutgoingAttachments {
    struct Upload: Content, Sendable {
        var file: File?
        var version: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.on(.POST, SiteURL.outgoingAttachments.components, body: .collect(maxSize: "21mb"), use: upload)
        routes.get(SiteURL.outgoingAttachment, use: download)
        routes.post(SiteURL.outgoingAttachmentDelete, use: delete)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let access = try await req.access()
        guard let step = try await access.editingStep(document, on: req.db) else { throw AppError.forbidden(Strings.Outgoing.notEditable) }
        let upload = try await req.decodeForm(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else { throw AppError.validation(Strings.Outgoing.attachmentTypeRefused) }
        let data = Data(file.data.readableBytesView)
        let (name, type) = try UploadedFiles.accepted(name: file.filename, data: data, refused: Strings.Outgoing.attachmentTypeRefused)
        let actor = req.auditActor()
        let documentID = try document.requireID()
        try await req.write { db in
            let attachment = OutgoingAttachment()
            attachment.$document.id = documentID
            attachment.name = name
            attachment.contentType = type
            attachment.size = data.count
            attachment.sha256 = SHA256Hex.of(data)
            attachment.data = data
            attachment.uploadedBy = access.userID
            attachment.createdAt = Date()
            try await attachment.create(on: db)
            try await Self.syncNames(document, author: access.userID, step: step, on: db)
            try await AuditLog.record(AuditEvent(action: "outgoing.attachment.add", targetType: "outgoing_document", targetID: documentID.uuidString,
                                                 targetLabel: name, after: ["sha256": attachment.sha256, "size": String(data.count)]), by: actor, on: db)
        }
        req.flash(Strings.Outgoing.attachmentUploaded)
        return req.redirect(to: SiteURL.outgoing.link(documentID))
    }

    /// The 附件说明 lists the attachments in upload order, without their file extensions.
    static func syncNames(_ document: OutgoingDocument, author: UUID, step: String, on db: any Database) async throws {
        guard let current = try await OutgoingDocument.find(document.id, on: db) else { throw AppError.notFound() }
        let names = try await OutgoingAttachment.query(on: db).filter(\.$document.$id == current.requireID()).field(\.$name).field(\.$id)
            .field(\.$document.$id).sort(\.$createdAt).all().map { ($0.name as NSString).deletingPathExtension }
        var content = try current.document()
        content.attachments = names
        try await OutgoingService.save(current, content: content, expectedVersion: current.version, by: author, step: step, on: db)
    }

    private func find(_ req: Request, in document: OutgoingDocument) async throws -> OutgoingAttachment {
        guard let attachment = try await OutgoingAttachment.find(try req.idParameter("attachmentID"), on: req.db),
              attachment.$document.id == document.id else { throw AppError.notFound() }
        return attachment
    }

    @Sendable func download(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let attachment = try await find(req, in: document)
        return FileDownload.response(attachment.data, contentType: attachment.contentType, name: attachment.name)
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let access = try await req.access()
        guard let step = try await access.editingStep(document, on: req.db) else { throw AppError.forbidden(Strings.Outgoing.notEditable) }
        let attachment = try await find(req, in: document)
        let actor = req.auditActor()
        try await req.write { db in
            try await attachment.delete(on: db)
            try await Self.syncNames(document, author: access.userID, step: step, on: db)
            try await AuditLog.record(AuditEvent(action: "outgoing.attachment.delete", targetType: "outgoing_document", targetID: document.id?.uuidString,
                                                 targetLabel: attachment.name, before: ["sha256": attachment.sha256]), by: actor, on: db)
        }
        req.flash(Strings.Outgoing.attachmentDeleted)
        return req.redirect(to: SiteURL.outgoing.link(try document.requireID()))
    }
}

import Fluent
import Foundation
import Gongwen
import Vapor

/// 附件: upload (type and size checked against the file's own bytes, not only its name), download and
/// removal. The document's 附件说明 follows the list, as a new version.
struct OutgoingAttachments {
    static let maximumSize = 20 * 1024 * 1024

    struct Upload: Content, Sendable {
        var file: File?
        var version: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.on(.POST, SiteURL.outgoingAttachments.components, body: .collect(maxSize: "21mb"), use: upload)
        routes.get(SiteURL.outgoingAttachment, use: download)
        routes.post(SiteURL.outgoingAttachmentDelete, use: delete)
    }

    /// `1.2 MB`, `35 KB`.
    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? String(format: "%.1f MB", Double(bytes) / 1048576) : "\(max(1, bytes / 1024)) KB"
    }

    /// The content type for an accepted file, judged by extension and confirmed by the first bytes.
    static func contentType(name: String, data: Data) -> String? {
        let ext = (name as NSString).pathExtension.lowercased()
        let head = [UInt8](data.prefix(8))
        func starts(_ bytes: [UInt8]) -> Bool { head.starts(with: bytes) }
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0]
        switch ext {
        case "pdf": return starts([0x25, 0x50, 0x44, 0x46]) ? "application/pdf" : nil
        case "ofd": return starts(zip) ? "application/ofd" : nil
        case "docx": return starts(zip) ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : nil
        case "xlsx": return starts(zip) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : nil
        case "doc", "wps": return starts(ole) ? "application/msword" : nil
        case "xls", "et": return starts(ole) ? "application/vnd.ms-excel" : nil
        case "png": return starts([0x89, 0x50, 0x4E, 0x47]) ? "image/png" : nil
        case "jpg", "jpeg": return starts([0xFF, 0xD8, 0xFF]) ? "image/jpeg" : nil
        case "txt": return String(data: data, encoding: .utf8) != nil ? "text/plain; charset=utf-8" : nil
        default: return nil
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let document = try await OutgoingPagesController.find(req)
        let access = try await req.access()
        guard let step = try await access.editingStep(document, on: req.db) else { throw AppError.forbidden(Strings.Outgoing.notEditable) }
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else { throw AppError.validation(Strings.Outgoing.attachmentTypeRefused) }
        let data = Data(file.data.readableBytesView)
        guard data.count <= Self.maximumSize else { throw AppError(status: .payloadTooLarge, code: "payload_too_large", message: Strings.Outgoing.attachmentTooLarge) }
        let name = String((file.filename as NSString).lastPathComponent.prefix(120))
        guard let type = Self.contentType(name: name, data: data) else { throw AppError.validation(Strings.Outgoing.attachmentTypeRefused) }
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
        let document = try await OutgoingPagesController.find(req)
        let attachment = try await find(req, in: document)
        return OutgoingOutput.download(attachment.data, contentType: attachment.contentType, name: attachment.name)
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let document = try await OutgoingPagesController.find(req)
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

import Fluent
import Foundation
import Vapor

/// A message as its holder sees it (API and page alike): 密送 and the read receipts only for its sender.
struct MailMessageDTO: Content, Sendable {
    struct Person: Content, Sendable {
        var id: UUID
        var name: String
    }

    struct Address: Content, Sendable {
        var kind: String
        var id: String
        var label: String
    }

    struct Attachment: Content, Sendable {
        var id: UUID
        var name: String
        var size: Int
        var url: String
    }

    /// A recipient as the sender sees them: `readAt` only when 需回执 was asked.
    struct Recipient: Content, Sendable {
        var id: UUID
        var name: String
        var kind: String
        var readAt: Date?
        var recalledAt: Date?
    }

    struct ThreadItem: Content, Sendable {
        var id: UUID
        var subject: String
        var senderName: String
        var sentAt: Date?
    }

    var id: UUID
    var threadId: UUID
    var status: String
    var subject: String
    var body: String
    var sender: Person
    var to: [Address]
    var cc: [Address]
    var bcc: [Address]
    var important: Bool
    var receiptRequested: Bool
    var version: Int
    var sentAt: Date?
    var updatedAt: Date
    var folder: String
    var folderId: UUID?
    var readAt: Date?
    var flagged: Bool
    var attachments: [Attachment]
    var recipients: [Recipient]
    var thread: [ThreadItem]

    static func load(_ message: MailMessage, copy: MailDelivery, for person: UUID, on db: any Database) async throws -> MailMessageDTO {
        let id = try message.requireID()
        let addressing = MailAddressing.decode(message.addressing)
        let isSender = copy.kindValue == .sender
        func addresses(_ list: [MailAddress]) -> [Address] { list.map { Address(kind: $0.kind.rawValue, id: $0.id, label: $0.label ?? "") } }
        let sender = try await User.find(message.senderID, on: db)
        let attachments = try await MailAttachment.query(on: db).filter(\.$messageID == id).sort(\.$createdAt).all()
        var recipients: [Recipient] = []
        if isSender && message.statusValue == .sent {
            let copies = try await MailDelivery.query(on: db).filter(\.$messageID == id).filter(\.$kind != MailDelivery.Kind.sender.rawValue).all()
            let people = try await User.query(on: db).filter(\.$id ~~ copies.map(\.userID)).all()
            recipients = copies.map { row in
                Recipient(id: row.userID, name: people.first { $0.id == row.userID }?.name ?? "", kind: row.kind,
                          readAt: message.receiptRequested ? row.readAt : nil, recalledAt: row.recalledAt)
            }.sorted { ($0.recalledAt == nil ? 1 : 0, $0.name) < ($1.recalledAt == nil ? 1 : 0, $1.name) }
        }
        var thread: [ThreadItem] = []
        if message.statusValue == .sent {
            let messages = try await MailBox.thread(message.threadID, of: person, on: db)
            if messages.count > 1 {
                let senders = try await User.query(on: db).filter(\.$id ~~ Array(Set(messages.map(\.senderID)))).all()
                thread = try messages.map { item in
                    ThreadItem(id: try item.requireID(), subject: item.subject, senderName: senders.first { $0.id == item.senderID }?.name ?? "", sentAt: item.sentAt)
                }
            }
        }
        return MailMessageDTO(
            id: id, threadId: message.threadID, status: message.status, subject: message.subject, body: message.body,
            sender: Person(id: message.senderID, name: sender?.name ?? ""), to: addresses(addressing.to), cc: addresses(addressing.cc),
            bcc: isSender ? addresses(addressing.bcc) : [], important: message.important, receiptRequested: message.receiptRequested,
            version: message.version, sentAt: message.sentAt, updatedAt: message.updatedAt, folder: copy.folder, folderId: copy.folderID,
            readAt: isSender ? nil : copy.readAt, flagged: copy.flagged,
            attachments: try attachments.map { Attachment(id: try $0.requireID(), name: $0.name, size: $0.size,
                                                          url: "/api/v1/mail/messages/\(id.uuidString)/attachments/\(try $0.requireID().uuidString)") },
            recipients: recipients, thread: thread)
    }
}

extension MailAttachment {
    /// The download of an attachment a person may reach (through ``MailScope``).
    static func download(_ attachmentID: UUID, of messageID: UUID, on db: any Database) async throws -> Response {
        guard let attachment = try await MailAttachment.find(attachmentID, on: db), attachment.messageID == messageID,
              let file = try await MailFile.find(attachment.fileID, on: db) else { throw AppError.notFound() }
        return FileDownload.response(file.data, contentType: file.contentType, name: attachment.name)
    }
}

import Fluent
import Foundation
import TextSearch

/// A person's folders as lists: the copies they hold in one folder (or matching a search), newest first. Search
/// runs over the person's own messages only — subject, body and attachment text through the platform's Chinese
/// tokenizer (``SearchTokenizer``) — not through the shared index, whose results are scoped by unit and could not
/// keep mail private.
enum MailBox {
    struct Line: Sendable {
        var message: MailMessage
        var copy: MailDelivery
        var senderName: String
        var attachments: Int
    }

    /// `inbox`, `sent`, `drafts`, `trash` or the id of one of the person's folders; 422 for anything else.
    static func folderFilter(_ folder: String, person: UUID, on db: any Database) async throws -> (MailDelivery.Folder, UUID?) {
        if let builtin = MailDelivery.Folder(rawValue: folder), builtin != .custom { return (builtin, nil) }
        if let id = UUID(uuidString: folder), let own = try await MailFolder.find(id, on: db), own.ownerID == person { return (.custom, id) }
        throw AppError.validation(Strings.Mail.folderInvalid, fields: ["folder": Strings.Mail.folderInvalid])
    }

    static func list(of person: UUID, folder: String, search: String?, page: Int, perPage: Int, on db: any Database) async throws -> (lines: [Line], total: Int) {
        var query = MailDelivery.query(on: db).filter(\.$userID == person).filter(\.$recalledAt == nil)
            .join(MailMessage.self, on: \MailDelivery.$messageID == \MailMessage.$id)
        let terms = SearchTokenizer.queryTerms(in: String((search ?? "").prefix(200)))
        if !terms.isEmpty {
            for term in terms.prefix(20) { query = query.filter(MailMessage.self, \.$searchTerms ~~ " \(term) ") }
        } else {
            let (kind, id) = try await folderFilter(folder, person: person, on: db)
            query = query.filter(\.$folder == kind.rawValue)
            if let id { query = query.filter(\.$folderID == id) }
        }
        let total = try await query.count()
        let copies = try await query.sort(\.$createdAt, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        let messages = try copies.map { try $0.joined(MailMessage.self) }
        let senders = try await User.query(on: db).filter(\.$id ~~ Array(Set(messages.map(\.senderID)))).all()
        let ids = messages.compactMap(\.id)
        let attachments = ids.isEmpty ? [] : try await MailAttachment.query(on: db).filter(\.$messageID ~~ ids).field(\.$messageID).all()
        let lines = zip(copies, messages).map { copy, message in
            Line(message: message, copy: copy, senderName: senders.first { $0.id == message.senderID }?.name ?? "",
                 attachments: attachments.filter { $0.messageID == message.id }.count)
        }
        return (lines, total)
    }

    static func unreadCount(of person: UUID, on db: any Database) async throws -> Int {
        try await MailDelivery.query(on: db).filter(\.$userID == person).filter(\.$folder == MailDelivery.Folder.inbox.rawValue)
            .filter(\.$readAt == nil).filter(\.$recalledAt == nil).count()
    }

    /// The messages of a thread the person holds, oldest first.
    static func thread(_ threadID: UUID, of person: UUID, on db: any Database) async throws -> [MailMessage] {
        let copies = try await MailDelivery.query(on: db).filter(\.$userID == person).filter(\.$recalledAt == nil)
            .join(MailMessage.self, on: \MailDelivery.$messageID == \MailMessage.$id)
            .filter(MailMessage.self, \.$threadID == threadID).filter(MailMessage.self, \.$status == MailMessage.Status.sent.rawValue).all()
        return try copies.map { try $0.joined(MailMessage.self) }.sorted { ($0.sentAt ?? $0.createdAt) < ($1.sentAt ?? $1.createdAt) }
    }
}

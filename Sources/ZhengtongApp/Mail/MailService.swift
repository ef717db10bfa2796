import Fluent
import Foundation
import SQLKit
import TextSearch
import Vapor

/// 内部邮件's business actions, one call each for the pages, the API and the demo, each in one transaction with its
/// audit record. The audit log says that a message was sent, by whom, to how many and to which addressees, and
/// when — never its subject or body (mail is private, the audit administrator included).
enum MailService {
    typealias Actor = WorkflowService.Actor

    /// What a sender types.
    struct Input: Sendable {
        var subject: String?
        var body: String?
        var addressing: MailAddressing
        var important: Bool
        var receiptRequested: Bool
    }

    // MARK: Drafts

    /// 保存草稿 (the button, the autosave every minute, the API): creates the draft under `id` the first time (the
    /// compose page picks the id, so its autosave and its button write the same draft), later updates it when
    /// `expectedVersion` is current (409 otherwise). A draft keeps whatever was typed; only lengths are checked.
    @discardableResult
    static func save(_ id: UUID, _ input: Input, expectedVersion: Int?, access: Access, actor: Actor, app: Application,
                     now: Date = Date()) async throws -> MailMessage {
        let subject = FieldRules.trimmed(input.subject)
        let body = (input.body ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        var errors: [String: String] = [:]
        if subject.count > 200 { errors["subject"] = Strings.Mail.subjectTooLong }
        if body.count > NoticeMarkup.limit { errors["body"] = Strings.Mail.bodyTooLong }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        // Addressees that no longer resolve are dropped from a draft; sending checks them strictly.
        var addressing = MailAddressing()
        for (list, path) in [(input.addressing.to, \MailAddressing.to), (input.addressing.cc, \.cc), (input.addressing.bcc, \.bcc)] {
            for address in list {
                if let label = try await MailAddressing.label(of: address, sender: access, on: app.db) {
                    var named = address
                    named.label = label
                    if !addressing[keyPath: path].contains(named) { addressing[keyPath: path].append(named) }
                }
            }
        }
        let encoded = try addressing.encoded()
        return try await app.write { db in
            if let current = try await MailMessage.find(id, on: db) {
                guard current.senderID == access.userID else { throw AppError.notFound() }
                guard current.statusValue == .draft else { throw AppError.conflict(Strings.Mail.alreadySent) }
                guard let expectedVersion, expectedVersion == current.version else { throw AppError.conflict(Strings.Mail.editedMeanwhile) }
                current.subject = subject
                current.body = body
                current.addressing = encoded
                current.important = input.important
                current.receiptRequested = input.receiptRequested
                current.version += 1
                current.updatedAt = now
                try await refreshSize(current, on: db)
                try await current.update(on: db)
                return current
            }
            let message = MailMessage()
            message.id = id
            message.senderID = access.userID
            message.threadID = id
            message.status = MailMessage.Status.draft.rawValue
            message.subject = subject
            message.body = body
            message.addressing = encoded
            message.important = input.important
            message.receiptRequested = input.receiptRequested
            message.size = 0
            message.searchTerms = " "
            message.version = 1
            message.createdAt = now
            message.updatedAt = now
            try await create(message, on: db)
            return message
        }
    }

    /// A new draft with its sender's copy in 草稿箱.
    private static func create(_ message: MailMessage, on db: any Database) async throws {
        try await refreshSize(message, on: db)
        try await message.create(on: db)
        let copy = MailDelivery()
        copy.messageID = try message.requireID()
        copy.userID = message.senderID
        copy.kind = MailDelivery.Kind.sender.rawValue
        copy.folder = MailDelivery.Folder.drafts.rawValue
        copy.flagged = false
        copy.share = message.size
        copy.createdAt = message.createdAt
        try await copy.create(on: db)
    }

    /// The message's size and search terms from its text and attachments (a draft's only holder carries it all).
    private static func refreshSize(_ message: MailMessage, on db: any Database) async throws {
        let id = try message.requireID()
        let attachments = try await MailAttachment.query(on: db).filter(\.$messageID == id).all()
        let files = attachments.isEmpty ? [] : try await MailFile.query(on: db).filter(\.$id ~~ attachments.map(\.fileID)).field(\.$id).field(\.$text).all()
        message.size = message.subject.utf8.count + message.body.utf8.count + attachments.reduce(0) { $0 + $1.size }
        let text = ([message.subject, message.body] + attachments.map(\.name) + files.map(\.text)).joined(separator: "\n")
        message.searchTerms = " " + SearchTokenizer.uniqueTerms(in: String(text.prefix(200_000))).joined(separator: " ") + " "
        if message.statusValue == .draft, message.id != nil {
            try await MailDelivery.query(on: db).filter(\.$messageID == id).filter(\.$kind == MailDelivery.Kind.sender.rawValue)
                .set(\.$share, to: message.size).update()
        }
    }

    // MARK: Sending

    /// 发送: the draft's addressees expanded to people now (departments, units, roles, groups), one copy row each,
    /// the sender's copy moved to 已发送; the recipients are told under the bell. 422 without a subject or an
    /// addressee, `mail_quota_exceeded` when the sender's mailbox is full.
    @discardableResult
    static func send(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> MailMessage {
        let draft = try await MailScope.draft(id, by: access.userID, on: app.db)
        var errors: [String: String] = [:]
        if draft.subject.isEmpty { errors["subject"] = Strings.Mail.subjectRequired }
        let addressing = MailAddressing.decode(draft.addressing)
        if addressing.isEmpty { errors["to"] = Strings.Mail.recipientRequired }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let resolved = try await addressing.resolved(sender: access, on: app.db)
        let people = try await resolved.people(sender: access, on: app.db)
        guard !people.isEmpty else {
            throw AppError.validation(Strings.Mail.nobodyReached, fields: ["to": Strings.Mail.nobodyReached])
        }
        let version = draft.version
        let settings = try await MailSettings.effective(for: access.unitID, app: app)
        let sent = try await app.write { db in
            guard let current = try await MailMessage.find(id, on: db), current.statusValue == .draft, current.version == version else {
                throw AppError.conflict(Strings.Mail.editedMeanwhile)
            }
            let share = current.size / (people.count + 1)
            // The sender's copy already counts the whole draft; what they keep afterwards is their share.
            let used = try await usage(of: access.userID, on: db) - current.size + share
            guard used <= settings.quotaBytes else { throw quotaExceeded() }
            current.status = MailMessage.Status.sent.rawValue
            current.addressing = try resolved.encoded()
            current.sentAt = now
            current.updatedAt = now
            current.version += 1
            try await current.update(on: db)
            try await MailDelivery.query(on: db).filter(\.$messageID == id).filter(\.$userID == access.userID)
                .set(\.$folder, to: MailDelivery.Folder.sent.rawValue).set(\.$share, to: share).set(\.$createdAt, to: now).update()
            try await BulkInsert.rows(into: MailDelivery.schema, people.map {
                DeliveryRow(id: UUID(), messageID: id, userID: $0.user, kind: $0.kind.rawValue, folder: MailDelivery.Folder.inbox.rawValue,
                            share: share, createdAt: now)
            }, on: db)
            try await Notifier.send(NotificationDraft(kind: .mail, title: Strings.Mail.newMailTitle(important: current.important, subject: current.subject),
                                                      body: nil, link: SiteURL.mailMessage.link(id), key: "mail:\(id.uuidString)"),
                                    to: people.map(\.user), at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "mail.send", targetType: "mail", targetID: id.uuidString, targetLabel: Strings.Mail.auditLabel,
                                                 after: ["recipients": String(people.count),
                                                         "to": resolved.to.compactMap(\.label).joined(separator: "、"),
                                                         "cc": resolved.cc.compactMap(\.label).joined(separator: "、"),
                                                         "bcc": resolved.bcc.compactMap(\.label).joined(separator: "、")]),
                                      by: actor.audit, on: db)
            return current
        }
        return sent
    }

    /// A `mail_deliveries` row as written at sending.
    struct DeliveryRow: Encodable, Sendable {
        var id: UUID, messageID: UUID, userID: UUID, kind: String, folder: String, flagged = false, share: Int, createdAt: Date
        var readAt: Date? = nil

        enum CodingKeys: String, CodingKey {
            case id, messageID = "message_id", userID = "user_id", kind, folder, flagged, share, createdAt = "created_at", readAt = "read_at"
        }
    }

    static func quotaExceeded() -> AppError {
        AppError(status: .unprocessableEntity, code: "mail_quota_exceeded", message: Strings.Mail.quotaExceeded, fields: [:])
    }

    /// What a person holds, in bytes: their share of every message they keep (trash included until it is emptied).
    static func usage(of person: UUID, on db: any Database) async throws -> Int {
        let rows = try await MailDelivery.query(on: db).filter(\.$userID == person).filter(\.$recalledAt == nil).field(\.$share).all()
        return rows.reduce(0) { $0 + $1.share }
    }

    // MARK: Attachments

    /// A file on one's draft: the platform's type checks (``UploadedFiles``), at most the mail attachment limit,
    /// within the quota; its text is read once here for search.
    @discardableResult
    static func attach(_ id: UUID, name raw: String, data: Data, access: Access, actor: Actor, app: Application,
                       now: Date = Date()) async throws -> MailAttachment {
        let draft = try await MailScope.draft(id, by: access.userID, on: app.db)
        let settings = try await MailSettings.effective(for: access.unitID, app: app)
        guard data.count <= settings.attachmentBytes else {
            throw AppError(status: .payloadTooLarge, code: "payload_too_large", message: Strings.Mail.attachmentTooLarge(settings.attachmentBytes), fields: [:])
        }
        let (name, type) = try UploadedFiles.accepted(name: raw, data: data, refused: Strings.Mail.attachmentRefused)
        guard try await usage(of: access.userID, on: app.db) + data.count <= settings.quotaBytes else { throw quotaExceeded() }
        let text = try await AttachmentText(app: app).read(name: name, data: data, document: try draft.requireID()) ?? ""
        return try await app.write { db in
            guard let current = try await MailMessage.find(id, on: db), current.statusValue == .draft else { throw AppError.conflict(Strings.Mail.alreadySent) }
            let file = MailFile()
            file.contentType = type
            file.size = data.count
            file.sha256 = SHA256Hex.of(data)
            file.data = data
            file.text = String(text.prefix(500_000))
            file.uploadedBy = access.userID
            file.createdAt = now
            try await file.create(on: db)
            let attachment = MailAttachment()
            attachment.messageID = id
            attachment.fileID = try file.requireID()
            attachment.name = name
            attachment.size = data.count
            attachment.createdAt = now
            try await attachment.create(on: db)
            try await touch(current, at: now, on: db)
            return attachment
        }
    }

    static func detach(_ id: UUID, attachment attachmentID: UUID, access: Access, app: Application, now: Date = Date()) async throws {
        _ = try await MailScope.draft(id, by: access.userID, on: app.db)
        try await app.write { db in
            guard let attachment = try await MailAttachment.find(attachmentID, on: db), attachment.messageID == id else { throw AppError.notFound() }
            try await attachment.delete(on: db)
            try await deleteUnusedFiles([attachment.fileID], on: db)
            guard let current = try await MailMessage.find(id, on: db) else { throw AppError.notFound() }
            try await touch(current, at: now, on: db)
        }
    }

    private static func touch(_ message: MailMessage, at now: Date, on db: any Database) async throws {
        message.version += 1
        message.updatedAt = now
        try await refreshSize(message, on: db)
        try await message.update(on: db)
    }

    // MARK: Reply and forward

    enum Response: String, Sendable, CaseIterable {
        case reply, replyAll = "reply-all", forward
    }

    /// 回复, 回复全部, 转发: a new draft in the same thread, addressed and titled for it, quoting the original; a
    /// forward carries the attachments by reference (the bytes are not copied).
    static func respond(_ id: UUID, _ response: Response, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> MailMessage {
        let (original, _) = try await MailScope.held(id, by: access.userID, on: app.db)
        guard original.statusValue == .sent else { throw AppError.conflict(Strings.Mail.notSent) }
        let addressing = MailAddressing.decode(original.addressing)
        var reply = MailAddressing()
        switch response {
        case .reply:
            reply.to = [MailAddress(kind: .person, id: original.senderID.uuidString)]
        case .replyAll:
            reply.to = [MailAddress(kind: .person, id: original.senderID.uuidString)] + addressing.to.filter { $0 != MailAddress(kind: .person, id: access.userID.uuidString) }
            reply.cc = addressing.cc.filter { $0 != MailAddress(kind: .person, id: access.userID.uuidString) }
            if original.senderID == access.userID { reply.to.removeFirst() }
        case .forward:
            break
        }
        let sender = try await User.find(original.senderID, on: app.db)
        let prefix = response == .forward ? Strings.Mail.forwardPrefix : Strings.Mail.replyPrefix
        let subject = original.subject.hasPrefix(prefix) ? original.subject : prefix + original.subject
        let quoted = Strings.Mail.quoteHeader(sender: sender?.name ?? "", time: DisplayFormat.minute(original.sentAt ?? original.createdAt)) + "\n"
            + original.body.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        let newID = UUID()
        let draft = try await save(newID, Input(subject: String(subject.prefix(200)), body: String(("\n\n" + quoted).prefix(NoticeMarkup.limit)),
                                                addressing: reply, important: false, receiptRequested: false),
                                   expectedVersion: nil, access: access, actor: actor, app: app, now: now)
        return try await app.write { db in
            guard let current = try await MailMessage.find(newID, on: db) else { throw AppError.notFound() }
            current.threadID = original.threadID
            if response == .forward {
                for attachment in try await MailAttachment.query(on: db).filter(\.$messageID == id).all() {
                    let copy = MailAttachment()
                    copy.messageID = newID
                    copy.fileID = attachment.fileID
                    copy.name = attachment.name
                    copy.size = attachment.size
                    copy.createdAt = now
                    try await copy.create(on: db)
                }
                try await refreshSize(current, on: db)
            }
            try await current.update(on: db)
            _ = draft
            return current
        }
    }

    // MARK: Reading and the recipient's actions

    /// 阅读: the first open of a recipient's copy records when. Atomic against 撤回: the open is recorded only on a
    /// copy not recalled, the recall only on copies not opened, so exactly one of them wins; when the recall won,
    /// the copy is gone (404).
    static func open(_ id: UUID, by person: UUID, app: Application, now: Date = Date()) async throws -> (message: MailMessage, copy: MailDelivery) {
        let held = try await MailScope.held(id, by: person, on: app.db)
        guard held.copy.readAt == nil, held.copy.kindValue != .sender else { return held }
        try await app.write { db in
            try await MailDelivery.query(on: db).filter(\.$messageID == id).filter(\.$userID == person)
                .filter(\.$readAt == nil).filter(\.$recalledAt == nil).set(\.$readAt, to: now).update()
        }
        return try await MailScope.held(id, by: person, on: app.db)
    }

    /// 标为已读 / 未读.
    static func markRead(_ id: UUID, _ read: Bool, access: Access, app: Application, now: Date = Date()) async throws {
        let (_, copy) = try await read ? open(id, by: access.userID, app: app, now: now) : MailScope.held(id, by: access.userID, on: app.db)
        guard !read, copy.kindValue != .sender else { return }
        // Unread again for the person's own list; the receipt the sender saw keeps the first open.
        try await app.write { db in
            try await MailDelivery.query(on: db).filter(\.$id == copy.requireID()).set(\.$readAt, to: nil).update()
        }
    }

    static func flag(_ id: UUID, _ flagged: Bool, access: Access, app: Application) async throws {
        let (_, copy) = try await MailScope.held(id, by: access.userID, on: app.db)
        try await app.write { db in try await MailDelivery.query(on: db).filter(\.$id == copy.requireID()).set(\.$flagged, to: flagged).update() }
    }

    /// 移动 to one of the person's folders, or back to the built-in one (`inbox` for a received copy, `sent` for one's own).
    static func move(_ id: UUID, to folder: String, access: Access, app: Application) async throws {
        let (message, copy) = try await MailScope.held(id, by: access.userID, on: app.db)
        guard message.statusValue == .sent else { throw AppError.conflict(Strings.Mail.notSent) }
        let home = copy.kindValue == .sender ? MailDelivery.Folder.sent : .inbox
        let target: (String, UUID?)
        if folder == home.rawValue {
            target = (home.rawValue, nil)
        } else if let folderID = UUID(uuidString: folder), let own = try await MailFolder.find(folderID, on: app.db), own.ownerID == access.userID {
            target = (MailDelivery.Folder.custom.rawValue, folderID)
        } else {
            throw AppError.validation(Strings.Mail.folderInvalid, fields: ["folder": Strings.Mail.folderInvalid])
        }
        try await app.write { db in
            try await MailDelivery.query(on: db).filter(\.$id == copy.requireID()).set(\.$folder, to: target.0).set(\.$folderID, to: target.1)
                .set(\.$trashedAt, to: nil).update()
        }
    }

    /// 删除: into 已删除 (emptied after ``MailSettings/trashDays``); a copy already there is deleted for good.
    static func delete(_ id: UUID, access: Access, app: Application, now: Date = Date()) async throws {
        let (_, copy) = try await MailScope.held(id, by: access.userID, on: app.db)
        try await app.write { db in
            if copy.folderValue == .trash {
                try await deleteCopies(try await MailDelivery.query(on: db).filter(\.$id == copy.requireID()).all(), on: db)
            } else {
                let previous = copy.folderValue == .custom ? copy.folderID?.uuidString : copy.folder
                try await MailDelivery.query(on: db).filter(\.$id == copy.requireID()).set(\.$folder, to: MailDelivery.Folder.trash.rawValue)
                    .set(\.$previousFolder, to: previous).set(\.$folderID, to: nil).set(\.$trashedAt, to: now).update()
            }
        }
    }

    /// 恢复 from 已删除 to where it was (a personal folder deleted meanwhile: the built-in one).
    static func restore(_ id: UUID, access: Access, app: Application) async throws {
        let (message, copy) = try await MailScope.held(id, by: access.userID, on: app.db)
        guard copy.folderValue == .trash else { throw AppError.conflict(Strings.Mail.notInTrash) }
        let home: MailDelivery.Folder = message.statusValue == .draft ? .drafts : copy.kindValue == .sender ? .sent : .inbox
        var folder = home.rawValue
        var folderID: UUID?
        if let previous = copy.previousFolder, let id = UUID(uuidString: previous), try await MailFolder.find(id, on: app.db)?.ownerID == access.userID {
            folder = MailDelivery.Folder.custom.rawValue
            folderID = id
        }
        let target = (folder, folderID)
        try await app.write { db in
            try await MailDelivery.query(on: db).filter(\.$id == copy.requireID()).set(\.$folder, to: target.0).set(\.$folderID, to: target.1)
                .set(\.$trashedAt, to: nil).set(\.$previousFolder, to: nil).update()
        }
    }

    // MARK: Recall

    /// 撤回: the sender takes the message back from every recipient who has not opened it (they keep nothing); those
    /// who opened it keep it. Returns the people it was recalled from.
    @discardableResult
    static func recall(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> [UUID] {
        let (message, copy) = try await MailScope.held(id, by: access.userID, on: app.db)
        guard copy.kindValue == .sender else { throw AppError.forbidden(Strings.Mail.notSender) }
        guard message.statusValue == .sent else { throw AppError.conflict(Strings.Mail.notSent) }
        return try await app.write { db in
            let sql = try db.sqlDatabase()
            // One statement: a copy opened at the same moment is either opened (kept) or recalled, never both.
            let rows = try await sql.raw("""
                UPDATE mail_deliveries SET recalled_at = \(bind: now)
                WHERE message_id = \(bind: id) AND kind <> 'sender' AND read_at IS NULL AND recalled_at IS NULL RETURNING user_id
                """).all()
            let people = try rows.map { try $0.decode(column: "user_id", as: UUID.self) }
            // Their bell no longer names a message they cannot open (mail never goes to the phone: no outbox rows).
            if !people.isEmpty {
                try await NotificationRecord.query(on: db).filter(\.$userID ~~ people).filter(\.$dedupeKey == "mail:\(id.uuidString)").delete()
            }
            try await AuditLog.record(AuditEvent(action: "mail.recall", targetType: "mail", targetID: id.uuidString, targetLabel: Strings.Mail.auditLabel,
                                                 after: ["recalled": String(people.count)]), by: actor.audit, on: db)
            return people
        }
    }

    // MARK: Folders and groups

    static func createFolder(named raw: String?, access: Access, app: Application, now: Date = Date()) async throws -> MailFolder {
        let name = FieldRules.trimmed(raw)
        guard !name.isEmpty, name.count <= 30 else { throw AppError.validation(Strings.Mail.folderNameRequired, fields: ["name": Strings.Mail.folderNameRequired]) }
        return try await app.write { db in
            guard try await MailFolder.query(on: db).filter(\.$ownerID == access.userID).filter(\.$name == name).first() == nil else {
                throw AppError.validation(Strings.Mail.folderNameTaken, fields: ["name": Strings.Mail.folderNameTaken])
            }
            let folder = MailFolder()
            folder.ownerID = access.userID
            folder.name = name
            folder.createdAt = now
            try await folder.create(on: db)
            return folder
        }
    }

    /// Deletes one's folder; what it held goes back to 收件箱 / 已发送.
    static func deleteFolder(_ id: UUID, access: Access, app: Application) async throws {
        guard let folder = try await MailFolder.find(id, on: app.db), folder.ownerID == access.userID else { throw AppError.notFound() }
        try await app.write { db in
            for copy in try await MailDelivery.query(on: db).filter(\.$userID == access.userID).filter(\.$folderID == id).all() {
                copy.folder = (copy.kindValue == .sender ? MailDelivery.Folder.sent : .inbox).rawValue
                copy.folderID = nil
                try await copy.update(on: db)
            }
            try await folder.delete(on: db)
        }
    }

    static func saveGroup(_ id: UUID?, named raw: String?, members: [UUID], access: Access, app: Application, now: Date = Date()) async throws -> MailGroup {
        let name = FieldRules.trimmed(raw)
        guard !name.isEmpty, name.count <= 30 else { throw AppError.validation(Strings.Mail.groupNameRequired, fields: ["name": Strings.Mail.groupNameRequired]) }
        var seen = Set<UUID>()
        let unique = members.filter { seen.insert($0).inserted }
        let found = unique.isEmpty ? [] : try await User.query(on: app.db).filter(\.$id ~~ unique).filter(\.$isDisabled == false).all()
        guard !unique.isEmpty, unique.count <= 500, found.count == unique.count else {
            throw AppError.validation(Strings.Mail.groupMembersRequired, fields: ["members": Strings.Mail.groupMembersRequired])
        }
        let encoded = String(decoding: try JSONEncoder().encode(unique), as: UTF8.self)
        return try await app.write { db in
            let group: MailGroup
            if let id {
                guard let existing = try await MailGroup.find(id, on: db), existing.ownerID == access.userID else { throw AppError.notFound() }
                group = existing
            } else {
                group = MailGroup()
                group.ownerID = access.userID
                group.createdAt = now
            }
            if let other = try await MailGroup.query(on: db).filter(\.$ownerID == access.userID).filter(\.$name == name).first(), other.id != group.id {
                throw AppError.validation(Strings.Mail.groupNameTaken, fields: ["name": Strings.Mail.groupNameTaken])
            }
            group.name = name
            group.members = encoded
            try await group.save(on: db)
            return group
        }
    }

    static func deleteGroup(_ id: UUID, access: Access, app: Application) async throws {
        guard let group = try await MailGroup.find(id, on: app.db), group.ownerID == access.userID else { throw AppError.notFound() }
        try await app.write { db in try await group.delete(on: db) }
    }

    // MARK: Removal

    /// Deletes one's own unsent draft at once (an API send that was refused).
    static func discardDraft(_ id: UUID, access: Access, app: Application) async throws {
        try await app.write { db in
            guard let message = try await MailMessage.find(id, on: db), message.senderID == access.userID, message.statusValue == .draft else { return }
            try await deleteCopies(try await MailDelivery.query(on: db).filter(\.$messageID == id).all(), on: db)
        }
    }

    /// Deletes copies for good; a message nobody holds any more goes with its attachments, and a file no message
    /// points at goes with it.
    static func deleteCopies(_ copies: [MailDelivery], on db: any Database) async throws {
        guard !copies.isEmpty else { return }
        let messages = Array(Set(copies.map(\.messageID)))
        try await MailDelivery.query(on: db).filter(\.$id ~~ copies.compactMap(\.id)).delete()
        let stillHeld = Set(try await MailDelivery.query(on: db).filter(\.$messageID ~~ messages).field(\.$messageID).all().map(\.messageID))
        let orphans = messages.filter { !stillHeld.contains($0) }
        guard !orphans.isEmpty else { return }
        let attachments = try await MailAttachment.query(on: db).filter(\.$messageID ~~ orphans).all()
        try await MailAttachment.query(on: db).filter(\.$messageID ~~ orphans).delete()
        try await MailMessage.query(on: db).filter(\.$id ~~ orphans).delete()
        try await deleteUnusedFiles(attachments.map(\.fileID), on: db)
    }

    private static func deleteUnusedFiles(_ files: [UUID], on db: any Database) async throws {
        let candidates = Array(Set(files))
        guard !candidates.isEmpty else { return }
        let used = Set(try await MailAttachment.query(on: db).filter(\.$fileID ~~ candidates).field(\.$fileID).all().map(\.fileID))
        let unused = candidates.filter { !used.contains($0) }
        if !unused.isEmpty { try await MailFile.query(on: db).filter(\.$id ~~ unused).delete() }
    }

    /// Upkeep: 已删除 emptied of what has lain there longer than ``MailSettings/trashDays`` (inside Upkeep's transaction).
    /// Returns how many copies went.
    static func purgeTrash(before cutoff: Date, on db: any Database) async throws -> Int {
        let copies = try await MailDelivery.query(on: db).filter(\.$folder == MailDelivery.Folder.trash.rawValue).filter(\.$trashedAt < cutoff).all()
        try await deleteCopies(copies, on: db)
        return copies.count
    }
}

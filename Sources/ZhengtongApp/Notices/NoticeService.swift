import Fluent
import Foundation
import Gongwen
import Vapor

/// 通知公告's business actions, each one call that the pages and the API use alike, in one transaction with its
/// audit record: 起草 and 修改 (a published item keeps its earlier text, and its readers are told), 送审 (the
/// column's review process), 发布 (from the process's end: the recipients are fixed then), 阅读, 回执, 催阅, 撤回, and
/// the files.
enum NoticeService {
    typealias Actor = WorkflowService.Actor
    static let businessType = "notice"

    /// What a publisher types.
    struct Input: Sendable {
        var columnID: UUID?
        var title: String?
        var body: String?
        var audience: NoticeAudience
        var important: Bool
        var pinnedUntil: String?
        var expiresAt: String?
        var replyFields: [NoticeReplyField]
    }

    /// The input checked: a title, a body, an audience within reach, days not in the past.
    struct Checked: Sendable {
        var column: NoticeColumn
        var title: String
        var body: String
        var blocks: [NoticeBlock]
        var audience: NoticeAudience
        var important: Bool
        var pinnedUntil: Date?
        var expiresAt: Date?
        var replyFields: [NoticeReplyField]
    }

    static func check(_ input: Input, access: Access, now: Date, on db: any Database) async throws -> Checked {
        var errors: [String: String] = [:]
        guard let columnID = input.columnID, let column = try await NoticeColumn.find(columnID, on: db), access.canPublish(in: column) else {
            throw AppError.validation(Strings.Notices.columnRequired, fields: ["column": Strings.Notices.columnRequired])
        }
        let title = FieldRules.trimmed(input.title)
        if title.isEmpty { errors["title"] = Strings.Notices.titleRequired } else if title.count > 200 { errors["title"] = Strings.Notices.titleTooLong }
        let body = (input.body ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty { errors["body"] = Strings.Notices.bodyRequired } else if body.count > NoticeMarkup.limit { errors["body"] = Strings.Notices.bodyTooLong }
        let today = DocumentDate(now)
        func day(_ text: String?, _ field: String) -> Date? {
            let trimmed = FieldRules.trimmed(text)
            guard !trimmed.isEmpty else { return nil }
            guard let date = DocumentDate(iso: trimmed) else { errors[field] = Strings.Notices.dayInvalid; return nil }
            guard date >= today else { errors[field] = Strings.Notices.dayInPast; return nil }
            return endOfDay(date)
        }
        let pinned = day(input.pinnedUntil, "pinnedUntil")
        let expires = day(input.expiresAt, "expiresAt")
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        try await input.audience.check(publishedBy: column.unitID, tree: access.tree, on: db)
        return Checked(column: column, title: title, body: body, blocks: NoticeMarkup.parse(body), audience: input.audience, important: input.important,
                       pinnedUntil: pinned, expiresAt: expires,
                       replyFields: NoticeReplyField.allCases.filter(input.replyFields.contains))
    }

    /// 起草: a new notice in a column the person may publish in.
    /// The last moment of `day` in Beijing time (置顶 and 有效期 run to the end of the day named).
    static func endOfDay(_ day: DocumentDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DisplayFormat.timeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 23, minute: 59, second: 59)) ?? Date()
    }

    static func draft(_ input: Input, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Notice {
        let checked = try await check(input, access: access, now: now, on: app.db)
        return try await app.write { db in
            let notice = Notice()
            notice.id = UUID()
            notice.unitID = checked.column.unitID
            notice.columnID = try checked.column.requireID()
            notice.authorID = access.userID
            try apply(checked, to: notice)
            notice.status = Notice.Status.drafting.rawValue
            notice.version = 1
            notice.createdAt = now
            notice.updatedAt = now
            try await notice.create(on: db)
            try await AuditLog.record(AuditEvent(action: "notice.create", targetType: "notice", targetID: notice.id?.uuidString, targetLabel: notice.title,
                                                 after: ["column": checked.column.name]), by: actor.audit, on: db)
            return notice
        }
    }

    private static func apply(_ checked: Checked, to notice: Notice) throws {
        notice.title = checked.title
        notice.body = checked.body
        notice.blocks = String(decoding: try JSONEncoder().encode(checked.blocks), as: UTF8.self)
        notice.audience = try checked.audience.encoded()
        notice.important = checked.important
        notice.pinnedUntil = checked.pinnedUntil
        notice.expiresAt = checked.expiresAt
        notice.replyFields = String(decoding: try JSONEncoder().encode(checked.replyFields), as: UTF8.self)
    }

    /// 修改: while drafting by its author; once published by those who manage it — the published text is kept as a
    /// version, and readers who had read it see it as 已更新 and are told. The audience of a published item stays.
    /// Guarded by `expectedVersion`.
    @discardableResult
    static func edit(_ id: UUID, _ input: Input, expectedVersion: Int, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Notice {
        let notice = try await NoticeLookup.visible(id, access: access, on: app.db)
        var input = input
        input.columnID = notice.columnID
        if notice.statusValue == .published { input.audience = NoticeAudience.decode(notice.audience) }
        let checked = try await check(input, access: access, now: now, on: app.db)
        return try await app.write { db in
            guard let current = try await Notice.find(id, on: db) else { throw AppError.notFound() }
            switch current.statusValue {
            case .drafting:
                guard current.authorID == access.userID else { throw AppError.forbidden(Strings.Notices.notEditable) }
            case .published:
                guard try await access.manages(current, on: db) else { throw AppError.forbidden(Strings.Notices.notEditable) }
            case .reviewing, .withdrawn:
                throw AppError.conflict(Strings.Notices.notEditableNow)
            }
            guard current.version == expectedVersion else { throw AppError.conflict(Strings.Notices.editedMeanwhile) }
            let published = current.statusValue == .published
            let changed = current.title != checked.title || current.body != checked.body
            if published && changed {
                let kept = NoticeVersion()
                kept.noticeID = id
                kept.version = current.version
                kept.title = current.title
                kept.body = current.body
                kept.editedBy = access.userID
                kept.createdAt = now
                try await kept.create(on: db)
            }
            try apply(checked, to: current)
            current.version += 1
            current.updatedAt = now
            try await current.update(on: db)
            if published && changed {
                let readers = try await NoticeRecipient.query(on: db).filter(\.$noticeID == id).filter(\.$readAt != nil).all()
                try await NoticeRecipient.query(on: db).filter(\.$noticeID == id).filter(\.$readAt != nil).set(\.$changedSinceRead, to: true).update()
                try await Notifier.send(NotificationDraft(kind: .noticeChanged, title: Strings.Notices.changedTitle(current.title), body: nil,
                                                          link: SiteURL.notice.link(id), key: "notice-changed:\(id.uuidString):\(current.version)"),
                                        to: readers.map(\.userID), at: now, on: db)
                try await SearchIndex.markDirty(.notice, id, at: now, on: db)
            }
            try await AuditLog.record(AuditEvent(action: "notice.update", targetType: "notice", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["version": String(current.version), "published": String(published)]), by: actor.audit, on: db)
            return current
        }
    }

    /// 送审: starts the column's review process; the first reviewer gets a task.
    static func submit(_ id: UUID, access: Access, actor: Actor, app: Application) async throws -> Notice {
        let notice = try await NoticeLookup.visible(id, access: access, on: app.db)
        guard notice.authorID == access.userID else { throw AppError.forbidden(Strings.Notices.notEditable) }
        guard notice.statusValue == .drafting else { throw AppError.conflict(Strings.Notices.alreadySubmitted) }
        guard let column = try await NoticeColumn.find(notice.columnID, on: app.db) else { throw AppError.notFound() }
        guard try await WorkflowDefinitions.newest(column.processKey, on: app.db) != nil else {
            throw AppError.validation(Strings.Notices.processMissing)
        }
        let expected = notice.version
        _ = try await app.workflow.start(processKey: column.processKey, title: notice.title, businessType: businessType, businessID: id.uuidString,
                                         by: actor) { instanceID, db in
            guard let current = try await Notice.find(id, on: db), current.version == expected, current.statusValue == .drafting else {
                throw AppError.conflict(Strings.Notices.editedMeanwhile)
            }
            current.status = Notice.Status.reviewing.rawValue
            current.instanceID = instanceID
            current.returnedReason = nil
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "notice.submit", targetType: "notice", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["process": column.processKey]), by: actor.audit, on: db)
        }
        return try await NoticeLookup.visible(id, access: access, on: app.db)
    }

    /// 发布, when the review process ends approved (inside its command's transaction): the audience's people become
    /// the recipients; a 重要 notice is also sent to their phones.
    static func publish(_ notice: Notice, at now: Date, app: Application, on db: any Database) async throws {
        let tree = try await UnitTree.load(on: db)
        let audience = NoticeAudience.decode(notice.audience)
        let people = try await audience.people(publishedBy: notice.unitID, tree: tree, except: notice.authorID, on: db)
        let id = try notice.requireID()
        try await BulkInsert.rows(into: NoticeRecipient.schema, people.map { RecipientRow(id: UUID(), noticeID: id, userID: $0.user, unitID: $0.unit, createdAt: now) },
                                  on: db)
        notice.status = Notice.Status.published.rawValue
        notice.publishedAt = now
        notice.updatedAt = now
        try await notice.update(on: db)
        if notice.important {
            try await Notifier.send(NotificationDraft(kind: .noticeImportant, title: Strings.Notices.importantTitle(notice.title), body: nil,
                                                      link: SiteURL.notice.link(id), key: "notice:\(id.uuidString)"),
                                    to: people.map(\.user), at: now, on: db)
        }
        try await Notifier.send(NotificationDraft(kind: .noticePublished, title: Strings.Notices.publishedTitle(notice.title), body: nil,
                                                  link: SiteURL.notice.link(id), key: "notice-published:\(id.uuidString)"),
                                to: [notice.authorID], at: now, on: db)
        try await SearchIndex.markDirty(.notice, id, at: now, on: db)
    }

    /// A `notice_recipients` row as written (at publishing nobody has read or replied yet; the seeder writes both).
    struct RecipientRow: Encodable, Sendable {
        var id: UUID, noticeID: UUID, userID: UUID, unitID: UUID, changedSinceRead = false, createdAt: Date
        var readAt: Date? = nil, reply: String? = nil, repliedAt: Date? = nil

        enum CodingKeys: String, CodingKey {
            case id, noticeID = "notice_id", userID = "user_id", unitID = "unit_id", changedSinceRead = "changed_since_read", createdAt = "created_at"
            case readAt = "read_at", reply, repliedAt = "replied_at"
        }
    }

    /// A reviewer sent it back: the author may change it and send it again.
    static func returned(_ notice: Notice, reason: String?, at now: Date, on db: any Database) async throws {
        notice.status = Notice.Status.drafting.rawValue
        notice.returnedReason = reason
        notice.updatedAt = now
        try await notice.update(on: db)
        try await Notifier.send(NotificationDraft(kind: .noticeReturned, title: Strings.Notices.returnedTitle(notice.title), body: reason,
                                                  link: SiteURL.notice.link(try notice.requireID()), key: "notice-returned:\(try notice.requireID().uuidString):\(now.timeIntervalSince1970)"),
                                to: [notice.authorID], at: now, on: db)
    }

    /// 阅读: a recipient's first open is recorded (and an opened change is no longer new to them). Nothing for others.
    static func markRead(_ notice: Notice, by person: UUID, at now: Date = Date(), app: Application) async throws {
        let id = try notice.requireID()
        guard notice.statusValue == .published,
              let row = try await NoticeRecipient.query(on: app.db).filter(\.$noticeID == id).filter(\.$userID == person).first(),
              row.readAt == nil || row.changedSinceRead else { return }
        try await app.write { db in
            // Only the first open counts; two tabs opening at once record one time.
            try await NoticeRecipient.query(on: db).filter(\.$noticeID == id).filter(\.$userID == person).filter(\.$readAt == nil)
                .set(\.$readAt, to: now).update()
            try await NoticeRecipient.query(on: db).filter(\.$noticeID == id).filter(\.$userID == person).set(\.$changedSinceRead, to: false).update()
        }
    }

    /// 回执: a recipient fills what the notice asks; a later reply replaces the earlier one while the notice is up.
    static func reply(_ id: UUID, _ reply: NoticeReply, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> NoticeReply {
        let notice = try await NoticeLookup.visible(id, access: access, on: app.db)
        let fields = NoticeReplyField.decode(notice.replyFields)
        guard notice.statusValue == .published, !fields.isEmpty else { throw AppError.conflict(Strings.Notices.noReplyAsked) }
        let checked = try reply.checked(against: fields)
        let encoded = try checked.encoded()
        try await app.write { db in
            guard let row = try await NoticeRecipient.query(on: db).filter(\.$noticeID == id).filter(\.$userID == access.userID).first() else {
                throw AppError.forbidden(Strings.Notices.notRecipient)
            }
            row.reply = encoded
            row.repliedAt = now
            if row.readAt == nil { row.readAt = now }
            try await row.update(on: db)
            try await AuditLog.record(AuditEvent(action: "notice.reply", targetType: "notice", targetID: id.uuidString, targetLabel: notice.title,
                                                 after: ["reply": encoded]), by: actor.audit, on: db)
        }
        return checked
    }

    /// 催阅: the recipients who have not opened it are told again (also on their phones). Returns how many.
    @discardableResult
    static func remind(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Int {
        let notice = try await NoticeLookup.visible(id, access: access, on: app.db)
        guard try await access.manages(notice, on: app.db) else { throw AppError.forbidden(Strings.Notices.notManager) }
        guard notice.statusValue == .published else { throw AppError.conflict(Strings.Notices.notPublished) }
        return try await app.write { db in
            let unread = try await NoticeRecipient.query(on: db).filter(\.$noticeID == id).filter(\.$readAt == nil).all()
            guard !unread.isEmpty else { return 0 }
            try await NoticeRecipient.query(on: db).filter(\.$noticeID == id).filter(\.$readAt == nil).set(\.$remindedAt, to: now).update()
            // One 催阅 an hour reaches a person at most once.
            let hour = Int(now.timeIntervalSince1970 / 3600)
            try await Notifier.send(NotificationDraft(kind: .noticeReminder, title: Strings.Notices.reminderTitle(notice.title), body: nil,
                                                      link: SiteURL.notice.link(id), key: "notice-remind:\(id.uuidString):\(hour)"),
                                    to: unread.map(\.userID), at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "notice.remind", targetType: "notice", targetID: id.uuidString, targetLabel: notice.title,
                                                 after: ["unread": String(unread.count)]), by: actor.audit, on: db)
            return unread.count
        }
    }

    /// 撤回: off every board at once, with the reason kept; still found by those who manage it.
    static func withdraw(_ id: UUID, reason: String?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Notice {
        let notice = try await NoticeLookup.visible(id, access: access, on: app.db)
        guard try await access.manages(notice, on: app.db) else { throw AppError.forbidden(Strings.Notices.notManager) }
        let reason = FieldRules.trimmed(reason)
        guard !reason.isEmpty, reason.count <= 500 else {
            throw AppError.validation(Strings.Notices.withdrawReasonRequired, fields: ["reason": Strings.Notices.withdrawReasonRequired])
        }
        return try await app.write { db in
            guard let current = try await Notice.find(id, on: db) else { throw AppError.notFound() }
            guard current.statusValue == .published else { throw AppError.conflict(Strings.Notices.notPublished) }
            current.status = Notice.Status.withdrawn.rawValue
            current.withdrawnAt = now
            current.withdrawReason = reason
            current.updatedAt = now
            try await current.update(on: db)
            try await SearchIndex.markDirty(.notice, id, at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "notice.withdraw", targetType: "notice", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["reason": reason]), by: actor.audit, on: db)
            return current
        }
    }

    /// A file, while the notice can be edited by the person (drafting: the author; published: who manages it).
    static func addAttachment(_ id: UUID, name raw: String, data: Data, access: Access, actor: Actor, app: Application,
                              now: Date = Date()) async throws -> NoticeAttachment {
        let notice = try await NoticeLookup.visible(id, access: access, on: app.db)
        try await requireEditable(notice, access: access, on: app.db)
        let (name, type) = try UploadedFiles.accepted(name: raw, data: data, refused: Strings.Notices.attachmentRefused)
        return try await app.write { db in
            let file = NoticeAttachment()
            file.noticeID = id
            file.name = name
            file.contentType = type
            file.size = data.count
            file.sha256 = SHA256Hex.of(data)
            file.data = data
            file.uploadedBy = access.userID
            file.createdAt = now
            try await file.create(on: db)
            try await SearchIndex.markDirty(.notice, id, at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "notice.attachment.add", targetType: "notice", targetID: id.uuidString, targetLabel: name,
                                                 after: ["sha256": file.sha256, "size": String(data.count)]), by: actor.audit, on: db)
            return file
        }
    }

    static func deleteAttachment(_ id: UUID, file fileID: UUID, access: Access, actor: Actor, app: Application) async throws {
        let notice = try await NoticeLookup.visible(id, access: access, on: app.db)
        try await requireEditable(notice, access: access, on: app.db)
        guard let file = try await NoticeAttachment.find(fileID, on: app.db), file.noticeID == id else { throw AppError.notFound() }
        try await app.write { db in
            try await file.delete(on: db)
            try await SearchIndex.markDirty(.notice, id, at: Date(), on: db)
            try await AuditLog.record(AuditEvent(action: "notice.attachment.delete", targetType: "notice", targetID: id.uuidString, targetLabel: file.name,
                                                 before: ["sha256": file.sha256]), by: actor.audit, on: db)
        }
    }

    static func requireEditable(_ notice: Notice, access: Access, on db: any Database) async throws {
        switch notice.statusValue {
        case .drafting where notice.authorID == access.userID: return
        case .published where try await access.manages(notice, on: db): return
        default: throw AppError.forbidden(Strings.Notices.notEditable)
        }
    }
}

/// Finding a notice for a person: the one place it is looked up by id.
enum NoticeLookup {
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> Notice {
        guard let notice = try await Notice.find(id, on: db), try await access.canView(notice, on: db) else { throw AppError.notFound() }
        return notice
    }
}

extension Request {
    /// The notice the route's `noticeID` names, if the signed-in person may see it.
    func visibleNotice(_ parameter: String = "noticeID") async throws -> Notice {
        try await NoticeLookup.visible(try idParameter(parameter), access: try await access(), on: db)
    }
}

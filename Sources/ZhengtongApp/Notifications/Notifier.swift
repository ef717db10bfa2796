import Fluent
import Foundation
import SQLKit

/// What happened, for the people it concerns.
struct NotificationDraft: Sendable {
    /// A `NotificationKind` raw value.
    var kind: NotificationKind
    var title: String
    var body: String?
    var link: String?
    /// Names the event: the same key for the same person is kept once.
    var key: String
}

/// The kinds of notification, with their label on the notifications page.
enum NotificationKind: String, Sendable, CaseIterable {
    /// A document delivered to the unit, waiting for 签收.
    case delivery
    /// A delivery the recipient refused or returned (to the sender's clerks).
    case deliveryRefused
    /// 催办: someone chased a task (to its holder).
    case reminder
    /// A task due soon (to its holder).
    case dueSoon
    /// A task past its due time (to its holder, and to the holder's leader).
    case overdue
    /// A finished document to file (to the unit's records officers).
    case filing
    /// A 重要 notice published to the person (also by SMS).
    case noticeImportant
    /// One's notice passed its review and is published (to its author).
    case noticePublished
    /// A reviewer sent one's notice back (to its author).
    case noticeReturned
    /// 催阅: a notice not yet read (to the unread).
    case noticeReminder
    /// A notice one read was changed (to its readers).
    case noticeChanged
    /// A 联合行文 the 主办机关 has sealed, waiting for the co-issuing unit's seal (to its seal keepers).
    case coSeal
    /// A scheduled or requested backup failed (to the platform's system administrators; also by SMS).
    case backupFailed
    /// 督查督办: an item given to one's unit, a report to check, 催办, a returned report, 延期 and 办结 asked or decided.
    case supervision
    /// 会议: a meeting one is called to (or one's unit is invited to), its change or cancellation, 催报, a booking to decide.
    case meeting
    /// A 紧急 meeting's notice: also by SMS, at once.
    case meetingUrgent
    /// 值班: a rota published, a shift changed, a 换班 asked, answered or decided, a log entry passed on, a 交接班.
    case duty
    /// 内部邮件: a message received (重要 ones say so in the title; never to the phone, whose texts leave the platform).
    case mail

    var label: String { Strings.Notifications.kindLabel(self) }
    /// Sent on to the person's phone as well (the outbox): what needs action today.
    var goesToPhone: Bool {
        switch self {
        case .dueSoon, .filing, .noticePublished, .noticeReturned, .noticeChanged, .meeting, .mail: false
        default: true
        }
    }
}

/// Writes notifications, inside the caller's transaction, so a notice exists exactly when what it
/// tells of happened.
enum Notifier {
    /// Notifies each of `users` once per `draft.key`: a person already notified of that event is skipped
    /// (`INSERT … ON CONFLICT DO NOTHING` on the unique key, so two processes racing keep one row). Each new
    /// notification of a kind that goes to the phone is queued in the outbox for people with a phone number.
    static func send(_ draft: NotificationDraft, to users: [UUID], at now: Date = Date(), on db: any Database) async throws {
        let sql = try db.sqlDatabase()
        let unique = users.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        guard !unique.isEmpty else { return }
        let phones = draft.kind.goesToPhone
            ? Dictionary(try await User.query(on: db).filter(\.$id ~~ unique).all().compactMap { user in
                user.phone.flatMap { $0.isEmpty ? nil : (user.id!, $0) } }, uniquingKeysWith: { first, _ in first })
            : [:]
        let conflict: SQLQueryString = try sql.dialectKind == .postgres ? "ON CONFLICT DO NOTHING" : ""
        let verb: SQLQueryString = try sql.dialectKind == .postgres ? "INSERT" : "INSERT OR IGNORE"
        for user in unique {
            let id = UUID()
            let inserted = try await sql.raw("""
                \(verb) INTO notifications (id, user_id, kind, title, body, link, dedupe_key, created_at)
                VALUES (\(bind: id), \(bind: user), \(bind: draft.kind.rawValue), \(bind: draft.title), \(bind: draft.body),
                        \(bind: draft.link), \(bind: draft.key), \(bind: now)) \(conflict) RETURNING id
                """).first()
            guard inserted != nil, let phone = phones[user] else { continue }
            let message = OutboxMessage()
            message.notificationID = id
            message.channel = "sms"
            message.address = phone
            message.text = Strings.Notifications.smsText(draft.title)
            message.state = OutboxMessage.State.pending.rawValue
            message.attempts = 0
            message.createdAt = now
            try await message.create(on: db)
        }
    }

    /// Unread notifications of a person, for the bell.
    static func unreadCount(of user: UUID, on db: any Database) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$userID == user).filter(\.$readAt == nil).count()
    }
}

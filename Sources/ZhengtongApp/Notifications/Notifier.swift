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
    /// Reaches the phone whatever the person chose and at any hour (a 特急 document).
    var urgent = false
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
    /// 每日待办汇总: one message a day, at the unit's time, with the number of open 待办.
    case digest
    /// 一般预警: a warning to confirm (also by SMS).
    case alert
    /// 重大预警: a major warning to confirm (also by SMS).
    case alertMajor
    /// 内部邮件: a message received (重要 ones say so in the title; never to the phone, whose texts leave the platform).
    case mail
    /// 信息报送: one's 信息 sent back by the unit's reviewer or by an editor, adopted; a new one in an editor's inbox.
    case report
    /// 约稿: an editor asks one's unit for information on a topic by a deadline.
    case reportRequest
    /// 刊物: an issue published to the person (a reader), or one's issue approved and published (its editor).
    case bulletinPublished
    /// 刊物: the approver sent one's issue back (to its editor).
    case bulletinReturned
    /// 领导批示 on a bulletin item (to the editors and the 信息员 whose report it came from).
    case bulletinInstruction
    /// 信息专供: the office put something on one's reading list.
    case readingList

    var label: String { Strings.Notifications.kindLabel(self) }
    /// Always by SMS, whatever the person chose, and never held by quiet hours.
    var alwaysBySMS: Bool {
        switch self {
        case .alertMajor: true
        default: false
        }
    }

    /// May go by SMS or outside mail at all. A 内部邮件's subject is private to its sender and recipients: a text to the
    /// gateway or an outside mail server would carry it off the platform.
    var mayLeavePlatform: Bool {
        self != .mail
    }

    /// Sent on to the person's phone (and outside mail) by default: what needs action today. Each person may
    /// choose otherwise (``NotificationPreferences``).
    var goesToPhone: Bool {
        switch self {
        case .dueSoon, .filing, .noticePublished, .noticeReturned, .noticeChanged, .meeting, .mail, .bulletinPublished, .readingList: false
        default: true
        }
    }
}

/// Writes notifications, inside the caller's transaction, so a notice exists exactly when what it
/// tells of happened.
enum Notifier {
    /// Row of `notifications`, written many at a time.
    private struct Row: Encodable, Sendable {
        var id: UUID
        var user_id: UUID
        var kind: String
        var title: String
        var body: String?
        var link: String?
        var dedupe_key: String
        var created_at: Date
    }

    /// Notifies each of `users` once per `draft.key`: a person already notified of that event is skipped
    /// (`INSERT … ON CONFLICT DO NOTHING … RETURNING` on the unique key, so two processes racing keep one row and
    /// learn which rows are theirs). Each new notification is queued in the outbox for the channels the person
    /// takes it by (``DeliveryPlanner``).
    static func send(_ draft: NotificationDraft, to users: [UUID], at now: Date = Date(), on db: any Database) async throws {
        let sql = try db.sqlDatabase()
        var seen = Set<UUID>()
        let unique = users.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return }
        var created: [(user: UUID, notification: UUID)] = []
        // 500 rows × 8 columns stays far under both databases' limits on bound values.
        for start in stride(from: 0, to: unique.count, by: 500) {
            let rows = unique[start..<min(start + 500, unique.count)].map {
                Row(id: UUID(), user_id: $0, kind: draft.kind.rawValue, title: draft.title, body: draft.body, link: draft.link,
                    dedupe_key: draft.key, created_at: now)
            }
            let inserted = try await sql.insert(into: NotificationRecord.schema)
                .models(rows, nilEncodingStrategy: .asNil)
                .ignoringConflicts()
                .returning("id", "user_id")
                .all()
            for row in inserted {
                created.append((try row.decode(column: "user_id", as: UUID.self), try row.decode(column: "id", as: UUID.self)))
            }
        }
        try await DeliveryPlanner.queue(draft, for: created, at: now, on: db)
    }

    /// Unread notifications of a person, for the bell.
    static func unreadCount(of user: UUID, on db: any Database) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$userID == user).filter(\.$readAt == nil).count()
    }
}

import Fluent
import Foundation
import SQLKit
import Vapor

extension DemoCity {
    /// 清河县政府办's message delivery: its network lets mail out and its people get the 待办 digest at 08:30; its people
    /// have mail addresses; 胡晓 keeps quiet hours of his own; and half a year of the unit's message log — text messages
    /// and mail sent, delivered, and a few that failed — so the 消息发送记录 and its monthly volumes are alive.
    static func seedDelivery(app: Application, now: Date = Date()) async throws {
        guard let office = try await Unit.query(on: app.db).filter(\.$code == "qh-zfb").first(), let unit = office.id else { return }
        let people = try await User.query(on: app.db).filter(\.$unit.$id == unit).sort(\.$sortOrder).all()
        try await app.write { db in
            let settings = UnitDeliverySettings()
            settings.id = unit
            settings.emailAllowed = true
            settings.digestMinute = 8 * 60 + 30
            settings.updatedAt = now
            try await settings.create(on: db)
            for person in people where person.email == nil {
                person.email = "\(person.username)@qh.gov.example"
                try await person.update(on: db)
            }
            if let hu = people.first(where: { $0.username == "hux" }), let id = hu.id {
                let profile = DeliveryProfile()
                profile.id = id
                profile.quietEnabled = false
                profile.quietFrom = 21 * 60 + 30
                profile.quietUntil = 7 * 60
                profile.digest = true
                profile.updatedAt = now
                try await profile.create(on: db)
            }
            // The log: a message or two a working day to each person over six months.
            var random = SeededRandom(state: 20)
            let kinds: [NotificationKind] = [.reminder, .overdue, .delivery, .noticeImportant, .supervision, .duty]
            var notifications: [NotificationRecord] = []
            var rows: [DeliveryPlanner.Row] = []
            var states: [(UUID, OutboxMessage.State, Date)] = []
            for day in 1...180 {
                let date = BeijingTime.adding(days: -day, to: BeijingTime.startOfDay(now)).addingTimeInterval(Double(random.int(8 * 3600...17 * 3600)))
                guard BeijingTime.weekday(date) <= 5 else { continue }
                for person in people where random.chance(0.35) {
                    guard let id = person.id else { continue }
                    let kind = kinds[random.int(0...(kinds.count - 1))]
                    let notification = NotificationRecord.seeded(to: id, kind: kind, title: kind.label, body: nil, link: nil,
                                                                 key: "demo-log:\(day):\(person.username)", at: date, readAt: date.addingTimeInterval(600))
                    notifications.append(notification)
                    for channel in [DeliveryChannel.sms, .email] where channel == .sms || random.chance(0.4) {
                        let row = DeliveryPlanner.Row(
                            id: UUID(), notification_id: notification.id!, channel: channel.rawValue,
                            address: channel == .sms ? (person.phone ?? "13800000000") : (person.email ?? "\(person.username)@qh.gov.example"),
                            text: Strings.Notifications.smsText(kind.label), state: OutboxMessage.State.pending.rawValue, attempts: 1, created_at: date,
                            user_id: id, unit_id: unit, kind: kind.rawValue, subject: kind.label, next_attempt_at: nil, urgent: false)
                        rows.append(row)
                        let state: OutboxMessage.State = random.chance(0.03) ? .dead : (channel == .sms ? (random.chance(0.04) ? .failed : .delivered) : .sent)
                        states.append((row.id, state, date))
                    }
                }
            }
            for notification in notifications { try await notification.create(on: db) }
            try await BulkInsert.rows(into: OutboxMessage.schema, rows, on: db)
            let sql = try db.sqlDatabase()
            for (id, state, date) in states {
                let sent = date.addingTimeInterval(3)
                try await sql.raw("""
                    UPDATE \(ident: OutboxMessage.schema) SET state = \(bind: state.rawValue), sent_at = \(bind: state == .dead ? nil : sent),
                        delivered_at = \(bind: state == .delivered ? sent.addingTimeInterval(5) : nil),
                        last_error = \(bind: state == .dead ? "HTTP 503" : (state == .failed ? "用户关机超过 48 小时" : nil)),
                        attempts = \(bind: state == .dead ? OutboxSender.maximumAttempts : 1)
                    WHERE id = \(bind: id)
                    """).run()
            }
        }
    }
}

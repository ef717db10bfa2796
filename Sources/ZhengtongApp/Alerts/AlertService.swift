import Fluent
import Foundation
import SQLKit
import Vapor

/// 预警's business actions, each one call that the pages, the API and the demo use alike, in one transaction with its
/// notifications and audit record: 发布 (the recipients fixed at once, the bell and SMS to all of them), 确认收到,
/// 再次发送 to the unconfirmed, and 结束.
enum AlertService {
    typealias Actor = WorkflowService.Actor

    /// What a 预警发布员 typed or an API client sent.
    struct Input: Sendable {
        var title: String?
        var body: String?
        var level: String?
        var category: String?
        /// Units whose own people receive it.
        var units: [UUID] = []
        /// Units whose people and every unit below them receive it.
        var unitTrees: [UUID] = []
    }

    struct Checked: Sendable {
        var title: String
        var body: String
        var level: Alert.Level
        var category: Alert.Category
        var targets: [AlertTarget]
    }

    /// The input checked: the role, a short title and body (it goes by SMS), a level and category, and units all within
    /// the sender's reach (a unit outside it is refused with `unit_out_of_scope`, whatever else was typed).
    static func check(_ input: Input, access: Access) throws -> Checked {
        guard access.sendsAlerts else { throw AppError.forbidden(Strings.Alerts.notSender) }
        let t = Strings.Alerts.self
        var errors: [String: String] = [:]
        let title = FieldRules.trimmed(input.title)
        if title.isEmpty { errors["title"] = t.titleRequired } else if title.count > t.titleLimit { errors["title"] = t.titleTooLong }
        // Plain text for a phone: line breaks kept as typed, but no trailing blank.
        let body = (input.body ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty { errors["body"] = t.bodyRequired } else if body.count > t.bodyLimit { errors["body"] = t.bodyTooLong(body.count) }
        let level = Alert.Level(rawValue: FieldRules.trimmed(input.level))
        if level == nil { errors["level"] = t.levelRequired }
        let category = Alert.Category(rawValue: FieldRules.trimmed(input.category))
        if category == nil { errors["category"] = t.categoryRequired }
        var targets: [AlertTarget] = []
        for unit in input.unitTrees where !targets.contains(where: { $0.unit == unit }) { targets.append(AlertTarget(unit: unit, withSubunits: true)) }
        for unit in input.units where !targets.contains(where: { $0.unit == unit }) { targets.append(AlertTarget(unit: unit, withSubunits: false)) }
        if targets.isEmpty { errors["units"] = t.targetsRequired }
        // A unit the sender may not reach (or that does not exist) is refused outright: the API decides nothing for them.
        if !targets.allSatisfy({ access.tree.all.contains($0.unit) && access.mayAlert($0.unit) }) {
            throw AppError(status: .unprocessableEntity, code: "unit_out_of_scope", message: t.unitOutOfScope, fields: ["units": t.unitOutOfScope])
        }
        guard errors.isEmpty, let level, let category else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Checked(title: title, body: body, level: level, category: category, targets: targets)
    }

    /// The people `targets` reach now (accounts not disabled), each with their unit; the sender left out.
    static func people(_ targets: [AlertTarget], tree: UnitTree, except sender: UUID, on db: any Database) async throws -> [(user: UUID, unit: UUID)] {
        let units = targets.reduce(into: Set<UUID>()) { result, target in
            if target.withSubunits { result.formUnion(tree.subtree(of: target.unit)) } else { result.insert(target.unit) }
        }
        guard !units.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$unit.$id ~~ Array(units)).filter(\.$isDisabled == false).field(\.$id).field(\.$unit.$id)
            .sort(\.$id).all().compactMap { user in user.id.flatMap { $0 == sender ? nil : ($0, user.$unit.id) } }
    }

    static func notificationKind(_ level: Alert.Level) -> NotificationKind { level == .major ? .alertMajor : .alert }

    /// A `alert_recipients` row as written at sending (the demo writes confirmations too).
    struct RecipientRow: Encodable, Sendable {
        var id: UUID, alertID: UUID, userID: UUID, unitID: UUID, lastRound: Int, lastSentAt: Date, createdAt: Date
        var confirmedAt: Date? = nil

        enum CodingKeys: String, CodingKey {
            case id, alertID = "alert_id", userID = "user_id", unitID = "unit_id", lastRound = "last_round", lastSentAt = "last_sent_at"
            case createdAt = "created_at", confirmedAt = "confirmed_at"
        }
    }

    /// 发布: the recipients are fixed now and written in one statement, each gets the bell and (with a phone) an SMS, in
    /// the same transaction as the alert, so an alert exists exactly when everyone has been told.
    static func send(_ input: Input, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Alert {
        let checked = try check(input, access: access)
        let alert = try await app.write { db in
            let people = try await people(checked.targets, tree: access.tree, except: access.userID, on: db)
            guard !people.isEmpty else {
                throw AppError(status: .unprocessableEntity, code: "no_recipients", message: Strings.Alerts.nobody, fields: ["units": Strings.Alerts.nobody])
            }
            let alert = Alert()
            let id = UUID()
            alert.id = id
            alert.unitID = access.unitID
            alert.senderID = access.userID
            alert.title = checked.title
            alert.body = checked.body
            alert.level = checked.level.rawValue
            alert.category = checked.category.rawValue
            alert.targets = AlertTarget.encode(checked.targets)
            alert.state = Alert.State.open.rawValue
            alert.round = 1
            alert.sentAt = now
            alert.createdAt = now
            alert.updatedAt = now
            try await alert.create(on: db)
            try await BulkInsert.rows(into: AlertRecipient.schema, people.map {
                RecipientRow(id: UUID(), alertID: id, userID: $0.user, unitID: $0.unit, lastRound: 1, lastSentAt: now, createdAt: now)
            }, on: db)
            try await record(round: 1, of: id, by: access.userID, at: now, reaching: people.count, on: db)
            try await Notifier.send(NotificationDraft(kind: notificationKind(checked.level), title: Strings.Alerts.notificationTitle(checked.title, body: checked.body),
                                                      body: nil, link: SiteURL.alert.link(id), key: "alert:\(id.uuidString):1"),
                                    to: people.map(\.user), at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "alert.send", targetType: "alert", targetID: id.uuidString, targetLabel: checked.title,
                                                 after: ["level": checked.level.rawValue, "category": checked.category.rawValue,
                                                         "targets": alert.targets, "recipients": String(people.count)]), by: actor.audit, on: db)
            return alert
        }
        await AlertMail.send(alert, access: access, actor: actor, app: app)
        return alert
    }

    private static func record(round: Int, of alert: UUID, by sender: UUID, at now: Date, reaching count: Int, on db: any Database) async throws {
        let row = AlertRound()
        row.alertID = alert
        row.round = round
        row.sentBy = sender
        row.sentAt = now
        row.recipients = count
        try await row.create(on: db)
    }

    /// 确认收到: a recipient's first confirmation is kept; confirming again changes nothing (and records nothing). Refused
    /// once the alert is closed (`alert_closed`) and for anyone not among its recipients (`not_recipient`).
    @discardableResult
    static func confirm(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> AlertRecipient {
        let alert = try await AlertLookup.visible(id, access: access, on: app.db)
        guard let mine = try await access.receipt(of: id, on: app.db) else {
            throw AppError(status: .forbidden, code: "not_recipient", message: Strings.Alerts.notRecipient)
        }
        if mine.confirmedAt != nil { return mine }
        guard alert.stateValue == .open else { throw closedError }
        return try await app.write { db in
            guard let current = try await Alert.find(id, on: db), current.stateValue == .open else { throw closedError }
            // Only the first confirmation counts: two taps (or two devices) at once record one time and one audit entry.
            let sql = try db.sqlDatabase()
            let changed = try await sql.raw("""
                UPDATE alert_recipients SET confirmed_at = \(bind: now)
                WHERE alert_id = \(bind: id) AND user_id = \(bind: access.userID) AND confirmed_at IS NULL RETURNING id
                """).first()
            if changed != nil {
                try await AuditLog.record(AuditEvent(action: "alert.confirm", targetType: "alert", targetID: id.uuidString, targetLabel: current.title,
                                                     after: ["round": String(mine.lastRound)]), by: actor.audit, on: db)
            }
            guard let row = try await AlertRecipient.find(try mine.requireID(), on: db) else { throw AppError.notFound() }
            return row
        }
    }

    static var closedError: AppError { AppError(status: .conflict, code: "alert_closed", message: Strings.Alerts.closed) }

    /// 再次发送: a new round to the recipients who have not confirmed, by bell and SMS again (a new key, so it reaches
    /// them even though they were told before). Returns how many it reached.
    @discardableResult
    static func resend(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Int {
        let alert = try await AlertLookup.visible(id, access: access, on: app.db)
        guard access.follows(alert) else { throw AppError.forbidden(Strings.Alerts.notFollower) }
        guard alert.stateValue == .open else { throw closedError }
        return try await app.write { db in
            let unconfirmed = try await AlertRecipient.query(on: db).filter(\.$alertID == id).filter(\.$confirmedAt == nil).all()
            guard !unconfirmed.isEmpty else { throw AppError(status: .conflict, code: "all_confirmed", message: Strings.Alerts.allConfirmed) }
            // The round moves on only from the round read and only while open: two 再次发送 at once send once.
            let sql = try db.sqlDatabase()
            let moved = try await sql.raw("""
                UPDATE alerts SET round = round + 1, updated_at = \(bind: now)
                WHERE id = \(bind: id) AND round = \(bind: alert.round) AND state = \(bind: Alert.State.open.rawValue) RETURNING round
                """).first()
            guard let moved else {
                guard let current = try await Alert.find(id, on: db), current.stateValue == .open else { throw closedError }
                throw AppError.conflict(Strings.Error.staleRecord)
            }
            let round = try moved.decode(column: "round", as: Int.self)
            try await AlertRecipient.query(on: db).filter(\.$alertID == id).filter(\.$confirmedAt == nil)
                .set(\.$lastRound, to: round).set(\.$lastSentAt, to: now).update()
            try await record(round: round, of: id, by: access.userID, at: now, reaching: unconfirmed.count, on: db)
            try await Notifier.send(NotificationDraft(kind: notificationKind(alert.levelValue), title: Strings.Alerts.resendTitle(alert.title, body: alert.body),
                                                      body: nil, link: SiteURL.alert.link(id), key: "alert:\(id.uuidString):\(round)"),
                                    to: unconfirmed.map(\.userID), at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "alert.resend", targetType: "alert", targetID: id.uuidString, targetLabel: alert.title,
                                                 after: ["round": String(round), "recipients": String(unconfirmed.count)]), by: actor.audit, on: db)
            return unconfirmed.count
        }
    }

    /// 结束: no more confirmations expected; confirming and resending are refused from now on.
    @discardableResult
    static func close(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Alert {
        let alert = try await AlertLookup.visible(id, access: access, on: app.db)
        guard access.follows(alert) else { throw AppError.forbidden(Strings.Alerts.notFollower) }
        guard alert.stateValue == .open else { throw closedError }
        return try await app.write { db in
            let sql = try db.sqlDatabase()
            let changed = try await sql.raw("""
                UPDATE alerts SET state = \(bind: Alert.State.closed.rawValue), closed_at = \(bind: now), closed_by = \(bind: access.userID), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state = \(bind: Alert.State.open.rawValue) RETURNING id
                """).first()
            guard changed != nil, let current = try await Alert.find(id, on: db) else { throw closedError }
            let unconfirmed = try await AlertRecipient.query(on: db).filter(\.$alertID == id).filter(\.$confirmedAt == nil).count()
            try await AuditLog.record(AuditEvent(action: "alert.close", targetType: "alert", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["unconfirmed": String(unconfirmed)]), by: actor.audit, on: db)
            return current
        }
    }
}

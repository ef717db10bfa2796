import Fluent
import Foundation

/// Queues new notifications in the outbox, inside the transaction that made them: for each person the channels
/// they take this kind of event by (``DeliveryRules``, their ``NotificationPreference``s), an SMS held until the
/// end of their quiet hours when it can wait, mail only where their unit lets it out.
enum DeliveryPlanner {
    /// Row of `notification_outbox`, written many at a time.
    struct Row: Encodable, Sendable {
        var id: UUID
        var notification_id: UUID
        var channel: String
        var address: String
        var text: String
        var state: String
        var attempts: Int
        var created_at: Date
        var user_id: UUID
        var unit_id: UUID
        var kind: String
        var subject: String
        var next_attempt_at: Date?
        var urgent: Bool
    }

    static func queue(_ draft: NotificationDraft, for created: [(user: UUID, notification: UUID)], at now: Date, on db: any Database) async throws {
        guard !created.isEmpty else { return }
        let ids = created.map(\.user)
        let people = Dictionary(try await User.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        var choices: [UUID: [DeliveryChannel: Bool]] = [:]
        for choice in try await NotificationPreference.query(on: db).filter(\.$userID ~~ ids).filter(\.$kind == draft.kind.rawValue).all() {
            guard let channel = DeliveryChannel(rawValue: choice.channel) else { continue }
            choices[choice.userID, default: [:]][channel] = choice.enabled
        }
        let profiles = Dictionary(try await DeliveryProfile.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        let units = Set(people.values.map { $0.$unit.id })
        let mailUnits = Set(try await UnitDeliverySettings.query(on: db).filter(\.$id ~~ Array(units)).filter(\.$emailAllowed == true).all().compactMap(\.id))
        var rows: [Row] = []
        for (user, notification) in created {
            guard let person = people[user], !person.isDisabled else { continue }
            let channels = DeliveryRules.channels(for: draft.kind, urgent: draft.urgent, choices: choices[user] ?? [:])
            func row(_ channel: DeliveryChannel, to address: String, text: String, after release: Date?) -> Row {
                Row(id: UUID(), notification_id: notification, channel: channel.rawValue, address: address, text: text,
                    state: OutboxMessage.State.pending.rawValue, attempts: 0, created_at: now, user_id: user, unit_id: person.$unit.id,
                    kind: draft.kind.rawValue, subject: draft.title, next_attempt_at: release, urgent: draft.urgent)
            }
            if channels.contains(.sms), let phone = person.phone, !phone.isEmpty {
                let quiet = profiles[user].map { $0.quietEnabled ? DeliveryRules.Quiet(from: $0.quietFrom, until: $0.quietUntil) : nil } ?? .standard
                rows.append(row(.sms, to: phone, text: Strings.Notifications.smsText(draft.title),
                                after: DeliveryRules.smsRelease(at: now, quiet: quiet, urgent: draft.urgent || draft.kind.alwaysBySMS)))
            }
            if channels.contains(.email), mailUnits.contains(person.$unit.id), let email = person.email, email.contains("@") {
                rows.append(row(.email, to: email, text: Strings.MessageDelivery.mailBody(title: draft.title, body: draft.body), after: nil))
            }
        }
        try await BulkInsert.rows(into: OutboxMessage.schema, rows, on: db)
    }
}

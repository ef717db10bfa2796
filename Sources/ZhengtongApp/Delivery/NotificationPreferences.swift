import Fluent
import Foundation
import Vapor

/// 提醒方式: which events reach a person by which channel, their quiet hours and the daily digest. Read and saved
/// through these two calls by the page and the API alike.
enum NotificationPreferences {
    /// One kind of event and the person's channels for it.
    struct KindChoice: Content, Sendable, Equatable {
        var kind: String
        var label: String?
        var sms: Bool
        var email: Bool
        /// The unit requires SMS for this kind: it cannot be turned off.
        var smsRequired: Bool?
    }

    struct QuietHours: Content, Sendable, Equatable {
        var enabled: Bool
        /// `HH:MM`, Beijing time.
        var from: String
        var until: String
    }

    /// What the person sees and sends back (the API's body both ways).
    struct Settings: Content, Sendable, Equatable {
        var kinds: [KindChoice]
        var quietHours: QuietHours
        var digest: Bool
        /// Whether the person's unit lets mail out to an outside server (else the e-mail choices wait unused).
        var emailAllowed: Bool?
        /// The unit's digest time, if it sends one.
        var digestTime: String?
    }

    static func load(for user: User, on db: any Database) async throws -> Settings {
        let userID = try user.requireID()
        var chosen: [String: [DeliveryChannel: Bool]] = [:]
        for row in try await NotificationPreference.query(on: db).filter(\.$userID == userID).all() {
            guard let channel = DeliveryChannel(rawValue: row.channel) else { continue }
            chosen[row.kind, default: [:]][channel] = row.enabled
        }
        let kinds = NotificationKind.allCases.filter(\.mayLeavePlatform).map { kind in
            let channels = DeliveryRules.channels(for: kind, urgent: false, choices: chosen[kind.rawValue] ?? [:])
            return KindChoice(kind: kind.rawValue, label: kind.label, sms: channels.contains(.sms), email: channels.contains(.email),
                              smsRequired: kind.alwaysBySMS)
        }
        let profile = try await DeliveryProfile.find(userID, on: db)
        let quiet = profile.map { DeliveryRules.Quiet(from: $0.quietFrom, until: $0.quietUntil) } ?? .standard
        let unit = try await UnitDeliverySettings.find(user.$unit.id, on: db)
        return Settings(kinds: kinds,
                        quietHours: QuietHours(enabled: profile?.quietEnabled ?? true, from: clock(quiet.from), until: clock(quiet.until)),
                        digest: profile?.digest ?? true, emailAllowed: unit?.emailAllowed ?? false,
                        digestTime: unit?.digestMinute.map(clock))
    }

    /// Saves the person's choices. Kinds not listed keep theirs; a choice equal to the default is stored as none,
    /// so a later change of the default reaches everyone who never chose.
    static func save(_ settings: Settings, for user: User, actor: WorkflowService.Actor, app: Application, now: Date = Date()) async throws {
        let userID = try user.requireID()
        var errors: [String: String] = [:]
        var choices: [(NotificationKind, DeliveryChannel, Bool)] = []
        for choice in settings.kinds {
            guard let kind = NotificationKind(rawValue: choice.kind), kind.mayLeavePlatform else {
                throw AppError(status: .unprocessableEntity, code: "notification_kind_unknown", message: Strings.Error.formInvalid, fields: ["kinds": choice.kind])
            }
            // SMS the unit requires stays on whatever is sent (the page shows it fixed; the answer says `smsRequired`).
            choices.append((kind, .sms, choice.sms || kind.alwaysBySMS))
            choices.append((kind, .email, choice.email))
        }
        let from = minute(of: settings.quietHours.from)
        let until = minute(of: settings.quietHours.until)
        if from == nil { errors["quietFrom"] = Strings.MessageDelivery.timeInvalid }
        if until == nil { errors["quietUntil"] = Strings.MessageDelivery.timeInvalid }
        let chosen = choices
        guard errors.isEmpty, let from, let until else {
            throw AppError(status: .unprocessableEntity, code: "time_invalid", message: Strings.Error.formInvalid, fields: errors)
        }
        try await app.write { db in
            for (kind, channel, enabled) in chosen {
                try await NotificationPreference.query(on: db).filter(\.$userID == userID).filter(\.$kind == kind.rawValue)
                    .filter(\.$channel == channel.rawValue).delete()
                guard DeliveryRules.defaultChannels(for: kind).contains(channel) != enabled else { continue }
                let row = NotificationPreference()
                row.userID = userID
                row.kind = kind.rawValue
                row.channel = channel.rawValue
                row.enabled = enabled
                try await row.create(on: db)
            }
            let profile = try await DeliveryProfile.find(userID, on: db) ?? {
                let made = DeliveryProfile()
                made.id = userID
                return made
            }()
            profile.quietEnabled = settings.quietHours.enabled
            profile.quietFrom = from
            profile.quietUntil = until
            profile.digest = settings.digest
            profile.updatedAt = now
            try await profile.save(on: db)
            try await AuditLog.record(AuditEvent(action: "notification.preferences", targetType: "user", targetID: userID.uuidString, targetLabel: user.name,
                                                 after: ["quiet": settings.quietHours.enabled ? "\(clock(from))-\(clock(until))" : "off",
                                                         "digest": settings.digest ? "on" : "off",
                                                         "off": chosen.filter { !$0.2 }.map { "\($0.0.rawValue):\($0.1.rawValue)" }.joined(separator: ",")]),
                                      by: actor.audit, on: db)
        }
    }

    /// `HH:MM` → minutes after midnight.
    static func minute(of text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    static func clock(_ minute: Int) -> String {
        String(format: "%02d:%02d", minute / 60, minute % 60)
    }
}

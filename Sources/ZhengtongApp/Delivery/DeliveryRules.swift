import Foundation

/// Which channels a notification takes to a person, and when an SMS may go: the person's choices within what the
/// unit requires. Pure, so every rule is tested without a database.
enum DeliveryRules {
    /// Quiet hours, in minutes after Beijing midnight; `from` after `until` spans midnight.
    struct Quiet: Sendable, Equatable {
        var from: Int
        var until: Int

        /// 22:00 to 07:00: what a person has who never chose.
        static let standard = Quiet(from: 22 * 60, until: 7 * 60)

        func contains(minute: Int) -> Bool {
            from <= until ? (minute >= from && minute < until) : (minute >= from || minute < until)
        }
    }

    /// The channels a kind of event takes for someone who has not chosen: what needs action today goes to the phone
    /// and to outside mail (where the unit allows it); the rest stays under the bell.
    static func defaultChannels(for kind: NotificationKind) -> Set<DeliveryChannel> {
        kind.goesToPhone ? [.sms, .email] : []
    }

    /// Channels no choice of a person turns off: 特急 documents and 重大预警 always reach the phone.
    static func required(for kind: NotificationKind, urgent: Bool) -> Set<DeliveryChannel> {
        urgent || kind.alwaysBySMS ? [.sms] : []
    }

    /// The person's channels for `kind`: the default, changed where they chose (`choices`), plus what is required.
    static func channels(for kind: NotificationKind, urgent: Bool, choices: [DeliveryChannel: Bool]) -> Set<DeliveryChannel> {
        guard kind.mayLeavePlatform else { return [] }
        var channels = defaultChannels(for: kind)
        for (channel, enabled) in choices {
            if enabled { channels.insert(channel) } else { channels.remove(channel) }
        }
        return channels.union(required(for: kind, urgent: urgent))
    }

    /// When a text message made at `now` may leave: nil at once; the end of the person's quiet hours for one that
    /// can wait. Urgent ones never wait.
    static func smsRelease(at now: Date, quiet: Quiet?, urgent: Bool) -> Date? {
        guard !urgent, let quiet, quiet.contains(minute: BeijingTime.minuteOfDay(now)) else { return nil }
        let today = BeijingTime.startOfDay(now).addingTimeInterval(TimeInterval(quiet.until * 60))
        return today > now ? today : BeijingTime.adding(days: 1, to: today)
    }
}

import Fluent
import Foundation

/// The ways a notification reaches a person besides the bell.
enum DeliveryChannel: String, Sendable, CaseIterable, Codable {
    /// A text message, through the province's SMS gateway (an HTTP webhook).
    case sms
    /// E-mail to an outside mail server over SMTP, for units whose network allows it.
    case email

    var label: String { Strings.MessageDelivery.channelLabel(self) }
}

/// A notification waiting to go out by another channel. Written with the notification, in its transaction; the
/// sender (`OutboxSender`, in every serving process) leases due `pending` rows, sends them and records the
/// answer. Unique per notification and channel, so two processes never queue one message twice; the lease
/// (`locked_by`, `lease_until`) means two processes never send one row at the same time.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "notification_outbox"

    enum State: String, Sendable, CaseIterable, Codable {
        /// Waiting for its time (quiet hours, a retry's back-off) or for a sender.
        case pending
        /// Accepted by the gateway or the mail server.
        case sent
        /// The SMS gateway reported it reached the phone.
        case delivered
        /// The SMS gateway reported it could not be delivered.
        case failed
        /// Every attempt failed: a dead letter, kept for the administrator to send again.
        case dead

        var label: String { Strings.MessageDelivery.stateLabel(self) }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "notification_id") var notificationID: UUID
    @Field(key: "channel") var channel: String
    @Field(key: "address") var address: String
    @Field(key: "text") var text: String
    @Field(key: "state") var state: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "unit_id") var unitID: UUID?
    @OptionalField(key: "kind") var kind: String?
    /// The e-mail's subject line (the notification's title); the SMS carries only `text`.
    @OptionalField(key: "subject") var subject: String?
    /// Not sent before this time (quiet hours, back-off). Nil: at once.
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "locked_by") var lockedBy: String?
    @OptionalField(key: "last_error") var lastError: String?
    /// The gateway's own id for the message, when it gave one.
    @OptionalField(key: "gateway_id") var gatewayID: String?
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @OptionalField(key: "urgent") var urgent: Bool?

    init() {}
}

import Fluent
import Foundation

/// One notification for one person: shown under the bell until read. `dedupeKey` names the event
/// (`delivery:<id>`, `overdue:<instance>:<task>`), unique per person, so no event notifies twice.
final class NotificationRecord: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @OptionalField(key: "body") var body: String?
    /// A path inside the product (`/exchange/deliveries/…`), never another site.
    @OptionalField(key: "link") var link: String?
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}

/// A notification waiting to go out by another channel (SMS to the person's phone). Written with the
/// notification, in its transaction; a later sender claims `pending` rows. Unique per notification and
/// channel, so two server processes never queue one message twice.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "notification_outbox"

    enum State: String, Sendable {
        case pending, sent, failed
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

    init() {}
}

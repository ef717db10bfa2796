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

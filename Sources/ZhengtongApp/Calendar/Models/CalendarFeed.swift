import Fluent
import Foundation

/// A person's private iCalendar feed: the URL's token is the only credential, so only its SHA-256 is kept; one feed a
/// person (rotating replaces it, revoking deletes it and the old URL answers 404).
final class CalendarFeed: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

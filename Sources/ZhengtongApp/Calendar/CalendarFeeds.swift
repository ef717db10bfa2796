import Fluent
import Foundation
import Gongwen
import Vapor

/// Each person's private iCalendar feed: created or rotated (a new token, the old URL dead at once) and revoked from the
/// 日程 page or the API; read without a session, the token being the credential.
enum CalendarFeeds {
    /// How far the feed reaches: a month back (recent changes and cancellations) and half a year ahead.
    static let past: TimeInterval = 31 * 86_400
    static let ahead: TimeInterval = 183 * 86_400

    /// A new token for the person (replacing any earlier one); the plain token is returned once and never stored.
    static func rotate(access: Access, actor: AuditActor, app: Application, now: Date = Date()) async throws -> String {
        let token = [UInt8].random(count: 32).base64URLEncoded
        let digest = SHA256Hex.of(token)
        try await app.write { db in
            let existing = try await CalendarFeed.query(on: db).filter(\.$userID == access.userID).first()
            try await CalendarFeed.query(on: db).filter(\.$userID == access.userID).delete()
            let feed = CalendarFeed()
            feed.userID = access.userID
            feed.tokenHash = digest
            feed.createdAt = now
            try await feed.create(on: db)
            try await AuditLog.record(AuditEvent(action: existing == nil ? "calendar.feed.create" : "calendar.feed.rotate", targetType: "user",
                                                 targetID: access.userID.uuidString, targetLabel: access.username), by: actor, on: db, at: now)
        }
        return token
    }

    /// 停用: the URL answers 404 from now on.
    static func revoke(access: Access, actor: AuditActor, app: Application, now: Date = Date()) async throws {
        try await app.write { db in
            guard try await CalendarFeed.query(on: db).filter(\.$userID == access.userID).first() != nil else { return }
            try await CalendarFeed.query(on: db).filter(\.$userID == access.userID).delete()
            try await AuditLog.record(AuditEvent(action: "calendar.feed.revoke", targetType: "user", targetID: access.userID.uuidString,
                                                 targetLabel: access.username), by: actor, on: db, at: now)
        }
    }

    static func exists(for userID: UUID, on db: any Database) async throws -> CalendarFeed? {
        try await CalendarFeed.query(on: db).filter(\.$userID == userID).first()
    }

    /// The feed's path for `token`.
    static func path(_ token: String) -> String {
        SiteURL.calendarFeedFile.link(token + ".ics")
    }

    /// The whole URL when the platform's address is configured, else the path (the page adds its own host).
    static func url(_ token: String, app: Application) -> String {
        app.config.address(of: path(token)) ?? path(token)
    }

    /// The calendar of the person whose token this is; 404 for an unknown or revoked token or a disabled account.
    static func document(token: String, app: Application, now: Date = Date()) async throws -> String {
        let digest = SHA256Hex.of(token)
        guard !token.isEmpty, let feed = try await CalendarFeed.query(on: app.db).filter(\.$tokenHash == digest).first(),
              let user = try await User.find(feed.userID, on: app.db), !user.isDisabled else { throw AppError.notFound() }
        let access = try await Access.load(for: user, on: app.db)
        let entries = try await CalendarSources.entries(for: access, from: now.addingTimeInterval(-past), to: now.addingTimeInterval(ahead), on: app.db)
        let base = app.config.address(of: "")
        return ICalendarWriter(name: Strings.CalendarPage.feedName(user.name), stamp: now, baseURL: base).document(entries)
    }
}

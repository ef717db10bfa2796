import Fluent
import Foundation
import Vapor

/// 消息: a person's notifications — the page behind the bell, opening one (marks it read and follows its
/// link), marking all read — and `GET /api/v1/notifications`, `POST /api/v1/notifications/{id}/read`.
/// Everyone sees only their own: every query is filtered by the signed-in person.
struct NotificationsController {
    struct Row: Encodable, Sendable {
        var kind: String
        var title: String
        var body: String?
        var time: String
        var unread: Bool
        var openHref: String
    }

    struct Page: Encodable, Sendable {
        var rows: [Row]
        var unread: Int
        var onlyUnread: Bool
        var pager: Pager
    }

    struct Item: Content, Sendable {
        var id: UUID
        var kind: String
        var title: String
        var body: String?
        /// The page it points to, for a browser.
        var link: String?
        /// The same through the API (takes the token), where there is one.
        var apiURL: String?
        var createdAt: Date
        var readAt: Date?
    }

    struct List: Content, Sendable {
        var items: [Item]
        var unread: Int
        var total: Int
        var page: Int
        var perPage: Int
    }

    static let perPage = 30

    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.notifications, use: list)
        routes.post(SiteURL.notificationsReadAll, use: readAll)
        routes.post(SiteURL.notificationOpen, use: open)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get("notifications", use: apiList)
        routes.post("notifications", ":notificationID", "read", use: apiRead)
    }

    private func query(_ req: Request, user: UUID, onlyUnread: Bool) -> QueryBuilder<NotificationRecord> {
        let query = NotificationRecord.query(on: req.db).filter(\.$userID == user)
        return onlyUnread ? query.filter(\.$readAt == nil) : query
    }

    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.currentUser().requireID()
        let onlyUnread = req.queryValue("unread") == "1"
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let total = try await query(req, user: user, onlyUnread: onlyUnread).count()
        let records = try await query(req, user: user, onlyUnread: onlyUnread).sort(\.$createdAt, .descending)
            .range(((page - 1) * Self.perPage)..<(page * Self.perPage)).all()
        let rows = try records.map { record in
            Row(kind: NotificationKind(rawValue: record.kind)?.label ?? record.kind, title: record.title, body: record.body,
                time: DisplayFormat.minute(record.createdAt), unread: record.readAt == nil, openHref: SiteURL.notificationOpen.link(try record.requireID()))
        }
        return try await req.renderPage("notifications/list", title: Strings.Notifications.title, section: nil,
                                        Page(rows: rows, unread: try await Notifier.unreadCount(of: user, on: req.db), onlyUnread: onlyUnread,
                                             pager: Pager(page: page, perPage: Self.perPage, total: total, request: req)))
    }

    /// Marks one read and goes where it points (only paths inside the product; anything else stays on the list).
    @Sendable func open(req: Request) async throws -> Response {
        let record = try await find(req)
        try await markRead(record, req: req)
        guard let link = LocalPath.validated(record.link) else { return req.redirect(to: SiteURL.notifications.path) }
        return req.redirect(to: link)
    }

    @Sendable func readAll(req: Request) async throws -> Response {
        let user = try req.currentUser().requireID()
        try await req.write { db in
            try await NotificationRecord.query(on: db).filter(\.$userID == user).filter(\.$readAt == nil).set(\.$readAt, to: Date()).update()
        }
        req.flash(Strings.Notifications.allRead)
        return req.redirect(to: SiteURL.notifications.path)
    }

    @Sendable func apiList(req: Request) async throws -> List {
        let user = try req.currentUser().requireID()
        let onlyUnread = req.query[Bool.self, at: "unread"] ?? false
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let perPage = max(1, min(100, req.queryInt("perPage") ?? Self.perPage))
        let total = try await query(req, user: user, onlyUnread: onlyUnread).count()
        let records = try await query(req, user: user, onlyUnread: onlyUnread).sort(\.$createdAt, .descending)
            .range(((page - 1) * perPage)..<(page * perPage)).all()
        return List(items: try records.map(Self.item), unread: try await Notifier.unreadCount(of: user, on: req.db), total: total, page: page, perPage: perPage)
    }

    @Sendable func apiRead(req: Request) async throws -> Item {
        let record = try await find(req)
        try await markRead(record, req: req)
        return try Self.item(record)
    }

    private static func item(_ record: NotificationRecord) throws -> Item {
        Item(id: try record.requireID(), kind: record.kind, title: record.title, body: record.body, link: record.link,
             apiURL: NotificationLinks.apiURL(forPage: record.link), createdAt: record.createdAt, readAt: record.readAt)
    }

    /// One of the signed-in person's notifications; someone else's is 404, as if it did not exist.
    private func find(_ req: Request) async throws -> NotificationRecord {
        let user = try req.currentUser().requireID()
        guard let record = try await NotificationRecord.find(try req.idParameter("notificationID"), on: req.db), record.userID == user
        else { throw AppError.notFound() }
        return record
    }

    private func markRead(_ record: NotificationRecord, req: Request) async throws {
        guard record.readAt == nil else { return }
        let now = Date()
        try await req.write { db in
            try await NotificationRecord.query(on: db).filter(\.$id == record.requireID()).filter(\.$readAt == nil).set(\.$readAt, to: now).update()
        }
        record.readAt = now
    }
}

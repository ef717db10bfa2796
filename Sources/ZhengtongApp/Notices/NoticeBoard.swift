import Fluent
import Foundation
import SQLKit

/// The boards a person reads and the notices they keep: what the 通知公告 page, the 工作台 and the API list. Which
/// notices are a person's is the recipients' table (fixed when each was published); a board shows those published,
/// not withdrawn and not past their 有效期 — 置顶 first (until the day it ends), then unread, then newest.
enum NoticeBoard {
    /// A line of a board.
    struct Line: Sendable, Equatable {
        var id: UUID
        var title: String
        var columnID: UUID
        var columnName: String
        var unitName: String
        var publishedAt: Date
        var important: Bool
        var pinned: Bool
        var readAt: Date?
        var changed: Bool
        var replyAsked: Bool
        var replied: Bool
    }

    struct Page: Sendable {
        var lines: [Line]
        var total: Int
    }

    /// A page of the notices `person` received (one column's, or every one's); `counting: false` leaves the total
    /// uncounted (0), for the 工作台, which shows how many are unread instead.
    static func received(by person: UUID, column: UUID? = nil, page: Int = 1, perPage: Int = 20, now: Date = Date(), counting: Bool = true,
                         on db: any Database) async throws -> Page {
        let sql = try db.sqlDatabase()
        let perPage = max(1, min(200, perPage)), offset = max(0, (page - 1) * perPage)
        let columnFilter: SQLQueryString = column.map { "AND n.column_id = \(bind: $0)" } ?? ""
        let condition: SQLQueryString = """
            r.user_id = \(bind: person) AND n.status = 'published' AND (n.expires_at IS NULL OR n.expires_at > \(bind: now)) \(columnFilter)
            """
        let rows = try await sql.raw("""
            SELECT n.id, n.title, n.column_id, c.name AS column_name, u.name AS unit_name, n.published_at, n.important, n.pinned_until,
                   n.reply_fields, r.read_at, r.changed_since_read, r.replied_at
            FROM notice_recipients r JOIN notices n ON n.id = r.notice_id JOIN notice_columns c ON c.id = n.column_id JOIN units u ON u.id = n.unit_id
            WHERE \(condition)
            ORDER BY CASE WHEN n.pinned_until IS NOT NULL AND n.pinned_until > \(bind: now) THEN 0 ELSE 1 END,
                     CASE WHEN r.read_at IS NULL OR r.changed_since_read = \(bind: true) THEN 0 ELSE 1 END, n.published_at DESC, n.id
            LIMIT \(unsafeRaw: String(perPage)) OFFSET \(unsafeRaw: String(offset))
            """).all()
        let total = !counting ? 0 : try await sql.raw("""
            SELECT COUNT(*) AS total FROM notice_recipients r JOIN notices n ON n.id = r.notice_id WHERE \(condition)
            """).first()?.decode(column: "total", as: Int.self) ?? 0
        return Page(lines: try rows.map { row in
            let pinnedUntil = try row.decode(column: "pinned_until", as: Date?.self)
            return Line(id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                        columnID: try row.decode(column: "column_id", as: UUID.self), columnName: try row.decode(column: "column_name", as: String.self),
                        unitName: try row.decode(column: "unit_name", as: String.self),
                        publishedAt: try row.decode(column: "published_at", as: Date?.self) ?? now,
                        important: try row.decode(column: "important", as: Bool.self), pinned: pinnedUntil.map { $0 > now } ?? false,
                        readAt: try row.decode(column: "read_at", as: Date?.self), changed: try row.decode(column: "changed_since_read", as: Bool.self),
                        replyAsked: try row.decode(column: "reply_fields", as: String.self) != "[]",
                        replied: try row.decode(column: "replied_at", as: Date?.self) != nil)
        }, total: total)
    }

    /// How many of `person`'s notices on the boards are unread (or changed since read).
    static func unreadCount(of person: UUID, now: Date = Date(), on db: any Database) async throws -> Int {
        let sql = try db.sqlDatabase()
        return try await sql.raw("""
            SELECT COUNT(*) AS total FROM notice_recipients r JOIN notices n ON n.id = r.notice_id
            WHERE r.user_id = \(bind: person) AND (r.read_at IS NULL OR r.changed_since_read = \(bind: true))
              AND n.status = 'published' AND (n.expires_at IS NULL OR n.expires_at > \(bind: now))
            """).first()?.decode(column: "total", as: Int.self) ?? 0
    }

    /// The notices a person writes or keeps: their own, and every notice of the columns they publish in — drafts,
    /// under review, published, withdrawn — newest change first.
    static func kept(by access: Access, page: Int = 1, perPage: Int = 20, on db: any Database) async throws -> (notices: [Notice], total: Int) {
        let columns = try await NoticeColumn.query(on: db).all().filter(access.canPublish).compactMap(\.id)
        let query = Notice.query(on: db).group(.or) { group in
            group.filter(\.$authorID == access.userID)
            if !columns.isEmpty { group.filter(\.$columnID ~~ columns) }
        }
        let total = try await query.copy().count()
        let notices = try await query.sort(\.$updatedAt, .descending).range(((max(1, page) - 1) * perPage)..<(max(1, page) * perPage)).all()
        return (notices, total)
    }

    /// The columns `access` may publish in.
    static func publishable(for access: Access, on db: any Database) async throws -> [NoticeColumn] {
        try await NoticeColumn.query(on: db).filter(\.$isDisabled == false).sort(\.$sortOrder).sort(\.$name).all().filter(access.canPublish)
    }
}

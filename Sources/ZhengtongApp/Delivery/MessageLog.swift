import Fluent
import Foundation
import SQLKit
import Vapor

/// A unit's 消息发送记录: what went to its people, by which channel, and what became of it; and the monthly
/// volumes. The kind of message is shown, never its text (``Access/keepsDelivery(of:)``).
enum MessageLog {
    struct Entry: Content, Sendable {
        var id: UUID
        var kind: String
        var kindLabel: String
        var recipient: String
        var channel: DeliveryChannel
        /// The phone number or address, partly hidden.
        var address: String
        var state: OutboxMessage.State
        var attempts: Int
        var createdAt: Date
        var sentAt: Date?
        var deliveredAt: Date?
        var error: String?
    }

    struct Filter: Sendable {
        var channel: DeliveryChannel?
        var state: OutboxMessage.State?
        /// `yyyy-MM`, Beijing time.
        var month: String?
    }

    struct Page: Content, Sendable {
        var items: [Entry]
        var total: Int
        var page: Int
        var perPage: Int
    }

    /// One month's volume by channel and state.
    struct Month: Content, Sendable {
        var month: String
        var sms: Int
        var email: Int
        var delivered: Int
        var failed: Int
        var pending: Int
    }

    static func entries(unit: UUID, filter: Filter, page: Int, perPage: Int, on db: any Database) async throws -> Page {
        func query() throws -> QueryBuilder<OutboxMessage> {
            var query = OutboxMessage.query(on: db).filter(\.$unitID == unit)
            if let channel = filter.channel { query = query.filter(\.$channel == channel.rawValue) }
            if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
            if let month = filter.month {
                guard let range = monthRange(month) else {
                    throw AppError(status: .unprocessableEntity, code: "month_invalid", message: Strings.MessageDelivery.monthInvalid,
                                   fields: ["month": Strings.MessageDelivery.monthInvalid])
                }
                query = query.filter(\.$createdAt >= range.lowerBound).filter(\.$createdAt < range.upperBound)
            }
            return query
        }
        let total = try await query().count()
        let rows = try await query().sort(\.$createdAt, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        let people = Dictionary(try await User.query(on: db).filter(\.$id ~~ rows.compactMap(\.userID)).all().map { ($0.id!, $0.name) },
                                uniquingKeysWith: { first, _ in first })
        let items = try rows.map { row in
            let kind = row.kind.flatMap(NotificationKind.init(rawValue:))
            let channel = DeliveryChannel(rawValue: row.channel) ?? .sms
            return Entry(id: try row.requireID(), kind: row.kind ?? "", kindLabel: kind?.label ?? (row.kind ?? ""),
                         recipient: row.userID.flatMap { people[$0] } ?? "", channel: channel, address: masked(row.address, channel: channel),
                         state: OutboxMessage.State(rawValue: row.state) ?? .pending, attempts: row.attempts, createdAt: row.createdAt,
                         sentAt: row.sentAt, deliveredAt: row.deliveredAt, error: row.lastError)
        }
        return Page(items: items, total: total, page: page, perPage: perPage)
    }

    /// The last twelve months (Beijing), newest first.
    static func months(unit: UUID, until now: Date, on db: any Database) async throws -> [Month] {
        let sql = try db.sqlDatabase()
        var months: [Month] = []
        var end = BeijingTime.adding(days: 1, to: BeijingTime.startOfDay(now))
        var start = monthStart(of: now)
        for _ in 0..<12 {
            let rows = try await sql.raw("""
                SELECT channel, state, COUNT(*) AS n FROM \(ident: OutboxMessage.schema)
                WHERE unit_id = \(bind: unit) AND created_at >= \(bind: start) AND created_at < \(bind: end)
                GROUP BY channel, state
                """).all()
            var month = Month(month: String(BeijingTime.day(start).prefix(7)), sms: 0, email: 0, delivered: 0, failed: 0, pending: 0)
            for row in rows {
                let n = try row.decode(column: "n", as: Int.self)
                let channel = try row.decode(column: "channel", as: String.self)
                let state = OutboxMessage.State(rawValue: try row.decode(column: "state", as: String.self))
                if channel == DeliveryChannel.sms.rawValue { month.sms += n } else { month.email += n }
                switch state {
                case .delivered, .sent: month.delivered += n
                case .failed, .dead: month.failed += n
                case .pending, nil: month.pending += n
                }
            }
            months.append(month)
            end = start
            start = monthStart(of: start.addingTimeInterval(-86400))
        }
        return months
    }

    /// Midnight (Beijing) of the first day of `date`'s month.
    static func monthStart(of date: Date) -> Date {
        let day = BeijingTime.day(date)
        return BeijingTime.date(day: String(day.prefix(8)) + "01", time: "00:00") ?? date
    }

    /// `yyyy-MM` → the month's start and the next month's start.
    static func monthRange(_ text: String) -> Range<Date>? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
              (2000...2100).contains(year), (1...12).contains(month),
              let start = BeijingTime.date(day: String(format: "%04d-%02d-01", year, month), time: "00:00"),
              let end = BeijingTime.date(day: month == 12 ? String(format: "%04d-01-01", year + 1) : String(format: "%04d-%02d-01", year, month + 1), time: "00:00")
        else { return nil }
        return start..<end
    }

    /// `138****5678`, `z***@qh.gov.example`: enough to tell numbers apart, not to copy a list of them.
    static func masked(_ address: String, channel: DeliveryChannel) -> String {
        switch channel {
        case .sms:
            guard address.count >= 7 else { return address }
            return String(address.prefix(3)) + String(repeating: "*", count: address.count - 7) + String(address.suffix(4))
        case .email:
            guard let at = address.firstIndex(of: "@") else { return address }
            return String(address.prefix(1)) + "***" + String(address[at...])
        }
    }
}

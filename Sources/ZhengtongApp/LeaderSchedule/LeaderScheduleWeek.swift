import Fluent
import Foundation
import Gongwen

/// 领导周活动安排: a unit's leaders as rows, Monday to Sunday as columns, each day in 上午 and 下午 — the table offices
/// print and publish. Who may read it is ``Access/readsSchedule(of:published:)``.
struct LeaderScheduleWeek: Sendable, Encodable {
    struct Day: Sendable, Encodable {
        var date: String
        /// 周一 12月7日.
        var label: String
        var today: Bool
    }

    struct Row: Sendable, Encodable {
        var leaderId: UUID
        var leaderName: String
        var post: String
        /// Per day, the 上午 and 下午 activities.
        var morning: [[LeaderActivityView]]
        var afternoon: [[LeaderActivityView]]
        var activities: [LeaderActivityView]
    }

    var unitID: UUID
    var unitName: String
    var monday: DocumentDate
    var days: [Day]
    var published: Bool
    var publishedAt: Date?
    /// Whether the caller may read it now (editors always; others once published).
    var readable: Bool
    var rows: [Row]

    /// The Monday as the templates read it.
    private enum CodingKeys: String, CodingKey {
        case unitID, unitName, week, days, published, publishedAt, readable, rows
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unitID, forKey: .unitID)
        try container.encode(unitName, forKey: .unitName)
        try container.encode(monday.iso, forKey: .week)
        try container.encode(days, forKey: .days)
        try container.encode(published, forKey: .published)
        try container.encodeIfPresent(publishedAt, forKey: .publishedAt)
        try container.encode(readable, forKey: .readable)
        try container.encode(rows, forKey: .rows)
    }

    /// One printed line of the table: a leader's 上午 or 下午 across the seven days.
    struct Line: Sendable, Encodable {
        struct Cell: Sendable, Encodable {
            var items: [LeaderActivityView]
        }

        var leaderName: String
        var post: String
        /// The first of a leader's two lines carries their name (spanning both).
        var first: Bool
        var half: String
        var cells: [Cell]
    }

    /// The table's lines, two a leader.
    var lines: [Line] {
        rows.flatMap { row in [
            Line(leaderName: row.leaderName, post: row.post, first: true, half: Strings.Schedule.morning, cells: row.morning.map { Line.Cell(items: $0) }),
            Line(leaderName: row.leaderName, post: row.post, first: false, half: Strings.Schedule.afternoon, cells: row.afternoon.map { Line.Cell(items: $0) }),
        ] }
    }

    /// The week of `unit` holding `day` as `access` may see it (`readable` false and no rows when they may not yet).
    static func load(unit: UUID, day: DocumentDate, access: Access, now: Date = Date(), on db: any Database) async throws -> LeaderScheduleWeek {
        let monday = ScheduleClock.monday(of: day)
        let sunday = ScheduleClock.adding(6, to: monday)
        let today = DocumentDate(now).iso
        let days = (0..<7).map { offset -> Day in
            let date = ScheduleClock.adding(offset, to: monday)
            return Day(date: date.iso, label: Strings.Schedule.weekdayName(offset + 1) + " " + "\(date.month)月\(date.day)日", today: date.iso == today)
        }
        let publication = try await LeaderWeek.query(on: db).filter(\.$unitID == unit).filter(\.$week == monday.iso).first()
        let readable = access.readsSchedule(of: unit, published: publication != nil)
        var week = LeaderScheduleWeek(unitID: unit, unitName: access.tree.nameOf[unit] ?? "", monday: monday, days: days, published: publication != nil,
                                      publishedAt: publication?.publishedAt, readable: readable, rows: [])
        guard readable else { return week }
        let activities = try await LeaderActivity.query(on: db).filter(\.$unitID == unit).filter(\.$state == LeaderActivity.State.active.rawValue)
            .filter(\.$day <= sunday.iso).filter(\.$endDay >= monday.iso).sort(\.$startsAt).all()
        let views = try await LeaderActivityView.load(activities, access: access, on: db)
        var leaders = try await Leadership.leaders(of: [unit], on: db).map { ($0.id, $0.name, $0.post) }
        // Someone no longer a leader keeps their row for the weeks they have activities in.
        for view in views where !leaders.contains(where: { $0.0 == view.leaderId }) { leaders.append((view.leaderId, view.leaderName, "")) }
        week.rows = leaders.map { leader in
            let own = views.filter { $0.leaderId == leader.0 }
            func cells(_ half: Int) -> [[LeaderActivityView]] {
                days.enumerated().map { offset, _ in
                    let date = ScheduleClock.adding(offset, to: monday)
                    let from = ScheduleClock.instant(date, minutes: half == 0 ? 0 : ScheduleClock.noon)
                    let to = ScheduleClock.instant(date, minutes: half == 0 ? ScheduleClock.noon : 24 * 60)
                    return own.filter { $0.start < to && $0.end > from }
                }
            }
            return Row(leaderId: leader.0, leaderName: leader.1, post: leader.2, morning: cells(0), afternoon: cells(1), activities: own)
        }
        return week
    }
}

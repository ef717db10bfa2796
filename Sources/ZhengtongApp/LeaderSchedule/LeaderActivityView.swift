import Fluent
import Foundation
import Gongwen
import Vapor

/// An activity as the API returns it and the pages show it (never the model).
struct LeaderActivityView: Content, Sendable {
    var id: UUID
    var unitId: UUID
    var unitName: String
    var leaderId: UUID
    var leaderName: String
    var day: String
    var endDay: String
    var period: LeaderActivity.Period
    var startTime: String
    var endTime: String
    var start: Date
    var end: Date
    /// 上午 / 下午 / 全天 / 09:00–11:30, as the table prints it.
    var when: String
    /// The time in one day's cell of the week table: the day's column already names the day, so an all-day activity
    /// over several days reads 全天 in each.
    var cellWhen: String
    var kind: LeaderActivity.Kind
    var kindLabel: String
    var content: String
    var place: String?
    var companions: String?
    var notes: String?
    var source: LeaderActivity.Source
    var meetingId: UUID?
    var cancelled: Bool
    var version: Int
    var updatedAt: Date
    /// Whether the caller may change or withdraw it.
    var editable: Bool

    /// The time as an office writes it: the half-day for 上午/下午/全天, else the clock times (with the days when it runs
    /// over several).
    static func when(_ activity: LeaderActivity) -> String {
        let s = Strings.Schedule.self
        let days = activity.day == activity.endDay ? "" : s.dayRange(activity.day, activity.endDay) + " "
        switch activity.periodValue {
        case .morning: return days + s.morning
        case .afternoon: return days + s.afternoon
        case .allDay: return days + s.allDay
        case .timed: return days + ScheduleClock.clock(activity.startsAt) + "–" + ScheduleClock.clock(activity.endsAt)
        }
    }

    static func load(_ activities: [LeaderActivity], access: Access, on db: any Database) async throws -> [LeaderActivityView] {
        let leaders = Set(activities.map(\.leaderID))
        let names = leaders.isEmpty ? [:] : Dictionary(try await User.query(on: db).filter(\.$id ~~ Array(leaders)).all()
            .compactMap { user in user.id.map { ($0, user.name) } }, uniquingKeysWith: { first, _ in first })
        return try activities.map { activity in
            LeaderActivityView(
                id: try activity.requireID(), unitId: activity.unitID, unitName: access.tree.nameOf[activity.unitID] ?? "", leaderId: activity.leaderID,
                leaderName: names[activity.leaderID] ?? "", day: activity.day, endDay: activity.endDay, period: activity.periodValue,
                startTime: ScheduleClock.clock(activity.startsAt), endTime: ScheduleClock.clock(activity.endsAt), start: activity.startsAt,
                end: activity.endsAt, when: when(activity), cellWhen: activity.periodValue == .timed ? when(activity) : Strings.Schedule.periodLabel(activity.periodValue),
                kind: activity.kindValue, kindLabel: Strings.Schedule.kindLabel(activity.kindValue),
                content: activity.content, place: activity.place, companions: activity.companions, notes: activity.notes,
                source: activity.sourceValue, meetingId: activity.sourceValue == .meeting ? activity.sourceID : nil, cancelled: activity.isCancelled,
                version: activity.version, updatedAt: activity.updatedAt,
                editable: activity.sourceValue == .manual && !activity.isCancelled && access.managesSchedule(of: activity.unitID))
        }
    }
}

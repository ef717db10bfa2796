import Fluent
import Foundation
import Gongwen

/// Leaders' activities in people's 日程: a leader's own (the ones a meeting wrote are left to the meeting's own entry, so a
/// meeting shows once), and for an editor the activities of the leaders they keep the schedule of. Other readers of a
/// published week read it on the week table; it does not fill their calendars.
struct LeaderActivityCalendarSource: CalendarSource {
    func entries(for access: Access, from: Date, to: Date, on db: any Database) async throws -> [CalendarEntry] {
        let units = Array(access.scheduleUnits)
        let me = access.userID
        let activities = try await LeaderActivity.query(on: db).group(.or) { group in
            group.group(.and) { own in
                own.filter(\.$leaderID == me).filter(\.$source == LeaderActivity.Source.manual.rawValue)
            }
            if !units.isEmpty { group.filter(\.$unitID ~~ units) }
        }.filter(\.$startsAt < to).filter(\.$endsAt > from).sort(\.$startsAt).all()
        guard !activities.isEmpty else { return [] }
        let leaders = Set(activities.map(\.leaderID))
        let names = Dictionary(try await User.query(on: db).filter(\.$id ~~ Array(leaders)).all().compactMap { user in user.id.map { ($0, user.name) } },
                               uniquingKeysWith: { first, _ in first })
        return try activities.map { activity in
            let id = try activity.requireID()
            let own = activity.leaderID == me
            var detail: [String] = [Strings.Schedule.kindLabel(activity.kindValue) + " · " + LeaderActivityView.when(activity)]
            if let companions = activity.companions { detail.append(Strings.Schedule.companionsLine(companions)) }
            if let notes = activity.notes { detail.append(Strings.Schedule.notesLine(notes)) }
            let week = ScheduleClock.monday(of: DocumentDate(iso: activity.day) ?? DocumentDate(activity.startsAt)).iso
            return CalendarEntry(
                uid: "leader-activity-\(id.uuidString.lowercased())@zhengtong", kind: .leaderActivity,
                title: own ? activity.content : (names[activity.leaderID] ?? "") + "：" + activity.content,
                start: activity.startsAt, end: activity.endsAt, location: activity.place, detail: detail.joined(separator: "\n"),
                path: SiteURL.schedules.path + "?unit=\(activity.unitID.uuidString)&week=\(week)", cancelled: activity.isCancelled,
                updatedAt: activity.updatedAt)
        }
    }
}

import Fluent
import Foundation

/// A person's meetings in their 日程: those they are called to and expected at (not on leave, not replaced), and those
/// they host, from the notice on; a cancelled one stays as cancelled so subscribed calendars drop it.
struct MeetingCalendarSource: CalendarSource {
    func entries(for access: Access, from: Date, to: Date, on db: any Database) async throws -> [CalendarEntry] {
        let mine = try await MeetingAttendee.query(on: db).filter(\.$userID == access.userID).all()
        let expected = Set(mine.filter(\.isExpected).map(\.meetingID))
        let meetings = try await Meeting.query(on: db)
            .group(.or) { either in
                either.filter(\.$id ~~ Array(expected))
                either.filter(\.$hostID == access.userID)
            }
            .filter(\.$state ~~ [Meeting.State.notified.rawValue, Meeting.State.cancelled.rawValue])
            .filter(\.$startsAt < to).filter(\.$endsAt > from).all()
        var entries: [CalendarEntry] = []
        for meeting in meetings {
            let id = try meeting.requireID()
            entries.append(CalendarEntry(uid: "meeting-\(id.uuidString.lowercased())@zhengtong", kind: .meeting, title: meeting.title,
                                         start: meeting.startsAt, end: meeting.endsAt, location: try await MeetingPlace.text(meeting, on: db),
                                         detail: meeting.videoURL, path: SiteURL.meeting.link(id), cancelled: meeting.stateValue == .cancelled,
                                         updatedAt: meeting.updatedAt))
        }
        return entries
    }
}

import Fluent
import Foundation

/// A leader who accepts a meeting finds it in the 领导日程; a cancelled meeting or a changed answer takes it out.
enum MeetingLeaders {
    static func record(_ meeting: Meeting, leaderID: UUID, on db: any Database) async throws {
        try await LeaderActivities.recordFromMeeting(meetingID: try meeting.requireID(), leaderID: leaderID, title: meeting.title,
                                                     start: meeting.startsAt, end: meeting.endsAt,
                                                     place: try await MeetingPlace.text(meeting, on: db), on: db)
    }

    /// After a change of time, place or title: the activity of every leader who accepted follows the meeting.
    static func follow(_ meeting: Meeting, on db: any Database) async throws {
        let accepted = try await MeetingAttendee.query(on: db).filter(\.$meetingID == meeting.requireID())
            .filter(\.$reply == MeetingAttendee.Reply.attend.rawValue).all().map(\.userID)
        guard !accepted.isEmpty else { return }
        let leaders = Set(try await UserPosition.query(on: db).filter(\.$user.$id ~~ accepted).filter(\.$department.$id == nil).all().map(\.$user.id))
        for leader in accepted where leaders.contains(leader) { try await record(meeting, leaderID: leader, on: db) }
    }

    /// `leaderID` nil: every leader who had accepted.
    static func withdraw(_ meeting: Meeting, leaderID: UUID?, on db: any Database) async throws {
        try await LeaderActivities.withdrawFromMeeting(meetingID: try meeting.requireID(), leaderID: leaderID, on: db)
    }
}

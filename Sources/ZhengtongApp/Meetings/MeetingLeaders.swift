import Fluent
import Foundation

/// A leader who accepts a meeting finds it in the 领导日程; a cancelled meeting or a changed answer takes it out.
enum MeetingLeaders {
    static func record(_ meeting: Meeting, leaderID: UUID, on db: any Database) async throws {
        try await LeaderActivities.recordFromMeeting(meetingID: try meeting.requireID(), leaderID: leaderID, title: meeting.title,
                                                     start: meeting.startsAt, end: meeting.endsAt,
                                                     place: try await MeetingPlace.text(meeting, on: db), on: db)
    }

    /// `leaderID` nil: every leader who had accepted.
    static func withdraw(_ meeting: Meeting, leaderID: UUID?, on db: any Database) async throws {
        try await LeaderActivities.withdrawFromMeeting(meetingID: try meeting.requireID(), leaderID: leaderID, on: db)
    }
}

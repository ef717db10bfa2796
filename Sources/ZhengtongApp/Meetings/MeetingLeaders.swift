import Fluent
import Foundation

/// A leader who accepts a meeting finds it in the 领导日程; a cancelled meeting or a changed answer takes it out.
enum MeetingLeaders {
    static func record(_ meeting: Meeting, leaderID: UUID, on db: any Database) async throws {
        // Wired to LeaderActivities when the 领导日程 lands (this session's merge).
    }

    /// `leaderID` nil: every leader who had accepted.
    static func withdraw(_ meeting: Meeting, leaderID: UUID?, on db: any Database) async throws {
    }
}

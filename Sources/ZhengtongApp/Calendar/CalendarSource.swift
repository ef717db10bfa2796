import Fluent
import Foundation

/// One thing in a person's 日程: a meeting they attend, a duty shift they hold, a leader's activity they
/// may see. The 日程 page, the 工作台's "today" block and the iCalendar feed all show these and nothing else.
struct CalendarEntry: Sendable, Equatable {
    enum Kind: String, Sendable, Codable, CaseIterable {
        case meeting
        case duty
        case leaderActivity
    }

    /// Stable across edits and feed refreshes (RFC 5545 UID), e.g. "meeting-<uuid>@zhengtong".
    var uid: String
    var kind: Kind
    var title: String
    var start: Date
    var end: Date
    var location: String?
    var detail: String?
    /// The page that shows it, a path such as "/meetings/<id>" (nil when there is none for this person).
    var path: String?
    /// A cancelled meeting or withdrawn activity stays in the feed as STATUS:CANCELLED so calendars drop it.
    var cancelled: Bool
    /// Last change: the feed's LAST-MODIFIED and the source of its SEQUENCE.
    var updatedAt: Date
}

/// A module that puts entries in people's 日程. Adding a source to ``CalendarSources/all`` is the one
/// registration a new kind of entry needs; the 日程 page and the feed do not change.
protocol CalendarSource: Sendable {
    /// The entries `access`'s person should see that overlap [`from`, `to`), cancelled ones included.
    func entries(for access: Access, from: Date, to: Date, on db: any Database) async throws -> [CalendarEntry]
}

enum CalendarSources {
    static let all: [any CalendarSource] = [
        MeetingCalendarSource(),
        DutyCalendarSource(),
        LeaderActivityCalendarSource(),
    ]

    /// Every source's entries for the person, ordered by start time.
    static func entries(for access: Access, from: Date, to: Date, on db: any Database) async throws -> [CalendarEntry] {
        var entries: [CalendarEntry] = []
        for source in all { entries += try await source.entries(for: access, from: from, to: to, on: db) }
        return entries.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) }
    }
}

import Fluent
import Foundation

/// 领导活动: one entry of a leader's schedule — a meeting, 调研, 接待, 出差 — with its time, place, 陪同 and notes. Entered
/// by the leader's secretary or the unit's office (``Access/managesSchedule(of:)``), or written by the platform when the
/// leader accepts a meeting (``LeaderActivities/recordFromMeeting(meetingID:leaderID:title:start:end:place:on:)``).
/// A withdrawn activity stays as `cancelled` so subscribed calendars learn of it (STATUS:CANCELLED).
final class LeaderActivity: Model, @unchecked Sendable {
    static let schema = "leader_activities"

    /// 活动类型.
    enum Kind: String, Codable, Sendable, CaseIterable {
        case meeting
        case research
        case reception
        case trip
        case other
    }

    /// When in the day: the halves offices write (上午/下午/全天) or an exact time.
    enum Period: String, Codable, Sendable, CaseIterable {
        case morning
        case afternoon
        case allDay
        case timed
    }

    /// Where it came from: typed in, or a meeting the leader accepted (`sourceID` is the meeting).
    enum Source: String, Codable, Sendable {
        case manual
        case meeting
    }

    enum State: String, Codable, Sendable {
        case active
        case cancelled
    }

    @ID(key: .id) var id: UUID?
    /// The unit whose 周活动安排 shows it: the leader's unit when it was entered.
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "leader_id") var leaderID: UUID
    /// First and last Beijing day (`yyyy-MM-dd`); the same for a one-day activity.
    @Field(key: "day") var day: String
    @Field(key: "end_day") var endDay: String
    @Field(key: "period") var period: String
    /// The instants the activity covers, for overlap (conflict) queries and the calendar.
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "kind") var kind: String
    /// 活动内容.
    @Field(key: "content") var content: String
    @OptionalField(key: "place") var place: String?
    /// 陪同人员.
    @OptionalField(key: "companions") var companions: String?
    /// 着装要求及其他备注.
    @OptionalField(key: "notes") var notes: String?
    @Field(key: "source") var source: String
    @OptionalField(key: "source_id") var sourceID: UUID?
    @Field(key: "state") var state: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var kindValue: Kind { Kind(rawValue: kind) ?? .other }
    var periodValue: Period { Period(rawValue: period) ?? .timed }
    var sourceValue: Source { Source(rawValue: source) ?? .manual }
    var isCancelled: Bool { state == State.cancelled.rawValue }
}

import Fluent
import Foundation

/// 会议: called by a unit's 会务 (``Permission/meetingManage``), held in one of its rooms, at an outside place or by
/// video; its 议程, 参会人员 (people named, and units that name their own), 会议资料, 会议服务, 座次, 签到 and 纪要.
final class Meeting: Model, @unchecked Sendable {
    static let schema = "meetings"

    /// 会议类型.
    enum Kind: String, Codable, Sendable, CaseIterable {
        /// 常务会.
        case standing
        /// 办公会.
        case office
        /// 专题会.
        case topical
        /// 电视电话会议.
        case video
        case other
    }

    /// Where it is held.
    enum Venue: String, Codable, Sendable, CaseIterable {
        case room
        case external
        case video
    }

    enum State: String, Codable, Sendable, CaseIterable {
        /// 草稿: only the 会务 see it; nobody has been told.
        case draft
        /// 已通知: attendees and invited units were told and answer.
        case notified
        case cancelled
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "organizer_id") var organizerID: UUID
    @Field(key: "title") var title: String
    @Field(key: "kind") var kind: String
    /// 紧急: the notice goes to phones by SMS at once.
    @Field(key: "urgent") var urgent: Bool
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "venue") var venue: String
    @OptionalField(key: "room_id") var roomID: UUID?
    @OptionalField(key: "booking_id") var bookingID: UUID?
    /// The outside place's address, or the video room's name.
    @Field(key: "place") var place: String
    @OptionalField(key: "video_url") var videoURL: String?
    /// 主持人.
    @OptionalField(key: "host_id") var hostID: UUID?
    /// 会议说明 (要求, 着装 …).
    @Field(key: "notes") var notes: String
    /// 会议资料 open to attendees from this time (nil: once they are told).
    @OptionalField(key: "materials_from") var materialsFrom: Date?
    @Field(key: "state") var state: String
    @OptionalField(key: "notified_at") var notifiedAt: Date?
    @OptionalField(key: "cancel_reason") var cancelReason: String?
    /// The 纪要's 发文, once drafted.
    @OptionalField(key: "minutes_id") var minutesID: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var kindValue: Kind { Kind(rawValue: kind) ?? .other }
    var venueValue: Venue { Venue(rawValue: venue) ?? .external }
    var stateValue: State { State(rawValue: state) ?? .draft }
}

/// 议程: one item, in order, with who reports on it.
final class MeetingAgendaItem: Model, @unchecked Sendable {
    static let schema = "meeting_agenda_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    /// 汇报单位 (free text: it may be a unit outside the platform).
    @Field(key: "reporter") var reporter: String
    /// Minutes it is given (0: not set).
    @Field(key: "minutes") var minutes: Int

    init() {}
}

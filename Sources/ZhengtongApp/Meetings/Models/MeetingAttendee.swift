import Fluent
import Foundation

/// One person at a meeting: named by the 会务, named by an invited unit, or sent as another's 委派 substitute. Their
/// 回执, seat and 签到 are on this row.
final class MeetingAttendee: Model, @unchecked Sendable {
    static let schema = "meeting_attendees"

    /// 回执.
    enum Reply: String, Codable, Sendable, CaseIterable {
        /// Not answered yet.
        case pending
        /// 参加.
        case attend
        /// 请假 (with a reason).
        case leave
        /// 委派: a named substitute goes instead.
        case delegate
    }

    /// Where the seat is.
    enum Zone: String, Codable, Sendable, CaseIterable {
        /// 主席台.
        case rostrum
        /// 台下.
        case hall
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "user_id") var userID: UUID
    /// The invited unit that named this person (nil: named by the 会务).
    @OptionalField(key: "via_unit_id") var viaUnitID: UUID?
    /// The attendee this person stands in for (委派).
    @OptionalField(key: "substitute_for") var substituteFor: UUID?
    @Field(key: "zone") var zone: String
    @Field(key: "reply") var reply: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "replied_at") var repliedAt: Date?
    /// Seat: row 1 is the front (the rostrum has one row); seats numbered from the audience's left.
    @OptionalField(key: "seat_row") var seatRow: Int?
    @OptionalField(key: "seat_number") var seatNumber: Int?
    @OptionalField(key: "signed_in_at") var signedInAt: Date?
    /// Who ticked it: the attendee on their phone, or the 会务.
    @OptionalField(key: "signed_in_by") var signedInBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var replyValue: Reply { Reply(rawValue: reply) ?? .pending }
    var zoneValue: Zone { Zone(rawValue: zone) ?? .hall }
    /// Expected in the room: not on leave and not replaced by a substitute.
    var isExpected: Bool { replyValue == .pending || replyValue == .attend }
}

/// An invited unit: its clerk signs for the notice (签收) and names who attends (报名).
final class MeetingUnit: Model, @unchecked Sendable {
    static let schema = "meeting_units"

    enum State: String, Codable, Sendable, CaseIterable {
        /// 待签收.
        case sent
        /// 已签收, no names yet.
        case received
        /// 已报名.
        case named
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "unit_id") var unitID: UUID
    /// How many the unit should send (0: as the unit decides).
    @Field(key: "quota") var quota: Int
    @Field(key: "state") var state: String
    @OptionalField(key: "received_by") var receivedBy: UUID?
    @OptionalField(key: "received_at") var receivedAt: Date?
    @OptionalField(key: "named_at") var namedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .sent }
}

/// 会议资料.
final class MeetingFile: Model, @unchecked Sendable {
    static let schema = "meeting_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// 会议服务: a request to the office that serves the room (茶水, 桌签, 投影 …), ticked off when done.
final class MeetingServiceRequest: Model, @unchecked Sendable {
    static let schema = "meeting_service_requests"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case tea
        case nameCards
        case projector
        case sound
        case photo
        case other
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "note") var note: String
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalField(key: "done_by") var doneBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var kindValue: Kind { Kind(rawValue: kind) ?? .other }
}

import Fluent
import Foundation

/// 预订: a room held for a time, by a meeting or on its own. While it is waiting for approval or confirmed, its
/// quarter-hours are held in ``RoomBookingSlot`` rows whose unique key is what keeps two bookings of a room apart.
final class RoomBooking: Model, @unchecked Sendable {
    static let schema = "room_bookings"

    enum State: String, Codable, Sendable, CaseIterable {
        /// 待审批: the room has an approver who has not decided yet (the time is held meanwhile).
        case pending
        case confirmed
        /// 未批准: the approver refused it; the time is free again.
        case refused
        case cancelled

        var holdsRoom: Bool { self == .pending || self == .confirmed }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "room_id") var roomID: UUID
    @OptionalField(key: "meeting_id") var meetingID: UUID?
    @Field(key: "booked_by") var bookedBy: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "title") var title: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "state") var state: String
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .cancelled }
}

/// One quarter-hour of a room held by a booking. `(room_id, slot_start)` is unique, so the database itself refuses a
/// second booking of the same quarter-hour — also when two people press 预订 in the same instant on two nodes.
final class RoomBookingSlot: Model, @unchecked Sendable {
    static let schema = "room_booking_slots"
    /// The grid bookings hold the room on: a booking from 09:10 holds 09:00–09:15 too.
    static let length: TimeInterval = 15 * 60

    @ID(key: .id) var id: UUID?
    @Field(key: "room_id") var roomID: UUID
    @Field(key: "booking_id") var bookingID: UUID
    /// Seconds since 1970 of the quarter-hour's start: an integer compares exactly on both databases.
    @Field(key: "slot_start") var slotStart: Int64

    init() {}

    /// The quarter-hours `[start, end)` touches.
    static func starts(from start: Date, to end: Date) -> [Int64] {
        let step = Int64(length)
        let first = Int64(start.timeIntervalSince1970.rounded(.down)) / step * step
        let last = Int64(end.timeIntervalSince1970.rounded(.up))
        return Array(stride(from: first, to: last, by: Int(step)))
    }
}

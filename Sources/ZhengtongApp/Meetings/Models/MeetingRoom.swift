import Fluent
import Foundation

/// 会议室: a unit's room, with what a booking and the 座次 need — capacity, equipment, the hall as rows × seats and the
/// rostrum's seats — and who approves bookings (nil: booking confirms at once).
final class MeetingRoom: Model, @unchecked Sendable {
    static let schema = "meeting_rooms"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    @Field(key: "location") var location: String
    @Field(key: "capacity") var capacity: Int
    /// 设备, one per line (投影, 话筒, 视频会议终端 …).
    @Field(key: "equipment") var equipment: String
    /// The hall: `rows` rows of `seatsPerRow` seats, facing the rostrum.
    @Field(key: "rows") var rows: Int
    @Field(key: "seats_per_row") var seatsPerRow: Int
    /// 主席台 seats in one row (0: a room without a rostrum, e.g. a round table).
    @Field(key: "rostrum_seats") var rostrumSeats: Int
    @OptionalField(key: "approver_id") var approverID: UUID?
    @Field(key: "is_disabled") var isDisabled: Bool
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var equipmentList: [String] { equipment.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

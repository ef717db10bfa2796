import Fluent
import Foundation

/// 班次: one of a unit's kinds of shift (白班 08:30–17:30, 夜班 17:30–次日08:30) with how many 值班员 it takes. A shift
/// whose end is not after its start runs into the next day.
final class DutyShiftKind: Model, @unchecked Sendable {
    static let schema = "duty_shift_kinds"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    /// `HH:mm`, Beijing time.
    @Field(key: "starts") var starts: String
    @Field(key: "ends") var ends: String
    /// 值班员 per shift.
    @Field(key: "staff_count") var staffCount: Int
    /// Whether a 带班领导 is needed on working days too (on holidays and weekends every shift needs one).
    @Field(key: "needs_leader") var needsLeader: Bool
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

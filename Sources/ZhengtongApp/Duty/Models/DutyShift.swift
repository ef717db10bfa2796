import Fluent
import Foundation

/// One shift of a rota on one day, with its 值班日志, 交接班 and the 带班领导's 签认. Who holds it is in
/// ``DutyAssignment``.
final class DutyShift: Model, @unchecked Sendable {
    static let schema = "duty_shifts"

    @ID(key: .id) var id: UUID?
    @Field(key: "rota_id") var rotaID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "kind_id") var kindID: UUID
    /// The day it starts, `yyyy-MM-dd`.
    @Field(key: "day") var day: String
    /// A holiday or weekend (from the working-day calendar when generated): a 带班领导 is required.
    @Field(key: "off_day") var offDay: Bool
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    /// 交接班: the note of what is handed on, who handed over and when.
    @OptionalField(key: "handover_note") var handoverNote: String?
    @OptionalField(key: "handed_over_by") var handedOverBy: UUID?
    @OptionalField(key: "handed_over_at") var handedOverAt: Date?
    /// The 带班领导's 签认 of the shift.
    @OptionalField(key: "signed_off_by") var signedOffBy: UUID?
    @OptionalField(key: "signed_off_at") var signedOffAt: Date?
    @Field(key: "version") var version: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// A person holding a shift as 带班领导 or 值班员. A swap or a hand edit does not delete the row but sets `removedAt`,
/// so the person's calendar keeps the shift as cancelled.
final class DutyAssignment: Model, @unchecked Sendable {
    static let schema = "duty_assignments"

    enum Role: String, Codable, Sendable, CaseIterable {
        /// 带班领导.
        case leader
        /// 值班员.
        case staff
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "shift_id") var shiftID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "role") var role: String
    @OptionalField(key: "removed_at") var removedAt: Date?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var roleValue: Role { Role(rawValue: role) ?? .staff }
}

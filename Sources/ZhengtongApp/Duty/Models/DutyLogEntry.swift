import Fluent
import Foundation

/// 值班日志: a 来电记录 or an event the person on duty records. An open entry is carried to the next shift at 交接班
/// (`shiftID` moves on, `originShiftID` keeps where it was written).
final class DutyLogEntry: Model, @unchecked Sendable {
    static let schema = "duty_log_entries"

    enum Kind: String, Codable, Sendable, CaseIterable {
        /// 来电记录.
        case call
        /// 值班事件.
        case event
    }

    enum State: String, Codable, Sendable, CaseIterable {
        /// 待处理: handed on at 交接班.
        case open
        /// 已办结.
        case closed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "shift_id") var shiftID: UUID
    @Field(key: "origin_shift_id") var originShiftID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "occurred_at") var occurredAt: Date
    /// 来电人, 来电单位, 电话 (calls).
    @OptionalField(key: "caller") var caller: String?
    @OptionalField(key: "caller_unit") var callerUnit: String?
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "content") var content: String
    /// 处理情况.
    @OptionalField(key: "handling") var handling: String?
    @Field(key: "state") var state: String
    @Field(key: "author_id") var authorID: UUID
    /// 呈领导: the leader it was passed to.
    @OptionalField(key: "forwarded_to") var forwardedTo: UUID?
    @OptionalField(key: "supervision_item_id") var supervisionItemID: UUID?
    @OptionalField(key: "incoming_id") var incomingID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var kindValue: Kind { Kind(rawValue: kind) ?? .event }
    var stateValue: State { State(rawValue: state) ?? .open }
}

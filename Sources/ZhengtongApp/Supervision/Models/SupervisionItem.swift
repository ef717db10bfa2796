import Fluent
import Foundation

/// 督办事项: what a 督查室 tracks until it is done — a leader's 批示, a meeting decision, a task of the 政府工作报告 or
/// one set by hand — with its responsible units (``SupervisionAssignment``), their progress reports, 催办, 延期, 办结 and
/// 评价. A 子事项 (`parentID`) is a part the lead unit split off for one of its departments or a unit under it; the lead
/// unit is that sub-item's 督查室 (`ownerUnitID`).
final class SupervisionItem: Model, @unchecked Sendable {
    static let schema = "supervision_items"

    /// Where an item came from.
    enum Source: String, Codable, Sendable, CaseIterable {
        /// A leader's 批示 on a 收文 (`incomingID`, the instruction in `instruction`).
        case instruction
        /// 会议议定事项.
        case meeting
        /// A task of the 政府工作报告 (or another task list), imported from a spreadsheet.
        case workReport
        /// Set by hand.
        case manual
    }

    /// 督办类别.
    enum Category: String, Codable, Sendable, CaseIterable {
        case leaderInstruction
        case keyWork
        case meetingDecision
        case proposal
    }

    /// 反馈周期: how often responsible units report.
    enum Cycle: String, Codable, Sendable, CaseIterable {
        /// 一次性: one report, by the deadline.
        case once
        case weekly
        case monthly
        /// Every `cycleDays` working days.
        case custom
    }

    enum State: String, Codable, Sendable, CaseIterable {
        /// 办理中.
        case open
        /// 办结申请 waiting for the 督查室's 审核.
        case completionRequested
        /// 已办结.
        case completed
        /// 已终止: stopped before it was done (the task fell away), with a reason.
        case terminated
        /// 已撤销: set up in error, with a reason.
        case cancelled

        var isClosed: Bool { self == .completed || self == .terminated || self == .cancelled }
    }

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "parent_id") var parentID: UUID?
    /// The 督查室's unit (for a 子事项: the lead unit that split it off).
    @Field(key: "owner_unit_id") var ownerUnitID: UUID
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "title") var title: String
    @Field(key: "source") var source: String
    /// 来源 in words (the 收文's number and title, the meeting, the report's chapter).
    @Field(key: "source_text") var sourceText: String
    @OptionalField(key: "incoming_id") var incomingID: UUID?
    /// The leader's 批示, carried from the 收文.
    @OptionalField(key: "instruction") var instruction: String?
    @Field(key: "category") var category: String
    /// 责任领导.
    @OptionalField(key: "leader_id") var leaderID: UUID?
    /// 办理要求.
    @Field(key: "requirements") var requirements: String
    /// 办结时限, a Beijing day (`yyyy-MM-dd`, which sorts as it reads on both databases).
    @Field(key: "deadline") var deadline: String
    @Field(key: "cycle") var cycle: String
    @OptionalField(key: "cycle_days") var cycleDays: Int?
    /// 密级 (``Gongwen/Classification`` raw value; nil: 非密).
    @OptionalField(key: "classification") var classification: String?
    @Field(key: "state") var state: String
    /// The earliest day something is owed: the deadline or a responsible unit's next report, for the colours and the
    /// status filters (kept by ``SupervisionProgress/refresh(_:on:)`` after every change; nil once closed).
    @OptionalField(key: "next_due") var nextDue: String?
    /// 办结申请's summary, and the 督查室's reason when it was sent back.
    @OptionalField(key: "completion_summary") var completionSummary: String?
    @OptionalField(key: "completion_returned") var completionReturned: String?
    /// 终止/撤销's reason.
    @OptionalField(key: "closing_reason") var closingReason: String?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// Whether it was finished by its deadline (set at 办结).
    @OptionalField(key: "on_time") var onTime: Bool?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .open }
    var sourceValue: Source { Source(rawValue: source) ?? .manual }
    var categoryValue: Category { Category(rawValue: category) ?? .keyWork }
    var cycleValue: Cycle { Cycle(rawValue: cycle) ?? .once }
}

import Fluent
import Foundation

/// A responsible unit of a 督办事项 (主办 or 协办), or a department of the lead unit for a 子事项: what it reports, when
/// its next report is due, how far it says it is, and the 督查室's 评价.
final class SupervisionAssignment: Model, @unchecked Sendable {
    static let schema = "supervision_assignments"

    enum Role: String, Codable, Sendable, CaseIterable {
        /// 主办: answers for the item, asks for 延期 and 办结.
        case lead
        /// 协办.
        case assist
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "unit_id") var unitID: UUID
    /// Set for a department of the lead unit (a 子事项's responsible department).
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Field(key: "role") var role: String
    /// The percentage of the last accepted report.
    @Field(key: "progress") var progress: Int
    /// The day the next report is owed (`yyyy-MM-dd`); nil when none is (一次性 reported, or the item closed).
    @OptionalField(key: "next_report_due") var nextReportDue: String?
    @OptionalField(key: "score") var score: Int?
    @OptionalField(key: "remark") var remark: String?
    @OptionalField(key: "evaluated_at") var evaluatedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var roleValue: Role { Role(rawValue: role) ?? .assist }
}

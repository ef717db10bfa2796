import Fluent
import Foundation

/// One report as one collecting unit received it: its own state, so 采用/退回/存档 at one target leave the others be.
/// `revision` goes up with every change; a decision is an UPDATE guarded by it, so two editors deciding at once
/// cannot both win.
final class ReportSubmission: Model, @unchecked Sendable {
    static let schema = "report_submissions"

    enum State: String, Codable, Sendable, CaseIterable {
        case submitted, returned, resubmitted, adopted, archived

        var label: String {
            switch self {
            case .submitted: "待处理"
            case .returned: "已退回"
            case .resubmitted: "已重报"
            case .adopted: "已采用"
            case .archived: "已存档"
            }
        }

        /// Waiting for the editor.
        var isOpen: Bool { self == .submitted || self == .resubmitted }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: UUID
    @Field(key: "target_unit_id") var targetUnitID: UUID
    @Field(key: "state") var state: String
    /// The report's text version this target last received.
    @Field(key: "report_version") var reportVersion: Int
    @Field(key: "revision") var revision: Int
    @OptionalField(key: "level_id") var levelID: UUID?
    @OptionalField(key: "level_name") var levelName: String?
    @OptionalField(key: "points") var points: Int?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Field(key: "submitted_at") var submittedAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .submitted }
}

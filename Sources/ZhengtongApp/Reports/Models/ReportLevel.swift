import Fluent
import Foundation

/// A collecting unit's setting: whether it collects 信息 from the units below it (kept by its administrator).
final class ReportCollector: Model, @unchecked Sendable {
    static let schema = "report_collectors"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "collects") var collects: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// One adoption level of a collecting unit's scheme (国家级采用 … 刊物采用) and its points; the one marked
/// `isInstruction` is what a leader's 批示 earns.
final class ReportLevel: Model, @unchecked Sendable {
    static let schema = "report_levels"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    @Field(key: "points") var points: Int
    @Field(key: "is_instruction") var isInstruction: Bool
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// The default scheme seeded for a unit when it starts collecting.
    static let defaults: [(name: String, points: Int, instruction: Bool)] = [
        ("国家级采用", 10, false), ("省级采用", 6, false), ("市级采用", 4, false), ("刊物采用", 2, false), ("领导批示", 3, true),
    ]
}

/// Points earned, one row per award: an adoption, or a leader's 批示 (once per report and leader). Ranking sums them.
final class ReportPoint: Model, @unchecked Sendable {
    static let schema = "report_points"

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "reporter_id") var reporterID: UUID
    /// The collecting unit whose scheme gave them.
    @Field(key: "collector_id") var collectorID: UUID
    @Field(key: "level_name") var levelName: String
    @Field(key: "points") var points: Int
    /// For a 批示: the leader (unique with the report).
    @OptionalField(key: "leader_id") var leaderID: UUID?
    @Field(key: "awarded_at") var awardedAt: Date

    init() {}
}

/// 约稿: an editor asks named units for information on a topic by a deadline.
final class ReportRequest: Model, @unchecked Sendable {
    static let schema = "report_requests"

    @ID(key: .id) var id: UUID?
    /// The collecting unit asking.
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "topic") var topic: String
    @Field(key: "details") var details: String
    @Field(key: "deadline") var deadline: Date
    /// The units asked (JSON array of ids).
    @Field(key: "unit_ids") var unitIDs: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var units: [UUID] { (try? JSONDecoder().decode([UUID].self, from: Data(unitIDs.utf8))) ?? [] }
}

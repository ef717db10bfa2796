import Fluent
import Foundation

/// 栏目: a board of notices kept by a unit (通知公告, 工作动态, 领导讲话 …). It says who may publish in it (holders
/// of a role over the unit) and which review process a new item goes through; a column marked 对外公开 has an
/// Atom feed the unit's public website pulls.
final class NoticeColumn: Model, @unchecked Sendable {
    static let schema = "notice_columns"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    /// 对外公开: published items also go to the public feed (and the default review is the three-step one).
    @Field(key: "is_public") var isPublic: Bool
    /// The role code whose holders (over this unit) may publish here.
    @Field(key: "publisher_role") var publisherRole: String
    /// The review process (a deployed process key).
    @Field(key: "process_key") var processKey: String
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "is_disabled") var isDisabled: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

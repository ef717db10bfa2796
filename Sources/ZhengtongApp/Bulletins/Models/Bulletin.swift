import Fluent
import Foundation

/// 刊物: a publication an information-collecting unit edits (《江北政务信息》简报, 专报, 信息快报). Each has its own 期号
/// sequence, gap-free per year, and a running total (总第N期).
final class Bulletin: Model, @unchecked Sendable {
    static let schema = "bulletins"

    enum Kind: String, Codable, Sendable, CaseIterable {
        /// 简报
        case briefing
        /// 专报
        case special
        /// 信息快报
        case express
    }

    @ID(key: .id) var id: UUID?
    /// The 编印单位.
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var kindValue: Kind { Kind(rawValue: kind) ?? .briefing }
}

import Fluent
import Foundation

/// 机关代字: a prefix of the unit's document numbers (X政发, X政办发, X政函), with the letterhead its
/// documents are laid out with. Kept when retired (`isEnabled = false`): old numbers still name it.
final class IssuerCode: Model, @unchecked Sendable {
    static let schema = "issuer_codes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "code") var code: String
    /// `file`, `letter` or `minutes` (Gongwen's LetterheadStyle).
    @Field(key: "style") var style: String
    /// 发文机关标志 for documents under this code, e.g. `江北市人民政府办公室文件`.
    @Field(key: "issuer_mark") var issuerMark: String
    @Field(key: "is_enabled") var isEnabled: Bool
    @Field(key: "sort_order") var sortOrder: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(unitID: UUID, code: String, style: String, issuerMark: String, sortOrder: Int = 0) {
        self.$unit.id = unitID
        self.code = code
        self.style = style
        self.issuerMark = issuerMark
        self.isEnabled = true
        self.sortOrder = sortOrder
    }
}

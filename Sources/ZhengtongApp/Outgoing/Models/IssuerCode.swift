import Fluent
import Foundation
import Gongwen

/// 机关代字: a prefix of the unit's document numbers (X政发, X政办发, X政函), with the letterhead its
/// documents are laid out with. Kept when retired (`isEnabled = false`): old numbers still name it.
final class IssuerCode: Model, @unchecked Sendable {
    static let schema = "issuer_codes"

    /// The letterheads a 代字 can be set up with. Not yet 命令式: a 令 is numbered `第N号` over a term, not
    /// `代字〔年份〕N号`, and is signed with the signer's own signature seal — neither is given out here yet
    /// (`gongwen render` lays 命令 out from JSON).
    static let styles: [LetterheadStyle] = [.file, .letter, .minutes]

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "code") var code: String
    /// `file`, `letter` or `minutes` (Gongwen's LetterheadStyle, one of ``styles``).
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

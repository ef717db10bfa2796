import Fluent
import Foundation
import Gongwen

/// 机关代字: a prefix of the unit's document numbers (X政发, X政办发, X政函), with the letterhead its
/// documents are laid out with. Kept when retired (`isEnabled = false`): old numbers still name it.
final class IssuerCode: Model, @unchecked Sendable {
    static let schema = "issuer_codes"

    /// The letterheads a 代字 can be set up with. A 命令式 代字 (e.g. `江北市人民政府令`) numbers its 令 `第N号`, on
    /// through the years until the code is retired: a new government term (届) starts a new code, so 令号 begin
    /// again at 第1号 (decided: terms are not modelled; the 代字 stands for one). A 令 carries no seal: the
    /// signer's name stands where the 签名章 goes (a personal signature seal is not kept yet).
    static let styles: [LetterheadStyle] = [.file, .letter, .minutes, .order]

    /// Whether numbers run on across years (`第N号`) rather than per year (`代字〔年份〕N号`).
    var numbersAcrossYears: Bool { style == LetterheadStyle.order.rawValue }

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "code") var code: String
    /// `file`, `letter`, `minutes` or `order` (Gongwen's LetterheadStyle, one of ``styles``).
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

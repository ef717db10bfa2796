import Fluent
import Foundation

/// 单位: a government body. Units form a tree (市 → 县/区 → 乡镇, 局/委/办 under a government).
final class Unit: Model, @unchecked Sendable {
    static let schema = "units"

    /// What kind of body a unit is; shown in the tree and used by later features (e.g. the 收文 defaults).
    enum Kind: String, Codable, CaseIterable, Sendable {
        case government    // 人民政府
        case office        // 政府办公室
        case bureau        // 局/委/办
        case township      // 乡镇/街道
        case other         // 其他

        var label: String {
            switch self {
            case .government: "人民政府"
            case .office: "办公室"
            case .bureau: "局委办"
            case .township: "乡镇（街道）"
            case .other: "其他"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "short_name") var shortName: String?
    /// Stable code used by imports and exchange (e.g. an organisation code); unique.
    @Field(key: "code") var code: String
    @Enum(key: "kind") var kind: Kind
    @OptionalParent(key: "parent_id") var parent: Unit?
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "is_disabled") var isDisabled: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, shortName: String? = nil, code: String, kind: Kind, parentID: UUID?, sortOrder: Int = 0) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.code = code
        self.kind = kind
        self.$parent.id = parentID
        self.sortOrder = sortOrder
        self.isDisabled = false
    }
}

import Fluent
import Foundation

/// A file of a 督办事项 (the 督查室's, set with the item) or of one of its reports.
final class SupervisionFile: Model, @unchecked Sendable {
    static let schema = "supervision_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @OptionalField(key: "report_id") var reportID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

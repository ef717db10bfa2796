import Fluent
import Foundation
import Gongwen

/// What one dispatch sends (公文交换): the sealed document as it was at 封发 (its fields as
/// ``OfficialDocument`` JSON and its OFD), with its files. Every delivery of the dispatch points at it;
/// nothing in it changes afterwards (a corrected re-send makes a new package).
final class ExchangePackage: Model, @unchecked Sendable {
    static let schema = "exchange_packages"

    @ID(key: .id) var id: UUID?
    @Field(key: "sender_unit_id") var senderUnitID: UUID
    @OptionalField(key: "outgoing_document_id") var outgoingDocumentID: UUID?
    @Field(key: "title") var title: String
    @OptionalField(key: "number") var number: String?
    /// 发文机关: the 署名, or the sending unit's name.
    @Field(key: "sender_name") var senderName: String
    @Field(key: "content") var content: String
    @OptionalField(key: "ofd") var ofd: Data?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    func document() throws -> OfficialDocument {
        try JSONDecoder().decode(OfficialDocument.self, from: Data(content.utf8))
    }
}

/// A file sent with a package: the document's attachments, or a correction added on re-sending.
final class ExchangePackageFile: Model, @unchecked Sendable {
    static let schema = "exchange_package_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "package_id") var packageID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "sort_order") var sortOrder: Int

    init() {}
}

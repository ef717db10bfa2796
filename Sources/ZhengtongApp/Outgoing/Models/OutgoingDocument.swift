import Fluent
import Foundation
import Gongwen

/// 发文: a document this unit drafts and issues. `content` is the whole ``OfficialDocument`` as JSON (the
/// current text); every saved change is also kept as an ``OutgoingVersion``. `version` counts them and
/// guards edits: a save names the version it started from, so of two editors one gets 409. `kind`,
/// `title` and `number` repeat the content's for lists and searches, and are written with it.
final class OutgoingDocument: Model, @unchecked Sendable {
    static let schema = "outgoing_documents"

    enum Status: String, Codable, Sendable, CaseIterable {
        /// 拟稿: the drafter is writing.
        case drafting
        /// Submitted: in the approval process.
        case approving
        /// 已封发.
        case dispatched
        /// Withdrawn for good by the drafter or terminated.
        case cancelled
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Parent(key: "drafter_id") var drafter: User
    @OptionalParent(key: "issuer_code_id") var issuerCode: IssuerCode?
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "status") var status: String
    @Field(key: "content") var content: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "instance_id") var instanceID: UUID?
    @OptionalField(key: "number") var number: String?
    @OptionalField(key: "registration_id") var registrationID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "dispatched_at") var dispatchedAt: Date?
    /// 分发范围 chosen at 封发: `Distribution` as JSON (nil until chosen).
    @OptionalField(key: "distribution") var distribution: String?
    /// Sent on paper only, not through 公文交换.
    @OptionalField(key: "paper_only") var paperOnly: Bool?

    init() {}

    /// The current text.
    func document() throws -> OfficialDocument {
        try JSONDecoder().decode(OfficialDocument.self, from: Data(content.utf8))
    }

    func setDocument(_ document: OfficialDocument) throws {
        content = try OutgoingContent.encode(document)
        title = document.title
        kind = document.kind.rawValue
    }
}

/// A saved version of a document's text: who, at which step, when. Never changed after it is written.
final class OutgoingVersion: Model, @unchecked Sendable {
    static let schema = "outgoing_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: OutgoingDocument
    @Field(key: "version") var version: Int
    @Field(key: "author_id") var authorID: UUID
    /// The workflow step the edit was made at (拟稿, 核稿 …).
    @Field(key: "step") var step: String
    @Field(key: "content") var content: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// An attachment (附件) of a document: stored in the database so it commits and backs up with it.
final class OutgoingAttachment: Model, @unchecked Sendable {
    static let schema = "outgoing_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: OutgoingDocument
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The stored JSON of a document: sorted keys, so equal documents store equal text and a save that
/// changes nothing adds no version.
enum OutgoingContent {
    static func encode(_ document: OfficialDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> OfficialDocument {
        try JSONDecoder().decode(OfficialDocument.self, from: Data(text.utf8))
    }
}

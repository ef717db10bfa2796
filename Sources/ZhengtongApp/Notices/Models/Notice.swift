import Fluent
import Foundation

/// 通知公告: one item on a column's board. Drafted by a publisher, reviewed through the column's process, then
/// published to its audience (the recipients are fixed at publishing); editing a published item keeps the
/// earlier version and tells its readers; 撤回 takes it off every board, with a reason.
final class Notice: Model, @unchecked Sendable {
    static let schema = "notices"

    enum Status: String, Codable, Sendable, CaseIterable {
        /// Being written (also after a reviewer sent it back).
        case drafting
        /// In its review process.
        case reviewing
        case published
        case withdrawn
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "column_id") var columnID: UUID
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "title") var title: String
    /// What the author typed (``NoticeMarkup``).
    @Field(key: "body") var body: String
    /// The body as blocks (JSON of `[NoticeBlock]`), what pages show.
    @Field(key: "blocks") var blocks: String
    /// The audience chosen (JSON of ``NoticeAudience``).
    @Field(key: "audience") var audience: String
    @Field(key: "status") var status: String
    /// 重要: also sent to recipients' phones.
    @Field(key: "important") var important: Bool
    /// 置顶 until this day's end (nil: not pinned).
    @OptionalField(key: "pinned_until") var pinnedUntil: Date?
    /// 有效期: leaves the boards after this (still searchable).
    @OptionalField(key: "expires_at") var expiresAt: Date?
    /// 回执: the fields readers fill (JSON of `[NoticeReplyField]`; empty: no 回执).
    @Field(key: "reply_fields") var replyFields: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "instance_id") var instanceID: UUID?
    /// A reviewer's reason when it came back to the author.
    @OptionalField(key: "returned_reason") var returnedReason: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdraw_reason") var withdrawReason: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .drafting }
}

/// A published text of a notice, kept when it is edited afterwards.
final class NoticeVersion: Model, @unchecked Sendable {
    static let schema = "notice_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "edited_by") var editedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A file of a notice: pictures are shown inline, other files downloaded; their text is searched.
final class NoticeAttachment: Model, @unchecked Sendable {
    static let schema = "notice_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var isPicture: Bool { contentType == "image/png" || contentType == "image/jpeg" }
}

/// One person a published notice reached: when they first opened it, their 回执, when they were last chased.
final class NoticeRecipient: Model, @unchecked Sendable {
    static let schema = "notice_recipients"

    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "user_id") var userID: UUID
    /// The person's unit when it was published (receipts are counted per unit).
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "read_at") var readAt: Date?
    /// Read before the text changed: shown as 已更新 until opened again.
    @Field(key: "changed_since_read") var changedSinceRead: Bool
    /// The 回执 (JSON of `NoticeReply`).
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "replied_at") var repliedAt: Date?
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

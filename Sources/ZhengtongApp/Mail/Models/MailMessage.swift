import Fluent
import Foundation

/// 内部邮件: one message, stored once whatever the number of its recipients (``MailDelivery`` holds each person's
/// copy state). While `status` is `draft` only its sender holds it; sending fixes its addressees and text.
final class MailMessage: Model, @unchecked Sendable {
    static let schema = "mail_messages"

    enum Status: String, Codable, Sendable {
        case draft, sent
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "sender_id") var senderID: UUID
    /// The conversation: the first message's id, inherited by replies and forwards.
    @Field(key: "thread_id") var threadID: UUID
    @Field(key: "status") var status: String
    @Field(key: "subject") var subject: String
    /// What the sender typed (``NoticeMarkup``, the same safe rich text as 通知公告).
    @Field(key: "body") var body: String
    /// The addressees as chosen (JSON of ``MailAddressing``): 收件人, 抄送 and 密送 (the last shown to the sender only).
    @Field(key: "addressing") var addressing: String
    @Field(key: "important") var important: Bool
    /// 需回执: the sender sees who read it and when.
    @Field(key: "receipt_requested") var receiptRequested: Bool
    /// The body and the attachments' sizes in bytes (what the holders share for their quota).
    @Field(key: "size") var size: Int
    /// The terms of subject, body and attachment text (``SearchTokenizer``), space-separated with a space at each end.
    @Field(key: "search_terms") var searchTerms: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .draft }
}

/// One person's copy of a message: the sender's (kind `sender`) and one per recipient (`to`, `cc`, `bcc`).
final class MailDelivery: Model, @unchecked Sendable {
    static let schema = "mail_deliveries"

    enum Kind: String, Codable, Sendable {
        case sender, to, cc, bcc
    }

    /// The built-in folders; a personal folder is `custom` with ``folderID``.
    enum Folder: String, Codable, Sendable, CaseIterable {
        case inbox, sent, drafts, trash, custom
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "message_id") var messageID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "folder") var folder: String
    @OptionalField(key: "folder_id") var folderID: UUID?
    /// Where a trashed copy goes back to on 恢复.
    @OptionalField(key: "previous_folder") var previousFolder: String?
    @OptionalField(key: "read_at") var readAt: Date?
    @Field(key: "flagged") var flagged: Bool
    @OptionalField(key: "trashed_at") var trashedAt: Date?
    /// 撤回: the sender took it back before this person opened it; the copy is gone for them.
    @OptionalField(key: "recalled_at") var recalledAt: Date?
    /// This person's share of the message's size (the message's size over the number of its holders).
    @Field(key: "share") var share: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var kindValue: Kind { Kind(rawValue: kind) ?? .to }
    var folderValue: Folder { Folder(rawValue: folder) ?? .inbox }
}

/// The bytes of an attached file, stored once: a forward or a reply-with-attachments points at the same file.
final class MailFile: Model, @unchecked Sendable {
    static let schema = "mail_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    /// The file's text as read once at upload (for search), empty when it has none.
    @Field(key: "text") var text: String
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A file as attached to one message.
final class MailAttachment: Model, @unchecked Sendable {
    static let schema = "mail_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "message_id") var messageID: UUID
    @Field(key: "file_id") var fileID: UUID
    @Field(key: "name") var name: String
    @Field(key: "size") var size: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A person's own folder.
final class MailFolder: Model, @unchecked Sendable {
    static let schema = "mail_folders"

    @ID(key: .id) var id: UUID?
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A person's own named list of people (个人通讯组), expanded to its members when a message is sent.
final class MailGroup: Model, @unchecked Sendable {
    static let schema = "mail_groups"

    @ID(key: .id) var id: UUID?
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "name") var name: String
    /// JSON of `[UUID]`.
    @Field(key: "members") var members: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var memberIDs: [UUID] { (try? JSONDecoder().decode([UUID].self, from: Data(members.utf8))) ?? [] }
}

/// A person's name in pinyin initials (张三丰 → zsf), computed once per name for the recipient picker.
final class MailPinyin: Model, @unchecked Sendable {
    static let schema = "mail_pinyin"

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "initials") var initials: String

    init() {}
}

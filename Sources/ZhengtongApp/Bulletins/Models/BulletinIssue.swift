import Fluent
import Foundation

/// 期: one issue of a 刊物. Composed by its editors as a draft (the items are copies they edit freely), approved
/// through `bulletin-approval`, and published to the readers chosen: the 期号 is taken in the publishing transaction,
/// so a rejected or abandoned draft never uses a number.
final class BulletinIssue: Model, @unchecked Sendable {
    static let schema = "bulletin_issues"

    enum Status: String, Codable, Sendable, CaseIterable {
        /// Being composed (also after the approver sent it back).
        case draft
        /// On its approval process.
        case reviewing
        case published
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "bulletin_id") var bulletinID: UUID
    /// The 编印单位 (the 刊物's unit).
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "status") var status: String
    /// 期号 in its year, set at publishing.
    @OptionalField(key: "year") var year: Int?
    @OptionalField(key: "number") var number: Int?
    /// 总第N期, set at publishing.
    @OptionalField(key: "total_number") var totalNumber: Int?
    /// Readers chosen: people (JSON `[UUID]`).
    @Field(key: "reader_people") var readerPeople: String
    /// Readers chosen: units, meaning their leaders (JSON `[UUID]`).
    @Field(key: "reader_units") var readerUnits: String
    /// The footer's 报： / 送： / 发： lines (empty: left out).
    @Field(key: "report_to") var reportTo: String
    @Field(key: "send_to") var sendTo: String
    @Field(key: "distribute_to") var distributeTo: String
    /// （共印N份）, optional.
    @OptionalField(key: "copies") var copies: Int?
    /// Bumped by every change to the issue or its items: two editors racing get 409.
    @Field(key: "version") var version: Int
    @Field(key: "created_by") var createdBy: UUID
    @OptionalField(key: "instance_id") var instanceID: UUID?
    @OptionalField(key: "submitted_by") var submittedBy: UUID?
    @OptionalField(key: "returned_reason") var returnedReason: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .draft }
    var chosenPeople: [UUID] { (try? JSONDecoder().decode([UUID].self, from: Data(readerPeople.utf8))) ?? [] }
    var chosenUnits: [UUID] { (try? JSONDecoder().decode([UUID].self, from: Data(readerUnits.utf8))) ?? [] }
}

/// One item of an issue: a copy of an adopted 信息 (its report and 信息员 kept, so a 批示 goes back to them) or one typed
/// in by the editor; the 按语 stands before it.
final class BulletinItem: Model, @unchecked Sendable {
    static let schema = "bulletin_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "issue_id") var issueID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    /// Plain text, paragraphs separated by "\n".
    @Field(key: "body") var body: String
    @Field(key: "source_unit_name") var sourceUnitName: String
    @OptionalField(key: "source_unit_id") var sourceUnitID: UUID?
    @OptionalField(key: "report_id") var reportID: UUID?
    @OptionalField(key: "reporter_id") var reporterID: UUID?
    /// 按语 (empty: none).
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var paragraphs: [String] { body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

/// A reader of a published issue: fixed at publishing (or when the office later puts it on a leader's 信息专供).
final class BulletinReader: Model, @unchecked Sendable {
    static let schema = "bulletin_readers"

    @ID(key: .id) var id: UUID?
    @Field(key: "issue_id") var issueID: UUID
    @Field(key: "user_id") var userID: UUID
    @OptionalField(key: "read_at") var readAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// 领导批示 on an item: text, and optionally the leader's handwriting (strokes, JSON of ``BulletinStrokes``); turned by
/// the editor into a 督办事项 at most once.
final class BulletinInstruction: Model, @unchecked Sendable {
    static let schema = "bulletin_instructions"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "issue_id") var issueID: UUID
    @Field(key: "leader_id") var leaderID: UUID
    @Field(key: "text") var text: String
    @OptionalField(key: "strokes") var strokes: String?
    @OptionalField(key: "supervision_item_id") var supervisionItemID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// 信息专供: something the office put on a leader's reading list with a short note: an issue, an item, or a document
/// (发文 or 收文) the leader may see anyway.
final class ReadingListEntry: Model, @unchecked Sendable {
    static let schema = "reading_list_entries"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case issue, item, outgoing, incoming
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "leader_id") var leaderID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "target_id") var targetID: UUID
    @Field(key: "note") var note: String
    @Field(key: "added_by") var addedBy: UUID
    @OptionalField(key: "read_at") var readAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var kindValue: Kind { Kind(rawValue: kind) ?? .issue }
}

import Fluent
import Foundation

/// 件 (DA/T 22-2015): one filed document with everything that belongs to it — the stamped OFD, its attachments,
/// its 定稿 and version history, its processing form — classified by 年度, 机构/问题 and 保管期限, numbered
/// gap-free within that class (件号) and given its 档号. Read-only once filed; a correction by the records
/// officer is audited and counted in `version`.
final class ArchiveItem: Model, @unchecked Sendable {
    static let schema = "archive_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    /// `outgoing` or `incoming`.
    @Field(key: "source_type") var sourceType: String
    @Field(key: "source_id") var sourceID: UUID
    @Field(key: "fonds_code") var fondsCode: String
    @Field(key: "year") var year: Int
    @Field(key: "class_code") var classCode: String
    @Field(key: "class_name") var className: String
    /// `Y`, `D30` or `D10`.
    @Field(key: "retention") var retention: String
    @Field(key: "item_number") var itemNumber: Int
    /// 档号: `全宗号-WS·年度-保管期限-机构（问题）代码-件号`.
    @Field(key: "archive_code") var archiveCode: String
    /// 题名.
    @Field(key: "title") var title: String
    /// 文号.
    @OptionalField(key: "number") var number: String?
    /// 责任者 (the issuing body).
    @Field(key: "responsible") var responsible: String
    /// The document's date (成文日期, or the date received).
    @Field(key: "document_date") var documentDate: String
    /// `DocumentKind` raw value.
    @OptionalField(key: "kind") var kind: String?
    @OptionalField(key: "classification") var classification: String?
    @Field(key: "pages") var pages: Int
    @Field(key: "filed_by") var filedBy: UUID
    @Field(key: "filed_at") var filedAt: Date
    @Field(key: "version") var version: Int
    @OptionalField(key: "note") var note: String?

    init() {}

    var retentionValue: Retention { Retention(rawValue: retention) ?? .tenYears }
}

/// 保管期限 (DA/T 22-2015): 永久, 定期30年, 定期10年, with their codes in the 档号.
enum Retention: String, Codable, Sendable, CaseIterable {
    case permanent = "Y"
    case thirtyYears = "D30"
    case tenYears = "D10"

    var title: String {
        switch self {
        case .permanent: "永久"
        case .thirtyYears: "定期30年"
        case .tenYears: "定期10年"
        }
    }

    /// As the 归档章 prints it.
    var stampText: String {
        switch self {
        case .permanent: "永久"
        case .thirtyYears: "30年"
        case .tenYears: "10年"
        }
    }
}

/// One file of an archive item, with its SHA-256 (what the archive package's manifest lists).
final class ArchiveItemFile: Model, @unchecked Sendable {
    static let schema = "archive_item_files"

    enum Role: String, Codable, Sendable {
        /// The document as filed, stamped (OFD).
        case document
        /// Its attachments, or the scan of a paper document.
        case attachment
        /// 定稿: the text as signed, and every version after (发文).
        case history
        /// 发文稿纸 / 收文处理笺.
        case form
        /// The document as received (the sender's OFD).
        case original
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "role") var role: String
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "sort_order") var sortOrder: Int

    init() {}
}

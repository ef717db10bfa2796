import Fluent
import Foundation
import Gongwen

/// 收文: a document this unit received — signed for from 公文交换, or registered by hand from paper, fax or
/// mail — with its 收文编号 (gap-free per unit and year), the registration data and where its handling stands.
final class IncomingDocument: Model, @unchecked Sendable {
    static let schema = "incoming_documents"

    enum Source: String, Codable, Sendable, CaseIterable {
        /// 公文交换.
        case exchange
        case paper
        case fax
        case mail
        case other
    }

    /// 办件 (to be handled) or 阅件 (for information: circulated, then closed).
    enum Handling: String, Codable, Sendable, CaseIterable {
        case handle
        case read
    }

    enum Status: String, Codable, Sendable, CaseIterable {
        /// 登记 and 初审.
        case registering
        /// 拟办, 批办, 承办 or 传阅 under way.
        case handling
        /// 办结 (waiting to be filed).
        case closed
        /// Returned to the sender at 初审.
        case returned
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "serial") var serial: Int
    /// 收文编号 as shown: `收〔2026〕12号`.
    @Field(key: "registration_number") var registrationNumber: String
    @Field(key: "source") var source: String
    @OptionalField(key: "delivery_id") var deliveryID: UUID?
    @OptionalField(key: "package_id") var packageID: UUID?
    /// 来文单位.
    @Field(key: "sender_name") var senderName: String
    /// 来文字号.
    @OptionalField(key: "sender_number") var senderNumber: String?
    @Field(key: "title") var title: String
    /// `DocumentKind` raw value, when known.
    @OptionalField(key: "kind") var kind: String?
    @OptionalField(key: "classification") var classification: String?
    @OptionalField(key: "urgency") var urgency: String?
    /// 份数.
    @Field(key: "copies") var copies: Int
    @Field(key: "received_at") var receivedAt: Date
    /// 办理时限.
    @OptionalField(key: "due_at") var dueAt: Date?
    @Field(key: "handling") var handling: String
    @Field(key: "status") var status: String
    @OptionalField(key: "result") var result: String?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "instance_id") var instanceID: UUID?
    @Field(key: "registered_by") var registeredBy: UUID
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .registering }
    var urgencyValue: Urgency? { urgency.flatMap(Urgency.init(rawValue:)) }
    var classificationValue: Classification? { classification.flatMap(Classification.init(rawValue:)) }
    var kindValue: DocumentKind? { kind.flatMap(DocumentKind.init(rawValue:)) }
}

/// A file registered with an incoming document: the scan of a paper document, or any file added later.
final class IncomingFile: Model, @unchecked Sendable {
    static let schema = "incoming_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "incoming_id") var incomingID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

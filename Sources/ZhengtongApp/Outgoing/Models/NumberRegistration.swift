import Fluent
import Foundation

/// A line of the 发文登记簿: a number given out, to which document, by whom and when — or voided, with
/// the reason, leaving its gap visible. Never deleted.
final class NumberRegistration: Model, @unchecked Sendable {
    static let schema = "number_registrations"

    enum Status: String, Codable, Sendable {
        case assigned, voided
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "issuer_code") var issuerCode: String
    @Field(key: "year") var year: Int
    @Field(key: "sequence") var sequence: Int
    /// The number as printed, `X政办发〔2026〕12号`.
    @Field(key: "number") var number: String
    @OptionalField(key: "document_id") var documentID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "status") var status: String
    @Field(key: "assigned_by") var assignedBy: UUID
    @Field(key: "assigned_at") var assignedAt: Date
    @OptionalField(key: "voided_by") var voidedBy: UUID?
    @OptionalField(key: "voided_at") var voidedAt: Date?
    @OptionalField(key: "void_reason") var voidReason: String?

    init() {}
}

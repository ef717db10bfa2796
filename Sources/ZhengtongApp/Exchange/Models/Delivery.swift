import Fluent
import Foundation

/// One recipient unit's copy of a package (公文交换): 已送达 until its clerks 签收 or 退回 it. `version` guards
/// the change, so of two clerks acting at once one wins and the other is told who did what. A re-sent
/// delivery is a new row naming the one it replaces (`resendOf`); both stay in the receipt history.
final class Delivery: Model, @unchecked Sendable {
    static let schema = "exchange_deliveries"

    enum State: String, Codable, Sendable, CaseIterable {
        /// 已送达, waiting for 签收.
        case sent
        /// 已签收: registered as an incoming document.
        case accepted
        /// 已退回 (拒收, or returned after 初审), with a reason.
        case refused
    }

    enum Role: String, Codable, Sendable {
        /// 主送.
        case main
        /// 抄送.
        case copy
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "package_id") var packageID: UUID
    @Field(key: "sender_unit_id") var senderUnitID: UUID
    @Field(key: "recipient_unit_id") var recipientUnitID: UUID
    @Field(key: "role") var role: String
    @Field(key: "state") var state: String
    @Field(key: "version") var version: Int
    @Field(key: "sent_by") var sentBy: UUID
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "resend_of") var resendOf: UUID?
    @OptionalField(key: "accepted_by") var acceptedBy: UUID?
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "refused_by") var refusedBy: UUID?
    @OptionalField(key: "refused_at") var refusedAt: Date?
    @OptionalField(key: "refusal_reason") var refusalReason: String?
    /// Set once a re-send replaced this refused delivery.
    @OptionalField(key: "resent_at") var resentAt: Date?
    @OptionalField(key: "incoming_document_id") var incomingDocumentID: UUID?

    init() {}

    var stateValue: State { State(rawValue: state) ?? .sent }
}

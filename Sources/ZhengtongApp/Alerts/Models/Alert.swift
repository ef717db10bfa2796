import Fluent
import Foundation

/// 预警: a short warning (flood, fire, epidemic, safety) a 预警发布员 broadcasts to units and everyone in them; each
/// recipient confirms 已收到; the sender sends again to those who have not, and ends it when no more confirmations are
/// expected. The recipients are fixed when it is sent.
final class Alert: Model, @unchecked Sendable {
    static let schema = "alerts"

    enum Level: String, Codable, Sendable, CaseIterable {
        /// 一般预警.
        case general
        /// 重大预警.
        case major
    }

    enum Category: String, Codable, Sendable, CaseIterable {
        case weather, geological, forestFire, publicHealth, workSafety, other
    }

    enum State: String, Codable, Sendable, CaseIterable {
        /// Sent; confirmations expected.
        case open
        /// 已结束: no more confirmations expected; confirming and resending are refused.
        case closed
    }

    @ID(key: .id) var id: UUID?
    /// The sender's unit: holders of `alert.send` over it see the status too.
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "sender_id") var senderID: UUID
    @Field(key: "title") var title: String
    /// Plain text, short: it goes by SMS.
    @Field(key: "body") var body: String
    @Field(key: "level") var level: String
    @Field(key: "category") var category: String
    /// The recipients as chosen (JSON of `[AlertTarget]`), for the page to say whom it went to.
    @Field(key: "targets") var targets: String
    @Field(key: "state") var state: String
    /// How many times it was sent (1 at sending; each 再次发送 adds one).
    @Field(key: "round") var round: Int
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by") var closedBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var levelValue: Level { Level(rawValue: level) ?? .general }
    var categoryValue: Category { Category(rawValue: category) ?? .other }
    var stateValue: State { State(rawValue: state) ?? .open }
}

/// One person an alert reached: their unit then, when they confirmed, which round last reached them.
final class AlertRecipient: Model, @unchecked Sendable {
    static let schema = "alert_recipients"

    @ID(key: .id) var id: UUID?
    @Field(key: "alert_id") var alertID: UUID
    @Field(key: "user_id") var userID: UUID
    /// The person's unit when it was sent (confirmations are counted per unit).
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @Field(key: "last_round") var lastRound: Int
    @Field(key: "last_sent_at") var lastSentAt: Date
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A sending of an alert: the first (round 1) and each 再次发送, with whom it reached.
final class AlertRound: Model, @unchecked Sendable {
    static let schema = "alert_rounds"

    @ID(key: .id) var id: UUID?
    @Field(key: "alert_id") var alertID: UUID
    @Field(key: "round") var round: Int
    @Field(key: "sent_by") var sentBy: UUID
    @Field(key: "sent_at") var sentAt: Date
    @Field(key: "recipients") var recipients: Int

    init() {}
}

/// A chosen recipient: one unit's people, or (`withSubunits`) everyone in the unit and every unit under it.
struct AlertTarget: Codable, Sendable, Equatable {
    var unit: UUID
    var withSubunits: Bool

    static func encode(_ targets: [AlertTarget]) -> String {
        (try? String(decoding: JSONEncoder().encode(targets), as: UTF8.self)) ?? "[]"
    }

    static func decode(_ text: String) -> [AlertTarget] {
        (try? JSONDecoder().decode([AlertTarget].self, from: Data(text.utf8))) ?? []
    }
}

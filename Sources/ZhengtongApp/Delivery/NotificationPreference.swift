import Fluent
import Foundation

/// A person's choice for one kind of event on one channel, where it differs from the default
/// (``DeliveryRules/defaultChannels(for:)``). No row: the default.
final class NotificationPreference: Model, @unchecked Sendable {
    static let schema = "notification_preferences"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "channel") var channel: String
    @Field(key: "enabled") var enabled: Bool

    init() {}
}

/// A person's quiet hours (no SMS that can wait, between `quietFrom` and `quietUntil`, minutes after Beijing
/// midnight) and whether the daily 待办 digest reaches them. No row: 22:00–07:00 quiet, digest on.
final class DeliveryProfile: Model, @unchecked Sendable {
    static let schema = "delivery_profiles"

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "quiet_enabled") var quietEnabled: Bool
    @Field(key: "quiet_from") var quietFrom: Int
    @Field(key: "quiet_until") var quietUntil: Int
    @Field(key: "digest") var digest: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// A unit's delivery settings, kept by its organisation administrator: whether its network lets mail out to an
/// outside server, and when (minutes after Beijing midnight) its people get the daily digest of open 待办; nil: none.
final class UnitDeliverySettings: Model, @unchecked Sendable {
    static let schema = "unit_delivery_settings"

    @ID(custom: "unit_id", generatedBy: .user) var id: UUID?
    @Field(key: "email_allowed") var emailAllowed: Bool
    @OptionalField(key: "digest_minute") var digestMinute: Int?
    /// 内部邮件 limits of the unit's people, in MB; nil: the platform's (``MailSettings``).
    @OptionalField(key: "mail_quota_mb") var mailQuotaMB: Int?
    @OptionalField(key: "mail_attachment_mb") var mailAttachmentMB: Int?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

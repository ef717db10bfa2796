import Foundation

/// The pages and API routes of message delivery (see ``SiteURL``).
extension SiteURL {
    static let notificationPreferences = SiteURL("/me/notification-preferences")
    static let adminDeliverySettings = SiteURL("/admin/units/:unitID/delivery")
    static let adminMessageLog = SiteURL("/admin/units/:unitID/messages")
    static let adminMessageResend = SiteURL("/admin/units/:unitID/messages/:messageID/resend")

    static let apiSMSCallback = SiteURL("/api/v1/delivery/sms/callback")
    static let apiNotificationPreferences = SiteURL("/api/v1/me/notification-preferences")
    static let apiMessageLog = SiteURL("/api/v1/units/:unitID/messages")
    static let apiMessageStatistics = SiteURL("/api/v1/units/:unitID/messages/statistics")
    static let apiMessageResend = SiteURL("/api/v1/units/:unitID/messages/:messageID/resend")
    static let apiDeliverySettings = SiteURL("/api/v1/units/:unitID/delivery-settings")
}

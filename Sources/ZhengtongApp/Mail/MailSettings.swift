import Fluent
import Foundation
import Vapor

/// The limits of 内部邮件: the mailbox quota per person and the size of one attachment — the platform's (set at start-up;
/// tests lower them), which a unit may change for its people on its 消息发送设置 (``UnitDeliverySettings``).
struct MailSettings: Sendable {
    /// What one person may hold, counting their share of each message (1 GiB).
    var quotaBytes: Int = 1 << 30
    /// The largest attachment (the platform's upload limit).
    var attachmentBytes: Int = UploadedFiles.maximumSize
    /// Days a message stays in 已删除 before it is deleted for good.
    var trashDays: Int = 30
}

extension MailSettings {
    /// The limits for the people of `unit`: the platform's, with the unit's own where it set them.
    static func effective(for unit: UUID, app: Application) async throws -> MailSettings {
        var settings = app.mailSettings
        guard let own = try await UnitDeliverySettings.find(unit, on: app.db) else { return settings }
        if let quota = own.mailQuotaMB { settings.quotaBytes = quota << 20 }
        if let attachment = own.mailAttachmentMB { settings.attachmentBytes = min(attachment << 20, UploadedFiles.maximumSize) }
        return settings
    }
}

extension Application {
    private struct MailSettingsKey: StorageKey { typealias Value = MailSettings }

    var mailSettings: MailSettings {
        get { storage[MailSettingsKey.self] ?? MailSettings() }
        set { storage[MailSettingsKey.self] = newValue }
    }
}

import Foundation
import Vapor

/// The limits of 内部邮件, platform-wide: the mailbox quota per person and the size of one attachment. Set at
/// start-up (tests lower them); not yet a per-unit setting.
struct MailSettings: Sendable {
    /// What one person may hold, counting their share of each message (1 GiB).
    var quotaBytes: Int = 1 << 30
    /// The largest attachment (the platform's upload limit).
    var attachmentBytes: Int = UploadedFiles.maximumSize
    /// Days a message stays in 已删除 before it is deleted for good.
    var trashDays: Int = 30
}

extension Application {
    private struct MailSettingsKey: StorageKey { typealias Value = MailSettings }

    var mailSettings: MailSettings {
        get { storage[MailSettingsKey.self] ?? MailSettings() }
        set { storage[MailSettingsKey.self] = newValue }
    }
}

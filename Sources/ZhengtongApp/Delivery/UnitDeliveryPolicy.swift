import Fluent
import Foundation
import Vapor

/// A unit's 消息发送设置: whether its network lets mail out to an outside server, the time of its daily digest of
/// open 待办, and its people's 内部邮件 limits (quota and largest attachment, in MB; none: the platform's). Read and saved through these calls by the admin page and the API.
enum UnitDeliveryPolicy {
    struct Settings: Content, Sendable, Equatable {
        var emailAllowed: Bool
        /// `HH:MM` Beijing time, or empty/nil for no digest.
        var digestTime: String?
        /// 内部邮件 quota per person in MB (10–102,400); nil: the platform's.
        var mailQuotaMB: Int?
        /// The largest mail attachment in MB (1–20, the platform's upload limit); nil: the platform's.
        var mailAttachmentMB: Int?
    }

    static let quotaRange = 10...102_400
    static let attachmentRange = 1...(UploadedFiles.maximumSize >> 20)

    static func load(unit: UUID, on db: any Database) async throws -> Settings {
        let row = try await UnitDeliverySettings.find(unit, on: db)
        return Settings(emailAllowed: row?.emailAllowed ?? false, digestTime: row?.digestMinute.map(NotificationPreferences.clock),
                        mailQuotaMB: row?.mailQuotaMB, mailAttachmentMB: row?.mailAttachmentMB)
    }

    static func save(_ settings: Settings, unit: UUID, access: Access, actor: WorkflowService.Actor, app: Application, now: Date = Date()) async throws {
        guard let found = try await Unit.find(unit, on: app.db) else { throw AppError.notFound() }
        try access.requireDeliveryKeeper(of: unit)
        let text = settings.digestTime?.trimmingCharacters(in: .whitespaces) ?? ""
        var minute: Int?
        if !text.isEmpty {
            guard let parsed = NotificationPreferences.minute(of: text) else {
                throw AppError(status: .unprocessableEntity, code: "time_invalid", message: Strings.Error.formInvalid,
                               fields: ["digestTime": Strings.MessageDelivery.timeInvalid])
            }
            minute = parsed
        }
        var errors: [String: String] = [:]
        if let quota = settings.mailQuotaMB, !quotaRange.contains(quota) {
            errors["mailQuotaMB"] = Strings.MessageDelivery.outOfRange(quotaRange)
        }
        if let attachment = settings.mailAttachmentMB, !attachmentRange.contains(attachment) {
            errors["mailAttachmentMB"] = Strings.MessageDelivery.outOfRange(attachmentRange)
        }
        guard errors.isEmpty else {
            throw AppError(status: .unprocessableEntity, code: "limit_out_of_range", message: Strings.Error.formInvalid, fields: errors)
        }
        let digest = minute
        try await app.write { db in
            let row = try await UnitDeliverySettings.find(unit, on: db) ?? {
                let made = UnitDeliverySettings()
                made.id = unit
                return made
            }()
            let before = ["emailAllowed": row.$emailAllowed.value == true ? "1" : "0",
                          "digest": (row.$digestMinute.value ?? nil).map(NotificationPreferences.clock) ?? ""]
            row.emailAllowed = settings.emailAllowed
            row.digestMinute = digest
            row.mailQuotaMB = settings.mailQuotaMB
            row.mailAttachmentMB = settings.mailAttachmentMB
            row.updatedAt = now
            try await row.save(on: db)
            try await AuditLog.record(AuditEvent(action: "delivery.settings", targetType: "unit", targetID: unit.uuidString, targetLabel: found.name,
                                                 before: before,
                                                 after: ["emailAllowed": settings.emailAllowed ? "1" : "0", "digest": digest.map(NotificationPreferences.clock) ?? "",
                                                         "mailQuotaMB": settings.mailQuotaMB.map(String.init) ?? "",
                                                         "mailAttachmentMB": settings.mailAttachmentMB.map(String.init) ?? ""]),
                                      by: actor.audit, on: db)
        }
    }
}

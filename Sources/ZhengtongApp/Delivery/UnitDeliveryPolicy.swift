import Fluent
import Foundation
import Vapor

/// A unit's 消息发送设置: whether its network lets mail out to an outside server, and the time of its daily
/// digest of open 待办. Read and saved through these calls by the admin page and the API.
enum UnitDeliveryPolicy {
    struct Settings: Content, Sendable, Equatable {
        var emailAllowed: Bool
        /// `HH:MM` Beijing time, or empty/nil for no digest.
        var digestTime: String?
    }

    static func load(unit: UUID, on db: any Database) async throws -> Settings {
        let row = try await UnitDeliverySettings.find(unit, on: db)
        return Settings(emailAllowed: row?.emailAllowed ?? false, digestTime: row?.digestMinute.map(NotificationPreferences.clock))
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
            row.updatedAt = now
            try await row.save(on: db)
            try await AuditLog.record(AuditEvent(action: "delivery.settings", targetType: "unit", targetID: unit.uuidString, targetLabel: found.name,
                                                 before: before,
                                                 after: ["emailAllowed": settings.emailAllowed ? "1" : "0", "digest": digest.map(NotificationPreferences.clock) ?? ""]),
                                      by: actor.audit, on: db)
        }
    }
}

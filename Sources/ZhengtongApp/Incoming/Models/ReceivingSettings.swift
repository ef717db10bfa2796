import Fluent
import Foundation
import Gongwen

/// A unit's 收发文 settings, kept by its administrator: how long a delivery may wait for 签收 before its
/// sender sees it flagged, and the default 办理时限 of a received document by urgency, in working days.
final class ReceivingSettings: Model, @unchecked Sendable {
    static let schema = "receiving_settings"

    static let defaultAcceptanceHours = 24
    static let defaultDays: [Urgency?: Int] = [.extraUrgent: 1, .urgent: 3, nil: 7]

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "acceptance_hours") var acceptanceHours: Int
    @Field(key: "extra_urgent_days") var extraUrgentDays: Int
    @Field(key: "urgent_days") var urgentDays: Int
    @Field(key: "ordinary_days") var ordinaryDays: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// The unit's settings, or the defaults (特急 1, 加急 3, others 7 working days; 24 hours to sign).
    static func of(unit: UUID, on db: any Database) async throws -> ReceivingSettings {
        if let stored = try await ReceivingSettings.query(on: db).filter(\.$unitID == unit).first() { return stored }
        let settings = ReceivingSettings()
        settings.unitID = unit
        settings.acceptanceHours = defaultAcceptanceHours
        settings.extraUrgentDays = defaultDays[.extraUrgent]!
        settings.urgentDays = defaultDays[.urgent]!
        settings.ordinaryDays = defaultDays[nil]!
        settings.updatedAt = Date()
        return settings
    }

    /// Working days allowed for a document of `urgency`.
    func days(for urgency: Urgency?) -> Int {
        switch urgency {
        case .extraUrgent?: extraUrgentDays
        case .urgent?: urgentDays
        default: ordinaryDays
        }
    }
}

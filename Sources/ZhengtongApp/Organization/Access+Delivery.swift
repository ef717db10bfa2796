import Foundation

/// Who keeps a unit's message delivery: its delivery settings, its message log and statistics. The system
/// administrator over the unit (who keeps its people and their phone numbers) and whoever runs the platform. The
/// log names the kind of message, whom and how, never its text: the text may carry a document's title, which
/// administering accounts must not come with reading.
extension Access {
    func keepsDelivery(of unit: UUID) -> Bool {
        covers(.organizationManage, unit: unit) || covers(.systemOperate, unit: unit)
    }

    func requireDeliveryKeeper(of unit: UUID) throws {
        guard keepsDelivery(of: unit) else { throw AppError.forbidden() }
    }
}

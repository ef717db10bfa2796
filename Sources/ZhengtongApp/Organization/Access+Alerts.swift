import Fluent
import Foundation

/// Who sends, follows and reads 预警; part of the one scoping place (``Access``).
///
/// - A **预警发布员** (`alert.send`) sends to the units their grant covers (a unit, or everyone under it) and nothing
///   beyond.
/// - The **status** of an alert (who confirmed, who did not, 再次发送, 结束) is for its sender and the holders of
///   `alert.send` over the sender's unit (a colleague on the next shift carries on).
/// - A **recipient** sees the alert itself and their own confirmation.
/// - Anyone else gets 404, as if it did not exist.
extension Access {
    /// Whether the person may send alerts at all.
    var sendsAlerts: Bool { has(.alertSend) }

    /// The units the person may send to (empty: none).
    var alertUnits: UnitScope { scope(of: .alertSend) }

    /// Whether `unit` (and, being a subtree, everything under it) is within the person's reach.
    func mayAlert(_ unit: UUID) -> Bool { covers(.alertSend, unit: unit) }

    /// Following an alert once sent: its sender, and the holders of `alert.send` over the sender's unit.
    func follows(_ alert: Alert) -> Bool {
        alert.senderID == userID || covers(.alertSend, unit: alert.unitID)
    }

    /// The person's own recipient row of `alert` (nil: not a recipient).
    func receipt(of alertID: UUID, on db: any Database) async throws -> AlertRecipient? {
        try await AlertRecipient.query(on: db).filter(\.$alertID == alertID).filter(\.$userID == userID).first()
    }

    /// Seeing an alert: those who follow it and its recipients.
    func canView(_ alert: Alert, on db: any Database) async throws -> Bool {
        if follows(alert) { return true }
        return try await receipt(of: try alert.requireID(), on: db) != nil
    }

    /// The sent box: the person's own alerts and those sent from the units their `alert.send` covers.
    func sentAlerts(on db: any Database) -> QueryBuilder<Alert> {
        let me = userID
        switch alertUnits {
        case .all: return Alert.query(on: db)
        case .units(let units) where units.isEmpty: return Alert.query(on: db).filter(\.$senderID == me)
        case .units(let units):
            return Alert.query(on: db).group(.or) { either in
                either.filter(\.$senderID == me)
                either.filter(\.$unitID ~~ Array(units))
            }
        }
    }
}

/// The one way to an alert by its id: 404 unless the person may see it.
enum AlertLookup {
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> Alert {
        guard let alert = try await Alert.find(id, on: db), try await access.canView(alert, on: db) else { throw AppError.notFound() }
        return alert
    }
}

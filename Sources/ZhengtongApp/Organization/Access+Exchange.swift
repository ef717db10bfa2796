import Fluent
import Foundation

/// Who handles 公文交换 and 收文 for which units; part of the one scoping place (``Access``).
extension Access {
    /// The units whose deliveries and incoming documents this person handles as a clerk (收发员): their own
    /// unit, and for a clerk of a 政府办公室 the 人民政府 it serves — documents addressed to a government are
    /// signed for and registered by its office. Empty for anyone without `document.register`.
    var exchangeUnits: Set<UUID> {
        has(.documentRegister) ? servedUnits : []
    }

    /// Seeing a delivery: the clerks of its recipient and of its sender.
    func canSee(_ delivery: Delivery, on db: any Database) async throws -> Bool {
        let units = exchangeUnits
        return units.contains(delivery.recipientUnitID) || units.contains(delivery.senderUnitID)
    }
}

/// Units and their clerks as exchange sees them.
enum ExchangeUnits {
    /// `unit` itself, and the government an office-kind unit serves.
    static func served(by unit: UUID, on db: any Database) async throws -> Set<UUID> {
        guard let record = try await Unit.find(unit, on: db) else { return [] }
        var units: Set<UUID> = [unit]
        if record.kind == .office, let parent = record.$parent.id,
           let government = try await Unit.find(parent, on: db), government.kind == .government {
            units.insert(parent)
        }
        return units
    }

    /// The active clerks who sign for `unit`'s deliveries: its own, and for a government those of its offices.
    static func clerks(of unit: UUID, on db: any Database) async throws -> [UUID] {
        var units = [unit]
        if let record = try await Unit.find(unit, on: db), record.kind == .government {
            units += try await Unit.query(on: db).filter(\.$parent.$id == unit).filter(\.$kind == .office).all().compactMap(\.id)
        }
        return try await PermissionHolders.people(with: .documentRegister, in: units, on: db)
    }
}

import Fluent
import Foundation

/// Who sees and does what in 值班; part of the one scoping place (``Access``).
///
/// - A **值班管理员** (`duty.manage` over the unit) keeps the unit's shift kinds, makes, generates, edits and publishes its
///   rotas (drafts are theirs alone), approves 换班 and reads every shift's 值班日志.
/// - A **published** rota is seen by the unit's people and by everyone on it (a 带班领导 may belong to the government the
///   office serves).
/// - A shift's **值班日志** is read by the people on the rota, the unit's leaders, the 值班管理员 and a leader an entry of
///   it was passed to; it is written by the people holding the shift, from shortly before it starts until 交接班.
/// - Anyone else gets 404, as if it did not exist.
extension Access {
    /// How long before a shift starts its people may already record in its log (they come in early).
    static let dutyLogLead: TimeInterval = 2 * 3600

    func managesDuty(of unit: UUID) -> Bool {
        covers(.dutyManage, unit: unit)
    }

    /// Whether the person holds (now) any shift of `rota`.
    func isOnRota(_ rotaID: UUID, on db: any Database) async throws -> Bool {
        try await DutyAssignment.query(on: db).filter(\.$userID == userID).filter(\.$removedAt == nil)
            .join(DutyShift.self, on: \DutyAssignment.$shiftID == \DutyShift.$id).filter(DutyShift.self, \.$rotaID == rotaID).first() != nil
    }

    func canView(_ rota: DutyRota, on db: any Database) async throws -> Bool {
        if managesDuty(of: rota.unitID) { return true }
        guard rota.stateValue == .published else { return false }
        if rota.unitID == unitID { return true }
        return try await isOnRota(try rota.requireID(), on: db)
    }

    /// The rotas a list shows, the one rule of pages and API: every rota of the units the person manages duty for, and
    /// the published ones of their own unit or that they are on.
    func dutyRotas(on db: any Database) async throws -> QueryBuilder<DutyRota> {
        let managed: [UUID]? = switch scope(of: .dutyManage) {
        case .all: nil
        case .units(let set): Array(set)
        }
        let mine = try await DutyAssignment.query(on: db).filter(\.$userID == userID).filter(\.$removedAt == nil)
            .join(DutyShift.self, on: \DutyAssignment.$shiftID == \DutyShift.$id).all()
            .compactMap { try? $0.joined(DutyShift.self).rotaID }
        let onRotas = Array(Set(mine))
        let me = unitID
        if managed == nil { return DutyRota.query(on: db) }
        return DutyRota.query(on: db).group(.or) { group in
            if let managed, !managed.isEmpty { group.filter(\.$unitID ~~ managed) }
            group.group(.and) { published in
                published.filter(\.$state == DutyRota.State.published.rawValue)
                published.group(.or) { whose in
                    whose.filter(\.$unitID == me)
                    if !onRotas.isEmpty { whose.filter(\.$id ~~ onRotas) }
                }
            }
        }
    }

    /// The people holding `shift` now.
    func holds(_ shift: DutyShift, on db: any Database) async throws -> DutyAssignment? {
        try await DutyAssignment.query(on: db).filter(\.$shiftID == shift.requireID()).filter(\.$userID == userID).filter(\.$removedAt == nil).first()
    }

    func canViewLog(of shift: DutyShift, rota: DutyRota, on db: any Database) async throws -> Bool {
        if managesDuty(of: shift.unitID) { return true }
        guard rota.stateValue == .published else { return false }
        if leadsUnit && unitID == shift.unitID { return true }
        if try await isOnRota(try rota.requireID(), on: db) { return true }
        return try await DutyLogEntry.query(on: db).filter(\.$shiftID == shift.requireID()).filter(\.$forwardedTo == userID).first() != nil
    }

    /// Recording in the shift's log: its people, from ``dutyLogLead`` before it starts until it is handed over.
    func canWriteLog(of shift: DutyShift, rota: DutyRota, now: Date, on db: any Database) async throws -> Bool {
        guard rota.stateValue == .published, shift.handedOverAt == nil, now >= shift.startsAt.addingTimeInterval(-Self.dutyLogLead) else { return false }
        return try await holds(shift, on: db) != nil
    }
}

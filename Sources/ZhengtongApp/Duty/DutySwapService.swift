import Fluent
import Foundation
import SQLKit
import Vapor

/// 换班: asked by a person on duty, agreed by the other person, approved by a 值班管理员; the rota changes only at approval.
/// Each step moves the request from one state to the next with a conditional update, so two people deciding the same
/// request at once get one success and one 409.
enum DutySwapService {
    typealias Actor = WorkflowService.Actor

    struct Input: Sendable {
        var shiftID: UUID?
        var targetID: UUID?
        /// The other person's shift taken in return; nil: the other person takes the shift over (代班).
        var targetShiftID: UUID?
        var reason: String?
    }

    static func request(_ input: Input, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutySwap {
        let s = Strings.Duty.self
        guard let shiftID = input.shiftID else { throw AppError.validation(Strings.Error.formInvalid, fields: ["shift": s.shiftRequired]) }
        let (shift, rota) = try await DutyLookup.shift(shiftID, access: access, on: app.db)
        guard rota.stateValue == .published, let mine = try await access.holds(shift, on: app.db) else { throw AppError.forbidden(s.notOnShift) }
        var errors: [String: String] = [:]
        if shift.startsAt <= now { errors["shift"] = s.shiftStarted }
        let reason = FieldRules.trimmed(input.reason)
        if reason.isEmpty || reason.count > 200 { errors["reason"] = s.reasonRequired }
        var target: User?
        if let id = input.targetID, id != access.userID, let user = try await User.find(id, on: app.db), !user.isDisabled,
           try await DutyRotaService.dutyUnits(of: shift.unitID, on: app.db).contains(user.$unit.id) {
            target = user
        } else {
            errors["target"] = s.targetInvalid
        }
        let holders = try await DutyAssignment.query(on: app.db).filter(\.$shiftID == shiftID).filter(\.$removedAt == nil).all()
        if let target, holders.contains(where: { $0.userID == target.id }) { errors["target"] = s.targetAlreadyOn }
        if let other = input.targetShiftID {
            let theirs = try await DutyShift.find(other, on: app.db)
            var theirRota: DutyRota?
            if let theirs { theirRota = try await DutyRota.find(theirs.rotaID, on: app.db) }
            let theirHolders = try await DutyAssignment.query(on: app.db).filter(\.$shiftID == other).filter(\.$removedAt == nil).all()
            if theirs == nil || theirs?.unitID != shift.unitID || theirRota?.stateValue != .published || other == shiftID {
                errors["targetShift"] = s.targetShiftInvalid
            } else if let theirs, theirs.startsAt <= now {
                errors["targetShift"] = s.shiftStarted
            } else if !theirHolders.contains(where: { $0.userID == target?.id && $0.role == mine.role }) {
                errors["targetShift"] = s.targetNotOnShift
            } else if theirHolders.contains(where: { $0.userID == access.userID }) {
                errors["targetShift"] = s.targetAlreadyOn
            }
        }
        guard errors.isEmpty, let target, let targetID = target.id else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let me = access.userID
        do {
            return try await app.write { db in
                let pendingKey = "\(shiftID):\(me)"
                if try await DutySwap.query(on: db).filter(\.$pendingKey == pendingKey).first() != nil { throw AppError.conflict(s.swapPending) }
                let swap = DutySwap()
                swap.id = UUID()
                swap.rotaID = try rota.requireID()
                swap.shiftID = shiftID
                swap.role = mine.role
                swap.requesterID = me
                swap.targetID = targetID
                swap.targetShiftID = input.targetShiftID
                swap.reason = reason
                swap.state = DutySwap.State.requested.rawValue
                swap.pendingKey = pendingKey
                swap.version = 1
                swap.createdAt = now
                try await swap.create(on: db)
                try await Notifier.send(NotificationDraft(kind: .duty, title: s.swapAskedTitle(shift.day), body: reason, link: SiteURL.duty.path,
                                                          key: "duty-swap-asked:\(try swap.requireID())"), to: [targetID], at: now, on: db)
                try await AuditLog.record(AuditEvent(action: "duty.swap.request", targetType: "duty_swap", targetID: swap.id?.uuidString, targetLabel: shift.day,
                                                     after: ["target": target.name, "targetShift": input.targetShiftID?.uuidString ?? "", "reason": reason]),
                                          by: actor.audit, on: db)
                return swap
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(s.swapPending)
        }
    }

    /// The swaps a person may see: asked by or of them, and those of the rotas they manage.
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> DutySwap {
        guard let swap = try await DutySwap.find(id, on: db) else { throw AppError.notFound() }
        if swap.requesterID == access.userID || swap.targetID == access.userID { return swap }
        if let rota = try await DutyRota.find(swap.rotaID, on: db), access.managesDuty(of: rota.unitID) { return swap }
        throw AppError.notFound()
    }

    static func list(access: Access, on db: any Database) async throws -> [DutySwap] {
        let managed = try await access.dutyRotas(on: db).all().filter { access.managesDuty(of: $0.unitID) }.compactMap(\.id)
        let me = access.userID
        return try await DutySwap.query(on: db).group(.or) { group in
            group.filter(\.$requesterID == me)
            group.filter(\.$targetID == me)
            if !managed.isEmpty { group.filter(\.$rotaID ~~ managed) }
        }.sort(\.$createdAt, .descending).limit(200).all()
    }

    /// Moves `id` from `from` to `to` if it is still in `from`: nil when someone else moved it first.
    private static func transition(_ id: UUID, from: DutySwap.State, to: DutySwap.State, on db: any Database) async throws -> DutySwap? {
        let sql = try db.sqlDatabase()
        let moved = try await sql.raw("""
            UPDATE duty_swaps SET state = \(bind: to.rawValue), version = version + 1 WHERE id = \(bind: id) AND state = \(bind: from.rawValue) RETURNING id
            """).all()
        guard !moved.isEmpty else { return nil }
        return try await DutySwap.find(id, on: db)
    }

    /// 同意/不同意: the person asked answers.
    static func answer(_ id: UUID, agree: Bool, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutySwap {
        let s = Strings.Duty.self
        let swap = try await visible(id, access: access, on: app.db)
        guard swap.targetID == access.userID else { throw AppError.forbidden(s.notSwapTarget) }
        return try await app.write { db in
            guard let moved = try await transition(id, from: .requested, to: agree ? .accepted : .declined, on: db) else { throw AppError.conflict(s.swapDecided) }
            if agree { moved.acceptedAt = now } else { moved.pendingKey = nil; moved.decidedAt = now; moved.decidedBy = access.userID }
            try await moved.update(on: db)
            let rota = try await DutyRota.find(moved.rotaID, on: db)
            let managers = try await PermissionHolders.people(with: .dutyManage, in: rota.map { [$0.unitID] } ?? [], on: db)
            try await Notifier.send(NotificationDraft(kind: .duty, title: agree ? s.swapAgreedTitle : s.swapDeclinedTitle, body: moved.reason,
                                                      link: SiteURL.duty.path, key: "duty-swap-answer:\(id)"),
                                    to: agree ? managers + [moved.requesterID] : [moved.requesterID], at: now, on: db)
            try await AuditLog.record(AuditEvent(action: agree ? "duty.swap.accept" : "duty.swap.decline", targetType: "duty_swap", targetID: id.uuidString,
                                                 targetLabel: "", after: [:]), by: actor.audit, on: db)
            return moved
        }
    }

    /// 审批: a 值班管理员 approves (the rota changes) or rejects an agreed swap.
    static func decide(_ id: UUID, approve: Bool, reason: String?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutySwap {
        let s = Strings.Duty.self
        let swap = try await visible(id, access: access, on: app.db)
        guard let rota = try await DutyRota.find(swap.rotaID, on: app.db), access.managesDuty(of: rota.unitID) else { throw AppError.forbidden(s.notManager) }
        let reason = FieldRules.trimmed(reason)
        if reason.count > 200 { throw AppError.validation(Strings.Error.formInvalid, fields: ["reason": s.reasonTooLong]) }
        return try await app.write { db in
            guard let moved = try await transition(id, from: .accepted, to: approve ? .approved : .rejected, on: db) else {
                throw AppError.conflict(swap.stateValue == .requested ? s.swapNotAgreed : s.swapDecided)
            }
            moved.pendingKey = nil
            moved.decidedAt = now
            moved.decidedBy = access.userID
            moved.decisionReason = reason.isEmpty ? nil : reason
            try await moved.update(on: db)
            if approve { try await apply(moved, now: now, on: db) }
            try await Notifier.send(NotificationDraft(kind: .duty, title: approve ? s.swapApprovedTitle : s.swapRejectedTitle, body: moved.decisionReason,
                                                      link: SiteURL.dutyShift.link(moved.shiftID), key: "duty-swap-decided:\(id)"),
                                    to: [moved.requesterID, moved.targetID], at: now, on: db)
            try await AuditLog.record(AuditEvent(action: approve ? "duty.swap.approve" : "duty.swap.reject", targetType: "duty_swap", targetID: id.uuidString,
                                                 targetLabel: "", after: ["reason": reason]), by: actor.audit, on: db)
            return moved
        }
    }

    /// The rota change of an approved swap: the requester off their shift and the other person on it (and the other way
    /// round on the other shift). A holder who changed meanwhile refuses it (409, nothing written).
    private static func apply(_ swap: DutySwap, now: Date, on db: any Database) async throws {
        let s = Strings.Duty.self
        func holder(_ user: UUID, _ shift: UUID) async throws -> DutyAssignment? {
            try await DutyAssignment.query(on: db).filter(\.$shiftID == shift).filter(\.$userID == user).filter(\.$removedAt == nil)
                .filter(\.$role == swap.role).first()
        }
        guard let mine = try await holder(swap.requesterID, swap.shiftID) else { throw AppError.conflict(s.swapStale) }
        var moves = [(mine, swap.targetID, swap.shiftID)]
        if let other = swap.targetShiftID {
            guard let theirs = try await holder(swap.targetID, other) else { throw AppError.conflict(s.swapStale) }
            moves.append((theirs, swap.requesterID, other))
        }
        for (old, user, shiftID) in moves {
            old.removedAt = now
            old.updatedAt = now
            try await old.update(on: db)
            try await DutyRotaService.assign(user, swap.roleValue, to: shiftID, now: now, on: db)
            if let shift = try await DutyShift.find(shiftID, on: db) {
                shift.version += 1
                shift.updatedAt = now
                try await shift.update(on: db)
            }
        }
    }
}

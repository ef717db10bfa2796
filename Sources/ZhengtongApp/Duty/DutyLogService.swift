import Fluent
import Foundation
import Gongwen
import Vapor

/// 值班日志 and 交接班: the person on duty records calls and events, closes them or passes them on (to a leader, into a
/// 督办事项 or a 收文 registration), hands the shift over with a note — what is still open goes on to the next shift —
/// and the 带班领导 signs the shift off.
enum DutyLogService {
    typealias Actor = WorkflowService.Actor

    struct Input: Sendable {
        var kind: String?
        var occurredAt: Date?
        var caller: String?
        var callerUnit: String?
        var phone: String?
        var content: String?
        var handling: String?
        /// Recorded as already dealt with (nothing to hand on).
        var closed: Bool = false
    }

    private static func optional(_ value: String?, max: Int) -> String? {
        let text = FieldRules.trimmed(value)
        return text.isEmpty ? nil : String(text.prefix(max))
    }

    /// 记录: a new entry in the shift's log by one of its people.
    static func add(_ shiftID: UUID, _ input: Input, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutyLogEntry {
        let s = Strings.Duty.self
        let (shift, rota) = try await DutyLookup.log(shiftID, access: access, on: app.db)
        guard try await access.canWriteLog(of: shift, rota: rota, now: now, on: app.db) else {
            throw AppError.forbidden(shift.handedOverAt != nil ? s.alreadyHandedOver : s.notOnDutyNow)
        }
        var errors: [String: String] = [:]
        let kind = DutyLogEntry.Kind(rawValue: input.kind ?? "")
        if kind == nil { errors["kind"] = s.entryKindRequired }
        let content = (input.content ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if content.isEmpty || content.count > 2000 { errors["content"] = s.contentRequired }
        let caller = optional(input.caller, max: 50), callerUnit = optional(input.callerUnit, max: 100), phone = optional(input.phone, max: 30)
        if kind == .call && caller == nil && callerUnit == nil && phone == nil { errors["caller"] = s.callerRequired }
        let occurredAt = input.occurredAt ?? now
        if occurredAt > now.addingTimeInterval(300) { errors["occurredAt"] = s.occurredInFuture }
        guard errors.isEmpty, let kind else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let handling = optional(input.handling, max: 2000)
        return try await app.write { db in
            guard let current = try await DutyShift.find(shiftID, on: db), current.handedOverAt == nil else { throw AppError.conflict(s.alreadyHandedOver) }
            let entry = DutyLogEntry()
            entry.id = UUID()
            entry.shiftID = shiftID
            entry.originShiftID = shiftID
            entry.unitID = current.unitID
            entry.kind = kind.rawValue
            entry.occurredAt = occurredAt
            entry.caller = caller
            entry.callerUnit = callerUnit
            entry.phone = phone
            entry.content = content
            entry.handling = handling
            entry.state = (input.closed ? DutyLogEntry.State.closed : .open).rawValue
            entry.authorID = access.userID
            entry.createdAt = now
            entry.updatedAt = now
            try await entry.create(on: db)
            try await AuditLog.record(AuditEvent(action: "duty.log.add", targetType: "duty_log_entry", targetID: entry.id?.uuidString,
                                                 targetLabel: String(content.prefix(40)), after: ["kind": kind.rawValue, "shift": current.day]),
                                      by: actor.audit, on: db)
            return entry
        }
    }

    /// Acting on an entry: the people of the shift it is on now (until 交接班) and the 值班管理员.
    private static func actionable(_ entryID: UUID, access: Access, now: Date, on db: any Database) async throws -> (DutyLogEntry, DutyShift) {
        let (entry, shift, rota) = try await DutyLookup.entry(entryID, access: access, on: db)
        guard try await access.canWriteLog(of: shift, rota: rota, now: now, on: db) || access.managesDuty(of: shift.unitID) else {
            throw AppError.forbidden(Strings.Duty.notOnDutyNow)
        }
        return (entry, shift)
    }

    /// 办结: the entry is dealt with, with what was done.
    static func close(_ entryID: UUID, handling: String?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutyLogEntry {
        let s = Strings.Duty.self
        _ = try await actionable(entryID, access: access, now: now, on: app.db)
        let text = optional(handling, max: 2000)
        return try await app.write { db in
            guard let entry = try await DutyLogEntry.find(entryID, on: db) else { throw AppError.notFound() }
            guard entry.stateValue == .open else { throw AppError.conflict(s.entryClosed) }
            entry.state = DutyLogEntry.State.closed.rawValue
            if let text { entry.handling = text }
            entry.updatedAt = now
            try await entry.update(on: db)
            try await AuditLog.record(AuditEvent(action: "duty.log.close", targetType: "duty_log_entry", targetID: entryID.uuidString,
                                                 targetLabel: String(entry.content.prefix(40)), after: ["handling": entry.handling ?? ""]), by: actor.audit, on: db)
            return entry
        }
    }

    /// 呈领导: the entry is passed to a leader, who is notified and may then read the shift's log.
    static func forward(_ entryID: UUID, leaderID: UUID?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutyLogEntry {
        let s = Strings.Duty.self
        _ = try await actionable(entryID, access: access, now: now, on: app.db)
        guard let leaderID, let leader = try await User.find(leaderID, on: app.db), !leader.isDisabled,
              try await UserPosition.query(on: app.db).filter(\.$user.$id == leaderID).filter(\.$department.$id == nil).first() != nil else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["leader": s.leaderInvalid])
        }
        return try await app.write { db in
            guard let entry = try await DutyLogEntry.find(entryID, on: db) else { throw AppError.notFound() }
            guard entry.forwardedTo != leaderID else { throw AppError.conflict(s.alreadyForwarded) }
            entry.forwardedTo = leaderID
            entry.updatedAt = now
            try await entry.update(on: db)
            try await Notifier.send(NotificationDraft(kind: .duty, title: s.forwardedTitle(String(entry.content.prefix(30))), body: entry.content,
                                                      link: SiteURL.dutyShift.link(entry.shiftID), key: "duty-forward:\(entryID):\(leaderID)"),
                                    to: [leaderID], at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "duty.log.forward", targetType: "duty_log_entry", targetID: entryID.uuidString,
                                                 targetLabel: String(entry.content.prefix(40)), after: ["leader": leader.name]), by: actor.audit, on: db)
            return entry
        }
    }

    /// What a 督查员 types to turn an entry into a 督办事项.
    struct SuperviseInput: Sendable {
        var title: String?
        var leadUnitIDs: [UUID]
        var deadline: String?
    }

    /// 转督办: a 督查员 opens a 督办事项 from the entry (its content as 办理要求, one report by the deadline), in the same
    /// transaction that links it.
    static func supervise(_ entryID: UUID, _ input: SuperviseInput, access: Access, actor: Actor, app: Application,
                          now: Date = Date()) async throws -> (DutyLogEntry, SupervisionItem) {
        let s = Strings.Duty.self
        let (entry, shift, _) = try await DutyLookup.entry(entryID, access: access, on: app.db)
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        guard entry.supervisionItemID == nil else { throw AppError.conflict(s.alreadySupervised) }
        let title = FieldRules.trimmed(input.title).isEmpty ? String(entry.content.prefix(60)) : input.title
        let supervision = SupervisionService.Input(title: title, source: .manual, sourceText: s.supervisionSource(shift.day), category: SupervisionItem.Category.keyWork.rawValue,
                                                   leadUnitIDs: input.leadUnitIDs, requirements: entry.content, deadline: input.deadline,
                                                   cycle: SupervisionItem.Cycle.once.rawValue)
        let checked = try await SupervisionService.check(supervision, access: access, policy: app.documentPolicy, now: now, on: app.db)
        let calendar = try await WorkingDays.calendar(on: app.db)
        return try await app.write { db in
            guard let current = try await DutyLogEntry.find(entryID, on: db) else { throw AppError.notFound() }
            guard current.supervisionItemID == nil else { throw AppError.conflict(s.alreadySupervised) }
            let item = try await SupervisionService.create(checked, parentID: nil, owner: access.unitID, departments: [:], access: access, actor: actor,
                                                           days: SupervisionDays(now: now, calendar: calendar), now: now, on: db)
            current.supervisionItemID = item.id
            current.updatedAt = now
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "duty.log.supervise", targetType: "duty_log_entry", targetID: entryID.uuidString,
                                                 targetLabel: String(current.content.prefix(40)), after: ["item": item.id?.uuidString ?? ""]), by: actor.audit, on: db)
            return (current, item)
        }
    }

    /// 转收文: a 收发员 registers the entry (a notice phoned or faxed in) as a 收文 of their unit, which starts its process.
    static func register(_ entryID: UUID, title: String?, access: Access, actor: Actor, app: Application,
                         now: Date = Date()) async throws -> (DutyLogEntry, IncomingDocument) {
        let s = Strings.Duty.self
        let (entry, _, _) = try await DutyLookup.entry(entryID, access: access, on: app.db)
        guard access.has(.documentRegister) else { throw AppError.forbidden(Strings.Incoming.forbidden) }
        guard entry.incomingID == nil else { throw AppError.conflict(s.alreadyRegistered) }
        let input = IncomingRegistrationInput(senderName: entry.callerUnit ?? entry.caller ?? s.dutyPhone,
                                              title: FieldRules.trimmed(title).isEmpty ? String(entry.content.prefix(100)) : title,
                                              copies: "1", handling: IncomingDocument.Handling.handle.rawValue, source: IncomingDocument.Source.other.rawValue)
        let (particulars, errors) = input.validate(policy: app.documentPolicy)
        guard let particulars else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        guard let clerk = try await User.find(access.userID, on: app.db) else { throw AppError.unauthorized() }
        let workflow = app.workflow
        return try await app.write { db in
            guard let current = try await DutyLogEntry.find(entryID, on: db) else { throw AppError.notFound() }
            guard current.incomingID == nil else { throw AppError.conflict(s.alreadyRegistered) }
            let document = try await IncomingRegistration.register(particulars, by: clerk, actor: actor, workflow: workflow, at: now, on: db)
            current.incomingID = document.id
            current.updatedAt = now
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "duty.log.register", targetType: "duty_log_entry", targetID: entryID.uuidString,
                                                 targetLabel: String(current.content.prefix(40)), after: ["incoming": document.registrationNumber]),
                                      by: actor.audit, on: db)
            return (current, document)
        }
    }

    /// 交接班: one of the shift's people hands over with a note; the open entries go on to the unit's next shift, whose
    /// people are told. Returns how many were carried.
    @discardableResult
    static func handOver(_ shiftID: UUID, note: String?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> (DutyShift, Int) {
        let s = Strings.Duty.self
        let (shift, rota) = try await DutyLookup.log(shiftID, access: access, on: app.db)
        guard rota.stateValue == .published, try await access.holds(shift, on: app.db) != nil else { throw AppError.forbidden(s.notOnShift) }
        guard now >= shift.startsAt.addingTimeInterval(-Access.dutyLogLead) else { throw AppError.forbidden(s.notOnDutyNow) }
        let text = (note ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 2000 { throw AppError.validation(Strings.Error.formInvalid, fields: ["note": s.handoverNoteRequired]) }
        return try await app.write { db in
            guard let current = try await DutyShift.find(shiftID, on: db) else { throw AppError.notFound() }
            guard current.handedOverAt == nil else { throw AppError.conflict(s.alreadyHandedOver) }
            current.handoverNote = text
            current.handedOverBy = access.userID
            current.handedOverAt = now
            current.version += 1
            current.updatedAt = now
            try await current.update(on: db)
            let next = try await nextShift(after: current, on: db)
            var carried = 0
            if let next, let nextID = next.id {
                let open = try await DutyLogEntry.query(on: db).filter(\.$shiftID == shiftID).filter(\.$state == DutyLogEntry.State.open.rawValue).all()
                for entry in open {
                    entry.shiftID = nextID
                    entry.updatedAt = now
                    try await entry.update(on: db)
                }
                carried = open.count
                let people = try await DutyAssignment.query(on: db).filter(\.$shiftID == nextID).filter(\.$removedAt == nil).all().map(\.userID)
                try await Notifier.send(NotificationDraft(kind: .duty, title: s.handedOverTitle(carried), body: text, link: SiteURL.dutyShift.link(nextID),
                                                          key: "duty-handover:\(shiftID)"), to: people, at: now, on: db)
            }
            try await AuditLog.record(AuditEvent(action: "duty.shift.handover", targetType: "duty_shift", targetID: shiftID.uuidString, targetLabel: current.day,
                                                 after: ["carried": String(carried), "next": next?.id?.uuidString ?? ""]), by: actor.audit, on: db)
            return (current, carried)
        }
    }

    /// The unit's next shift on a published rota: the one starting soonest after this one.
    static func nextShift(after shift: DutyShift, on db: any Database) async throws -> DutyShift? {
        let candidates = try await DutyShift.query(on: db).filter(\.$unitID == shift.unitID).filter(\.$startsAt > shift.startsAt)
            .join(DutyRota.self, on: \DutyShift.$rotaID == \DutyRota.$id).filter(DutyRota.self, \.$state == DutyRota.State.published.rawValue)
            .sort(\.$startsAt).limit(1).all()
        return candidates.first
    }

    /// The unit's shift on a published rota just before this one (whose 交接班 note the people taking over read).
    static func previousShift(before shift: DutyShift, on db: any Database) async throws -> DutyShift? {
        try await DutyShift.query(on: db).filter(\.$unitID == shift.unitID).filter(\.$startsAt < shift.startsAt)
            .join(DutyRota.self, on: \DutyShift.$rotaID == \DutyRota.$id).filter(DutyRota.self, \.$state == DutyRota.State.published.rawValue)
            .sort(\.$startsAt, .descending).limit(1).all().first
    }

    /// 签认: the shift's 带班领导 signs it off once it is handed over.
    @discardableResult
    static func signOff(_ shiftID: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutyShift {
        let s = Strings.Duty.self
        let (shift, _) = try await DutyLookup.log(shiftID, access: access, on: app.db)
        guard try await access.holds(shift, on: app.db)?.roleValue == .leader else { throw AppError.forbidden(s.notShiftLeader) }
        return try await app.write { db in
            guard let current = try await DutyShift.find(shiftID, on: db) else { throw AppError.notFound() }
            guard current.handedOverAt != nil else { throw AppError.conflict(s.notHandedOver) }
            guard current.signedOffAt == nil else { throw AppError.conflict(s.alreadySignedOff) }
            current.signedOffBy = access.userID
            current.signedOffAt = now
            current.version += 1
            current.updatedAt = now
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "duty.shift.signoff", targetType: "duty_shift", targetID: shiftID.uuidString, targetLabel: current.day,
                                                 after: [:]), by: actor.audit, on: db)
            return current
        }
    }
}

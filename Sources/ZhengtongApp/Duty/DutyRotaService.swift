import Fluent
import Foundation
import Gongwen
import Vapor

/// 排班's business actions, each one call the pages, the API and the demo use alike, in one transaction with its audit
/// record: 班次 kinds, a rota made, generated from people in turn, edited shift by shift, published.
enum DutyRotaService {
    typealias Actor = WorkflowService.Actor

    struct KindInput: Sendable {
        var name: String?
        var starts: String?
        var ends: String?
        var staffCount: Int?
        var needsLeader: Bool = false
    }

    /// A new 班次 of the person's unit.
    static func addKind(_ input: KindInput, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutyShiftKind {
        guard access.managesDuty(of: access.unitID) else { throw AppError.forbidden(Strings.Duty.notManager) }
        let s = Strings.Duty.self
        var errors: [String: String] = [:]
        let name = FieldRules.trimmed(input.name)
        if name.isEmpty || name.count > 20 { errors["name"] = s.kindNameRequired }
        let starts = FieldRules.trimmed(input.starts), ends = FieldRules.trimmed(input.ends)
        if DutyDays.clock(starts) == nil { errors["starts"] = s.timeInvalid }
        if DutyDays.clock(ends) == nil || ends == starts { errors["ends"] = s.timeInvalid }
        let staff = input.staffCount ?? 1
        if !(1...10).contains(staff) { errors["staffCount"] = s.staffCountInvalid }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let unit = access.unitID
        return try await app.write { db in
            let kind = DutyShiftKind()
            kind.id = UUID()
            kind.unitID = unit
            kind.name = name
            kind.starts = starts
            kind.ends = ends
            kind.staffCount = staff
            kind.needsLeader = input.needsLeader
            kind.sortOrder = try await DutyShiftKind.query(on: db).filter(\.$unitID == unit).count()
            kind.createdAt = now
            try await kind.create(on: db)
            try await AuditLog.record(AuditEvent(action: "duty.kind.create", targetType: "duty_shift_kind", targetID: kind.id?.uuidString, targetLabel: name,
                                                 after: ["starts": starts, "ends": ends, "staff": String(staff)]), by: actor.audit, on: db)
            return kind
        }
    }

    struct RotaInput: Sendable {
        var title: String?
        var startDay: String?
        var endDay: String?
    }

    /// A draft rota of the person's unit for a period of up to two months.
    static func create(_ input: RotaInput, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutyRota {
        guard access.managesDuty(of: access.unitID) else { throw AppError.forbidden(Strings.Duty.notManager) }
        let s = Strings.Duty.self
        var errors: [String: String] = [:]
        let title = FieldRules.trimmed(input.title)
        if title.isEmpty || title.count > 100 { errors["title"] = s.rotaTitleRequired }
        let start = FieldRules.trimmed(input.startDay), end = FieldRules.trimmed(input.endDay)
        if DocumentDate(iso: start) == nil { errors["startDay"] = s.dayInvalid }
        if DocumentDate(iso: end) == nil { errors["endDay"] = s.dayInvalid }
        if errors["startDay"] == nil, errors["endDay"] == nil {
            let count = DutyDays.days(from: start, to: end).count
            if count == 0 { errors["endDay"] = s.periodReversed } else if count > 62 { errors["endDay"] = s.periodTooLong }
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let unit = access.unitID, me = access.userID
        return try await app.write { db in
            let rota = DutyRota()
            rota.id = UUID()
            rota.unitID = unit
            rota.title = title
            rota.startDay = start
            rota.endDay = end
            rota.state = DutyRota.State.draft.rawValue
            rota.people = ""
            rota.leaders = ""
            rota.createdBy = me
            rota.version = 1
            rota.createdAt = now
            rota.updatedAt = now
            try await rota.create(on: db)
            try await AuditLog.record(AuditEvent(action: "duty.rota.create", targetType: "duty_rota", targetID: rota.id?.uuidString, targetLabel: title,
                                                 after: ["from": start, "to": end]), by: actor.audit, on: db)
            return rota
        }
    }

    struct LeaveInput: Sendable {
        var userID: UUID
        var fromDay: String
        var toDay: String
        var reason: String?
    }

    struct GenerateInput: Sendable {
        var people: [UUID]
        var leaders: [UUID]
        var leaves: [LeaveInput]
        var version: Int?
    }

    /// The people a rota of `unit` may take: the units the manager's grant reaches and the government an office serves
    /// (its leaders lead the office's duty too).
    static func eligible(_ ids: [UUID], unit: UUID, access: Access, on db: any Database) async throws -> [UUID: User] {
        guard !ids.isEmpty else { return [:] }
        let parent = try await Unit.find(unit, on: db)?.$parent.id
        let users = try await User.query(on: db).filter(\.$id ~~ ids).filter(\.$isDisabled == false).all()
        return Dictionary(uniqueKeysWithValues: users.filter { access.managesDuty(of: $0.$unit.id) || $0.$unit.id == parent }.compactMap { user in
            user.id.map { ($0, user) }
        })
    }

    /// The units whose people may stand duty for `unit`: itself and the government it belongs to.
    static func dutyUnits(of unit: UUID, on db: any Database) async throws -> Set<UUID> {
        Set([unit] + [try await Unit.find(unit, on: db)?.$parent.id].compactMap { $0 })
    }

    /// 生成: replaces a draft's shifts with the people and leaders in turn, passing over those on leave.
    @discardableResult
    static func generate(_ rotaID: UUID, _ input: GenerateInput, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutyRota {
        let rota = try await DutyLookup.rota(rotaID, access: access, on: app.db)
        guard access.managesDuty(of: rota.unitID) else { throw AppError.forbidden(Strings.Duty.notManager) }
        let s = Strings.Duty.self
        var errors: [String: String] = [:]
        let people = input.people.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        let leaders = input.leaders.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        let found = try await eligible(people + leaders, unit: rota.unitID, access: access, on: app.db)
        if people.isEmpty { errors["people"] = s.peopleRequired } else if people.contains(where: { found[$0] == nil }) { errors["people"] = s.personOutside }
        if leaders.contains(where: { found[$0] == nil }) { errors["leaders"] = s.personOutside }
        var typedLeaves: [DutyGeneration.Leave] = []
        for leave in input.leaves {
            guard found[leave.userID] != nil, DocumentDate(iso: leave.fromDay) != nil, DocumentDate(iso: leave.toDay) != nil, leave.fromDay <= leave.toDay else {
                errors["leaves"] = s.leaveInvalid
                continue
            }
            typedLeaves.append(.init(userID: leave.userID, fromDay: leave.fromDay, toDay: leave.toDay))
        }
        let leaves = typedLeaves
        let kinds = try await DutyShiftKind.query(on: app.db).filter(\.$unitID == rota.unitID).sort(\.$sortOrder).all()
        if kinds.isEmpty { errors["kinds"] = s.kindsRequired }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let calendar = try await WorkingDays.calendar(on: app.db)
        let shifts = DutyGeneration.generate(
            days: DutyDays.days(from: rota.startDay, to: rota.endDay),
            kinds: try kinds.map { .init(id: try $0.requireID(), starts: $0.starts, ends: $0.ends, staffCount: $0.staffCount, needsLeader: $0.needsLeader) },
            people: people, leaders: leaders, leaves: leaves, isWorkingDay: { DutyDays.isWorkingDay($0, in: calendar) })
        let reasons = input.leaves.map(\.reason)
        return try await app.write { db in
            guard let current = try await DutyRota.find(rotaID, on: db) else { throw AppError.notFound() }
            guard current.stateValue == .draft else { throw AppError.conflict(s.alreadyPublished) }
            if let version = input.version, version != current.version { throw AppError.conflict(s.editedMeanwhile) }
            let old = try await DutyShift.query(on: db).filter(\.$rotaID == rotaID).all().compactMap(\.id)
            if !old.isEmpty {
                try await DutyAssignment.query(on: db).filter(\.$shiftID ~~ old).delete()
                try await DutyShift.query(on: db).filter(\.$rotaID == rotaID).delete()
            }
            try await DutyLeave.query(on: db).filter(\.$rotaID == rotaID).delete()
            for (index, leave) in leaves.enumerated() {
                let record = DutyLeave()
                record.rotaID = rotaID
                record.userID = leave.userID
                record.fromDay = leave.fromDay
                record.toDay = leave.toDay
                record.reason = reasons.indices.contains(index) ? reasons[index].map(FieldRules.trimmed).flatMap { $0.isEmpty ? nil : String($0.prefix(100)) } : nil
                record.createdAt = now
                try await record.create(on: db)
            }
            for planned in shifts {
                let shift = DutyShift()
                shift.id = UUID()
                shift.rotaID = rotaID
                shift.unitID = current.unitID
                shift.kindID = planned.kindID
                shift.day = planned.day
                shift.offDay = planned.offDay
                shift.startsAt = planned.startsAt
                shift.endsAt = planned.endsAt
                shift.version = 1
                shift.updatedAt = now
                try await shift.create(on: db)
                let holders = (planned.leaderID.map { [($0, DutyAssignment.Role.leader)] } ?? []) + planned.staffIDs.map { ($0, DutyAssignment.Role.staff) }
                for (user, role) in holders { try await assign(user, role, to: try shift.requireID(), now: now, on: db) }
            }
            current.people = people.map(\.uuidString).joined(separator: ",")
            current.leaders = leaders.map(\.uuidString).joined(separator: ",")
            current.version += 1
            current.updatedAt = now
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "duty.rota.generate", targetType: "duty_rota", targetID: rotaID.uuidString, targetLabel: current.title,
                                                 after: ["shifts": String(shifts.count), "people": String(people.count), "leaders": String(leaders.count),
                                                         "leaves": String(leaves.count)]), by: actor.audit, on: db)
            return current
        }
    }

    static func assign(_ user: UUID, _ role: DutyAssignment.Role, to shift: UUID, now: Date, on db: any Database) async throws {
        let assignment = DutyAssignment()
        assignment.shiftID = shift
        assignment.userID = user
        assignment.role = role.rawValue
        assignment.updatedAt = now
        try await assignment.create(on: db)
    }

    /// The shifts of `shifts` a rota cannot go out with: nobody on duty, or no 带班领导 where one is needed.
    static func gaps(_ shifts: [DutyShift], on db: any Database) async throws -> [DutyShift] {
        let ids = shifts.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let holders = try await DutyAssignment.query(on: db).filter(\.$shiftID ~~ ids).filter(\.$removedAt == nil).all()
        let kinds = Dictionary(uniqueKeysWithValues: try await DutyShiftKind.query(on: db).filter(\.$id ~~ Set(shifts.map(\.kindID))).all().compactMap { kind in
            kind.id.map { ($0, kind) } })
        return shifts.filter { shift in
            let mine = holders.filter { $0.shiftID == shift.id }
            let needsLeader = shift.offDay || kinds[shift.kindID]?.needsLeader == true
            return !mine.contains { $0.roleValue == .staff } || (needsLeader && !mine.contains { $0.roleValue == .leader })
        }
    }

    /// 发布: the rota goes out to the unit and everyone on it is told; refused (422 `duty_rota_incomplete`) while a shift
    /// has nobody on duty or lacks a needed 带班领导.
    @discardableResult
    static func publish(_ rotaID: UUID, version: Int?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> DutyRota {
        let rota = try await DutyLookup.rota(rotaID, access: access, on: app.db)
        guard access.managesDuty(of: rota.unitID) else { throw AppError.forbidden(Strings.Duty.notManager) }
        let s = Strings.Duty.self
        return try await app.write { db in
            guard let current = try await DutyRota.find(rotaID, on: db) else { throw AppError.notFound() }
            guard current.stateValue == .draft else { throw AppError.conflict(s.alreadyPublished) }
            if let version, version != current.version { throw AppError.conflict(s.editedMeanwhile) }
            let shifts = try await DutyShift.query(on: db).filter(\.$rotaID == rotaID).sort(\.$startsAt).all()
            guard !shifts.isEmpty else { throw AppError(status: .unprocessableEntity, code: "duty_rota_empty", message: s.rotaEmpty) }
            let gaps = try await gaps(shifts, on: db)
            if let first = gaps.first {
                throw AppError(status: .unprocessableEntity, code: "duty_rota_incomplete", message: s.rotaIncomplete(first.day, count: gaps.count),
                               fields: ["shifts": s.rotaIncomplete(first.day, count: gaps.count)])
            }
            current.state = DutyRota.State.published.rawValue
            current.publishedAt = now
            current.version += 1
            current.updatedAt = now
            try await current.update(on: db)
            let people = try await DutyAssignment.query(on: db).filter(\.$shiftID ~~ shifts.compactMap(\.id)).all().map(\.userID)
            try await Notifier.send(NotificationDraft(kind: .duty, title: s.publishedTitle(current.title), body: s.publishedBody,
                                                      link: SiteURL.dutyRota.link(rotaID), key: "duty-published:\(rotaID)"), to: people, at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "duty.rota.publish", targetType: "duty_rota", targetID: rotaID.uuidString, targetLabel: current.title,
                                                 after: ["shifts": String(shifts.count)]), by: actor.audit, on: db)
            return current
        }
    }

    /// 调整: a 值班管理员 sets who holds a shift by hand. Those taken off keep their row as removed (their 日程 shows the
    /// shift cancelled); on a published rota the shift must still be complete and the people changed are told.
    @discardableResult
    static func editShift(_ shiftID: UUID, leaderID: UUID?, staffIDs: [UUID], version: Int?, access: Access, actor: Actor, app: Application,
                          now: Date = Date()) async throws -> DutyShift {
        let (shift, rota) = try await DutyLookup.shift(shiftID, access: access, on: app.db)
        guard access.managesDuty(of: shift.unitID) else { throw AppError.forbidden(Strings.Duty.notManager) }
        let s = Strings.Duty.self
        let staff = staffIDs.reduce(into: [UUID]()) { if !$0.contains($1) && $1 != leaderID { $0.append($1) } }
        let found = try await eligible(staff + (leaderID.map { [$0] } ?? []), unit: shift.unitID, access: access, on: app.db)
        var errors: [String: String] = [:]
        if staff.contains(where: { found[$0] == nil }) { errors["staff"] = s.personOutside }
        if let leaderID, found[leaderID] == nil { errors["leader"] = s.personOutside }
        let kind = try await DutyShiftKind.find(shift.kindID, on: app.db)
        if rota.stateValue == .published {
            if staff.isEmpty { errors["staff"] = s.staffRequired }
            if leaderID == nil && (shift.offDay || kind?.needsLeader == true) { errors["leader"] = s.leaderRequired }
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let published = rota.stateValue == .published
        return try await app.write { db in
            guard let current = try await DutyShift.find(shiftID, on: db) else { throw AppError.notFound() }
            if let version, version != current.version { throw AppError.conflict(s.editedMeanwhile) }
            guard current.handedOverAt == nil else { throw AppError.conflict(s.alreadyHandedOver) }
            let wanted: [(UUID, DutyAssignment.Role)] = (leaderID.map { [($0, .leader)] } ?? []) + staff.map { ($0, .staff) }
            let holders = try await DutyAssignment.query(on: db).filter(\.$shiftID == shiftID).filter(\.$removedAt == nil).all()
            var changed: [UUID] = []
            for holder in holders where !wanted.contains(where: { $0.0 == holder.userID && $0.1 == holder.roleValue }) {
                holder.removedAt = now
                holder.updatedAt = now
                try await holder.update(on: db)
                changed.append(holder.userID)
            }
            for (user, role) in wanted where !holders.contains(where: { $0.userID == user && $0.roleValue == role }) {
                try await assign(user, role, to: shiftID, now: now, on: db)
                changed.append(user)
            }
            current.version += 1
            current.updatedAt = now
            try await current.update(on: db)
            if published, !changed.isEmpty {
                try await Notifier.send(NotificationDraft(kind: .duty, title: s.shiftChangedTitle(current.day), body: nil, link: SiteURL.dutyShift.link(shiftID),
                                                          key: "duty-shift-edit:\(shiftID):\(current.version)"), to: changed, at: now, on: db)
            }
            try await AuditLog.record(AuditEvent(action: "duty.shift.edit", targetType: "duty_shift", targetID: shiftID.uuidString, targetLabel: current.day,
                                                 after: ["leader": leaderID?.uuidString ?? "", "staff": staff.map(\.uuidString).joined(separator: ",")]),
                                      by: actor.audit, on: db)
            return current
        }
    }
}

/// Finding 值班 records for a person: the one place they are looked up by id (404 for what they may not see).
enum DutyLookup {
    static func rota(_ id: UUID, access: Access, on db: any Database) async throws -> DutyRota {
        guard let rota = try await DutyRota.find(id, on: db), try await access.canView(rota, on: db) else { throw AppError.notFound() }
        return rota
    }

    /// A shift of a rota the person may see.
    static func shift(_ id: UUID, access: Access, on db: any Database) async throws -> (DutyShift, DutyRota) {
        guard let shift = try await DutyShift.find(id, on: db), let rota = try await DutyRota.find(shift.rotaID, on: db) else { throw AppError.notFound() }
        if try await access.canView(rota, on: db) { return (shift, rota) }
        if try await access.canViewLog(of: shift, rota: rota, on: db) { return (shift, rota) }
        throw AppError.notFound()
    }

    /// A shift whose 值班日志 the person may read.
    static func log(_ id: UUID, access: Access, on db: any Database) async throws -> (DutyShift, DutyRota) {
        let (shift, rota) = try await shift(id, access: access, on: db)
        guard try await access.canViewLog(of: shift, rota: rota, on: db) else { throw AppError.notFound() }
        return (shift, rota)
    }

    static func entry(_ id: UUID, access: Access, on db: any Database) async throws -> (DutyLogEntry, DutyShift, DutyRota) {
        guard let entry = try await DutyLogEntry.find(id, on: db) else { throw AppError.notFound() }
        let (shift, rota) = try await log(entry.shiftID, access: access, on: db)
        return (entry, shift, rota)
    }
}

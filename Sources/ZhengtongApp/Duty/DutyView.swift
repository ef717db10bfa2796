import Fluent
import Foundation
import Vapor

/// What the API and the pages show of 值班 (never the models).
struct DutyPersonView: Content, Sendable, Equatable {
    var id: UUID
    var name: String
    var phone: String?
}

struct DutyShiftKindView: Content, Sendable {
    var id: UUID
    var name: String
    var starts: String
    var ends: String
    var staffCount: Int
    var needsLeader: Bool

    init(_ kind: DutyShiftKind) throws {
        id = try kind.requireID()
        name = kind.name
        starts = kind.starts
        ends = kind.ends
        staffCount = kind.staffCount
        needsLeader = kind.needsLeader
    }
}

struct DutyShiftView: Content, Sendable {
    var id: UUID
    var rotaId: UUID
    var day: String
    /// 1 = Monday … 7 = Sunday.
    var weekday: Int
    var weekdayLabel: String
    var kindId: UUID
    var kindName: String
    /// `08:30–17:30`, `17:30–次日08:30`.
    var hours: String
    /// A holiday or weekend.
    var offDay: Bool
    var startsAt: Date
    var endsAt: Date
    var leader: DutyPersonView?
    var staff: [DutyPersonView]
    /// Nobody on duty, or no 带班领导 where one is needed: publishing is refused until it is filled.
    var incomplete: Bool
    var handedOver: Bool
    var signedOff: Bool
    var version: Int
}

struct DutyLeaveView: Content, Sendable {
    var person: DutyPersonView
    var fromDay: String
    var toDay: String
    var reason: String?
}

struct DutyRotaView: Content, Sendable {
    var id: UUID
    var unitId: UUID
    var unitName: String
    var title: String
    var startDay: String
    var endDay: String
    var state: String
    var stateLabel: String
    var version: Int
    var publishedAt: Date?
    /// The caller is its 值班管理员 (generates, edits, publishes, approves swaps).
    var canManage: Bool
    var people: [DutyPersonView]?
    var leaders: [DutyPersonView]?
    var leaves: [DutyLeaveView]?
    /// The table, in the single rota's answer only.
    var shifts: [DutyShiftView]?
}

struct DutySwapView: Content, Sendable {
    var id: UUID
    var rotaId: UUID
    var shiftId: UUID
    var shiftLabel: String
    var targetShiftId: UUID?
    var targetShiftLabel: String?
    var role: String
    var requester: DutyPersonView
    var target: DutyPersonView
    var reason: String
    var state: String
    var stateLabel: String
    var decisionReason: String?
    var createdAt: Date
    var decidedAt: Date?
    /// What the caller may do now: answer (the person asked) or decide (a 值班管理员, once agreed).
    var canAnswer: Bool
    var canDecide: Bool
}

struct DutyLogEntryView: Content, Sendable {
    var id: UUID
    var shiftId: UUID
    var originShiftId: UUID
    /// Written on an earlier shift and handed on to this one.
    var carried: Bool
    /// Written on this shift and handed on to a later one at 交接班 (still listed here: the 带班领导 signs off what the shift had).
    var handedOn: Bool
    var kind: String
    var kindLabel: String
    var occurredAt: Date
    var occurredText: String
    var caller: String?
    var callerUnit: String?
    var phone: String?
    var content: String
    var handling: String?
    var state: String
    var author: DutyPersonView
    var forwardedTo: DutyPersonView?
    var supervisionItemId: UUID?
    var incomingId: UUID?
}

struct DutyShiftLogView: Content, Sendable {
    var shift: DutyShiftView
    var rotaTitle: String
    var handoverNote: String?
    var handedOverBy: DutyPersonView?
    var handedOverAt: Date?
    var signedOffBy: DutyPersonView?
    var signedOffAt: Date?
    /// What the shift before handed over, so the people taking over read it here.
    var previousHandoverNote: String?
    var previousHandedOverBy: DutyPersonView?
    /// Whether the shift has begun (before, its state reads 未开始 rather than 值班中).
    var started: Bool
    var entries: [DutyLogEntryView]
    var canWrite: Bool
    var canHandOver: Bool
    var canSignOff: Bool
}

/// Builds the views, loading the people and kinds they name in one query each.
struct DutyViews {
    var people: [UUID: DutyPersonView] = [:]
    var kinds: [UUID: DutyShiftKind] = [:]

    static func load(people ids: some Sequence<UUID>, kinds kindIDs: some Sequence<UUID> = [], on db: any Database) async throws -> DutyViews {
        var views = DutyViews()
        let wanted = Array(Set(ids))
        if !wanted.isEmpty {
            for user in try await User.query(on: db).filter(\.$id ~~ wanted).all() {
                guard let id = user.id else { continue }
                views.people[id] = DutyPersonView(id: id, name: user.name, phone: user.phone.flatMap { $0.isEmpty ? nil : $0 })
            }
        }
        let kinds = Array(Set(kindIDs))
        if !kinds.isEmpty {
            for kind in try await DutyShiftKind.query(on: db).filter(\.$id ~~ kinds).all() { if let id = kind.id { views.kinds[id] = kind } }
        }
        return views
    }

    func person(_ id: UUID) -> DutyPersonView { people[id] ?? DutyPersonView(id: id, name: Strings.Duty.unknownPerson) }

    static func hours(_ shift: DutyShift) -> String {
        let sameDay = DutyDays.day(of: shift.endsAt) == shift.day
        return DutyDays.clockText(shift.startsAt) + "–" + (sameDay ? "" : Strings.Duty.nextDay) + DutyDays.clockText(shift.endsAt)
    }

    func shift(_ shift: DutyShift, holders: [DutyAssignment]) throws -> DutyShiftView {
        let mine = holders.filter { $0.shiftID == shift.id && $0.removedAt == nil }
        let leader = mine.first { $0.roleValue == .leader }.map { person($0.userID) }
        let staff = mine.filter { $0.roleValue == .staff }.map { person($0.userID) }
        let kind = kinds[shift.kindID]
        let weekday = DutyDays.weekday(shift.day)
        return DutyShiftView(id: try shift.requireID(), rotaId: shift.rotaID, day: shift.day, weekday: weekday, weekdayLabel: Strings.Duty.weekday(weekday),
                             kindId: shift.kindID, kindName: kind?.name ?? "", hours: Self.hours(shift), offDay: shift.offDay, startsAt: shift.startsAt,
                             endsAt: shift.endsAt, leader: leader, staff: staff,
                             incomplete: staff.isEmpty || (leader == nil && (shift.offDay || kind?.needsLeader == true)),
                             handedOver: shift.handedOverAt != nil, signedOff: shift.signedOffAt != nil, version: shift.version)
    }

    /// Shifts as the table shows them (in start order).
    static func shifts(_ shifts: [DutyShift], on db: any Database) async throws -> [DutyShiftView] {
        let ids = shifts.compactMap(\.id)
        let holders = ids.isEmpty ? [] : try await DutyAssignment.query(on: db).filter(\.$shiftID ~~ ids).filter(\.$removedAt == nil).all()
        let views = try await load(people: holders.map(\.userID), kinds: shifts.map(\.kindID), on: db)
        return try shifts.sorted { ($0.startsAt, $0.id?.uuidString ?? "") < ($1.startsAt, $1.id?.uuidString ?? "") }.map { try views.shift($0, holders: holders) }
    }

    static func rota(_ rota: DutyRota, access: Access, full: Bool, on db: any Database) async throws -> DutyRotaView {
        let id = try rota.requireID()
        let tree = access.tree
        var view = DutyRotaView(id: id, unitId: rota.unitID, unitName: tree.nameOf[rota.unitID] ?? "", title: rota.title, startDay: rota.startDay,
                                endDay: rota.endDay, state: rota.state, stateLabel: Strings.Duty.stateLabel(rota.stateValue), version: rota.version,
                                publishedAt: rota.publishedAt, canManage: access.managesDuty(of: rota.unitID))
        guard full else { return view }
        let leaves = try await DutyLeave.query(on: db).filter(\.$rotaID == id).sort(\.$fromDay).all()
        let people = try await load(people: rota.peopleIDs + rota.leaderIDs + leaves.map(\.userID), on: db)
        view.people = rota.peopleIDs.map(people.person)
        view.leaders = rota.leaderIDs.map(people.person)
        view.leaves = leaves.map { DutyLeaveView(person: people.person($0.userID), fromDay: $0.fromDay, toDay: $0.toDay, reason: $0.reason) }
        view.shifts = try await shifts(try await DutyShift.query(on: db).filter(\.$rotaID == id).all(), on: db)
        return view
    }

    static func swaps(_ swaps: [DutySwap], access: Access, on db: any Database) async throws -> [DutySwapView] {
        let shiftIDs = Set(swaps.map(\.shiftID) + swaps.compactMap(\.targetShiftID))
        let shifts = shiftIDs.isEmpty ? [] : try await DutyShift.query(on: db).filter(\.$id ~~ Array(shiftIDs)).all()
        let views = try await load(people: swaps.flatMap { [$0.requesterID, $0.targetID] }, kinds: shifts.map(\.kindID), on: db)
        let rotas = Dictionary(uniqueKeysWithValues: try await DutyRota.query(on: db).filter(\.$id ~~ Array(Set(swaps.map(\.rotaID)))).all().compactMap { rota in
            rota.id.map { ($0, rota) } })
        func label(_ id: UUID?) -> String? {
            guard let id, let shift = shifts.first(where: { $0.id == id }) else { return nil }
            return Strings.Duty.shiftLabel(day: shift.day, weekday: DutyDays.weekday(shift.day), kind: views.kinds[shift.kindID]?.name ?? "")
        }
        return try swaps.map { swap in
            let manages = rotas[swap.rotaID].map { access.managesDuty(of: $0.unitID) } ?? false
            return DutySwapView(id: try swap.requireID(), rotaId: swap.rotaID, shiftId: swap.shiftID, shiftLabel: label(swap.shiftID) ?? "",
                                targetShiftId: swap.targetShiftID, targetShiftLabel: label(swap.targetShiftID), role: swap.role,
                                requester: views.person(swap.requesterID), target: views.person(swap.targetID), reason: swap.reason, state: swap.state,
                                stateLabel: Strings.Duty.swapStateLabel(swap.stateValue), decisionReason: swap.decisionReason, createdAt: swap.createdAt,
                                decidedAt: swap.decidedAt, canAnswer: swap.stateValue == .requested && swap.targetID == access.userID,
                                canDecide: swap.stateValue == .accepted && manages)
        }
    }

    static func log(_ shift: DutyShift, rota: DutyRota, access: Access, now: Date = Date(), on db: any Database) async throws -> DutyShiftLogView {
        let id = try shift.requireID()
        // What the shift has now and what it wrote and handed on.
        let entries = try await DutyLogEntry.query(on: db).group(.or) { either in
            either.filter(\.$shiftID == id)
            either.filter(\.$originShiftID == id)
        }.sort(\.$occurredAt).sort(\.$createdAt).all()
        let holders = try await DutyAssignment.query(on: db).filter(\.$shiftID == id).filter(\.$removedAt == nil).all()
        let people = entries.flatMap { [$0.authorID] + ($0.forwardedTo.map { [$0] } ?? []) } + holders.map(\.userID)
            + [shift.handedOverBy, shift.signedOffBy].compactMap { $0 }
        let previous = try await DutyLogService.previousShift(before: shift, on: db)
        let views = try await load(people: people + [previous?.handedOverBy].compactMap { $0 }, kinds: [shift.kindID], on: db)
        let mine = holders.first { $0.userID == access.userID }
        let entryViews = try entries.map { entry in
            DutyLogEntryView(id: try entry.requireID(), shiftId: entry.shiftID, originShiftId: entry.originShiftID, carried: entry.originShiftID != entry.shiftID && entry.shiftID == id,
                             handedOn: entry.shiftID != id,
                             kind: entry.kind, kindLabel: Strings.Duty.entryKindLabel(entry.kindValue), occurredAt: entry.occurredAt,
                             occurredText: DisplayFormat.minute(entry.occurredAt), caller: entry.caller, callerUnit: entry.callerUnit, phone: entry.phone,
                             content: entry.content, handling: entry.handling, state: entry.state, author: views.person(entry.authorID),
                             forwardedTo: entry.forwardedTo.map(views.person), supervisionItemId: entry.supervisionItemID, incomingId: entry.incomingID)
        }
        let canWrite = try await access.canWriteLog(of: shift, rota: rota, now: now, on: db)
        return DutyShiftLogView(shift: try views.shift(shift, holders: holders), rotaTitle: rota.title, handoverNote: shift.handoverNote,
                                handedOverBy: shift.handedOverBy.map(views.person), handedOverAt: shift.handedOverAt,
                                signedOffBy: shift.signedOffBy.map(views.person), signedOffAt: shift.signedOffAt,
                                previousHandoverNote: previous?.handoverNote, previousHandedOverBy: previous?.handedOverBy.map(views.person),
                                started: now >= shift.startsAt, entries: entryViews, canWrite: canWrite,
                                canHandOver: canWrite,
                                canSignOff: mine?.roleValue == .leader && shift.handedOverAt != nil && shift.signedOffAt == nil)
    }
}

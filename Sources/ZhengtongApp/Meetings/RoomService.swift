import Fluent
import Foundation
import SQLKit
import Vapor

/// 会议室 and 预订: a unit's 会务 keeps its rooms; anyone of the unit books one; a room with an approver holds the time
/// while the approver decides. Two bookings of a room never share a quarter-hour: ``hold(_:on:)`` writes the booking's
/// ``RoomBookingSlot`` rows, whose unique key the database enforces, and a clash is answered 409.
enum RoomService {
    typealias Actor = WorkflowService.Actor

    struct RoomInput: Sendable {
        var name: String?
        var location: String?
        var capacity: Int?
        var equipment: String?
        var rows: Int?
        var seatsPerRow: Int?
        var rostrumSeats: Int?
        var approverID: UUID?
        var disabled = false
    }

    private static func check(_ input: RoomInput, unit: UUID, on db: any Database) async throws -> RoomInput {
        let s = Strings.Meetings.self
        var errors: [String: String] = [:]
        var checked = input
        checked.name = FieldRules.trimmed(input.name)
        if checked.name!.isEmpty || checked.name!.count > 60 { errors["name"] = s.roomNameRequired }
        checked.location = FieldRules.trimmed(input.location)
        if checked.location!.count > 120 { errors["location"] = s.roomLocationTooLong }
        checked.equipment = (input.equipment ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if checked.equipment!.count > 1000 { errors["equipment"] = s.roomEquipmentTooLong }
        if !(1...2000).contains(input.capacity ?? 0) { errors["capacity"] = s.roomCapacityInvalid }
        if !(1...60).contains(input.rows ?? 0) { errors["rows"] = s.roomLayoutInvalid }
        if !(1...60).contains(input.seatsPerRow ?? 0) { errors["seatsPerRow"] = s.roomLayoutInvalid }
        if !(0...40).contains(input.rostrumSeats ?? -1) { errors["rostrumSeats"] = s.roomLayoutInvalid }
        if let approver = input.approverID {
            let user = try await User.find(approver, on: db)
            if user == nil || user?.isDisabled == true || user?.$unit.id != unit { errors["approver"] = s.roomApproverInvalid }
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return checked
    }

    /// 新增会议室 for the person's unit.
    static func createRoom(_ input: RoomInput, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> MeetingRoom {
        guard access.organizesMeetings(for: access.unitID) else { throw AppError.forbidden(Strings.Meetings.notOrganizer) }
        let checked = try await check(input, unit: access.unitID, on: app.db)
        return try await app.write { db in
            if try await MeetingRoom.query(on: db).filter(\.$unitID == access.unitID).filter(\.$name == checked.name!).first() != nil {
                throw AppError.validation(Strings.Error.formInvalid, fields: ["name": Strings.Meetings.roomNameTaken])
            }
            let room = MeetingRoom()
            room.id = UUID()
            room.unitID = access.unitID
            apply(checked, to: room)
            room.version = 1
            room.createdAt = now
            room.updatedAt = now
            try await room.create(on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.room.create", targetType: "meeting_room", targetID: room.id?.uuidString, targetLabel: room.name,
                                                 after: ["capacity": String(room.capacity), "layout": "\(room.rows)x\(room.seatsPerRow)+\(room.rostrumSeats)"]),
                                      by: actor.audit, on: db)
            return room
        }
    }

    /// 修改会议室, by version.
    @discardableResult
    static func editRoom(_ id: UUID, _ input: RoomInput, expectedVersion: Int, access: Access, actor: Actor, app: Application,
                         now: Date = Date()) async throws -> MeetingRoom {
        let room = try await MeetingLookup.room(id, access: access, on: app.db)
        guard access.organizesMeetings(for: room.unitID) else { throw AppError.forbidden(Strings.Meetings.notOrganizer) }
        let checked = try await check(input, unit: room.unitID, on: app.db)
        return try await app.write { db in
            guard let current = try await MeetingRoom.find(id, on: db) else { throw AppError.notFound() }
            guard current.version == expectedVersion else { throw AppError.conflict(Strings.Meetings.editedMeanwhile) }
            if try await MeetingRoom.query(on: db).filter(\.$unitID == current.unitID).filter(\.$name == checked.name!).filter(\.$id != id).first() != nil {
                throw AppError.validation(Strings.Error.formInvalid, fields: ["name": Strings.Meetings.roomNameTaken])
            }
            let before = ["name": current.name, "capacity": String(current.capacity), "disabled": String(current.isDisabled)]
            apply(checked, to: current)
            current.version += 1
            current.updatedAt = now
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.room.edit", targetType: "meeting_room", targetID: id.uuidString, targetLabel: current.name,
                                                 before: before, after: ["name": current.name, "capacity": String(current.capacity),
                                                                         "disabled": String(current.isDisabled)]), by: actor.audit, on: db)
            return current
        }
    }

    private static func apply(_ checked: RoomInput, to room: MeetingRoom) {
        room.name = checked.name ?? ""
        room.location = checked.location ?? ""
        room.capacity = checked.capacity ?? 0
        room.equipment = checked.equipment ?? ""
        room.rows = checked.rows ?? 1
        room.seatsPerRow = checked.seatsPerRow ?? 1
        room.rostrumSeats = checked.rostrumSeats ?? 0
        room.approverID = checked.approverID
        room.isDisabled = checked.disabled
    }

    // MARK: Bookings

    /// Checks a booking's time: it ends after it starts, within one day's span, not in the past.
    static func checkTime(start: Date?, end: Date?, now: Date) throws -> (Date, Date) {
        let s = Strings.Meetings.self
        guard let start else { throw AppError.validation(Strings.Error.formInvalid, fields: ["start": s.timeInvalid]) }
        guard let end, end > start else { throw AppError.validation(Strings.Error.formInvalid, fields: ["end": s.endBeforeStart]) }
        guard end.timeIntervalSince(start) <= 24 * 3600 else { throw AppError.validation(Strings.Error.formInvalid, fields: ["end": s.tooLong]) }
        guard end > now else { throw AppError.validation(Strings.Error.formInvalid, fields: ["start": s.timeInPast]) }
        return (start, end)
    }

    /// 预订 a room on its own (a meeting books through ``MeetingService``).
    static func book(_ roomID: UUID, title: String?, start: Date?, end: Date?, access: Access, actor: Actor, app: Application,
                     now: Date = Date()) async throws -> RoomBooking {
        let room = try await MeetingLookup.room(roomID, access: access, on: app.db)
        let title = FieldRules.trimmed(title)
        if title.isEmpty || title.count > 100 { throw AppError.validation(Strings.Error.formInvalid, fields: ["title": Strings.Meetings.bookingTitleRequired]) }
        let (from, to) = try checkTime(start: start, end: end, now: now)
        return try await app.write { db in
            let booking = try await open(room, title: title, start: from, end: to, meetingID: nil, access: access, now: now, on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.booking.create", targetType: "room_booking", targetID: booking.id?.uuidString,
                                                 targetLabel: room.name + " " + title,
                                                 after: ["from": DisplayFormat.minute(from), "to": DisplayFormat.minute(to), "state": booking.state]),
                                      by: actor.audit, on: db)
            return booking
        }
    }

    /// Writes a booking of `room` and holds its time: confirmed at once, or waiting when the room has an approver
    /// other than the person booking. Throws 409 when any quarter-hour is taken.
    static func open(_ room: MeetingRoom, title: String, start: Date, end: Date, meetingID: UUID?, access: Access, now: Date,
                     on db: any Database) async throws -> RoomBooking {
        guard !room.isDisabled else { throw AppError.conflict(Strings.Meetings.roomDisabled) }
        let booking = RoomBooking()
        booking.id = UUID()
        booking.roomID = try room.requireID()
        booking.meetingID = meetingID
        booking.bookedBy = access.userID
        booking.unitID = access.unitID
        booking.title = title
        booking.startsAt = start
        booking.endsAt = end
        let needsApproval = room.approverID != nil && !access.decidesBookings(of: room)
        booking.state = (needsApproval ? RoomBooking.State.pending : .confirmed).rawValue
        booking.createdAt = now
        booking.updatedAt = now
        try await booking.create(on: db)
        try await hold(booking, on: db)
        if needsApproval, let approver = room.approverID {
            try await Notifier.send(NotificationDraft(kind: .meeting, title: Strings.Meetings.bookingToDecide(room: room.name, title: title),
                                                      body: DisplayFormat.minute(start) + "–" + DisplayFormat.time(end),
                                                      link: SiteURL.meetingRoom.link(booking.roomID) + "?week=" + BeijingTime.day(start),
                                                      key: "room-booking:\(try booking.requireID())"), to: [approver], at: now, on: db)
        }
        return booking
    }

    /// Holds the booking's quarter-hours. `INSERT … ON CONFLICT DO NOTHING` (SQLite: `OR IGNORE`) returns no row for a
    /// taken one: a concurrent booking that got there first has committed (PostgreSQL waits for it) or is ours to lose.
    static func hold(_ booking: RoomBooking, on db: any Database) async throws {
        let sql = try db.sqlDatabase()
        let postgres = try sql.dialectKind == .postgres
        let verb: SQLQueryString = postgres ? "INSERT" : "INSERT OR IGNORE"
        let conflict: SQLQueryString = postgres ? "ON CONFLICT DO NOTHING" : ""
        for start in RoomBookingSlot.starts(from: booking.startsAt, to: booking.endsAt) {
            let row = try await sql.raw("""
                \(verb) INTO room_booking_slots (id, room_id, booking_id, slot_start)
                VALUES (\(bind: UUID()), \(bind: booking.roomID), \(bind: try booking.requireID()), \(bind: start)) \(conflict) RETURNING id
                """).first()
            guard row != nil else {
                let taken = try await RoomBookingSlot.query(on: db).filter(\.$roomID == booking.roomID).filter(\.$slotStart == start).first()
                var holder: RoomBooking?
                if let taken { holder = try await RoomBooking.find(taken.bookingID, on: db) }
                throw AppError(status: .conflict, code: "room_taken", message: Strings.Meetings.roomTaken(holder.map {
                    DisplayFormat.minute($0.startsAt) + "–" + DisplayFormat.time($0.endsAt) + " " + $0.title
                }))
            }
        }
    }

    /// Frees the booking's time.
    static func release(_ booking: RoomBooking, on db: any Database) async throws {
        try await RoomBookingSlot.query(on: db).filter(\.$bookingID == booking.requireID()).delete()
    }

    /// 取消预订: the person who booked it or the room's 会务; a meeting's booking is cancelled with the meeting.
    static func cancel(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> RoomBooking {
        guard let found = try await RoomBooking.find(id, on: app.db) else { throw AppError.notFound() }
        let room = try await MeetingLookup.room(found.roomID, access: access, on: app.db)
        guard found.bookedBy == access.userID || access.organizesMeetings(for: room.unitID) else { throw AppError.forbidden(Strings.Meetings.notBooker) }
        guard found.meetingID == nil else { throw AppError.conflict(Strings.Meetings.bookingOfMeeting) }
        return try await app.write { db in
            guard let booking = try await RoomBooking.find(id, on: db) else { throw AppError.notFound() }
            guard booking.stateValue.holdsRoom else { throw AppError.conflict(Strings.Meetings.bookingClosed) }
            booking.state = RoomBooking.State.cancelled.rawValue
            booking.updatedAt = now
            try await booking.update(on: db)
            try await release(booking, on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.booking.cancel", targetType: "room_booking", targetID: id.uuidString,
                                                 targetLabel: room.name + " " + booking.title), by: actor.audit, on: db)
            return booking
        }
    }

    /// 审批预订: the room's approver or 会务 confirms or refuses a waiting booking (refused: the time is free again).
    static func decide(_ id: UUID, approve: Bool, reason: String?, access: Access, actor: Actor, app: Application,
                       now: Date = Date()) async throws -> RoomBooking {
        guard let found = try await RoomBooking.find(id, on: app.db) else { throw AppError.notFound() }
        let room = try await MeetingLookup.room(found.roomID, access: access, on: app.db)
        guard access.decidesBookings(of: room) else { throw AppError.forbidden(Strings.Meetings.notApprover) }
        let reason = FieldRules.trimmed(reason)
        if !approve && reason.isEmpty { throw AppError.validation(Strings.Error.formInvalid, fields: ["reason": Strings.Meetings.reasonRequired]) }
        return try await app.write { db in
            guard let booking = try await RoomBooking.find(id, on: db) else { throw AppError.notFound() }
            guard booking.stateValue == .pending else { throw AppError.conflict(Strings.Meetings.bookingDecided) }
            booking.state = (approve ? RoomBooking.State.confirmed : .refused).rawValue
            booking.decidedBy = access.userID
            booking.decisionReason = reason.isEmpty ? nil : reason
            booking.updatedAt = now
            try await booking.update(on: db)
            if !approve { try await release(booking, on: db) }
            try await Notifier.send(NotificationDraft(kind: .meeting, title: approve ? Strings.Meetings.bookingApproved(booking.title)
                                                        : Strings.Meetings.bookingRefused(booking.title),
                                                      body: reason.isEmpty ? nil : reason, link: SiteURL.meetingRoom.link(booking.roomID),
                                                      key: "room-booking-decided:\(id)"), to: [booking.bookedBy], at: now, on: db)
            try await AuditLog.record(AuditEvent(action: approve ? "meeting.booking.approve" : "meeting.booking.refuse", targetType: "room_booking",
                                                 targetID: id.uuidString, targetLabel: room.name + " " + booking.title,
                                                 after: reason.isEmpty ? [:] : ["reason": reason]), by: actor.audit, on: db)
            return booking
        }
    }

    /// The bookings of `room` that hold it in [`from`, `to`), by start.
    static func bookings(of room: UUID, from: Date, to: Date, on db: any Database) async throws -> [RoomBooking] {
        try await RoomBooking.query(on: db).filter(\.$roomID == room).filter(\.$startsAt < to).filter(\.$endsAt > from)
            .filter(\.$state ~~ [RoomBooking.State.pending.rawValue, RoomBooking.State.confirmed.rawValue]).sort(\.$startsAt).all()
    }

    /// The rooms the person may see: their unit's and those they keep as 会务.
    static func rooms(access: Access, includeDisabled: Bool = false, on db: any Database) async throws -> [MeetingRoom] {
        let units = Array(access.servedUnits.union([access.unitID]).union(access.meetingUnits))
        var query = MeetingRoom.query(on: db).filter(\.$unitID ~~ units)
        if !includeDisabled { query = query.filter(\.$isDisabled == false) }
        return try await query.sort(\.$name).all()
    }
}

import Fluent
import Foundation
import Vapor

/// 座次 for a meeting in a room: arranged by ``SeatPlan`` from everyone expected, then moved one by one by the 会务.
extension MeetingService {
    /// The people expected at `meeting` with what orders them: their highest post's rank and their unit's order.
    static func seatingPeople(_ attendees: [MeetingAttendee], on db: any Database) async throws -> [UUID: SeatPlan.Person] {
        let ids = attendees.map(\.userID)
        let users = try await User.query(on: db).filter(\.$id ~~ ids).all()
        let posts = try await UserPosition.query(on: db).filter(\.$user.$id ~~ ids).with(\.$position).all()
        var rank: [UUID: Int] = [:]
        for post in posts { rank[post.$user.id] = max(rank[post.$user.id] ?? 0, post.position.rank) }
        let units = Dictionary(try await Unit.query(on: db).filter(\.$id ~~ Array(Set(users.map(\.$unit.id)))).all().compactMap { unit in
            unit.id.map { ($0, unit.sortOrder) }
        }) { first, _ in first }
        var people: [UUID: SeatPlan.Person] = [:]
        for user in users {
            guard let id = user.id else { continue }
            people[id] = SeatPlan.Person(id: id, rank: rank[id] ?? 0, unitOrder: units[user.$unit.id] ?? Int.max, name: user.name)
        }
        return people
    }

    private static func seatedRoom(_ meeting: Meeting, on db: any Database) async throws -> MeetingRoom {
        guard meeting.venueValue == .room, let roomID = meeting.roomID, let room = try await MeetingRoom.find(roomID, on: db) else {
            throw AppError.conflict(Strings.Meetings.noRoomLayout)
        }
        return room
    }

    /// 自动排座: everyone expected gets a seat by rank (those on leave or replaced lose theirs). Returns how many are
    /// left without one (more people than seats).
    static func arrangeSeats(_ id: UUID, access: Access, actor: Actor, app: Application) async throws -> Int {
        _ = try await MeetingLookup.organized(id, access: access, on: app.db)
        return try await app.write { db in
            guard let meeting = try await Meeting.find(id, on: db) else { throw AppError.notFound() }
            guard meeting.stateValue != .cancelled else { throw AppError.conflict(Strings.Meetings.cancelled) }
            let room = try await seatedRoom(meeting, on: db)
            let attendees = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).all()
            let expected = attendees.filter(\.isExpected)
            let people = try await seatingPeople(expected, on: db)
            let rostrum = expected.filter { $0.zoneValue == .rostrum }.compactMap { people[$0.userID] }
            let hall = expected.filter { $0.zoneValue == .hall }.compactMap { people[$0.userID] }
            let seats = SeatPlan.arrange(rostrum: rostrum, hall: hall, rostrumSeats: room.rostrumSeats, rows: room.rows, seatsPerRow: room.seatsPerRow)
            for row in attendees {
                let seat = row.isExpected ? seats[row.userID] : nil
                if let seat { row.zone = seat.zone.rawValue }
                row.seatRow = seat?.row
                row.seatNumber = seat?.number
                try await row.update(on: db)
            }
            let unseated = expected.count - seats.count
            try await AuditLog.record(AuditEvent(action: "meeting.seats.arrange", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["seated": String(seats.count), "unseated": String(unseated)]), by: actor.audit, on: db)
            return unseated
        }
    }

    /// 调整座次: puts one attendee in a seat; whoever sat there takes the attendee's old seat.
    static func moveSeat(_ id: UUID, attendee attendeeID: UUID, to seat: SeatPlan.Seat, access: Access, actor: Actor, app: Application) async throws {
        _ = try await MeetingLookup.organized(id, access: access, on: app.db)
        try await app.write { db in
            guard let meeting = try await Meeting.find(id, on: db) else { throw AppError.notFound() }
            let room = try await seatedRoom(meeting, on: db)
            guard let row = try await MeetingAttendee.find(attendeeID, on: db), row.meetingID == id, row.isExpected else { throw AppError.notFound() }
            let fits = seat.zone == .rostrum ? seat.row == 1 && (1...max(1, room.rostrumSeats)).contains(seat.number) && room.rostrumSeats > 0
                : (1...room.rows).contains(seat.row) && (1...room.seatsPerRow).contains(seat.number)
            guard fits else { throw AppError.validation(Strings.Error.formInvalid, fields: ["seat": Strings.Meetings.seatOutsideRoom]) }
            let holder = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$zone == seat.zone.rawValue)
                .filter(\.$seatRow == seat.row).filter(\.$seatNumber == seat.number).first()
            if let holder, holder.id != row.id {
                holder.zone = row.zone
                holder.seatRow = row.seatRow
                holder.seatNumber = row.seatNumber
                try await holder.update(on: db)
            }
            row.zone = seat.zone.rawValue
            row.seatRow = seat.row
            row.seatNumber = seat.number
            try await row.update(on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.seats.move", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["attendee": attendeeID.uuidString, "seat": "\(seat.zone.rawValue) \(seat.row)-\(seat.number)"]),
                                      by: actor.audit, on: db)
        }
    }
}

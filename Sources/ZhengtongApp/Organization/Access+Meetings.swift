import Fluent
import Foundation

/// Who keeps rooms, calls meetings and sees them; part of the one scoping place (``Access``).
///
/// - A unit's **会务** (``Permission/meetingManage`` held in the unit, or in the 政府办公室 that serves that government)
///   keeps its rooms, decides bookings that need approval (with the room's named approver), calls its meetings and
///   sees all of them, drafts included.
/// - Anyone of the unit sees its rooms and may book one (a room with an approver waits for approval).
/// - A meeting, once notified, is seen by its attendees (substitutes included), its 主持人 and the clerks of each
///   invited unit (who sign for it and name attendees). Anyone else gets 404, as if it did not exist.
extension Access {
    /// The units whose rooms and meetings the person keeps as 会务: their own, and for a 政府办公室 the government.
    var meetingUnits: Set<UUID> {
        has(.meetingManage) ? servedUnits.union([unitID]) : []
    }

    func organizesMeetings(for unit: UUID) -> Bool { meetingUnits.contains(unit) }

    /// Seeing and booking `unit`'s rooms.
    func seesRooms(of unit: UUID) -> Bool { unit == unitID || servedUnits.contains(unit) || organizesMeetings(for: unit) }

    /// Deciding a booking of `room`: its approver, or the room's 会务.
    func decidesBookings(of room: MeetingRoom) -> Bool { room.approverID == userID || organizesMeetings(for: room.unitID) }

    /// Seeing `meeting` (see the rules above).
    func canView(_ meeting: Meeting, on db: any Database) async throws -> Bool {
        if organizesMeetings(for: meeting.unitID) || meeting.organizerID == userID { return true }
        guard meeting.stateValue != .draft else { return false }
        if meeting.hostID == userID { return true }
        let id = try meeting.requireID()
        if try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$userID == userID).first() != nil { return true }
        let clerkUnits = exchangeUnits
        guard !clerkUnits.isEmpty else { return false }
        return try await MeetingUnit.query(on: db).filter(\.$meetingID == id).filter(\.$unitID ~~ Array(clerkUnits)).first() != nil
    }

    /// The invited units of a meeting whose clerk the person is.
    func signsFor(_ invitation: MeetingUnit) -> Bool { exchangeUnits.contains(invitation.unitID) }
}

enum MeetingLookup {
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> Meeting {
        guard let meeting = try await Meeting.find(id, on: db), try await access.canView(meeting, on: db) else { throw AppError.notFound() }
        return meeting
    }

    static func room(_ id: UUID, access: Access, on db: any Database) async throws -> MeetingRoom {
        guard let room = try await MeetingRoom.find(id, on: db), access.seesRooms(of: room.unitID) else { throw AppError.notFound() }
        return room
    }

    /// The meeting of the route's id, for its 会务 only (others: 404 when they cannot see it, 403 when they can).
    static func organized(_ id: UUID, access: Access, on db: any Database) async throws -> Meeting {
        let meeting = try await visible(id, access: access, on: db)
        guard access.organizesMeetings(for: meeting.unitID) else { throw AppError.forbidden(Strings.Meetings.notOrganizer) }
        return meeting
    }
}

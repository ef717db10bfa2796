import Fluent
import Foundation
import Vapor

/// 签到: an attendee signs in on their phone while the meeting's window is open (from half an hour before it starts to
/// its end); the 会务 ticks anyone in (or takes a tick back) at any time once the notice is out.
extension MeetingService {
    static let signInOpensBefore: TimeInterval = 30 * 60

    /// `attendeeID` nil: the person signs themself in.
    static func signIn(_ id: UUID, attendee attendeeID: UUID?, undo: Bool = false, access: Access, actor: Actor, app: Application,
                       now: Date = Date()) async throws -> MeetingAttendee {
        let meeting = try await MeetingLookup.visible(id, access: access, on: app.db)
        let s = Strings.Meetings.self
        guard meeting.stateValue == .notified else { throw AppError.conflict(meeting.stateValue == .cancelled ? s.cancelled : s.notNotified) }
        let organizer = access.organizesMeetings(for: meeting.unitID)
        let row: MeetingAttendee
        if let attendeeID {
            guard organizer else { throw AppError.forbidden(s.notOrganizer) }
            guard let found = try await MeetingAttendee.find(attendeeID, on: app.db), found.meetingID == id else { throw AppError.notFound() }
            row = found
        } else {
            guard let mine = try await MeetingAttendees.mine(meeting, access: access, on: app.db) else { throw AppError.forbidden(s.notAttendee) }
            guard !undo else { throw AppError.forbidden(s.notOrganizer) }
            guard now >= meeting.startsAt.addingTimeInterval(-signInOpensBefore), now <= meeting.endsAt else {
                throw AppError(status: .conflict, code: "sign_in_closed", message: s.signInClosed(DisplayFormat.minute(meeting.startsAt.addingTimeInterval(-signInOpensBefore))))
            }
            row = mine
        }
        guard row.replyValue != .delegate else { throw AppError.conflict(s.delegatedCannotSignIn) }
        return try await app.write { db in
            guard let current = try await MeetingAttendee.find(row.id, on: db) else { throw AppError.notFound() }
            if undo {
                current.signedInAt = nil
                current.signedInBy = nil
            } else {
                guard current.signedInAt == nil else { throw AppError.conflict(s.alreadySignedIn) }
                current.signedInAt = now
                current.signedInBy = access.userID
                // Signed in after all: they came, whatever the 回执 said.
                if current.replyValue != .attend { current.reply = MeetingAttendee.Reply.attend.rawValue }
            }
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: undo ? "meeting.sign-in.undo" : "meeting.sign-in", targetType: "meeting", targetID: id.uuidString,
                                                 targetLabel: meeting.title, after: ["attendee": current.userID.uuidString]), by: actor.audit, on: db)
            return current
        }
    }
}

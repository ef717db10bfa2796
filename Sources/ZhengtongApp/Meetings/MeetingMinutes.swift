import Fluent
import Foundation
import Gongwen
import Vapor

/// 会议纪要: drafted from the meeting as a 发文 of 文种 纪要 (GB/T 9704's 纪要 letterhead, the 出席/列席/请假 lists, no
/// seal), then taken through the ordinary 发文 process. Decisions in it become 督办事项 from the meeting page's link.
extension MeetingService {
    /// The attendance lists of a held meeting: 出席 (the people the 会务 called who came), 列席 (those units named and
    /// substitutes who came) and 请假 (`name（reason）`). Before anyone signed in, everyone expected counts as present.
    static func attendance(_ meeting: Meeting, on db: any Database) async throws -> (present: [String], observers: [String], leave: [String]) {
        let rows = try await MeetingAttendee.query(on: db).filter(\.$meetingID == meeting.requireID()).sort(\.$createdAt).all()
        let people = try await seatingPeople(rows, on: db)
        let names = Dictionary(try await User.query(on: db).filter(\.$id ~~ rows.map(\.userID)).all().compactMap { user in user.id.map { ($0, user.name) } }) { a, _ in a }
        let anySigned = rows.contains { $0.signedInAt != nil }
        func ordered(_ list: [MeetingAttendee]) -> [MeetingAttendee] {
            let sortedIDs = SeatPlan.sorted(list.compactMap { people[$0.userID] }).map(\.id)
            return sortedIDs.compactMap { id in list.first { $0.userID == id } }
        }
        let came = rows.filter { anySigned ? $0.signedInAt != nil : $0.isExpected }
        let present = ordered(came.filter { $0.viaUnitID == nil && $0.substituteFor == nil }).map { names[$0.userID] ?? "" }
        let observers = ordered(came.filter { $0.viaUnitID != nil || $0.substituteFor != nil }).map { names[$0.userID] ?? "" }
        let leave = ordered(rows.filter { $0.replyValue == .leave }).map { row in
            (names[row.userID] ?? "") + (row.reason.map { "（\($0)）" } ?? "")
        }
        return (present, observers, leave)
    }

    /// 起草纪要: a 纪要 draft under the unit's 机关代字 (`issuerCode`, or its first), with the lists and the 议程 as the
    /// start of its text. Once drafted, the meeting links to it; a second call is refused (409).
    static func draftMinutes(_ id: UUID, issuerCode: UUID?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> OutgoingDocument {
        let meeting = try await MeetingLookup.organized(id, access: access, on: app.db)
        guard meeting.stateValue == .notified else { throw AppError.conflict(Strings.Meetings.notNotified) }
        guard meeting.minutesID == nil else { throw AppError.conflict(Strings.Meetings.minutesExist) }
        var code = issuerCode
        if code == nil {
            code = try await IssuerCode.query(on: app.db).filter(\.$unit.$id == access.unitID).filter(\.$isEnabled == true).sort(\.$sortOrder).first()?.id
        }
        let lists = try await attendance(meeting, on: app.db)
        let agenda = try await MeetingAgendaItem.query(on: app.db).filter(\.$meetingID == id).sort(\.$position).all()
        let document = try await OutgoingService.draft(kind: .minutes, codeID: code, code: nil, access: access, actor: actor, app: app)
        var typed = try document.document()
        typed.title = Strings.Meetings.minutesTitle(meeting.title)
        typed.body = Strings.Meetings.minutesBody(date: BeijingTime.day(meeting.startsAt), place: try await MeetingPlace.text(meeting, on: app.db),
                                                  title: meeting.title, agenda: agenda.map(\.title))
        typed.attendees = lists.present
        typed.observers = lists.observers
        typed.onLeave = lists.leave
        let outcome = try await OutgoingService.edit(try document.requireID(), typed: typed, expectedVersion: document.version, access: access, actor: actor,
                                                     app: app, at: now)
        try await app.write { db in
            guard let current = try await Meeting.find(id, on: db) else { throw AppError.notFound() }
            guard current.minutesID == nil else { throw AppError.conflict(Strings.Meetings.minutesExist) }
            current.minutesID = try document.requireID()
            current.updatedAt = now
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.minutes", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["outgoing": try document.requireID().uuidString]), by: actor.audit, on: db)
        }
        return outcome.document
    }
}

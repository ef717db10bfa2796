import Fluent
import Foundation
import Vapor

/// A meeting as the API shows it and its page builds on: never the model itself. `actions` says what the caller may do
/// now, so a phone client offers the same buttons as the page.
struct MeetingView: Content, Sendable {
    struct Ref: Content, Sendable {
        var id: UUID
        var name: String
    }

    struct AgendaItem: Content, Sendable {
        var position: Int
        var title: String
        var reporter: String
        var minutes: Int
    }

    struct Attendee: Content, Sendable {
        var id: UUID
        var userId: UUID
        var name: String
        var unitName: String
        var zone: MeetingAttendee.Zone
        var reply: MeetingAttendee.Reply
        var replyLabel: String
        /// 请假's reason: for the 会务 and the person only.
        var reason: String?
        /// The attendee this person stands in for (委派), by name.
        var substituteForName: String?
        /// The substitute this attendee sent.
        var substituteName: String?
        var viaUnitName: String?
        var seatRow: Int?
        var seatNumber: Int?
        var seatLabel: String?
        var signedIn: Bool
        var signedInAt: Date?
        var expected: Bool
    }

    struct InvitedUnit: Content, Sendable {
        var unitId: UUID
        var unitName: String
        var quota: Int
        var state: MeetingUnit.State
        var stateLabel: String
        /// The caller is this unit's clerk (signs for it, names attendees).
        var mine: Bool
    }

    struct File: Content, Sendable {
        var id: UUID
        var name: String
        var contentType: String
        var size: Int
        var url: String
    }

    struct Service: Content, Sendable {
        var id: UUID
        var kind: MeetingServiceRequest.Kind
        var label: String
        var note: String
        var done: Bool
    }

    struct Counts: Content, Sendable {
        var called: Int
        var attend: Int
        var leave: Int
        var delegate: Int
        var pending: Int
        var signedIn: Int
    }

    struct Actions: Content, Sendable {
        var edit = false
        var notify = false
        var cancel = false
        var reply = false
        var signIn = false
        var remind = false
        var seats = false
        var minutes = false
        var addFile = false
        var serviceDone = false
        var checkIn = false
    }

    var id: UUID
    var version: Int
    var title: String
    var kind: Meeting.Kind
    var kindLabel: String
    var urgent: Bool
    var state: Meeting.State
    var stateLabel: String
    var startsAt: Date
    var endsAt: Date
    var timeText: String
    var venue: Meeting.Venue
    var placeText: String
    var room: Ref?
    var videoUrl: String?
    var host: Ref?
    var organizer: Ref
    var unit: Ref
    var notes: String
    var materialsFrom: Date?
    /// `2026-12-08 09:00`, Beijing time.
    var materialsFromText: String?
    var materialsOpen: Bool
    var cancelReason: String?
    var minutesId: UUID?
    var agenda: [AgendaItem]
    var attendees: [Attendee]
    var units: [InvitedUnit]
    var files: [File]
    var services: [Service]
    var counts: Counts
    /// The caller's own row, if called.
    var mine: Attendee?
    var actions: Actions

    enum Links { case page, api }

    static func load(_ meeting: Meeting, access: Access, links: Links = .api, now: Date = Date(), on db: any Database) async throws -> MeetingView {
        let id = try meeting.requireID()
        let organizer = access.organizesMeetings(for: meeting.unitID)
        let rows = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).sort(\.$createdAt).all()
        var userIDs = Set(rows.map(\.userID)).union([meeting.organizerID])
        if let host = meeting.hostID { userIDs.insert(host) }
        let users = Dictionary(try await User.query(on: db).filter(\.$id ~~ Array(userIDs)).all().compactMap { user in user.id.map { ($0, user) } }) { a, _ in a }
        let byID = Dictionary(rows.compactMap { row in row.id.map { ($0, row) } }) { a, _ in a }
        let people = try await MeetingService.seatingPeople(rows, on: db)
        let order = SeatPlan.sorted(Array(people.values)).map(\.id)
        let position = Dictionary(order.enumerated().map { ($1, $0) }) { a, _ in a }
        let sortedRows = rows.sorted { (position[$0.userID] ?? Int.max) < (position[$1.userID] ?? Int.max) }
        let s = Strings.Meetings.self
        func attendee(_ row: MeetingAttendee) throws -> Attendee {
            let user = users[row.userID]
            let substitute = rows.first { $0.substituteFor == row.id }
            let seat: String? = row.seatRow.flatMap { seatRow in row.seatNumber.map { s.seatLabel(zone: row.zoneValue, row: seatRow, number: $0) } }
            let showReason = organizer || row.userID == access.userID
            return Attendee(id: try row.requireID(), userId: row.userID, name: user?.name ?? "", unitName: user.flatMap { access.tree.nameOf[$0.$unit.id] } ?? "",
                            zone: row.zoneValue, reply: row.replyValue, replyLabel: s.replyLabel(row.replyValue), reason: showReason ? row.reason : nil,
                            substituteForName: row.substituteFor.flatMap { byID[$0] }.flatMap { users[$0.userID]?.name },
                            substituteName: substitute.flatMap { users[$0.userID]?.name },
                            viaUnitName: row.viaUnitID.flatMap { access.tree.nameOf[$0] }, seatRow: row.seatRow, seatNumber: row.seatNumber, seatLabel: seat,
                            signedIn: row.signedInAt != nil, signedInAt: row.signedInAt, expected: row.isExpected)
        }
        let attendees = try sortedRows.map(attendee)
        let mineRow = rows.first { $0.userID == access.userID }
        let invited = try await MeetingUnit.query(on: db).filter(\.$meetingID == id).all().map { invitation in
            InvitedUnit(unitId: invitation.unitID, unitName: access.tree.nameOf[invitation.unitID] ?? "", quota: invitation.quota, state: invitation.stateValue,
                        stateLabel: s.unitStateLabel(invitation.stateValue), mine: access.signsFor(invitation))
        }.sorted { $0.unitName < $1.unitName }
        let open = MeetingService.materialsOpen(meeting, access: access, now: now)
        var files: [File] = []
        if open {
            for file in try await MeetingFile.query(on: db).filter(\.$meetingID == id).sort(\.$createdAt).all() {
                let fileID = try file.requireID()
                files.append(File(id: fileID, name: file.name, contentType: file.contentType, size: file.size,
                                  url: links == .page ? SiteURL.meetingFile.link(id, fileID) : APIURL.meetingFile.link(id, fileID)))
            }
        }
        let services = try await MeetingServiceRequest.query(on: db).filter(\.$meetingID == id).all().map { request in
            Service(id: try request.requireID(), kind: request.kindValue, label: s.serviceLabel(request.kindValue), note: request.note, done: request.doneAt != nil)
        }
        var room: Ref?
        if let roomID = meeting.roomID, let found = try await MeetingRoom.find(roomID, on: db) { room = Ref(id: roomID, name: found.name) }
        let notified = meeting.stateValue == .notified
        let live = meeting.stateValue != .cancelled
        let before = now < meeting.endsAt
        var actions = Actions()
        actions.edit = organizer && live
        actions.notify = organizer && meeting.stateValue == .draft
        actions.cancel = organizer && live
        actions.reply = notified && before && mineRow != nil
        actions.signIn = notified && mineRow.map { $0.signedInAt == nil && $0.replyValue != .delegate } == true
            && now >= meeting.startsAt.addingTimeInterval(-MeetingService.signInOpensBefore) && now <= meeting.endsAt
        actions.remind = organizer && notified
        actions.seats = organizer && live && meeting.venueValue == .room
        actions.minutes = organizer && notified && meeting.minutesID == nil
        actions.addFile = organizer && live
        actions.serviceDone = organizer && live
        actions.checkIn = organizer && notified
        return MeetingView(
            id: id, version: meeting.version, title: meeting.title, kind: meeting.kindValue, kindLabel: s.kindLabel(meeting.kindValue), urgent: meeting.urgent,
            state: meeting.stateValue, stateLabel: s.stateLabel(meeting.stateValue), startsAt: meeting.startsAt, endsAt: meeting.endsAt,
            timeText: s.timeText(meeting.startsAt, meeting.endsAt), venue: meeting.venueValue, placeText: try await MeetingPlace.text(meeting, on: db),
            room: room, videoUrl: meeting.videoURL, host: meeting.hostID.flatMap { host in users[host].map { Ref(id: host, name: $0.name) } },
            organizer: Ref(id: meeting.organizerID, name: users[meeting.organizerID]?.name ?? ""),
            unit: Ref(id: meeting.unitID, name: access.tree.nameOf[meeting.unitID] ?? ""), notes: meeting.notes, materialsFrom: meeting.materialsFrom,
            materialsFromText: meeting.materialsFrom.map(DisplayFormat.minute), materialsOpen: open, cancelReason: meeting.cancelReason, minutesId: meeting.minutesID,
            agenda: try await MeetingAgendaItem.query(on: db).filter(\.$meetingID == id).sort(\.$position).all().map {
                AgendaItem(position: $0.position, title: $0.title, reporter: $0.reporter, minutes: $0.minutes)
            },
            attendees: attendees, units: invited, files: files, services: services,
            counts: Counts(called: rows.filter { $0.substituteFor == nil }.count, attend: rows.filter { $0.replyValue == .attend }.count,
                           leave: rows.filter { $0.replyValue == .leave }.count, delegate: rows.filter { $0.replyValue == .delegate }.count,
                           pending: rows.filter { $0.replyValue == .pending }.count, signedIn: rows.filter { $0.signedInAt != nil }.count),
            mine: try mineRow.map(attendee), actions: actions)
    }
}

/// A line of the meetings list.
struct MeetingLine: Content, Sendable {
    var id: UUID
    var title: String
    var kindLabel: String
    var urgent: Bool
    var state: Meeting.State
    var stateLabel: String
    var startsAt: Date
    var endsAt: Date
    var timeText: String
    var placeText: String
    var unitName: String
    /// The caller's 回执, if called.
    var reply: MeetingAttendee.Reply?
    var replyLabel: String?
    var url: String

    static func load(_ meetings: [Meeting], access: Access, links: MeetingView.Links, on db: any Database) async throws -> [MeetingLine] {
        let ids = meetings.compactMap(\.id)
        let mine = Dictionary(try await MeetingAttendee.query(on: db).filter(\.$meetingID ~~ ids).filter(\.$userID == access.userID).all()
            .map { ($0.meetingID, $0.replyValue) }) { a, _ in a }
        var lines: [MeetingLine] = []
        let s = Strings.Meetings.self
        for meeting in meetings {
            let id = try meeting.requireID()
            lines.append(MeetingLine(id: id, title: meeting.title, kindLabel: s.kindLabel(meeting.kindValue), urgent: meeting.urgent, state: meeting.stateValue,
                                     stateLabel: s.stateLabel(meeting.stateValue), startsAt: meeting.startsAt, endsAt: meeting.endsAt,
                                     timeText: s.timeText(meeting.startsAt, meeting.endsAt), placeText: try await MeetingPlace.text(meeting, on: db),
                                     unitName: access.tree.nameOf[meeting.unitID] ?? "", reply: mine[id], replyLabel: mine[id].map(s.replyLabel),
                                     url: links == .page ? SiteURL.meeting.link(id) : APIURL.meeting.link(id)))
        }
        return lines
    }
}

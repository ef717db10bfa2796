import Fluent
import Foundation
import Vapor

/// 会议's business actions, each one call that the pages, the API and the demo use alike, in one transaction with its
/// audit record: 新建 (a draft, its room booked at once so nobody takes it meanwhile), 修改, 发通知 and 取消. 回执, 报名,
/// 催报, 座次, 签到, 资料 and 纪要 are in the files beside this one.
enum MeetingService {
    typealias Actor = WorkflowService.Actor

    struct AgendaLine: Sendable, Equatable {
        var title: String
        var reporter: String
        var minutes: Int
    }

    struct ServiceLine: Sendable, Equatable {
        var kind: MeetingServiceRequest.Kind
        var note: String
    }

    /// What the 会务 types when calling or changing a meeting.
    struct Input: Sendable {
        var title: String?
        var kind: String?
        var urgent = false
        var start: Date?
        var end: Date?
        var venue: String?
        var roomID: UUID?
        var place: String?
        var videoURL: String?
        var hostID: UUID?
        var notes: String?
        var materialsFrom: Date?
        var agenda: [AgendaLine] = []
        var attendeeIDs: [UUID] = []
        /// Attendees seated on the 主席台.
        var rostrumIDs: [UUID] = []
        /// Invited units and how many each should send (0: as the unit decides).
        var units: [(UUID, Int)] = []
        var services: [ServiceLine] = []
    }

    struct Checked: Sendable {
        var title: String
        var kind: Meeting.Kind
        var urgent: Bool
        var start: Date
        var end: Date
        var venue: Meeting.Venue
        var room: MeetingRoom?
        var place: String
        var videoURL: String?
        var hostID: UUID?
        var notes: String
        var materialsFrom: Date?
        var agenda: [AgendaLine]
        var attendeeIDs: [UUID]
        var rostrumIDs: Set<UUID>
        var units: [UUID: Int]
        var services: [ServiceLine]
    }

    static func check(_ input: Input, access: Access, now: Date, on db: any Database) async throws -> Checked {
        let s = Strings.Meetings.self
        var errors: [String: String] = [:]
        let title = FieldRules.trimmed(input.title)
        if title.isEmpty || title.count > 200 { errors["title"] = s.titleRequired }
        let kind = Meeting.Kind(rawValue: input.kind ?? "")
        if kind == nil { errors["kind"] = s.kindRequired }
        var start = now
        var end = now
        do { (start, end) = try RoomService.checkTime(start: input.start, end: input.end, now: now) } catch let error as AppError {
            errors.merge(error.fields) { first, _ in first }
        }
        let venue = Meeting.Venue(rawValue: input.venue ?? "")
        var room: MeetingRoom?
        let place = FieldRules.trimmed(input.place)
        var videoURL: String? = FieldRules.trimmed(input.videoURL)
        if videoURL?.isEmpty == true { videoURL = nil }
        switch venue {
        case .room:
            if let id = input.roomID, let found = try await MeetingRoom.find(id, on: db), access.seesRooms(of: found.unitID), !found.isDisabled {
                room = found
            } else {
                errors["room"] = s.roomRequired
            }
        case .external:
            if place.isEmpty { errors["place"] = s.placeRequired }
        case .video:
            if place.isEmpty && videoURL == nil { errors["videoUrl"] = s.videoRequired }
        case nil:
            errors["venue"] = s.venueRequired
        }
        if place.count > 200 { errors["place"] = s.placeTooLong }
        if let url = videoURL, url.count > 500 || !(url.hasPrefix("https://") || url.hasPrefix("http://")) || URL(string: url)?.host == nil {
            errors["videoUrl"] = s.videoURLInvalid
        }
        let notes = (input.notes ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if notes.count > 5000 { errors["notes"] = s.notesTooLong }
        var agenda: [AgendaLine] = []
        for line in input.agenda {
            let title = line.title.trimmingCharacters(in: .whitespacesAndNewlines)
            let reporter = line.reporter.trimmingCharacters(in: .whitespacesAndNewlines)
            if title.isEmpty && reporter.isEmpty { continue }
            if title.isEmpty || title.count > 200 || reporter.count > 100 || !(0...600).contains(line.minutes) { errors["agenda"] = s.agendaInvalid }
            agenda.append(AgendaLine(title: title, reporter: reporter, minutes: line.minutes))
        }
        if agenda.count > 50 { errors["agenda"] = s.agendaInvalid }
        let people = input.attendeeIDs.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        var everyone = people
        if let host = input.hostID, !everyone.contains(host) { everyone.append(host) }
        if people.count > 500 { errors["attendees"] = s.tooManyAttendees }
        let active = Set(try await User.query(on: db).filter(\.$id ~~ everyone).filter(\.$isDisabled == false).all().compactMap(\.id))
        if people.contains(where: { !active.contains($0) }) { errors["attendees"] = s.attendeeInvalid }
        if let host = input.hostID, !active.contains(host) { errors["host"] = s.hostInvalid }
        var units: [UUID: Int] = [:]
        for (unit, quota) in input.units where unit != access.unitID {
            if !(0...50).contains(quota) { errors["units"] = s.quotaInvalid }
            units[unit] = quota
        }
        let enabled = Set(try await Unit.query(on: db).filter(\.$id ~~ Array(units.keys)).filter(\.$isDisabled == false).all().compactMap(\.id))
        if units.keys.contains(where: { !enabled.contains($0) }) { errors["units"] = s.unitInvalid }
        if people.isEmpty && units.isEmpty { errors["attendees"] = s.attendeesRequired }
        var services: [ServiceLine] = []
        for line in input.services where !services.contains(where: { $0.kind == line.kind }) {
            let note = line.note.trimmingCharacters(in: .whitespacesAndNewlines)
            if note.count > 500 { errors["services"] = s.serviceNoteTooLong }
            services.append(ServiceLine(kind: line.kind, note: note))
        }
        if let from = input.materialsFrom, from > end { errors["materialsFrom"] = s.materialsAfterEnd }
        guard errors.isEmpty, let kind, let venue else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Checked(title: title, kind: kind, urgent: input.urgent, start: start, end: end, venue: venue, room: room,
                       place: venue == .room ? "" : place, videoURL: venue == .video ? videoURL : nil, hostID: input.hostID, notes: notes,
                       materialsFrom: input.materialsFrom, agenda: agenda, attendeeIDs: people, rostrumIDs: Set(input.rostrumIDs), units: units,
                       services: services)
    }

    /// 新建会议: a draft of the person's unit; its room is booked at once (409 when taken).
    static func create(_ input: Input, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Meeting {
        guard access.organizesMeetings(for: access.unitID) else { throw AppError.forbidden(Strings.Meetings.notOrganizer) }
        let checked = try await check(input, access: access, now: now, on: app.db)
        return try await app.write { db in
            let meeting = Meeting()
            meeting.id = UUID()
            meeting.unitID = access.unitID
            meeting.organizerID = access.userID
            meeting.state = Meeting.State.draft.rawValue
            meeting.version = 1
            meeting.createdAt = now
            apply(checked, to: meeting, now: now)
            try await meeting.create(on: db)
            try await book(meeting, checked, access: access, now: now, on: db)
            try await replaceParts(meeting, checked, now: now, on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.create", targetType: "meeting", targetID: meeting.id?.uuidString, targetLabel: meeting.title,
                                                 after: ["start": DisplayFormat.minute(meeting.startsAt), "venue": meeting.venue]), by: actor.audit, on: db)
            return meeting
        }
    }

    /// 修改会议, by version. Attendees who stay keep their 回执; a change of time or room rebooks; once notified, everyone
    /// expected is told of the change.
    @discardableResult
    static func edit(_ id: UUID, _ input: Input, expectedVersion: Int, access: Access, actor: Actor, app: Application,
                     now: Date = Date()) async throws -> Meeting {
        _ = try await MeetingLookup.organized(id, access: access, on: app.db)
        let checked = try await check(input, access: access, now: now, on: app.db)
        return try await app.write { db in
            guard let meeting = try await Meeting.find(id, on: db) else { throw AppError.notFound() }
            guard meeting.stateValue != .cancelled else { throw AppError.conflict(Strings.Meetings.cancelled) }
            guard meeting.stateValue != .reviewing else { throw AppError.conflict(Strings.Meetings.underReview) }
            guard meeting.version == expectedVersion else { throw AppError.conflict(Strings.Meetings.editedMeanwhile) }
            let before = ["title": meeting.title, "start": DisplayFormat.minute(meeting.startsAt), "end": DisplayFormat.minute(meeting.endsAt),
                          "room": meeting.roomID?.uuidString ?? ""]
            let moved = meeting.startsAt != checked.start || meeting.endsAt != checked.end || meeting.roomID != checked.room?.id
            apply(checked, to: meeting, now: now)
            meeting.version += 1
            if moved {
                if let bookingID = meeting.bookingID, let old = try await RoomBooking.find(bookingID, on: db) {
                    old.state = RoomBooking.State.cancelled.rawValue
                    old.updatedAt = now
                    try await old.update(on: db)
                    try await RoomService.release(old, on: db)
                }
                meeting.bookingID = nil
                try await book(meeting, checked, access: access, now: now, on: db)
            }
            try await meeting.update(on: db)
            try await replaceParts(meeting, checked, now: now, on: db)
            if meeting.stateValue == .notified {
                try await tellEveryone(meeting, title: Strings.Meetings.changedTitle(meeting.title), key: "meeting-changed:\(id):\(meeting.version)",
                                       now: now, on: db)
                try await MeetingLeaders.follow(meeting, on: db)
            }
            try await AuditLog.record(AuditEvent(action: "meeting.edit", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 before: before, after: ["title": meeting.title, "start": DisplayFormat.minute(meeting.startsAt),
                                                                         "end": DisplayFormat.minute(meeting.endsAt), "room": meeting.roomID?.uuidString ?? ""]),
                                      by: actor.audit, on: db)
            return meeting
        }
    }

    private static func apply(_ checked: Checked, to meeting: Meeting, now: Date) {
        meeting.title = checked.title
        meeting.kind = checked.kind.rawValue
        meeting.urgent = checked.urgent
        meeting.startsAt = checked.start
        meeting.endsAt = checked.end
        meeting.venue = checked.venue.rawValue
        meeting.roomID = checked.room?.id
        meeting.place = checked.place
        meeting.videoURL = checked.videoURL
        meeting.hostID = checked.hostID
        meeting.notes = checked.notes
        meeting.materialsFrom = checked.materialsFrom
        meeting.updatedAt = now
    }

    private static func book(_ meeting: Meeting, _ checked: Checked, access: Access, now: Date, on db: any Database) async throws {
        guard let room = checked.room else { return }
        let booking = try await RoomService.open(room, title: checked.title, start: checked.start, end: checked.end, meetingID: meeting.id,
                                                 access: access, now: now, on: db)
        meeting.bookingID = booking.id
        try await meeting.update(on: db)
    }

    /// Writes the 议程 and 会议服务 afresh and brings the named attendees and invited units to what was typed.
    private static func replaceParts(_ meeting: Meeting, _ checked: Checked, now: Date, on db: any Database) async throws {
        let id = try meeting.requireID()
        try await MeetingAgendaItem.query(on: db).filter(\.$meetingID == id).delete()
        for (index, line) in checked.agenda.enumerated() {
            let item = MeetingAgendaItem()
            item.meetingID = id
            item.position = index + 1
            item.title = line.title
            item.reporter = line.reporter
            item.minutes = line.minutes
            try await item.create(on: db)
        }
        let existingServices = try await MeetingServiceRequest.query(on: db).filter(\.$meetingID == id).all()
        for old in existingServices where !checked.services.contains(where: { $0.kind.rawValue == old.kind }) { try await old.delete(on: db) }
        for line in checked.services {
            if let old = existingServices.first(where: { $0.kind == line.kind.rawValue }) {
                old.note = line.note
                try await old.update(on: db)
            } else {
                let request = MeetingServiceRequest()
                request.meetingID = id
                request.kind = line.kind.rawValue
                request.note = line.note
                request.createdAt = now
                try await request.create(on: db)
            }
        }
        let attendees = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).all()
        // Named by the 会务 (not by a unit, not a substitute): those no longer named go, with whoever stands in for them.
        for old in attendees where old.viaUnitID == nil && old.substituteFor == nil && !checked.attendeeIDs.contains(old.userID) {
            try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$substituteFor == old.requireID()).delete()
            try await old.delete(on: db)
        }
        for user in checked.attendeeIDs {
            if let old = attendees.first(where: { $0.userID == user }) {
                old.zone = (checked.rostrumIDs.contains(user) ? MeetingAttendee.Zone.rostrum : .hall).rawValue
                try await old.update(on: db)
            } else {
                try await MeetingAttendees.add(user, to: id, zone: checked.rostrumIDs.contains(user) ? .rostrum : .hall, via: nil, substituteFor: nil,
                                               now: now, on: db)
            }
        }
        let invited = try await MeetingUnit.query(on: db).filter(\.$meetingID == id).all()
        for old in invited where checked.units[old.unitID] == nil {
            try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$viaUnitID == old.unitID).delete()
            try await old.delete(on: db)
        }
        for (unit, quota) in checked.units {
            if let old = invited.first(where: { $0.unitID == unit }) {
                old.quota = quota
                try await old.update(on: db)
            } else {
                let invitation = MeetingUnit()
                invitation.meetingID = id
                invitation.unitID = unit
                invitation.quota = quota
                invitation.state = MeetingUnit.State.sent.rawValue
                invitation.createdAt = now
                try await invitation.create(on: db)
                if meeting.stateValue == .notified { try await tellUnit(meeting, invitation, now: now, on: db) }
            }
        }
        if meeting.stateValue == .notified {
            let fresh = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$viaUnitID == nil).all()
            try await tell(meeting, fresh.map(\.userID), title: Strings.Meetings.calledTitle(meeting.title), key: "meeting-called:\(id)", now: now, on: db)
        }
    }

    /// 发通知: a draft goes out to every attendee and to the clerks of every invited unit (紧急: by SMS as well).
    static func notify(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Meeting {
        _ = try await MeetingLookup.organized(id, access: access, on: app.db)
        return try await app.write { db in
            guard let meeting = try await Meeting.find(id, on: db) else { throw AppError.notFound() }
            guard meeting.stateValue == .draft else {
                throw AppError.conflict(meeting.stateValue == .reviewing ? Strings.Meetings.underReview : Strings.Meetings.alreadyNotified)
            }
            let people = try await announce(meeting, now: now, on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.notify", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["attendees": String(people), "urgent": String(meeting.urgent)]), by: actor.audit, on: db)
            return meeting
        }
    }

    /// The notice goes out: the meeting is 已通知 and every attendee and invited unit's clerk is told. Returns how many
    /// attendees were told. Used by 发通知 and by the end of an approved 审批.
    @discardableResult
    static func announce(_ meeting: Meeting, now: Date, on db: any Database) async throws -> Int {
        let id = try meeting.requireID()
        meeting.state = Meeting.State.notified.rawValue
        meeting.notifiedAt = now
        meeting.returnedReason = nil
        meeting.version += 1
        meeting.updatedAt = now
        try await meeting.update(on: db)
        let people = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).all().map(\.userID)
        try await tell(meeting, people, title: Strings.Meetings.calledTitle(meeting.title), key: "meeting-called:\(id)", now: now, on: db)
        for invitation in try await MeetingUnit.query(on: db).filter(\.$meetingID == id).all() {
            try await tellUnit(meeting, invitation, now: now, on: db)
        }
        return people.count
    }

    /// 取消会议, with a reason: the room is freed, everyone told, and the 日程 shows it cancelled.
    static func cancel(_ id: UUID, reason: String?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Meeting {
        _ = try await MeetingLookup.organized(id, access: access, on: app.db)
        let reason = FieldRules.trimmed(reason)
        if reason.isEmpty || reason.count > 500 { throw AppError.validation(Strings.Error.formInvalid, fields: ["reason": Strings.Meetings.reasonRequired]) }
        return try await app.write { db in
            guard let meeting = try await Meeting.find(id, on: db) else { throw AppError.notFound() }
            guard meeting.stateValue != .cancelled else { throw AppError.conflict(Strings.Meetings.cancelled) }
            let wasNotified = meeting.stateValue == .notified
            meeting.state = Meeting.State.cancelled.rawValue
            meeting.cancelReason = reason
            meeting.version += 1
            meeting.updatedAt = now
            try await meeting.update(on: db)
            if let bookingID = meeting.bookingID, let booking = try await RoomBooking.find(bookingID, on: db), booking.stateValue.holdsRoom {
                booking.state = RoomBooking.State.cancelled.rawValue
                booking.updatedAt = now
                try await booking.update(on: db)
                try await RoomService.release(booking, on: db)
            }
            if wasNotified {
                try await tellEveryone(meeting, title: Strings.Meetings.cancelledTitle(meeting.title), key: "meeting-cancelled:\(id)", now: now, on: db)
            }
            try await MeetingLeaders.withdraw(meeting, leaderID: nil, on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.cancel", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["reason": reason]), by: actor.audit, on: db)
            return meeting
        }
    }

    // MARK: Telling people

    static func tell(_ meeting: Meeting, _ people: [UUID], title: String, key: String, now: Date, on db: any Database) async throws {
        let body = DisplayFormat.minute(meeting.startsAt) + " " + (try await MeetingPlace.text(meeting, on: db))
        try await Notifier.send(NotificationDraft(kind: meeting.urgent ? .meetingUrgent : .meeting, title: title, body: body,
                                                  link: SiteURL.meeting.link(try meeting.requireID()), key: key), to: people, at: now, on: db)
    }

    /// The invited unit's clerks: sign for it and name attendees.
    static func tellUnit(_ meeting: Meeting, _ invitation: MeetingUnit, now: Date, on db: any Database) async throws {
        try await tell(meeting, try await ExchangeUnits.clerks(of: invitation.unitID, on: db), title: Strings.Meetings.unitCalledTitle(meeting.title),
                       key: "meeting-unit:\(try invitation.requireID())", now: now, on: db)
    }

    /// Everyone expected (attendees not on leave, substitutes) and the invited units' clerks.
    static func tellEveryone(_ meeting: Meeting, title: String, key: String, now: Date, on db: any Database) async throws {
        let id = try meeting.requireID()
        var people = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).all().filter(\.isExpected).map(\.userID)
        for invitation in try await MeetingUnit.query(on: db).filter(\.$meetingID == id).all() {
            people += try await ExchangeUnits.clerks(of: invitation.unitID, on: db)
        }
        try await tell(meeting, people, title: title, key: key, now: now, on: db)
    }
}

/// Where a meeting is, in words.
enum MeetingPlace {
    static func text(_ meeting: Meeting, on db: any Database) async throws -> String {
        switch meeting.venueValue {
        case .room:
            guard let id = meeting.roomID, let room = try await MeetingRoom.find(id, on: db) else { return "" }
            return room.location + room.name
        case .external: return meeting.place
        case .video: return meeting.place.isEmpty ? Strings.Meetings.videoRoom : meeting.place
        }
    }
}

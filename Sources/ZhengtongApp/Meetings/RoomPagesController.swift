import Fluent
import Foundation
import Vapor

/// 会议室 pages: the unit's rooms, each room's week grid with the booking form and the bookings waiting for approval,
/// and the 会务's room form. Every action is a ``RoomService`` call; a refused form comes back with what was typed.
struct RoomPagesController {
    struct RoomForm: Content, Sendable {
        var version: String?
        var name: String?
        var location: String?
        var capacity: String?
        var equipment: String?
        var rows: String?
        var seatsPerRow: String?
        var rostrumSeats: String?
        var approver: String?
        var disabled: String?

        init() {}

        init(_ room: MeetingRoom) {
            version = String(room.version)
            name = room.name
            location = room.location
            capacity = String(room.capacity)
            equipment = room.equipment
            rows = String(room.rows)
            seatsPerRow = String(room.seatsPerRow)
            rostrumSeats = String(room.rostrumSeats)
            approver = room.approverID?.uuidString
            disabled = room.isDisabled ? "on" : nil
        }

        var input: RoomService.RoomInput {
            func int(_ text: String?) -> Int? { text.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
            return RoomService.RoomInput(name: name, location: location, capacity: int(capacity), equipment: equipment, rows: int(rows),
                                         seatsPerRow: int(seatsPerRow), rostrumSeats: int(rostrumSeats), approverID: approver.flatMap(UUID.init(uuidString:)),
                                         disabled: disabled == "on" || disabled == "true")
        }
    }

    struct BookingForm: Content, Sendable {
        var title: String?
        var date: String?
        var start: String?
        var end: String?
        var reason: String?
    }

    struct RoomLine: Encodable, Sendable {
        var id: UUID
        var name: String
        var location: String
        var capacity: Int
        var equipment: String
        var layout: String
        var approver: String?
        var disabled: Bool
        var href: String
    }

    struct ListPage: Encodable, Sendable {
        var rooms: [RoomLine]
        var newHref: String?
    }

    struct Block: Encodable, Sendable {
        var title: String
        var time: String
        var state: String
        var stateLabel: String
        var top: String
        var height: String
        var bookedBy: String
        var meetingHref: String?
        var cancelHref: String?
        var decideHref: String?
    }

    struct Day: Encodable, Sendable {
        var label: String
        var date: String
        var today: Bool
        var blocks: [Block]
    }

    struct WeekPage: Encodable, Sendable {
        var room: RoomLine
        var editHref: String?
        var week: String
        var prevHref: String
        var nextHref: String
        var hours: [String]
        var days: [Day]
        var pending: [Block]
        var bookAction: String
        var form: BookingForm
        var errors: [String: String]
        var error: String?
    }

    struct FormPage: Encodable, Sendable {
        var action: String
        var form: RoomForm
        var editing: Bool
        var approvers: [SelectOption]
        var errors: [String: String]
        var error: String?
        var cancelHref: String
    }

    /// The hours the grid shows: 07:00 to 22:00.
    static let gridStart = 7 * 60
    static let gridEnd = 22 * 60

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.meetingRooms, use: list)
        routes.post(SiteURL.meetingRooms, use: create)
        routes.get(SiteURL.meetingRoomNew, use: newForm)
        routes.get(SiteURL.meetingRoom, use: week)
        routes.post(SiteURL.meetingRoom, use: update)
        routes.get(SiteURL.meetingRoomEdit, use: editForm)
        routes.post(SiteURL.meetingRoomBookings, use: book)
        routes.post(SiteURL.meetingBookingCancel, use: cancel)
        routes.post(SiteURL.meetingBookingDecision, use: decide)
    }

    static func line(_ room: MeetingRoom, on db: any Database) async throws -> RoomLine {
        var approver: User?
        if let id = room.approverID { approver = try await User.find(id, on: db) }
        return RoomLine(id: try room.requireID(), name: room.name, location: room.location, capacity: room.capacity, equipment: room.equipmentList.joined(separator: "、"),
                        layout: Strings.Meetings.layoutText(rows: room.rows, seats: room.seatsPerRow, rostrum: room.rostrumSeats), approver: approver?.name,
                        disabled: room.isDisabled, href: SiteURL.meetingRoom.link(try room.requireID()))
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        var lines: [RoomLine] = []
        for room in try await RoomService.rooms(access: access, includeDisabled: !access.meetingUnits.isEmpty, on: req.db) {
            lines.append(try await Self.line(room, on: req.db))
        }
        return try await req.renderPage("meetings/rooms", title: Strings.Meetings.roomsTitle, section: .meetings, ListPage(
            rooms: lines, newHref: access.organizesMeetings(for: access.unitID) ? SiteURL.meetingRoomNew.path : nil))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.organizesMeetings(for: access.unitID) else { throw AppError.forbidden(Strings.Meetings.notOrganizer) }
        var form = RoomForm()
        form.rows = "6"
        form.seatsPerRow = "10"
        form.rostrumSeats = "7"
        form.capacity = "60"
        return try await renderForm(req, form: form, room: nil, errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(RoomForm.self)
        do {
            let room = try await RoomService.createRoom(form.input, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Meetings.roomCreated)
            return req.redirect(to: SiteURL.meetingRoom.link(try room.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderForm(req, form: form, room: nil, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let access = try await req.access()
        let room = try await MeetingLookup.room(try req.idParameter("roomID"), access: access, on: req.db)
        guard access.organizesMeetings(for: room.unitID) else { throw AppError.forbidden(Strings.Meetings.notOrganizer) }
        return try await renderForm(req, form: RoomForm(room), room: room, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let room = try await MeetingLookup.room(try req.idParameter("roomID"), access: access, on: req.db)
        let form = try req.content.decode(RoomForm.self)
        do {
            try await RoomService.editRoom(try room.requireID(), form.input, expectedVersion: form.version.flatMap(Int.init) ?? -1, access: access,
                                           actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Meetings.saved)
            return req.redirect(to: SiteURL.meetingRoom.link(try room.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderForm(req, form: form, room: room, errors: error.fields, error: error.message, status: error.status)
        }
    }

    private func renderForm(_ req: Request, form: RoomForm, room: MeetingRoom?, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let unit = room?.unitID ?? access.unitID
        let people = try await User.query(on: req.db).filter(\.$unit.$id == unit).filter(\.$isDisabled == false).sort(\.$sortOrder).all()
        let id = try room?.requireID()
        return try await req.renderPage("meetings/room-form", title: room == nil ? Strings.Meetings.newRoomTitle : Strings.Meetings.editRoomTitle,
                                        section: .meetings, FormPage(
            action: id.map { SiteURL.meetingRoom.link($0) } ?? SiteURL.meetingRooms.path, form: form, editing: room != nil,
            approvers: [SelectOption(value: "", label: Strings.page["rooms_no_approver"]!, selected: (form.approver ?? "").isEmpty)]
                + people.compactMap { user in user.id.map { SelectOption(value: $0.uuidString, label: user.name, selected: form.approver == $0.uuidString) } },
            errors: errors, error: error, cancelHref: id.map { SiteURL.meetingRoom.link($0) } ?? SiteURL.meetingRooms.path), status: status)
    }

    // MARK: The week grid and bookings

    @Sendable func week(req: Request) async throws -> Response {
        let access = try await req.access()
        let room = try await MeetingLookup.room(try req.idParameter("roomID"), access: access, on: req.db)
        return try await renderWeek(req, room: room, form: BookingForm(), errors: [:], error: nil)
    }

    private func renderWeek(_ req: Request, room: MeetingRoom, form: BookingForm, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let now = Date()
        let anchor = req.queryValue("week").flatMap { BeijingTime.date(day: $0, time: "12:00") } ?? now
        let start = BeijingTime.weekStart(anchor)
        let end = BeijingTime.adding(days: 7, to: start)
        let roomID = try room.requireID()
        let bookings = try await RoomService.bookings(of: roomID, from: start, to: end, on: req.db)
        let names = Dictionary(try await User.query(on: req.db).filter(\.$id ~~ bookings.map(\.bookedBy)).all().compactMap { user in user.id.map { ($0, user.name) } }) { a, _ in a }
        let decides = access.decidesBookings(of: room)
        let organizes = access.organizesMeetings(for: room.unitID)
        func block(_ booking: RoomBooking, day: Date) throws -> Block {
            let dayStart = day.addingTimeInterval(TimeInterval(Self.gridStart * 60))
            let span = TimeInterval((Self.gridEnd - Self.gridStart) * 60)
            let from = max(0, booking.startsAt.timeIntervalSince(dayStart))
            let to = min(span, booking.endsAt.timeIntervalSince(dayStart))
            let id = try booking.requireID()
            let state = booking.stateValue
            return Block(title: booking.title, time: BeijingTime.time(booking.startsAt) + "–" + BeijingTime.time(booking.endsAt), state: state.rawValue,
                         stateLabel: Strings.Meetings.bookingStateLabel(state), top: String(format: "%.2f%%", from / span * 100),
                         height: String(format: "%.2f%%", max(2, (to - from) / span * 100)), bookedBy: names[booking.bookedBy] ?? "",
                         meetingHref: booking.meetingID.map { SiteURL.meeting.link($0) },
                         cancelHref: booking.meetingID == nil && (booking.bookedBy == access.userID || organizes) ? SiteURL.meetingBookingCancel.link(id) : nil,
                         decideHref: state == .pending && decides ? SiteURL.meetingBookingDecision.link(id) : nil)
        }
        var days: [Day] = []
        let today = BeijingTime.day(now)
        for offset in 0..<7 {
            let day = BeijingTime.adding(days: offset, to: start)
            let next = BeijingTime.adding(days: 1, to: day)
            let date = BeijingTime.day(day)
            days.append(Day(label: "周" + Strings.Meetings.weekdays[offset] + " " + String(date.suffix(5)), date: date, today: date == today,
                            blocks: try bookings.filter { $0.startsAt < next && $0.endsAt > day }.map { try block($0, day: day) }))
        }
        var blank = form
        if blank.date == nil { blank.date = today }
        let pending = decides ? try await RoomBooking.query(on: req.db).filter(\.$roomID == roomID).filter(\.$state == RoomBooking.State.pending.rawValue)
            .sort(\.$startsAt).all() : []
        let pendingNames = Dictionary(try await User.query(on: req.db).filter(\.$id ~~ pending.map(\.bookedBy)).all().compactMap { user in user.id.map { ($0, user.name) } }) { a, _ in a }
        let pendingBlocks = try pending.map { booking -> Block in
            var line = try block(booking, day: BeijingTime.startOfDay(booking.startsAt))
            line.time = DisplayFormat.minute(booking.startsAt) + "–" + BeijingTime.time(booking.endsAt)
            line.bookedBy = pendingNames[booking.bookedBy] ?? ""
            return line
        }
        let week = BeijingTime.day(start)
        return try await req.renderPage("meetings/room-week", title: room.name, section: .meetings, WeekPage(
            room: try await Self.line(room, on: req.db), editHref: organizes ? SiteURL.meetingRoomEdit.link(roomID) : nil, week: week,
            prevHref: SiteURL.meetingRoom.link(roomID) + "?week=" + BeijingTime.day(BeijingTime.adding(days: -7, to: start)),
            nextHref: SiteURL.meetingRoom.link(roomID) + "?week=" + BeijingTime.day(BeijingTime.adding(days: 7, to: start)),
            hours: stride(from: Self.gridStart / 60, to: Self.gridEnd / 60, by: 1).map { String(format: "%02d:00", $0) }, days: days,
            pending: pendingBlocks, bookAction: SiteURL.meetingRoomBookings.link(roomID), form: blank, errors: errors, error: error), status: status)
    }

    @Sendable func book(req: Request) async throws -> Response {
        let access = try await req.access()
        let room = try await MeetingLookup.room(try req.idParameter("roomID"), access: access, on: req.db)
        let form = try req.content.decode(BookingForm.self)
        do {
            let booking = try await RoomService.book(try room.requireID(), title: form.title,
                                                     start: BeijingTime.date(day: form.date ?? "", time: form.start ?? ""),
                                                     end: BeijingTime.date(day: form.date ?? "", time: form.end ?? ""),
                                                     access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(booking.stateValue == .pending ? Strings.Meetings.bookedPending : Strings.Meetings.booked)
            return req.redirect(to: SiteURL.meetingRoom.link(try room.requireID()) + "?week=" + BeijingTime.day(booking.startsAt))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderWeek(req, room: room, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let access = try await req.access()
        let booking = try await RoomService.cancel(try req.idParameter("bookingID"), access: access, actor: req.workflowActor(access), app: req.application)
        req.flash(Strings.Meetings.bookingCancelled)
        return req.redirect(to: SiteURL.meetingRoom.link(booking.roomID) + "?week=" + BeijingTime.day(booking.startsAt))
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(BookingForm.self)
        let approve = (try? req.content.get(String.self, at: "accept")) == "true"
        let id = try req.idParameter("bookingID")
        guard let found = try await RoomBooking.find(id, on: req.db) else { throw AppError.notFound() }
        let room = try await MeetingLookup.room(found.roomID, access: access, on: req.db)
        do {
            let booking = try await RoomService.decide(id, approve: approve, reason: form.reason, access: access, actor: req.workflowActor(access),
                                                       app: req.application)
            req.flash(approve ? Strings.Meetings.bookingApprovedDone : Strings.Meetings.bookingRefusedDone)
            return req.redirect(to: SiteURL.meetingRoom.link(booking.roomID) + "?week=" + BeijingTime.day(booking.startsAt))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderWeek(req, room: room, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }
}

import Fluent
import Foundation
import Vapor

/// `/api/v1/meetings` and `/api/v1/rooms`: the same ``MeetingService`` and ``RoomService`` calls as the pages, for a
/// phone client or an integrator. Times are RFC 3339 (`2026-12-08T09:30:00+08:00`).
struct MeetingAPIController {
    struct AgendaBody: Content, Sendable {
        var title: String
        var reporter: String?
        var minutes: Int?
    }

    struct UnitBody: Content, Sendable {
        var unitId: UUID
        var quota: Int?
    }

    struct ServiceBody: Content, Sendable {
        var kind: MeetingServiceRequest.Kind
        var note: String?
    }

    struct MeetingBody: Content, Sendable {
        var title: String?
        var kind: String?
        var urgent: Bool?
        var startsAt: String?
        var endsAt: String?
        var venue: String?
        var roomId: UUID?
        var place: String?
        var videoUrl: String?
        var hostId: UUID?
        var notes: String?
        var materialsFrom: String?
        var agenda: [AgendaBody]?
        var attendeeIds: [UUID]?
        var rostrumIds: [UUID]?
        var units: [UnitBody]?
        var services: [ServiceBody]?
        /// PATCH: the version the change is based on.
        var version: Int?

        func input() throws -> MeetingService.Input {
            let rostrum = rostrumIds ?? []
            let attendees = attendeeIds ?? []
            var materials: Date?
            if let text = materialsFrom { materials = try RFC3339.parse(text, field: "materialsFrom") }
            return MeetingService.Input(
                title: title, kind: kind, urgent: urgent ?? false, start: try startsAt.map { try RFC3339.parse($0, field: "startsAt") },
                end: try endsAt.map { try RFC3339.parse($0, field: "endsAt") }, venue: venue, roomID: roomId, place: place, videoURL: videoUrl, hostID: hostId,
                notes: notes, materialsFrom: materials,
                agenda: (agenda ?? []).map { .init(title: $0.title, reporter: $0.reporter ?? "", minutes: $0.minutes ?? 0) },
                attendeeIDs: attendees + rostrum.filter { !attendees.contains($0) }, rostrumIDs: rostrum,
                units: (units ?? []).map { ($0.unitId, $0.quota ?? 0) }, services: (services ?? []).map { .init(kind: $0.kind, note: $0.note ?? "") })
        }
    }

    struct ReasonBody: Content, Sendable {
        var reason: String?
    }

    struct ReplyBody: Content, Sendable {
        var reply: MeetingAttendee.Reply?
        var reason: String?
        var substituteId: UUID?
    }

    struct SignInBody: Content, Sendable {
        /// The 会务 ticking someone in; absent: the caller signs themself in.
        var attendeeId: UUID?
        var undo: Bool?
    }

    struct NamesBody: Content, Sendable {
        var userIds: [UUID]?
    }

    struct MoveBody: Content, Sendable {
        var attendeeId: UUID
        var zone: MeetingAttendee.Zone
        var row: Int?
        var number: Int
    }

    struct MinutesBody: Content, Sendable {
        var issuerCodeId: UUID?
    }

    struct FileBody: Content, Sendable {
        var name: String
        var contentBase64: String
    }

    struct RoomBody: Content, Sendable {
        var name: String?
        var location: String?
        var capacity: Int?
        var equipment: [String]?
        var rows: Int?
        var seatsPerRow: Int?
        var rostrumSeats: Int?
        var approverId: UUID?
        var disabled: Bool?
        var version: Int?

        var input: RoomService.RoomInput {
            RoomService.RoomInput(name: name, location: location, capacity: capacity, equipment: (equipment ?? []).joined(separator: "\n"), rows: rows,
                                  seatsPerRow: seatsPerRow, rostrumSeats: rostrumSeats, approverID: approverId, disabled: disabled ?? false)
        }
    }

    struct BookingBody: Content, Sendable {
        var title: String?
        var startsAt: String?
        var endsAt: String?
    }

    struct DecisionBody: Content, Sendable {
        var approve: Bool?
        var reason: String?
    }

    struct Lines: Content, Sendable {
        var items: [MeetingLine]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct Reminded: Content, Sendable {
        var reminded: Int
    }

    struct Arranged: Content, Sendable {
        var unseated: Int
    }

    struct MinutesDrafted: Content, Sendable {
        var outgoingId: UUID
        var url: String
    }

    struct FileSaved: Content, Sendable {
        var id: UUID
        var name: String
        var size: Int
        var url: String
    }

    struct RoomView: Content, Sendable {
        var id: UUID
        var unitId: UUID
        var unitName: String
        var name: String
        var location: String
        var capacity: Int
        var equipment: [String]
        var rows: Int
        var seatsPerRow: Int
        var rostrumSeats: Int
        var approverId: UUID?
        var disabled: Bool
        var version: Int

        init(_ room: MeetingRoom, tree: UnitTree) throws {
            id = try room.requireID()
            unitId = room.unitID
            unitName = tree.nameOf[room.unitID] ?? ""
            name = room.name
            location = room.location
            capacity = room.capacity
            equipment = room.equipmentList
            rows = room.rows
            seatsPerRow = room.seatsPerRow
            rostrumSeats = room.rostrumSeats
            approverId = room.approverID
            disabled = room.isDisabled
            version = room.version
        }
    }

    struct Rooms: Content, Sendable {
        var items: [RoomView]
    }

    struct BookingView: Content, Sendable {
        var id: UUID
        var roomId: UUID
        var meetingId: UUID?
        var title: String
        var startsAt: Date
        var endsAt: Date
        var state: RoomBooking.State
        var bookedBy: UUID

        init(_ booking: RoomBooking) throws {
            id = try booking.requireID()
            roomId = booking.roomID
            meetingId = booking.meetingID
            title = booking.title
            startsAt = booking.startsAt
            endsAt = booking.endsAt
            state = booking.stateValue
            bookedBy = booking.bookedBy
        }
    }

    struct Bookings: Content, Sendable {
        var items: [BookingView]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get("meetings", use: list)
        routes.post("meetings", use: create)
        routes.get("meetings", ":meetingID", use: show)
        routes.patch("meetings", ":meetingID", use: update)
        routes.post("meetings", ":meetingID", "notify", use: notify)
        routes.post("meetings", ":meetingID", "submit", use: submit)
        routes.post("meetings", ":meetingID", "cancel", use: cancel)
        routes.post("meetings", ":meetingID", "reply", use: reply)
        routes.post("meetings", ":meetingID", "sign-in", use: signIn)
        routes.post("meetings", ":meetingID", "remind", use: remind)
        routes.post("meetings", ":meetingID", "units", ":unitID", "receive", use: receive)
        routes.post("meetings", ":meetingID", "units", ":unitID", "attendees", use: nameAttendees)
        routes.post("meetings", ":meetingID", "seats", use: arrange)
        routes.post("meetings", ":meetingID", "seats", "move", use: move)
        routes.post("meetings", ":meetingID", "minutes", use: minutes)
        routes.on(.POST, "meetings", ":meetingID", "files", body: .collect(maxSize: "28mb"), use: upload)
        routes.get("meetings", ":meetingID", "files", ":fileID", use: file)
        routes.post("meetings", ":meetingID", "services", ":requestID", "done", use: serviceDone)
        routes.get("rooms", use: rooms)
        routes.post("rooms", use: createRoom)
        routes.get("rooms", ":roomID", use: room)
        routes.patch("rooms", ":roomID", use: updateRoom)
        routes.get("rooms", ":roomID", "bookings", use: bookings)
        routes.post("rooms", ":roomID", "bookings", use: book)
        routes.post("bookings", ":bookingID", "cancel", use: cancelBooking)
        routes.post("bookings", ":bookingID", "decision", use: decideBooking)
    }

    private func view(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let meeting = try await MeetingLookup.visible(id, access: access, on: req.db)
        return try APIResponse.json(try await MeetingView.load(meeting, access: access, on: req.db), status: status)
    }

    /// `view=mine|organized|invited`, `when=upcoming|past`, `page`, `perPage`.
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let paging = try PeopleFilter.fromQuery(req, perPageLimit: 200)
        guard let view = MeetingBoard.View(rawValue: req.queryValue("view") ?? "mine") else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["view": Strings.Meetings.viewInvalid])
        }
        let when = req.queryValue("when") ?? "upcoming"
        guard when == "upcoming" || when == "past" else { throw AppError.validation(Strings.Error.formInvalid, fields: ["when": Strings.Meetings.viewInvalid]) }
        let page = try await MeetingBoard.list(view, past: when == "past", access: access, page: paging.page, perPage: paging.perPage, on: req.db)
        return try APIResponse.json(Lines(items: try await MeetingLine.load(page.items, access: access, links: .api, on: req.db), total: page.total,
                                          page: paging.page, perPage: paging.perPage))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(MeetingBody.self)
        let meeting = try await MeetingService.create(try body.input(), access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(try meeting.requireID(), req, status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await view(try req.idParameter("meetingID"), req)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("meetingID")
        _ = try await MeetingLookup.visible(id, access: access, on: req.db)
        let body = try req.content.decode(MeetingBody.self)
        guard let version = body.version else {
            throw AppError.validation(Strings.Meetings.editedMeanwhile, fields: ["version": Strings.Meetings.editedMeanwhile])
        }
        try await MeetingService.edit(id, try body.input(), expectedVersion: version, access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func notify(req: Request) async throws -> Response {
        let access = try await req.access()
        let meeting = try await MeetingService.notify(try req.idParameter("meetingID"), access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(try meeting.requireID(), req)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let access = try await req.access()
        let meeting = try await MeetingService.submit(try req.idParameter("meetingID"), access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(try meeting.requireID(), req)
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ReasonBody.self)
        let meeting = try await MeetingService.cancel(try req.idParameter("meetingID"), reason: body.reason, access: access, actor: req.workflowActor(access),
                                                      app: req.application)
        return try await view(try meeting.requireID(), req)
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ReplyBody.self)
        let id = try req.idParameter("meetingID")
        _ = try await MeetingService.reply(id, .init(reply: body.reply, reason: body.reason, substituteID: body.substituteId), access: access,
                                           actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = (try? req.content.decode(SignInBody.self)) ?? SignInBody()
        let id = try req.idParameter("meetingID")
        _ = try await MeetingService.signIn(id, attendee: body.attendeeId, undo: body.undo ?? false, access: access, actor: req.workflowActor(access),
                                            app: req.application)
        return try await view(id, req)
    }

    @Sendable func remind(req: Request) async throws -> Response {
        let access = try await req.access()
        let count = try await MeetingService.remind(try req.idParameter("meetingID"), access: access, actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(Reminded(reminded: count))
    }

    @Sendable func receive(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("meetingID")
        _ = try await MeetingService.receive(id, unit: try req.idParameter("unitID"), access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func nameAttendees(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("meetingID")
        let body = try req.content.decode(NamesBody.self)
        _ = try await MeetingService.name(id, unit: try req.idParameter("unitID"), people: body.userIds ?? [], access: access, actor: req.workflowActor(access),
                                          app: req.application)
        return try await view(id, req)
    }

    @Sendable func arrange(req: Request) async throws -> Response {
        let access = try await req.access()
        let unseated = try await MeetingService.arrangeSeats(try req.idParameter("meetingID"), access: access, actor: req.workflowActor(access),
                                                             app: req.application)
        return try APIResponse.json(Arranged(unseated: unseated))
    }

    @Sendable func move(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("meetingID")
        let body = try req.content.decode(MoveBody.self)
        try await MeetingService.moveSeat(id, attendee: body.attendeeId, to: .init(zone: body.zone, row: body.zone == .rostrum ? 1 : body.row ?? 0, number: body.number),
                                          access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = (try? req.content.decode(MinutesBody.self)) ?? MinutesBody()
        let document = try await MeetingService.draftMinutes(try req.idParameter("meetingID"), issuerCode: body.issuerCodeId, access: access,
                                                             actor: req.workflowActor(access), app: req.application)
        let id = try document.requireID()
        return try APIResponse.json(MinutesDrafted(outgoingId: id, url: APIURL.outgoing.link(id)), status: .created)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(FileBody.self)
        guard let data = Data(base64Encoded: body.contentBase64) else {
            throw AppError.validation(Strings.Meetings.fileRefused, fields: ["contentBase64": Strings.Meetings.fileRefused])
        }
        let id = try req.idParameter("meetingID")
        let file = try await MeetingService.addFile(id, upload: .init(name: body.name, data: data), access: access, actor: req.workflowActor(access),
                                                    app: req.application)
        let fileID = try file.requireID()
        return try APIResponse.json(FileSaved(id: fileID, name: file.name, size: file.size, url: APIURL.meetingFile.link(id, fileID)), status: .created)
    }

    @Sendable func file(req: Request) async throws -> Response {
        let file = try await MeetingService.file(try req.idParameter("meetingID"), file: try req.idParameter("fileID"), access: try await req.access(), on: req.db)
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }

    @Sendable func serviceDone(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("meetingID")
        _ = try await MeetingService.serviceDone(id, request: try req.idParameter("requestID"), access: access, actor: req.workflowActor(access),
                                                 app: req.application)
        return try await view(id, req)
    }

    // MARK: Rooms and bookings

    @Sendable func rooms(req: Request) async throws -> Response {
        let access = try await req.access()
        let list = try await RoomService.rooms(access: access, includeDisabled: !access.meetingUnits.isEmpty, on: req.db)
        return try APIResponse.json(Rooms(items: try list.map { try RoomView($0, tree: access.tree) }))
    }

    @Sendable func createRoom(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(RoomBody.self)
        let room = try await RoomService.createRoom(body.input, access: access, actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try RoomView(room, tree: access.tree), status: .created)
    }

    @Sendable func room(req: Request) async throws -> Response {
        let access = try await req.access()
        let room = try await MeetingLookup.room(try req.idParameter("roomID"), access: access, on: req.db)
        return try APIResponse.json(try RoomView(room, tree: access.tree))
    }

    @Sendable func updateRoom(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("roomID")
        _ = try await MeetingLookup.room(id, access: access, on: req.db)
        let body = try req.content.decode(RoomBody.self)
        guard let version = body.version else {
            throw AppError.validation(Strings.Meetings.editedMeanwhile, fields: ["version": Strings.Meetings.editedMeanwhile])
        }
        let room = try await RoomService.editRoom(id, body.input, expectedVersion: version, access: access, actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try RoomView(room, tree: access.tree))
    }

    /// `from`, `to` (RFC 3339; default: this week, Monday to Monday, Beijing time).
    @Sendable func bookings(req: Request) async throws -> Response {
        let access = try await req.access()
        let room = try await MeetingLookup.room(try req.idParameter("roomID"), access: access, on: req.db)
        let from = try req.queryValue("from").map { try RFC3339.parse($0, field: "from") } ?? BeijingTime.weekStart(Date())
        let to = try req.queryValue("to").map { try RFC3339.parse($0, field: "to") } ?? BeijingTime.adding(days: 7, to: from)
        guard to > from, to.timeIntervalSince(from) <= 92 * 86_400 else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["to": Strings.Meetings.rangeInvalid])
        }
        let list = try await RoomService.bookings(of: try room.requireID(), from: from, to: to, on: req.db)
        return try APIResponse.json(Bookings(items: try list.map(BookingView.init)))
    }

    @Sendable func book(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(BookingBody.self)
        let booking = try await RoomService.book(try req.idParameter("roomID"), title: body.title,
                                                 start: try body.startsAt.map { try RFC3339.parse($0, field: "startsAt") },
                                                 end: try body.endsAt.map { try RFC3339.parse($0, field: "endsAt") }, access: access,
                                                 actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try BookingView(booking), status: .created)
    }

    @Sendable func cancelBooking(req: Request) async throws -> Response {
        let access = try await req.access()
        let booking = try await RoomService.cancel(try req.idParameter("bookingID"), access: access, actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try BookingView(booking))
    }

    @Sendable func decideBooking(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(DecisionBody.self)
        guard let approve = body.approve else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["approve": Strings.Meetings.approveRequired])
        }
        let booking = try await RoomService.decide(try req.idParameter("bookingID"), approve: approve, reason: body.reason, access: access,
                                                   actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try BookingView(booking))
    }
}

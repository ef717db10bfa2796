import Fluent
import Foundation
import Vapor

/// 会议 pages: the lists, the meeting form, the meeting page with every action its viewer may take (回执, 签收/报名,
/// 催报, 座次, 签到, 资料, 服务, 纪要) and the two print views. Every action is a ``MeetingService`` call; a refused form
/// comes back with what was typed.
struct MeetingPagesController {
    /// The meeting form as typed.
    struct MeetingForm: Content, Sendable {
        var version: String?
        var title: String?
        var kind: String?
        var urgent: String?
        var date: String?
        var start: String?
        var endDate: String?
        var end: String?
        var venue: String?
        var room: String?
        var place: String?
        var videoUrl: String?
        var host: String?
        var notes: String?
        var materialsDate: String?
        var materialsTime: String?
        var agendaTitle: [String]?
        var agendaReporter: [String]?
        var agendaMinutes: [String]?
        var attendees: [String]?
        var rostrum: [String]?
        var unitIds: [String]?
        var quotas: [String]?
        var services: [String]?
        var serviceNotes: [String]?

        init() {}

        init(_ meeting: Meeting, on db: any Database) async throws {
            let id = try meeting.requireID()
            version = String(meeting.version)
            title = meeting.title
            kind = meeting.kind
            urgent = meeting.urgent ? "on" : nil
            date = BeijingTime.day(meeting.startsAt)
            start = BeijingTime.time(meeting.startsAt)
            endDate = BeijingTime.day(meeting.endsAt) == date ? nil : BeijingTime.day(meeting.endsAt)
            end = BeijingTime.time(meeting.endsAt)
            venue = meeting.venue
            room = meeting.roomID?.uuidString
            place = meeting.place
            videoUrl = meeting.videoURL
            host = meeting.hostID?.uuidString
            notes = meeting.notes
            materialsDate = meeting.materialsFrom.map(BeijingTime.day)
            materialsTime = meeting.materialsFrom.map(BeijingTime.time)
            let agenda = try await MeetingAgendaItem.query(on: db).filter(\.$meetingID == id).sort(\.$position).all()
            agendaTitle = agenda.map(\.title)
            agendaReporter = agenda.map(\.reporter)
            agendaMinutes = agenda.map { $0.minutes > 0 ? String($0.minutes) : "" }
            let named = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$viaUnitID == nil).filter(\.$substituteFor == nil).all()
            attendees = named.map(\.userID.uuidString)
            rostrum = named.filter { $0.zoneValue == .rostrum }.map(\.userID.uuidString)
            let units = try await MeetingUnit.query(on: db).filter(\.$meetingID == id).all()
            unitIds = units.map(\.unitID.uuidString)
            quotas = units.map { String($0.quota) }
            let requests = try await MeetingServiceRequest.query(on: db).filter(\.$meetingID == id).all()
            services = requests.map(\.kind)
            serviceNotes = MeetingServiceRequest.Kind.allCases.map { kind in requests.first { $0.kind == kind.rawValue }?.note ?? "" }
        }

        var input: MeetingService.Input {
            func uuids(_ values: [String]?) -> [UUID] { (values ?? []).compactMap { UUID(uuidString: $0) } }
            var agenda: [MeetingService.AgendaLine] = []
            for (index, title) in (agendaTitle ?? []).enumerated() {
                let reporter = agendaReporter.flatMap { index < $0.count ? $0[index] : nil } ?? ""
                let minutesText = agendaMinutes.flatMap { index < $0.count ? $0[index] : nil } ?? ""
                let minutes = minutesText.trimmingCharacters(in: .whitespaces).isEmpty ? 0 : (Int(minutesText.trimmingCharacters(in: .whitespaces)) ?? -1)
                agenda.append(.init(title: title, reporter: reporter, minutes: minutes))
            }
            var units: [(UUID, Int)] = []
            for (index, raw) in (unitIds ?? []).enumerated() {
                guard let unit = UUID(uuidString: raw) else { continue }
                let quotaText = quotas.flatMap { index < $0.count ? $0[index] : nil }?.trimmingCharacters(in: .whitespaces) ?? ""
                units.append((unit, quotaText.isEmpty ? 0 : (Int(quotaText) ?? -1)))
            }
            let chosen = Set(services ?? [])
            let services = MeetingServiceRequest.Kind.allCases.enumerated().compactMap { index, kind -> MeetingService.ServiceLine? in
                guard chosen.contains(kind.rawValue) else { return nil }
                return .init(kind: kind, note: serviceNotes.flatMap { index < $0.count ? $0[index] : nil } ?? "")
            }
            let rostrumIDs = uuids(rostrum)
            let day = date ?? ""
            let endDay = (endDate ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? day : endDate ?? day
            return MeetingService.Input(
                title: title, kind: kind, urgent: urgent == "on" || urgent == "true",
                start: BeijingTime.date(day: day, time: start ?? ""), end: BeijingTime.date(day: endDay, time: end ?? ""), venue: venue,
                roomID: room.flatMap(UUID.init(uuidString:)), place: place, videoURL: videoUrl, hostID: host.flatMap(UUID.init(uuidString:)), notes: notes,
                materialsFrom: (materialsDate ?? "").isEmpty ? nil : BeijingTime.date(day: materialsDate ?? "", time: (materialsTime ?? "").isEmpty ? "00:00" : materialsTime ?? ""),
                agenda: agenda, attendeeIDs: uuids(attendees) + rostrumIDs.filter { !uuids(attendees).contains($0) }, rostrumIDs: rostrumIDs,
                units: units, services: services)
        }
    }

    /// Every form of the meeting page, as typed, so a refused one comes back filled in.
    struct ActionForms: Content, Sendable {
        var reply: String?
        var reason: String?
        var substitute: String?
        var attendees: [String]?
        var attendee: String?
        var zone: String?
        var row: String?
        var number: String?
        var undo: String?
        var issuerCode: String?
    }

    struct ListPage: Encodable, Sendable {
        var tabs: [ListTab]
        var view: String
        var past: Bool
        var upcomingHref: String
        var pastHref: String
        var lines: [MeetingLine]
        var newHref: String?
        var roomsHref: String
        var pager: Pager
    }

    struct AgendaRow: Encodable, Sendable {
        var title: String
        var reporter: String
        var minutes: String
    }

    struct UnitRow: Encodable, Sendable {
        var options: [SelectOption]
        var quota: String
    }

    struct ServiceRow: Encodable, Sendable {
        var value: String
        var label: String
        var checked: Bool
        var note: String
    }

    struct FormPage: Encodable, Sendable {
        var action: String
        var form: MeetingForm
        var editing: Bool
        var kinds: [SelectOption]
        var venues: [SelectOption]
        var rooms: [SelectOption]
        var hosts: [SelectOption]
        var people: [SelectOption]
        var rostrum: [SelectOption]
        var agenda: [AgendaRow]
        var units: [UnitRow]
        var services: [ServiceRow]
        var errors: [String: String]
        var error: String?
        var cancelHref: String
    }

    struct UnitPanel: Encodable, Sendable {
        var unitId: String
        var unitName: String
        var stateLabel: String
        var quota: Int
        var receiveHref: String?
        var nameHref: String
        var options: [SelectOption]
    }

    struct SeatOption: Encodable, Sendable {
        var value: String
        var label: String
    }

    struct ShowPage: Encodable, Sendable {
        var meeting: MeetingView
        var base: String
        var editHref: String?
        var roomHref: String?
        var minutesHref: String?
        var superviseHref: String?
        var seatChartHref: String?
        var cardsHref: String?
        var substitutes: [SelectOption]
        var unitPanels: [UnitPanel]
        var expected: [SeatOption]
        var absent: [String]
        var forms: ActionForms
        var errors: [String: String]
        var error: String?
        var failed: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.meetings, use: list)
        routes.post(SiteURL.meetings, use: create)
        routes.get(SiteURL.meetingNew, use: newForm)
        routes.get(SiteURL.meeting, use: show)
        routes.post(SiteURL.meeting, use: update)
        routes.get(SiteURL.meetingEdit, use: editForm)
        routes.post(SiteURL.meetingNotify, use: notify)
        routes.post(SiteURL.meetingCancel, use: cancel)
        routes.post(SiteURL.meetingReply, use: reply)
        routes.post(SiteURL.meetingUnitReceive, use: receive)
        routes.post(SiteURL.meetingUnitAttendees, use: nameAttendees)
        routes.post(SiteURL.meetingRemind, use: remind)
        routes.post(SiteURL.meetingSeats, use: arrange)
        routes.post(SiteURL.meetingSeatMove, use: move)
        routes.get(SiteURL.meetingSeatChart, use: MeetingPrintPages.seatChart)
        routes.get(SiteURL.meetingNameCards, use: MeetingPrintPages.nameCards)
        routes.post(SiteURL.meetingSignIn, use: signIn)
        routes.post(SiteURL.meetingMinutes, use: minutes)
        routes.on(.POST, SiteURL.meetingFiles.components, body: .collect(maxSize: "21mb"), use: upload)
        routes.get(SiteURL.meetingFile, use: file)
        routes.post(SiteURL.meetingServiceDone, use: serviceDone)
    }

    // MARK: Lists

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let organizes = !access.meetingUnits.isEmpty
        let view = MeetingBoard.View(rawValue: req.queryValue("view") ?? "") ?? .mine
        let past = req.queryValue("when") == "past"
        let pageNumber = max(1, min(100_000, req.queryInt("page") ?? 1))
        let page = try await MeetingBoard.list(view, past: past, access: access, page: pageNumber, perPage: 20, on: req.db)
        let t = Strings.page
        var tabs = [ListTab(key: "mine", label: t["meetings_tab_mine"]!, count: nil, href: "/meetings?view=mine", active: view == .mine)]
        if organizes {
            tabs.append(ListTab(key: "organized", label: t["meetings_tab_organized"]!, count: nil, href: "/meetings?view=organized", active: view == .organized))
        }
        if !access.exchangeUnits.isEmpty {
            let waiting = try await MeetingBoard.waitingForUnits(access: access, on: req.db)
            tabs.append(ListTab(key: "invited", label: t["meetings_tab_invited"]!, count: waiting > 0 ? waiting : nil, href: "/meetings?view=invited",
                                active: view == .invited))
        }
        return try await req.renderPage("meetings/list", title: Strings.Meetings.listTitle, section: .meetings, ListPage(
            tabs: tabs, view: view.rawValue, past: past, upcomingHref: "/meetings?view=\(view.rawValue)", pastHref: "/meetings?view=\(view.rawValue)&when=past",
            lines: try await MeetingLine.load(page.items, access: access, links: .page, on: req.db),
            newHref: access.organizesMeetings(for: access.unitID) ? SiteURL.meetingNew.path : nil, roomsHref: SiteURL.meetingRooms.path,
            pager: Pager(page: pageNumber, perPage: 20, total: page.total, request: req)))
    }

    // MARK: The form

    @Sendable func newForm(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.organizesMeetings(for: access.unitID) else { throw AppError.forbidden(Strings.Meetings.notOrganizer) }
        var form = MeetingForm()
        form.kind = Meeting.Kind.office.rawValue
        form.venue = Meeting.Venue.room.rawValue
        form.date = BeijingTime.day(BeijingTime.adding(days: 1, to: Date()))
        form.start = "09:00"
        form.end = "11:00"
        if let room = req.queryValue("room") { form.room = room }
        return try await renderForm(req, form: form, meeting: nil, errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(MeetingForm.self)
        do {
            let meeting = try await MeetingService.create(form.input, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Meetings.created)
            return req.redirect(to: SiteURL.meeting.link(try meeting.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderForm(req, form: form, meeting: nil, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let access = try await req.access()
        let meeting = try await MeetingLookup.organized(try req.idParameter("meetingID"), access: access, on: req.db)
        return try await renderForm(req, form: try await MeetingForm(meeting, on: req.db), meeting: meeting, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let meeting = try await MeetingLookup.organized(try req.idParameter("meetingID"), access: access, on: req.db)
        let form = try req.content.decode(MeetingForm.self)
        do {
            try await MeetingService.edit(try meeting.requireID(), form.input, expectedVersion: form.version.flatMap(Int.init) ?? -1, access: access,
                                          actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Meetings.saved)
            return req.redirect(to: SiteURL.meeting.link(try meeting.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderForm(req, form: form, meeting: meeting, errors: error.fields, error: error.message, status: error.status)
        }
    }

    private func renderForm(_ req: Request, form: MeetingForm, meeting: Meeting?, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let chosen = Set((form.attendees ?? []) + (form.rostrum ?? []))
        let extra = chosen.compactMap(UUID.init(uuidString:)) + [form.host].compactMap { $0.flatMap(UUID.init(uuidString:)) }
        let people = try await MeetingPeople.candidates(access: access, including: extra, on: req.db)
        let rooms = try await RoomService.rooms(access: access, on: req.db)
        let unitCandidates = try await MeetingPeople.units(access: access, on: req.db)
        let rostrumSet = Set(form.rostrum ?? [])
        let attendeeSet = Set(form.attendees ?? [])
        func unitRow(_ chosenUnit: String?, quota: String) -> UnitRow {
            UnitRow(options: [SelectOption(value: "", label: Strings.page["meetings_none"]!, selected: (chosenUnit ?? "").isEmpty)]
                        + unitCandidates.map { SelectOption(value: $0.id.uuidString, label: $0.label, selected: chosenUnit == $0.id.uuidString) },
                    quota: quota)
        }
        var unitRows: [UnitRow] = (form.unitIds ?? []).enumerated().map { index, unit in
            unitRow(unit, quota: form.quotas.flatMap { index < $0.count ? $0[index] : nil } ?? "")
        }
        unitRows += (0..<3).map { _ in unitRow(nil, quota: "") }
        var agenda = (form.agendaTitle ?? []).enumerated().map { index, title in
            AgendaRow(title: title, reporter: form.agendaReporter.flatMap { index < $0.count ? $0[index] : nil } ?? "",
                      minutes: form.agendaMinutes.flatMap { index < $0.count ? $0[index] : nil } ?? "")
        }
        agenda += (0..<3).map { _ in AgendaRow(title: "", reporter: "", minutes: "") }
        let chosenServices = Set(form.services ?? [])
        let id = try meeting?.requireID()
        let page = FormPage(
            action: id.map { SiteURL.meeting.link($0) } ?? SiteURL.meetings.path, form: form, editing: meeting != nil,
            kinds: Meeting.Kind.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Meetings.kindLabel($0), selected: form.kind == $0.rawValue) },
            venues: Meeting.Venue.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Meetings.venueLabel($0), selected: form.venue == $0.rawValue) },
            rooms: [SelectOption(value: "", label: Strings.page["meetings_none"]!, selected: (form.room ?? "").isEmpty)] + rooms.compactMap { room in
                room.id.map { SelectOption(value: $0.uuidString, label: room.name + "（\(room.capacity)）", selected: form.room == $0.uuidString) }
            },
            hosts: [SelectOption(value: "", label: Strings.page["meetings_none"]!, selected: (form.host ?? "").isEmpty)]
                + people.map { SelectOption(value: $0.id.uuidString, label: $0.label, selected: form.host == $0.id.uuidString) },
            people: people.map { SelectOption(value: $0.id.uuidString, label: $0.label, selected: attendeeSet.contains($0.id.uuidString)) },
            rostrum: people.map { SelectOption(value: $0.id.uuidString, label: $0.label, selected: rostrumSet.contains($0.id.uuidString)) },
            agenda: agenda, units: unitRows,
            services: MeetingServiceRequest.Kind.allCases.enumerated().map { index, kind in
                ServiceRow(value: kind.rawValue, label: Strings.Meetings.serviceLabel(kind), checked: chosenServices.contains(kind.rawValue),
                           note: form.serviceNotes.flatMap { index < $0.count ? $0[index] : nil } ?? "")
            },
            errors: errors, error: error, cancelHref: id.map { SiteURL.meeting.link($0) } ?? SiteURL.meetings.path)
        return try await req.renderPage("meetings/form", title: meeting == nil ? Strings.Meetings.newTitle : Strings.Meetings.editTitle, section: .meetings,
                                        page, status: status)
    }

    // MARK: The meeting

    @Sendable func show(req: Request) async throws -> Response {
        let access = try await req.access()
        let meeting = try await MeetingLookup.visible(try req.idParameter("meetingID"), access: access, on: req.db)
        return try await renderShow(req, meeting, forms: ActionForms(), errors: [:], error: nil, failed: nil)
    }

    private func renderShow(_ req: Request, _ meeting: Meeting, forms: ActionForms, errors: [String: String], error: String?, failed: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let view = try await MeetingView.load(meeting, access: access, links: .page, on: req.db)
        let id = view.id
        var substitutes: [SelectOption] = []
        if view.actions.reply, view.mine?.substituteForName == nil {
            let taken = Set(view.attendees.map(\.userId))
            substitutes = try await MeetingPeople.members(of: access.unitID, on: req.db).filter { !taken.contains($0.id) }.map {
                SelectOption(value: $0.id.uuidString, label: $0.label, selected: forms.substitute == $0.id.uuidString)
            }
        }
        var panels: [UnitPanel] = []
        for unit in view.units where unit.mine && view.state == .notified {
            let named = Set(view.attendees.filter { $0.viaUnitName == unit.unitName }.map(\.userId.uuidString)).union(forms.attendees ?? [])
            panels.append(UnitPanel(
                unitId: unit.unitId.uuidString, unitName: unit.unitName, stateLabel: unit.stateLabel, quota: unit.quota,
                receiveHref: unit.state == .sent ? SiteURL.meetingUnitReceive.link(id, unit.unitId) : nil,
                nameHref: SiteURL.meetingUnitAttendees.link(id, unit.unitId),
                options: try await MeetingPeople.members(of: unit.unitId, on: req.db).map {
                    SelectOption(value: $0.id.uuidString, label: $0.label, selected: named.contains($0.id.uuidString))
                }))
        }
        let organizer = access.organizesMeetings(for: meeting.unitID)
        let started = Date() >= meeting.startsAt
        return try await req.renderPage("meetings/show", title: meeting.title, section: .meetings, ShowPage(
            meeting: view, base: SiteURL.meeting.link(id), editHref: view.actions.edit ? SiteURL.meetingEdit.link(id) : nil,
            roomHref: view.room.map { SiteURL.meetingRoom.link($0.id) + "?week=" + BeijingTime.day(meeting.startsAt) },
            minutesHref: view.minutesId.map { SiteURL.outgoing.link($0) },
            superviseHref: access.has(.supervisionManage) && view.state == .notified ? SiteURL.supervisionNew.path + "?meeting=" + id.uuidString : nil,
            seatChartHref: view.venue == .room && organizer ? SiteURL.meetingSeatChart.link(id) : nil,
            cardsHref: organizer ? SiteURL.meetingNameCards.link(id) : nil, substitutes: substitutes, unitPanels: panels,
            expected: view.attendees.filter(\.expected).map { SeatOption(value: $0.id.uuidString, label: $0.name + ($0.seatLabel.map { " · " + $0 } ?? "")) },
            absent: organizer && started ? view.attendees.filter { $0.expected && !$0.signedIn }.map(\.name) : [],
            forms: forms, errors: errors, error: error, failed: failed), status: status)
    }

    /// Runs an action of the meeting page: on success back to the meeting with `done`; refused, the page again with the
    /// form as typed.
    private func act<Result: Sendable>(_ req: Request, name: String, done: @escaping @Sendable (Result) -> String,
                                       _ body: @escaping @Sendable (Meeting, Access, ActionForms) async throws -> Result) async throws -> Response {
        let access = try await req.access()
        let meeting = try await MeetingLookup.visible(try req.idParameter("meetingID"), access: access, on: req.db)
        let forms = (try? req.content.decode(ActionForms.self)) ?? ActionForms()
        do {
            let result = try await body(meeting, access, forms)
            req.flash(done(result))
            return req.redirect(to: SiteURL.meeting.link(try meeting.requireID()))
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden, .payloadTooLarge].contains(error.status) {
            guard let fresh = try await Meeting.find(meeting.id, on: req.db) else { throw AppError.notFound() }
            return try await renderShow(req, fresh, forms: forms, errors: error.fields, error: error.message, failed: name, status: error.status)
        }
    }

    @Sendable func notify(req: Request) async throws -> Response {
        try await act(req, name: "notify", done: { _ in Strings.Meetings.notified }) { meeting, access, _ in
            try await MeetingService.notify(try meeting.requireID(), access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        try await act(req, name: "cancel", done: { _ in Strings.Meetings.cancelledDone }) { meeting, access, forms in
            try await MeetingService.cancel(try meeting.requireID(), reason: forms.reason, access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func reply(req: Request) async throws -> Response {
        try await act(req, name: "reply", done: { _ in Strings.Meetings.replied }) { meeting, access, forms in
            try await MeetingService.reply(try meeting.requireID(), .init(reply: MeetingAttendee.Reply(rawValue: forms.reply ?? ""), reason: forms.reason,
                                                                          substituteID: forms.substitute.flatMap(UUID.init(uuidString:))),
                                           access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func receive(req: Request) async throws -> Response {
        let unit = try req.idParameter("unitID")
        return try await act(req, name: "unit", done: { _ in Strings.Meetings.received }) { meeting, access, _ in
            try await MeetingService.receive(try meeting.requireID(), unit: unit, access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func nameAttendees(req: Request) async throws -> Response {
        let unit = try req.idParameter("unitID")
        return try await act(req, name: "unit", done: { _ in Strings.Meetings.named }) { meeting, access, forms in
            try await MeetingService.name(try meeting.requireID(), unit: unit, people: (forms.attendees ?? []).compactMap(UUID.init(uuidString:)), access: access,
                                          actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func remind(req: Request) async throws -> Response {
        try await act(req, name: "remind", done: { count in Strings.Meetings.reminded(count) }) { meeting, access, _ in
            try await MeetingService.remind(try meeting.requireID(), access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func arrange(req: Request) async throws -> Response {
        try await act(req, name: "seats", done: { unseated in Strings.Meetings.seatsArranged(unseated: unseated) }) { meeting, access, _ in
            try await MeetingService.arrangeSeats(try meeting.requireID(), access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func move(req: Request) async throws -> Response {
        try await act(req, name: "seats", done: { _ in Strings.Meetings.seatMoved }) { meeting, access, forms in
            guard let attendee = forms.attendee.flatMap(UUID.init(uuidString:)) else {
                throw AppError.validation(Strings.Error.formInvalid, fields: ["seat": Strings.Meetings.seatOutsideRoom])
            }
            let zone = MeetingAttendee.Zone(rawValue: forms.zone ?? "") ?? .hall
            let seat = SeatPlan.Seat(zone: zone, row: zone == .rostrum ? 1 : Int(forms.row ?? "") ?? 0, number: Int(forms.number ?? "") ?? 0)
            try await MeetingService.moveSeat(try meeting.requireID(), attendee: attendee, to: seat, access: access, actor: req.workflowActor(access),
                                              app: req.application)
            return true
        }
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let undo = (try? req.content.get(String.self, at: "undo")) == "true"
        return try await act(req, name: "signIn", done: { _ in undo ? Strings.Meetings.signInUndone : Strings.Meetings.signedIn }) { meeting, access, forms in
            try await MeetingService.signIn(try meeting.requireID(), attendee: forms.attendee.flatMap(UUID.init(uuidString:)), undo: undo, access: access,
                                            actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        let access = try await req.access()
        let meeting = try await MeetingLookup.visible(try req.idParameter("meetingID"), access: access, on: req.db)
        let forms = (try? req.content.decode(ActionForms.self)) ?? ActionForms()
        do {
            let document = try await MeetingService.draftMinutes(try meeting.requireID(), issuerCode: forms.issuerCode.flatMap(UUID.init(uuidString:)),
                                                                 access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Meetings.minutesDrafted)
            return req.redirect(to: SiteURL.outgoingEdit.link(try document.requireID()))
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden].contains(error.status) {
            return try await renderShow(req, meeting, forms: forms, errors: error.fields, error: error.message, failed: "minutes", status: error.status)
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        try await act(req, name: "file", done: { _ in Strings.Meetings.fileAdded }) { meeting, access, _ in
            guard let file = try? req.content.get(File.self, at: "file") else {
                throw AppError.validation(Strings.Meetings.fileRefused, fields: ["file": Strings.Meetings.fileRefused])
            }
            return try await MeetingService.addFile(try meeting.requireID(), upload: .init(name: file.filename, data: Data(file.data.readableBytesView)),
                                                    access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        let file = try await MeetingService.file(try req.idParameter("meetingID"), file: try req.idParameter("fileID"), access: try await req.access(), on: req.db)
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }

    @Sendable func serviceDone(req: Request) async throws -> Response {
        let request = try req.idParameter("requestID")
        return try await act(req, name: "services", done: { _ in Strings.Meetings.serviceMarked }) { meeting, access, _ in
            try await MeetingService.serviceDone(try meeting.requireID(), request: request, access: access, actor: req.workflowActor(access), app: req.application)
        }
    }
}

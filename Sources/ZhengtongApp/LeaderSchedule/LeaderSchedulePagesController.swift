import Fluent
import Foundation
import Gongwen
import Vapor

/// 领导日程 pages: the week table (and its print view), 发布, entering and changing an activity with the clash shown
/// before saving, 撤销, and the statistics with their CSV. Every action is a ``LeaderActivities`` call; a refused form
/// comes back with what was typed.
struct LeaderSchedulePagesController {
    /// The activity form as typed.
    struct ActivityForm: Content, Sendable {
        var version: String?
        var leader: String?
        var day: String?
        var endDay: String?
        var period: String?
        var startTime: String?
        var endTime: String?
        var kind: String?
        var content: String?
        var place: String?
        var companions: String?
        var notes: String?
        /// Set once the editor has seen the clashes and saves anyway.
        var confirm: String?

        var input: LeaderActivities.Input {
            LeaderActivities.Input(leaderID: FieldRules.uuid(leader), day: day, endDay: endDay, period: period, startTime: startTime, endTime: endTime,
                                   kind: kind, content: content, place: place, companions: companions, notes: notes)
        }

        var confirmed: Bool { confirm == "1" || confirm == "on" || confirm == "true" }

        init() {}

        init(_ activity: LeaderActivity) {
            version = String(activity.version)
            leader = activity.leaderID.uuidString
            day = activity.day
            endDay = activity.endDay == activity.day ? "" : activity.endDay
            period = activity.period
            startTime = ScheduleClock.clock(activity.startsAt)
            endTime = ScheduleClock.clock(activity.endsAt)
            kind = activity.kind
            content = activity.content
            place = activity.place
            companions = activity.companions
            notes = activity.notes
        }
    }

    struct WeekPage: Encodable, Sendable {
        var units: [SelectOption]
        var unitID: String
        var week: String
        var prevHref: String
        var nextHref: String
        var thisHref: String
        var printHref: String
        var table: LeaderScheduleWeek
        var lines: [LeaderScheduleWeek.Line]
        var publishedAt: String?
        var canEdit: Bool
        var canPublish: Bool
        var newHref: String?
        var statsHref: String?
        var activities: [LeaderActivityView]
    }

    struct PrintPage: Encodable, Sendable {
        var table: LeaderScheduleWeek
        var lines: [LeaderScheduleWeek.Line]
        var range: String
        var printedAt: String
    }

    struct FormPage: Encodable, Sendable {
        var action: String
        var form: ActivityForm
        var editing: Bool
        var editable: Bool
        var leaders: [SelectOption]
        var periods: [SelectOption]
        var kinds: [SelectOption]
        var clashes: [LeaderActivities.Clash]
        var errors: [String: String]
        var error: String?
        var cancelAction: String?
        var fromMeeting: Bool
        var backHref: String
    }

    struct StatsPage: Encodable, Sendable {
        var units: [SelectOption]
        var from: String
        var to: String
        var table: LeaderScheduleStats.Table?
        var csvHref: String?
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.schedules, use: week)
        routes.get(SiteURL.schedulesPrint, use: printView)
        routes.post(SiteURL.schedulesPublish, use: publish)
        routes.get(SiteURL.schedulesStats, use: stats)
        routes.get(SiteURL.schedulesStatsCSV, use: statsCSV)
        routes.get(SiteURL.scheduleActivityNew, use: newForm)
        routes.post(SiteURL.scheduleActivities, use: create)
        routes.get(SiteURL.scheduleActivity, use: show)
        routes.post(SiteURL.scheduleActivity, use: update)
        routes.post(SiteURL.scheduleActivityCancel, use: cancel)
    }

    // MARK: The week

    /// The unit asked for (else the first the person keeps the schedule of, else their own) and the day of the week.
    static func chosen(_ req: Request, access: Access) -> (unit: UUID, day: DocumentDate) {
        let unit = FieldRules.uuid(req.queryValue("unit")) ?? access.scheduleUnits.sorted { access.tree.depth(of: $0) < access.tree.depth(of: $1) }.first
            ?? access.unitID
        let day = DocumentDate(iso: req.queryValue("week") ?? "") ?? DocumentDate(Date())
        return (unit, day)
    }

    static func weekLink(_ url: SiteURL = .schedules, unit: UUID, day: DocumentDate) -> String {
        url.path + "?unit=\(unit.uuidString)&week=\(ScheduleClock.monday(of: day).iso)"
    }

    /// The week, or 404 when the person could never read this unit's weeks.
    private static func load(_ req: Request) async throws -> (Access, LeaderScheduleWeek) {
        let access = try await req.access()
        let (unit, day) = chosen(req, access: access)
        guard access.managesSchedule(of: unit) || access.readsPublishedSchedule(of: unit) else { throw AppError.notFound() }
        return (access, try await LeaderScheduleWeek.load(unit: unit, day: day, access: access, on: req.db))
    }

    @Sendable func week(req: Request) async throws -> Response {
        let (access, table) = try await Self.load(req)
        let unit = table.unitID, monday = table.monday
        let manages = access.managesSchedule(of: unit)
        let units = access.scheduleUnitChoices.map { id in
            SelectOption(value: id.uuidString, label: String(repeating: "\u{3000}", count: access.tree.depth(of: id)) + (access.tree.nameOf[id] ?? ""),
                         selected: id == unit)
        }
        let activities = manages ? table.rows.flatMap(\.activities).sorted { ($0.start, $0.leaderName) < ($1.start, $1.leaderName) } : []
        var unique: [LeaderActivityView] = []
        for activity in activities where !unique.contains(where: { $0.id == activity.id }) { unique.append(activity) }
        return try await req.renderPage("schedule/week", title: Strings.Schedule.weekTitle, section: .calendar, WeekPage(
            units: units, unitID: unit.uuidString, week: monday.iso,
            prevHref: Self.weekLink(unit: unit, day: ScheduleClock.adding(-7, to: monday)),
            nextHref: Self.weekLink(unit: unit, day: ScheduleClock.adding(7, to: monday)),
            thisHref: Self.weekLink(unit: unit, day: DocumentDate(Date())), printHref: Self.weekLink(.schedulesPrint, unit: unit, day: monday),
            table: table, lines: table.lines, publishedAt: table.publishedAt.map(DisplayFormat.minute), canEdit: manages, canPublish: manages && !table.published,
            newHref: manages ? SiteURL.scheduleActivityNew.path + "?unit=\(unit.uuidString)&day=\(monday.iso)" : nil,
            statsHref: LeaderScheduleStats.mayView(unit: unit, access: access) ? SiteURL.schedulesStats.path + "?unit=\(unit.uuidString)" : nil,
            activities: unique))
    }

    @Sendable func printView(req: Request) async throws -> Response {
        let (_, table) = try await Self.load(req)
        guard table.readable else { throw AppError.notFound() }
        let sunday = ScheduleClock.adding(6, to: table.monday)
        let view = try await req.view.render("schedule/print", PageContext(
            layout: try await req.layoutContext(title: Strings.Schedule.weekTitle, section: .calendar), t: .shared,
            page: PrintPage(table: table, lines: table.lines, range: table.monday.formatted + "—" + sunday.formatted, printedAt: DisplayFormat.minute(Date()))))
        let response = try await view.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func publish(req: Request) async throws -> Response {
        struct Form: Content { var unit: String?; var week: String? }
        let form = try req.content.decode(Form.self)
        let access = try await req.access()
        guard let unit = FieldRules.uuid(form.unit) else { throw AppError.validation(Strings.Schedule.unitInvalid) }
        let published = try await LeaderActivities.publish(unit: unit, week: form.week ?? "", access: access, actor: req.auditActor(), app: req.application)
        req.flash(Strings.Schedule.published)
        return req.redirect(to: Self.weekLink(unit: unit, day: DocumentDate(iso: published.week) ?? DocumentDate(Date())))
    }

    // MARK: An activity

    @Sendable func newForm(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.scheduleManage) else { throw AppError.forbidden(Strings.Schedule.notEditor) }
        var form = ActivityForm()
        form.leader = req.queryValue("leader")
        form.day = req.queryValue("day") ?? DocumentDate(Date()).iso
        form.period = LeaderActivity.Period.morning.rawValue
        form.kind = LeaderActivity.Kind.meeting.rawValue
        let unit = FieldRules.uuid(req.queryValue("unit"))
        return try await renderForm(req, form: form, activity: nil, unit: unit, clashes: [], errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(ActivityForm.self)
        do {
            let activity = try await LeaderActivities.create(form.input, confirmed: form.confirmed, access: access, actor: req.auditActor(), app: req.application)
            req.flash(Strings.Schedule.created)
            return req.redirect(to: Self.weekLink(unit: activity.unitID, day: DocumentDate(iso: activity.day) ?? DocumentDate(Date())))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await refused(req, error, form: form, activity: nil)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let activity = try await req.visibleLeaderActivity()
        return try await renderForm(req, form: ActivityForm(activity), activity: activity, unit: activity.unitID, clashes: [], errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let activity = try await req.visibleLeaderActivity()
        let access = try await req.access()
        let form = try req.content.decode(ActivityForm.self)
        do {
            let saved = try await LeaderActivities.edit(try activity.requireID(), form.input, expectedVersion: form.version.flatMap(Int.init) ?? -1,
                                                        confirmed: form.confirmed, access: access, actor: req.auditActor(), app: req.application)
            req.flash(Strings.Schedule.saved)
            return req.redirect(to: Self.weekLink(unit: saved.unitID, day: DocumentDate(iso: saved.day) ?? DocumentDate(Date())))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await refused(req, error, form: form, activity: activity)
        }
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let activity = try await req.visibleLeaderActivity()
        struct Form: Content { var version: String? }
        let form = try req.content.decode(Form.self)
        try await LeaderActivities.cancel(try activity.requireID(), expectedVersion: form.version.flatMap(Int.init), access: try await req.access(),
                                          actor: req.auditActor(), app: req.application)
        req.flash(Strings.Schedule.cancelled)
        return req.redirect(to: Self.weekLink(unit: activity.unitID, day: DocumentDate(iso: activity.day) ?? DocumentDate(Date())))
    }

    /// The form again with what was typed: the fields' messages, or the clashes and the box to save anyway.
    private func refused(_ req: Request, _ error: AppError, form: ActivityForm, activity: LeaderActivity?) async throws -> Response {
        var clashes: [LeaderActivities.Clash] = []
        if error.code == LeaderActivities.conflictCode {
            let access = try await req.access()
            let checked = try await LeaderActivities.check(form.input, access: access, on: req.db)
            clashes = try await LeaderActivities.clashes(leaderID: checked.leaderID, start: checked.start, end: checked.end, excluding: activity?.id, on: req.db)
        }
        return try await renderForm(req, form: form, activity: activity, unit: nil, clashes: clashes, errors: error.fields.filter { $0.key != "conflicts" },
                                    error: error.message, status: error.status)
    }

    private func renderForm(_ req: Request, form: ActivityForm, activity: LeaderActivity?, unit: UUID?, clashes: [LeaderActivities.Clash],
                            errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        var leaders: [Leadership.Person] = []
        for one in access.scheduleUnits.sorted(by: { access.tree.depth(of: $0) < access.tree.depth(of: $1) }) {
            leaders += try await Leadership.leaders(of: [one], on: req.db)
        }
        if let activity, !leaders.contains(where: { $0.id == activity.leaderID }), let user = try await User.find(activity.leaderID, on: req.db) {
            leaders.append(Leadership.Person(id: activity.leaderID, name: user.name, post: "", rank: 0))
        }
        let leaderOptions = leaders.map { person in
            SelectOption(value: person.id.uuidString, label: person.name + (person.post.isEmpty ? "" : "（\(person.post)）"),
                         selected: form.leader == person.id.uuidString)
        }
        let editable = activity.map { $0.sourceValue == .manual && !$0.isCancelled && access.managesSchedule(of: $0.unitID) } ?? true
        let id = try activity?.requireID()
        let backUnit = activity?.unitID ?? unit ?? access.scheduleUnits.first ?? access.unitID
        let backDay = DocumentDate(iso: form.day ?? "") ?? DocumentDate(Date())
        return try await req.renderPage("schedule/form", title: activity == nil ? Strings.Schedule.newTitle : Strings.Schedule.editTitle,
                                        section: .calendar, FormPage(
            action: id.map { SiteURL.scheduleActivity.link($0) } ?? SiteURL.scheduleActivities.path, form: form, editing: activity != nil,
            editable: editable, leaders: leaderOptions,
            periods: LeaderActivity.Period.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Schedule.periodLabel($0), selected: form.period == $0.rawValue) },
            kinds: LeaderActivity.Kind.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Schedule.kindLabel($0), selected: form.kind == $0.rawValue) },
            clashes: clashes, errors: errors, error: error,
            cancelAction: editable ? id.map { SiteURL.scheduleActivityCancel.link($0) } : nil,
            fromMeeting: activity?.sourceValue == .meeting, backHref: Self.weekLink(unit: backUnit, day: backDay)), status: status)
    }

    // MARK: Statistics

    @Sendable func stats(req: Request) async throws -> Response {
        let access = try await req.access()
        var page = StatsPage(units: [], from: req.queryValue("from") ?? "", to: req.queryValue("to") ?? "")
        var status = HTTPResponseStatus.ok
        var chosenUnit: UUID?
        do {
            let (unit, from, to) = try LeaderScheduleStats.period(req, access: access)
            chosenUnit = unit
            page.table = try await LeaderScheduleStats.table(unit: unit, from: from, to: to, access: access, on: req.db)
            page.from = from.iso
            page.to = to.iso
            page.csvHref = SiteURL.schedulesStatsCSV.path + "?unit=\(unit.uuidString)&from=\(from.iso)&to=\(to.iso)"
        } catch let error as AppError where error.status == .unprocessableEntity {
            page.error = error.message
            status = error.status
        }
        page.units = access.scheduleUnitChoices.filter { LeaderScheduleStats.mayView(unit: $0, access: access) }.map { id in
            SelectOption(value: id.uuidString, label: access.tree.nameOf[id] ?? "", selected: id == chosenUnit)
        }
        return try await req.renderPage("schedule/stats", title: Strings.Schedule.statsTitle, section: .calendar, page, status: status)
    }

    @Sendable func statsCSV(req: Request) async throws -> Response {
        let access = try await req.access()
        let (unit, from, to) = try LeaderScheduleStats.period(req, access: access)
        let table = try await LeaderScheduleStats.table(unit: unit, from: from, to: to, access: access, on: req.db)
        let response = Response(status: .ok, body: .init(string: LeaderScheduleStats.csv(table)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let name = "leader-activities-\(from.iso)-\(to.iso).csv"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}

import Fluent
import Foundation
import Gongwen
import Vapor

/// `/api/v1/schedules`: the same ``LeaderActivities`` calls as the pages, for a phone client or an integrator.
struct LeaderScheduleAPIController {
    struct ActivityBody: Content, Sendable {
        var leaderId: UUID?
        /// `YYYY-MM-DD`.
        var day: String?
        var endDay: String?
        var period: String?
        /// `HH:mm`, for `period` `timed`.
        var startTime: String?
        var endTime: String?
        var kind: String?
        var content: String?
        var place: String?
        var companions: String?
        var notes: String?
        /// Save although the leader has another activity then (otherwise 409 `schedule_conflict`).
        var confirmConflicts: Bool?
        /// PATCH: the version the change is based on.
        var version: Int?

        var input: LeaderActivities.Input {
            LeaderActivities.Input(leaderID: leaderId, day: day, endDay: endDay, period: period, startTime: startTime, endTime: endTime, kind: kind,
                                   content: content, place: place, companions: companions, notes: notes)
        }
    }

    struct PublishBody: Content, Sendable {
        var unitId: UUID?
        var week: String?
    }

    struct Items: Content, Sendable {
        var items: [LeaderActivityView]
    }

    struct Week: Content, Sendable {
        struct Day: Content, Sendable {
            var date: String
            var label: String
        }

        struct Row: Content, Sendable {
            var leaderId: UUID
            var leaderName: String
            var post: String
            var activities: [LeaderActivityView]
        }

        var unitId: UUID
        var unitName: String
        var week: String
        var days: [Day]
        var published: Bool
        var publishedAt: Date?
        var rows: [Row]

        init(_ table: LeaderScheduleWeek) {
            unitId = table.unitID
            unitName = table.unitName
            week = table.monday.iso
            days = table.days.map { Day(date: $0.date, label: $0.label) }
            published = table.published
            publishedAt = table.publishedAt
            rows = table.rows.map { Row(leaderId: $0.leaderId, leaderName: $0.leaderName, post: $0.post, activities: $0.activities) }
        }
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.scheduleActivities.components, use: list)
        routes.post(APIURL.scheduleActivities.components, use: create)
        routes.get(APIURL.scheduleActivity.components, use: show)
        routes.patch(APIURL.scheduleActivity.components, use: update)
        routes.delete(APIURL.scheduleActivity.components, use: cancel)
        routes.get(APIURL.scheduleWeek.components, use: week)
        routes.post(APIURL.scheduleWeekPublish.components, use: publish)
        routes.get(APIURL.scheduleStatistics.components, use: statistics)
    }

    private static func uuid(_ req: Request, _ name: String) throws -> UUID? {
        guard let text = req.queryValue(name), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw AppError.validation(Strings.Error.formInvalid, fields: [name: Strings.Schedule.unitInvalid])
        }
        return id
    }

    private static func day(_ req: Request, _ name: String) throws -> DocumentDate? {
        guard let text = req.queryValue(name), !text.isEmpty else { return nil }
        guard let day = DocumentDate(iso: text) else { throw AppError.validation(Strings.Schedule.dayInvalid, fields: [name: Strings.Schedule.dayInvalid]) }
        return day
    }

    private func view(_ activity: LeaderActivity, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        return try APIResponse.json(try await LeaderActivityView.load([activity], access: access, on: req.db)[0], status: status)
    }

    /// The week (`week`, any day of it; default this week) of `unit` and/or `leader`, as far as the caller may see.
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try Self.uuid(req, "unit"), leader = try Self.uuid(req, "leader")
        let monday = ScheduleClock.monday(of: try Self.day(req, "week") ?? DocumentDate(Date()))
        let sunday = ScheduleClock.adding(6, to: monday)
        var query = LeaderActivity.query(on: req.db).filter(\.$day <= sunday.iso).filter(\.$endDay >= monday.iso)
        if let unit { query = query.filter(\.$unitID == unit) }
        if let leader { query = query.filter(\.$leaderID == leader) }
        if unit == nil && leader == nil {
            // Without a filter: what the caller keeps, their own, and the published weeks they read.
            let units = Array(access.scheduleUnitChoices)
            let me = access.userID
            query = query.group(.or) { group in
                group.filter(\.$leaderID == me)
                if !units.isEmpty { group.filter(\.$unitID ~~ units) }
            }
        }
        let found = try await query.sort(\.$startsAt).limit(2000).all()
        let weeks = Set(found.compactMap { DocumentDate(iso: $0.day).map { ScheduleClock.monday(of: $0).iso } })
        let published = try await LeaderScheduleLookup.published(units: Set(found.map(\.unitID)), weeks: weeks, on: req.db)
        let visible = found.filter { activity in
            let week = DocumentDate(iso: activity.day).map { ScheduleClock.monday(of: $0).iso } ?? ""
            return access.canView(activity, published: published.contains(activity.unitID.uuidString + "/" + week))
        }
        return try APIResponse.json(Items(items: try await LeaderActivityView.load(visible, access: access, on: req.db)))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ActivityBody.self)
        let activity = try await LeaderActivities.create(body.input, confirmed: body.confirmConflicts ?? false, access: access, actor: req.auditActor(),
                                                         app: req.application)
        return try await view(activity, req, status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await view(try await req.visibleLeaderActivity(), req)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let activity = try await req.visibleLeaderActivity()
        let access = try await req.access()
        let body = try req.content.decode(ActivityBody.self)
        guard let version = body.version else {
            throw AppError.validation(Strings.Schedule.editedMeanwhile, fields: ["version": Strings.Schedule.editedMeanwhile])
        }
        let saved = try await LeaderActivities.edit(try activity.requireID(), body.input, expectedVersion: version, confirmed: body.confirmConflicts ?? false,
                                                    access: access, actor: req.auditActor(), app: req.application)
        return try await view(saved, req)
    }

    /// 撤销: 204; the activity stays, cancelled (the feed shows STATUS:CANCELLED).
    @Sendable func cancel(req: Request) async throws -> Response {
        let activity = try await req.visibleLeaderActivity()
        try await LeaderActivities.cancel(try activity.requireID(), expectedVersion: try Self.version(req), access: try await req.access(),
                                          actor: req.auditActor(), app: req.application)
        return Response(status: .noContent)
    }

    private static func version(_ req: Request) throws -> Int? {
        guard let text = req.queryValue("version"), !text.isEmpty else { return nil }
        guard let version = Int(text) else { throw AppError.validation(Strings.Error.formInvalid, fields: ["version": Strings.Schedule.editedMeanwhile]) }
        return version
    }

    /// 领导周活动安排 of `unit` for the week holding `week` (default: this week). 404 for a unit the caller could never
    /// read; before publishing, others than its editors get `published: false` and no rows.
    @Sendable func week(req: Request) async throws -> Response {
        let access = try await req.access()
        guard let unit = try Self.uuid(req, "unit") else {
            throw AppError.validation(Strings.Schedule.unitInvalid, fields: ["unit": Strings.Schedule.unitInvalid])
        }
        let day = try Self.day(req, "week") ?? DocumentDate(Date())
        guard access.managesSchedule(of: unit) || access.readsPublishedSchedule(of: unit) else { throw AppError.notFound() }
        return try APIResponse.json(Week(try await LeaderScheduleWeek.load(unit: unit, day: day, access: access, on: req.db)))
    }

    /// 活动统计 of a unit for a period (`unit`, `from`, `to`; default this year): activities per leader and type, as the page
    /// and its CSV show them.
    @Sendable func statistics(req: Request) async throws -> Response {
        let access = try await req.access()
        let (unit, from, to) = try LeaderScheduleStats.period(req, access: access)
        return try APIResponse.json(try await LeaderScheduleStats.table(unit: unit, from: from, to: to, access: access, on: req.db))
    }

    @Sendable func publish(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(PublishBody.self)
        guard let unit = body.unitId else { throw AppError.validation(Strings.Schedule.unitInvalid, fields: ["unitId": Strings.Schedule.unitInvalid]) }
        guard access.managesSchedule(of: unit) || access.readsPublishedSchedule(of: unit) else { throw AppError.notFound() }
        let published = try await LeaderActivities.publish(unit: unit, week: body.week ?? "", access: access, actor: req.auditActor(), app: req.application)
        let day = DocumentDate(iso: published.week) ?? DocumentDate(Date())
        return try APIResponse.json(Week(try await LeaderScheduleWeek.load(unit: unit, day: day, access: access, on: req.db)))
    }
}

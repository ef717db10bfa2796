import Fluent
import Foundation
import Gongwen
import Vapor

/// 日程: the person's meetings, duty shifts and leaders' activities by day, week or month (a list of days on a phone),
/// and the private iCalendar feed — created, rotated and revoked here, read by calendars without a session.
struct CalendarPagesController {
    struct Day: Encodable, Sendable {
        var date: String
        var label: String
        var weekday: String
        var today: Bool
        var inMonth: Bool
        var href: String
        var entries: [CalendarEntryView]
    }

    struct Page: Encodable, Sendable {
        var view: String
        var views: [ListTab]
        var heading: String
        var prevHref: String
        var nextHref: String
        var todayHref: String
        var days: [Day]
        var empty: Bool
        var hasFeed: Bool
        /// The new feed URL, shown once, right after it was made.
        var feedURL: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.calendar, use: show)
        routes.post(SiteURL.calendarFeed, use: rotateFeed)
        routes.post(SiteURL.calendarFeedRevoke, use: revokeFeed)
    }

    /// The feed file: no session, no CSRF — calendars fetch it with the token alone.
    static func registerFeed(on app: Application) {
        app.get(SiteURL.calendarFeedFile.components) { req async throws -> Response in
            guard let file = req.parameters.get("file"), file.hasSuffix(".ics") else { throw AppError.notFound() }
            let body = try await CalendarFeeds.document(token: String(file.dropLast(4)), app: req.application)
            let response = Response(status: .ok, body: .init(string: body))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await render(req, feedURL: nil)
    }

    @Sendable func rotateFeed(req: Request) async throws -> Response {
        let access = try await req.access()
        let token = try await CalendarFeeds.rotate(access: access, actor: req.auditActor(), app: req.application)
        return try await render(req, feedURL: Self.absolute(CalendarFeeds.url(token, app: req.application), req: req), flash: Strings.CalendarPage.feedCreated)
    }

    @Sendable func revokeFeed(req: Request) async throws -> Response {
        try await CalendarFeeds.revoke(access: try await req.access(), actor: req.auditActor(), app: req.application)
        req.flash(Strings.CalendarPage.feedRevoked)
        return req.redirect(to: SiteURL.calendar.path)
    }

    /// A path made whole with the host the browser used, when the platform's address is not configured.
    static func absolute(_ url: String, req: Request) -> String {
        guard url.hasPrefix("/") else { return url }
        let host = req.headers.first(name: .host) ?? "localhost"
        let scheme = req.application.config.isBehindTLS ? "https" : "http"
        return "\(scheme)://\(host)\(url)"
    }

    private func render(_ req: Request, feedURL: String?, flash: String? = nil) async throws -> Response {
        let access = try await req.access()
        let view = CalendarRange.View(rawValue: req.queryValue("view") ?? "") ?? .week
        let today = DocumentDate(Date())
        let day = DocumentDate(iso: req.queryValue("date") ?? "") ?? today
        let (first, end) = CalendarRange.days(view, around: day)
        let entries = try await CalendarSources.entries(for: access, from: ScheduleClock.instant(first, minutes: 0),
                                                        to: ScheduleClock.instant(end, minutes: 0), on: req.db)
        var days: [Day] = []
        var current = first
        while current < end {
            let from = ScheduleClock.instant(current, minutes: 0), to = ScheduleClock.instant(current, minutes: 24 * 60)
            let weekday = ScheduleClock.weekday(current)
            days.append(Day(date: current.iso, label: "\(current.month)月\(current.day)日", weekday: Strings.Schedule.weekdayName(weekday),
                            today: current == today, inMonth: view != .month || current.month == day.month,
                            href: SiteURL.calendar.path + "?view=day&date=\(current.iso)",
                            entries: entries.filter { $0.start < to && $0.end > from }.map(CalendarEntryView.init)))
            current = ScheduleClock.adding(1, to: current)
        }
        func link(_ target: CalendarRange.View, _ date: DocumentDate) -> String { SiteURL.calendar.path + "?view=\(target.rawValue)&date=\(date.iso)" }
        let t = Strings.page
        let heading: String
        switch view {
        case .day: heading = day.formatted + " " + Strings.Schedule.weekdayName(ScheduleClock.weekday(day))
        case .week: heading = first.formatted + "—" + ScheduleClock.adding(6, to: first).formatted
        case .month: heading = "\(day.year)年\(day.month)月"
        }
        if let flash { req.flash(flash) }
        return try await req.renderPage("calendar/index", title: Strings.CalendarPage.title, section: .calendar, Page(
            view: view.rawValue,
            views: CalendarRange.View.allCases.map { one in
                ListTab(key: one.rawValue, label: t["agenda_\(one.rawValue)"]!, count: nil, href: link(one, day), active: one == view)
            },
            heading: heading, prevHref: link(view, CalendarRange.step(view, from: day, forward: false)),
            nextHref: link(view, CalendarRange.step(view, from: day, forward: true)), todayHref: link(view, today), days: days,
            empty: entries.isEmpty, hasFeed: try await CalendarFeeds.exists(for: access.userID, on: req.db) != nil, feedURL: feedURL))
    }
}

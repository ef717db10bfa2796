import Fluent
import Foundation
import Gongwen
import Vapor

/// `/api/v1/calendar`: the caller's 日程 for a span of days, and their iCalendar feed (create or rotate, revoke).
struct CalendarAPIController {
    struct Items: Content, Sendable {
        var items: [CalendarEntryView]
    }

    struct Feed: Content, Sendable {
        /// The subscription URL; it holds the token and is shown only now.
        var url: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.calendar.components, use: list)
        routes.post(APIURL.calendarFeed.components, use: rotate)
        routes.delete(APIURL.calendarFeed.components, use: revoke)
    }

    /// `from`, `to`: days, both included (default: this week); at most 92 days.
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let monday = ScheduleClock.monday(of: DocumentDate(Date()))
        func day(_ name: String, _ fallback: DocumentDate) throws -> DocumentDate {
            guard let text = req.queryValue(name), !text.isEmpty else { return fallback }
            guard let day = DocumentDate(iso: text) else {
                throw AppError.validation(Strings.CalendarPage.rangeInvalid, fields: [name: Strings.CalendarPage.rangeInvalid])
            }
            return day
        }
        let from = try day("from", monday), to = try day("to", ScheduleClock.adding(6, to: from))
        guard from <= to, to < ScheduleClock.adding(92, to: from) else {
            throw AppError.validation(Strings.CalendarPage.rangeInvalid, fields: ["to": Strings.CalendarPage.rangeInvalid])
        }
        let entries = try await CalendarSources.entries(for: access, from: ScheduleClock.instant(from, minutes: 0),
                                                        to: ScheduleClock.instant(ScheduleClock.adding(1, to: to), minutes: 0), on: req.db)
        return try APIResponse.json(Items(items: entries.map(CalendarEntryView.init)))
    }

    @Sendable func rotate(req: Request) async throws -> Response {
        let access = try await req.access()
        let token = try await CalendarFeeds.rotate(access: access, actor: req.auditActor(), app: req.application)
        return try APIResponse.json(Feed(url: CalendarPagesController.absolute(CalendarFeeds.url(token, app: req.application), req: req)), status: .created)
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        try await CalendarFeeds.revoke(access: try await req.access(), actor: req.auditActor(), app: req.application)
        return Response(status: .noContent)
    }
}

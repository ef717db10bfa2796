import Fluent
import Vapor

/// 工作台: the first page after login, with the 待办, 待阅 and (for clerks) 待签收 counters.
struct HomeController {
    struct Counter: Encodable, Sendable {
        var key: String
        var label: String
        var count: Int
        var href: String?
    }

    struct HomePage: Encodable, Sendable {
        var person: PersonDTO
        var counters: [Counter]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.home, use: home)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let person = try await PersonDirectory.load([user], on: req.db)[0]
        let access = try await req.access()
        let workflow = try await WorkflowCounts.load(for: access, on: req.db)
        var counters = [
            Counter(key: "open_tasks", label: Strings.page["home_open_tasks"]!, count: workflow.open, href: SiteURL.tasks.path),
            Counter(key: "unread", label: Strings.page["home_unread"]!, count: workflow.unread, href: SiteURL.tasks.path + "?tab=unread"),
        ]
        // 待签收: for the clerks who sign for deliveries.
        let units = Array(try await access.exchangeUnits(on: req.db))
        if !units.isEmpty {
            let pending = try await Delivery.query(on: req.db).filter(\.$recipientUnitID ~~ units).filter(\.$state == Delivery.State.sent.rawValue).count()
            counters.append(Counter(key: "to_accept", label: Strings.page["home_to_accept"]!, count: pending, href: SiteURL.exchange.path))
        }
        return try await req.renderPage("home", title: Strings.page["home_title"]!, section: .home,
                                        HomePage(person: person, counters: counters))
    }
}

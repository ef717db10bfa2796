import Fluent
import Vapor

/// 工作台: the first page after login, with the counters later features fill.
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
        let workflow = try await WorkflowCounts.load(for: try await req.access(), on: req.db)
        // 待签收 comes with the exchange feature.
        let counters = [
            Counter(key: "open_tasks", label: Strings.page["home_open_tasks"]!, count: workflow.open, href: SiteURL.tasks.path),
            Counter(key: "unread", label: Strings.page["home_unread"]!, count: workflow.unread, href: SiteURL.tasks.path + "?tab=unread"),
            Counter(key: "to_accept", label: Strings.page["home_to_accept"]!, count: 0, href: nil),
        ]
        return try await req.renderPage("home", title: Strings.page["home_title"]!, section: .home,
                                        HomePage(person: person, counters: counters))
    }
}

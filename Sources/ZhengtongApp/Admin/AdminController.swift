import Vapor

/// 管理: the index of administration sections the person's roles open.
struct AdminController {
    struct AdminPage: Encodable, Sendable {
        var sections: [AdminSection]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.admin, use: index)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let sections = AdminSection.all(for: try await req.access())
        guard !sections.isEmpty else { throw AppError.forbidden(Strings.page["admin_none"]!) }
        return try await req.renderPage("admin/index", title: Strings.page["admin_title"]!, section: .admin, AdminPage(sections: sections))
    }
}

import Vapor

/// 管理: the index of administration sections the person's roles open.
struct AdminController {
    struct Section: Encodable, Sendable {
        var title: String
        var description: String
        var href: String
    }

    struct AdminPage: Encodable, Sendable {
        var sections: [Section]
    }

    /// Sections follow the three administrators' separate duties (三员分立).
    static func sections(for access: Access) -> [Section] {
        var sections: [Section] = []
        let t = Strings.page
        if access.has(.organizationManage) {
            sections.append(Section(title: t["admin_units"]!, description: t["admin_units_desc"]!, href: SiteURL.adminUnits.path))
            sections.append(Section(title: t["admin_users"]!, description: t["admin_users_desc"]!, href: SiteURL.adminUsers.path))
            sections.append(Section(title: t["admin_positions"]!, description: t["admin_positions_desc"]!, href: SiteURL.adminPositions.path))
        }
        if access.has(.roleManage) {
            sections.append(Section(title: t["admin_roles"]!, description: t["admin_roles_desc"]!, href: SiteURL.adminRoles.path))
            sections.append(Section(title: t["admin_users"]!, description: t["admin_users_desc"]!, href: SiteURL.adminUsers.path))
        }
        if access.has(.workflowManage) {
            sections.append(Section(title: t["admin_workflow"]!, description: t["admin_workflow_hint"]!, href: SiteURL.adminWorkflow.path))
        }
        if access.has(.auditRead) {
            sections.append(Section(title: t["admin_audit"]!, description: t["admin_audit_desc"]!, href: SiteURL.adminAudit.path))
        }
        return sections
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.admin, use: index)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let sections = Self.sections(for: try await req.access())
        guard !sections.isEmpty else { throw AppError.forbidden(Strings.page["admin_none"]!) }
        return try await req.renderPage("admin/index", title: Strings.page["admin_title"]!, section: .admin, AdminPage(sections: sections))
    }
}

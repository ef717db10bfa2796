import Foundation

/// A section of 管理 (administration) the person's roles open: the index page lists them and the navigation
/// shows 管理 only when there is one.
struct AdminSection: Encodable, Sendable {
    var title: String
    var description: String
    var href: String

    /// Sections follow the three administrators' separate duties (三员分立).
    static func all(for access: Access) -> [AdminSection] {
        var sections: [AdminSection] = []
        let t = Strings.page
        if access.has(.organizationManage) {
            sections.append(AdminSection(title: t["admin_units"]!, description: t["admin_units_desc"]!, href: SiteURL.adminUnits.path))
            sections.append(AdminSection(title: t["admin_users"]!, description: t["admin_users_desc"]!, href: SiteURL.adminUsers.path))
            sections.append(AdminSection(title: t["admin_positions"]!, description: t["admin_positions_desc"]!, href: SiteURL.adminPositions.path))
        }
        if access.has(.roleManage) {
            sections.append(AdminSection(title: t["admin_roles"]!, description: t["admin_roles_desc"]!, href: SiteURL.adminRoles.path))
            sections.append(AdminSection(title: t["admin_users"]!, description: t["admin_users_desc"]!, href: SiteURL.adminUsers.path))
            sections.append(AdminSection(title: t["admin_certificates"]!, description: t["admin_certificates_desc"]!,
                                         href: KeySignInPagesController.admin.path))
        }
        if access.has(.workflowManage) {
            sections.append(AdminSection(title: t["admin_workflow"]!, description: t["admin_workflow_hint"]!, href: SiteURL.adminWorkflow.path))
        }
        if access.operatesSystem {
            sections.append(AdminSection(title: t["admin_backups"]!, description: t["admin_backups_desc"]!, href: SiteURL.adminBackups.path))
        }
        if access.managesAssessment {
            sections.append(AdminSection(title: t["admin_assessment"]!, description: t["admin_assessment_desc"]!, href: SiteURL.adminAssessment.path))
        }
        if access.has(.auditRead) {
            sections.append(AdminSection(title: t["admin_audit"]!, description: t["admin_audit_desc"]!, href: SiteURL.adminAudit.path))
        }
        return sections
    }
}

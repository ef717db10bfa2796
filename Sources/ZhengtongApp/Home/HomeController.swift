import Fluent
import Vapor

/// 工作台: the first page after login — the person's blocks (待办, 通知公告, 待阅, 待签收, 逾期事项, 最近公文), each the top
/// of a list with its count and a link to the rest; the person's own choice of blocks; the unit administrator's
/// blocks per role; and `GET/PUT /api/v1/desk` for a phone client.
struct HomeController {
    struct HomePage: Encodable, Sendable {
        var name: String
        var blocks: [DeskBlockData]
        var settingsHref: String
    }

    struct SettingsForm: Content, Sendable {
        var show: [String]?
        var order: [String: String]?
        var reset: String?

        /// The chosen blocks, in the order typed (then the standard order).
        var blocks: [DeskBlock] {
            let shown = Set(show ?? [])
            let standard = Dictionary(uniqueKeysWithValues: DeskBlock.allCases.enumerated().map { ($1, $0) })
            return DeskBlock.allCases.filter { shown.contains($0.rawValue) }.sorted { left, right in
                let a = Int(order?[left.rawValue] ?? "") ?? 100 + (standard[left] ?? 0)
                let b = Int(order?[right.rawValue] ?? "") ?? 100 + (standard[right] ?? 0)
                return (a, standard[left] ?? 0) < (b, standard[right] ?? 0)
            }
        }
    }

    struct SettingsRow: Encodable, Sendable {
        var key: String
        var label: String
        var shown: Bool
        var order: Int
    }

    struct SettingsPage: Encodable, Sendable {
        var action: String
        /// Where the role picker goes (the administrator's page).
        var pickAction: String?
        var rows: [SettingsRow]
        var roles: [SelectOption]?
        var unitName: String?
        var error: String?
    }

    struct DeskView: Content, Sendable {
        var blocks: [DeskBlockData]
    }

    struct DeskBody: Content, Sendable {
        var blocks: [DeskBlock]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.home, use: home)
        routes.get(SiteURL.deskSettings, use: settings)
        routes.post(SiteURL.deskSettings, use: saveSettings)
        routes.get(SiteURL.adminDesk, use: roleLayout)
        routes.post(SiteURL.adminDesk, use: saveRoleLayout)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get("desk", use: deskAPI)
        routes.put("desk", use: saveDeskAPI)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let access = try await req.access()
        return try await req.renderPage("home", title: Strings.page["home_title"]!, section: .home,
                                        HomePage(name: user.name, blocks: try await DeskService.desk(for: access, on: req.db), settingsHref: SiteURL.deskSettings.path))
    }

    // MARK: The person's own blocks

    @Sendable func settings(req: Request) async throws -> Response {
        let access = try await req.access()
        return try await req.renderPage("desk-settings", title: Strings.Desk.settingsTitle, section: .home,
                                        try await settingsPage(chosen: try await DeskService.chosen(for: access, on: req.db),
                                                               offered: try await DeskService.offered(to: access, on: req.db),
                                                               action: SiteURL.deskSettings.path))
    }

    /// The rows of the settings form: every block `offered`, ticked when `chosen`, numbered in the chosen order
    /// (the rest after it).
    private func settingsPage(chosen: [DeskBlock], offered: [DeskBlock], action: String, roles: [SelectOption]? = nil,
                              unitName: String? = nil) async throws -> SettingsPage {
        var rows: [SettingsRow] = []
        for block in offered {
            let position = chosen.firstIndex(of: block).map { $0 + 1 } ?? (chosen.count + (DeskBlock.allCases.firstIndex(of: block) ?? 0) + 1)
            rows.append(SettingsRow(key: block.rawValue, label: block.label, shown: chosen.contains(block), order: position))
        }
        return SettingsPage(action: action, pickAction: roles == nil ? nil : action.components(separatedBy: "?").first, rows: rows.sorted { $0.order < $1.order }, roles: roles, unitName: unitName, error: nil)
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(SettingsForm.self)
        if form.reset == "on" {
            try await DeskService.resetPreference(access: access, actor: req.auditActor(), app: req.application)
        } else {
            try await DeskService.savePreference(form.blocks, access: access, actor: req.auditActor(), app: req.application)
        }
        req.flash(Strings.Desk.saved)
        return req.redirect(to: SiteURL.home.path)
    }

    // MARK: The unit administrator's blocks per role

    private func unit(_ req: Request) async throws -> ZhengtongApp.Unit {
        guard let unit = try await Unit.find(try req.idParameter("unitID"), on: req.db) else { throw AppError.notFound() }
        try await req.access().require(.organizationManage, unit: try unit.requireID())
        return unit
    }

    @Sendable func roleLayout(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let roles = try await Role.query(on: req.db).sort(\.$name).all().filter { !BuiltinRole.administrators.map(\.rawValue).contains($0.code) }
        let role = req.queryValue("role") ?? roles.first?.code ?? ""
        let layout = try await DeskRoleLayout.query(on: req.db).filter(\.$unitID == unit.requireID()).filter(\.$roleCode == role).first()
        let page = try await settingsPage(chosen: layout.map { DeskBlock.list($0.blocks) } ?? DeskBlock.standard, offered: DeskBlock.allCases,
                                          action: SiteURL.adminDesk.link(try unit.requireID()) + "?role=" + (role.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                          roles: roles.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == role) }, unitName: unit.name)
        return try await req.renderPage("desk-settings", title: Strings.Desk.roleLayoutTitle, section: .admin, page)
    }

    @Sendable func saveRoleLayout(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let role = req.queryValue("role") ?? ""
        let form = try req.content.decode(SettingsForm.self)
        try await DeskService.saveRoleLayout(form.blocks, unit: try unit.requireID(), role: role, access: try await req.access(), actor: req.auditActor(),
                                             app: req.application)
        req.flash(Strings.Desk.saved)
        return req.redirect(to: SiteURL.adminDesk.link(try unit.requireID()) + "?role=" + (role.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    // MARK: API

    @Sendable func deskAPI(req: Request) async throws -> Response {
        try APIResponse.json(DeskView(blocks: try await DeskService.desk(for: try await req.access(), on: req.db)))
    }

    /// The person's own blocks, in order (those not theirs are left out).
    @Sendable func saveDeskAPI(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(DeskBody.self)
        try await DeskService.savePreference(body.blocks, access: access, actor: req.auditActor(), app: req.application)
        return try APIResponse.json(DeskView(blocks: try await DeskService.desk(for: access, on: req.db)))
    }
}

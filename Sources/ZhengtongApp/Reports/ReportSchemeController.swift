import Fluent
import Foundation
import Vapor

/// `/admin/units/{id}/report-scheme`: whether a unit collects 信息 and its adoption levels with their points, for
/// its administrators (``ReportScheme``). A refused form comes back as typed.
struct ReportSchemeController {
    struct Form: Content, Sendable {
        var collects: String?
        var ids: [String]?
        var names: [String]?
        var points: [String]?
    }

    struct Row: Encodable, Sendable {
        var id: String
        var name: String
        var points: String
        var instruction: Bool
    }

    struct Page: Encodable, Sendable {
        var unitName: String
        var action: String
        var collects: Bool
        var rows: [Row]
        var errors: [String: String]
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.reportScheme, use: show)
        routes.post(SiteURL.reportScheme, use: save)
    }

    private func unit(_ req: Request) async throws -> (UUID, Access) {
        let access = try await req.access()
        let unit = try req.idParameter("unitID")
        guard access.tree.all.contains(unit) else { throw AppError.notFound() }
        guard access.keepsReportScheme(of: unit) else { throw AppError.forbidden(Strings.Reports.notSchemeKeeper) }
        return (unit, access)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        let levels = try await ReportScheme.levels(of: unit, on: req.db)
        let rows = try levels.map { Row(id: try $0.requireID().uuidString, name: $0.name, points: String($0.points), instruction: $0.isInstruction) }
        return try await render(req, unit: unit, access: access, collects: try await ReportScheme.collects(unit, on: req.db), rows: rows, errors: [:], error: nil)
    }

    private func render(_ req: Request, unit: UUID, access: Access, collects: Bool, rows: [Row], errors: [String: String], error: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        // One empty row to add a level.
        let shown = rows + (rows.contains { $0.id.isEmpty } ? [] : [Row(id: "", name: "", points: "", instruction: false)])
        return try await req.renderPage("reports/scheme", title: Strings.Reports.schemeTitle, section: .admin, Page(
            unitName: access.tree.nameOf[unit] ?? "", action: SiteURL.reportScheme.link(unit), collects: collects, rows: shown, errors: errors, error: error),
            status: status)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        let form = try req.content.decode(Form.self)
        let ids = form.ids ?? [], names = form.names ?? [], points = form.points ?? []
        var inputs: [ReportScheme.LevelInput] = []
        var rows: [Row] = []
        for index in names.indices {
            let id = index < ids.count ? ids[index] : ""
            let name = FieldRules.trimmed(names[index]), value = index < points.count ? FieldRules.trimmed(points[index]) : ""
            rows.append(Row(id: id, name: names[index], points: value, instruction: false))
            // An empty new row is no level.
            if id.isEmpty && name.isEmpty && value.isEmpty { continue }
            inputs.append(.init(id: UUID(uuidString: id), name: name, points: Int(value)))
        }
        let actor = req.workflowActor(access)
        do {
            try await ReportScheme.setCollecting(unit, form.collects == "on", access: access, actor: actor, app: req.application)
            if try await ReportScheme.levels(of: unit, on: req.db).isEmpty == false, !inputs.isEmpty {
                _ = try await ReportScheme.saveLevels(unit, inputs, access: access, actor: actor, app: req.application)
            }
            req.flash(Strings.Reports.schemeSaved)
            return req.redirect(to: SiteURL.reportScheme.link(unit))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, unit: unit, access: access, collects: form.collects == "on", rows: rows, errors: error.fields,
                                    error: ([error.message] + Set(error.fields.values).sorted()).joined(separator: " "),
                                    status: error.status)
        }
    }
}

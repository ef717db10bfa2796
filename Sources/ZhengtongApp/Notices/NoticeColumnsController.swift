import Fluent
import Foundation
import Vapor

/// `/admin/units/{id}/notice-columns`: a unit's 栏目 for its administrator (list, new, edit).
struct NoticeColumnsController {
    struct Form: Content, Sendable {
        var name: String?
        var isPublic: String?
        var publisherRole: String?
        var processKey: String?
        var sortOrder: String?
        var isDisabled: String?

        var input: NoticeColumns.Input {
            NoticeColumns.Input(name: name, isPublic: isPublic == "on", publisherRole: publisherRole, processKey: processKey, sortOrder: sortOrder,
                                isDisabled: isDisabled == "on")
        }
    }

    struct Row: Encodable, Sendable {
        var name: String
        var isPublic: Bool
        var role: String
        var process: String
        var disabled: Bool
        var editHref: String
        var feedHref: String?
    }

    struct Page: Encodable, Sendable {
        var unitName: String
        var rows: [Row]
        var action: String
        var editing: Bool
        var form: Form
        var roles: [SelectOption]
        var errors: [String: String]
        var error: String?
        var newHref: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminNoticeColumns, use: list)
        routes.post(SiteURL.adminNoticeColumns, use: create)
        routes.get(SiteURL.adminNoticeColumn, use: edit)
        routes.post(SiteURL.adminNoticeColumn, use: update)
    }

    private func unit(_ req: Request, _ id: UUID) async throws -> ZhengtongApp.Unit {
        guard let unit = try await Unit.find(id, on: req.db) else { throw AppError.notFound() }
        guard try await req.access().keepsColumns(of: id) else { throw AppError.forbidden() }
        return unit
    }

    private func column(_ req: Request) async throws -> NoticeColumn {
        guard let column = try await NoticeColumn.find(try req.idParameter("columnID"), on: req.db) else { throw AppError.notFound() }
        guard try await req.access().keepsColumns(of: column.unitID) else { throw AppError.forbidden() }
        return column
    }

    @Sendable func list(req: Request) async throws -> Response {
        let unit = try await unit(req, try req.idParameter("unitID"))
        return try await render(req, unit: unit, editing: nil, form: Form(isPublic: nil, publisherRole: BuiltinRole.clerk.rawValue), errors: [:])
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let column = try await column(req)
        let unit = try await unit(req, column.unitID)
        return try await render(req, unit: unit, editing: column, form: Form(name: column.name, isPublic: column.isPublic ? "on" : nil,
                                                                              publisherRole: column.publisherRole, processKey: column.processKey,
                                                                              sortOrder: String(column.sortOrder), isDisabled: column.isDisabled ? "on" : nil),
                                errors: [:])
    }

    @Sendable func create(req: Request) async throws -> Response {
        let unit = try await unit(req, try req.idParameter("unitID"))
        return try await save(req, unit: unit, existing: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let column = try await column(req)
        return try await save(req, unit: try await unit(req, column.unitID), existing: column)
    }

    private func save(_ req: Request, unit: ZhengtongApp.Unit, existing: NoticeColumn?) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let unitID = try unit.requireID()
        do {
            _ = try await NoticeColumns.save(form.input, unit: unitID, existing: existing, access: try await req.access(), actor: req.auditActor(),
                                             app: req.application)
            req.flash(Strings.Notices.columnSaved)
            return req.redirect(to: SiteURL.adminNoticeColumns.link(unitID))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, unit: unit, editing: existing, form: form, errors: error.fields, status: .unprocessableEntity)
        }
    }

    private func render(_ req: Request, unit: ZhengtongApp.Unit, editing: NoticeColumn?, form: Form, errors: [String: String],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let unitID = try unit.requireID()
        let columns = try await NoticeColumn.query(on: req.db).filter(\.$unitID == unitID).sort(\.$sortOrder).sort(\.$name).all()
        let roles = try await Role.query(on: req.db).sort(\.$name).all().filter { !BuiltinRole.administrators.map(\.rawValue).contains($0.code) }
        let roleNames = Dictionary(roles.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let page = Page(
            unitName: unit.name,
            rows: try columns.map { column in
                let id = try column.requireID()
                return Row(name: column.name, isPublic: column.isPublic, role: roleNames[column.publisherRole] ?? column.publisherRole, process: column.processKey,
                           disabled: column.isDisabled, editHref: SiteURL.adminNoticeColumn.link(id),
                           feedHref: column.isPublic ? SiteURL.noticeFeed.link(id) : nil)
            },
            action: try editing.map { SiteURL.adminNoticeColumn.link(try $0.requireID()) } ?? SiteURL.adminNoticeColumns.link(unitID), editing: editing != nil,
            form: form, roles: roles.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == form.publisherRole) }, errors: errors,
            error: errors.isEmpty ? nil : Strings.Error.formInvalid, newHref: SiteURL.adminNoticeColumns.link(unitID))
        return try await req.renderPage("admin/notice-columns", title: Strings.Notices.columnsTitle, section: .admin, page, status: status)
    }
}

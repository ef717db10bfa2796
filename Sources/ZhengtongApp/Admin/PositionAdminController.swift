import Fluent
import Vapor

/// 职务管理: the platform-wide catalogue of positions.
struct PositionAdminController {
    struct PositionForm: Content, Sendable {
        var name: String?
        var code: String?
        var rank: String?
        var version: String?
    }

    struct Row: Encodable, Sendable {
        var name: String
        var code: String
        var rank: Int
        var holders: Int
        var editHref: String
    }

    struct ListPage: Encodable, Sendable {
        var rows: [Row]
        var newHref: String
    }

    struct FormPage: Encodable, Sendable {
        var isNew: Bool
        var action: String
        var form: PositionForm
        var errors: [String: String]
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminPositions, use: list)
        routes.get(SiteURL.adminPositionNew, use: newForm)
        routes.post(SiteURL.adminPositions, use: create)
        routes.get(SiteURL.adminPosition, use: editForm)
        routes.post(SiteURL.adminPosition, use: update)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await req.access().require(.organizationManage)
        let positions = try await Position.query(on: req.db).sort(\.$rank, .descending).sort(\.$name).all()
        let held = try await UserPosition.query(on: req.db).all()
        let counts = Dictionary(grouping: held, by: { $0.$position.id }).mapValues(\.count)
        let rows = positions.map { Row(name: $0.name, code: $0.code, rank: $0.rank, holders: counts[$0.id!] ?? 0,
                                       editHref: SiteURL.adminPosition.link($0.id!)) }
        return try await req.renderPage("admin/positions", title: Strings.page["admin_positions"]!, section: .admin,
                                        ListPage(rows: rows, newHref: SiteURL.adminPositionNew.path))
    }

    /// The catalogue is shared by every unit, so changing it takes a platform-wide administrator.
    private func requireCatalogueAdministrator(_ req: Request) async throws {
        let access = try await req.access()
        guard access.scope(of: .organizationManage) == .all else { throw AppError.forbidden(Strings.Organization.positionCatalogueShared) }
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try await requireCatalogueAdministrator(req)
        return try await renderForm(req, position: nil, form: PositionForm(rank: "10"), errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await requireCatalogueAdministrator(req)
        let form = try req.content.decode(PositionForm.self)
        let actor = req.auditActor()
        do {
            let values = try await validate(form, existing: nil, on: req.db)
            let position = Position(name: values.name, code: values.code, rank: values.rank)
            try await req.write { db in
                try await position.create(on: db)
                try await AuditLog.record(AuditEvent(action: "position.create", targetType: "position", targetID: position.id?.uuidString,
                                                     targetLabel: position.name, after: position.auditSnapshot), by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminPositions.path)
        } catch let error as AppError {
            return try await renderForm(req, position: nil, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        try await requireCatalogueAdministrator(req)
        let position = try await find(req)
        let form = PositionForm(name: position.name, code: position.code, rank: String(position.rank), version: VersionStamp.of(position.updatedAt))
        return try await renderForm(req, position: position, form: form, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        try await requireCatalogueAdministrator(req)
        let position = try await find(req)
        let form = try req.content.decode(PositionForm.self)
        let actor = req.auditActor()
        do {
            try VersionStamp.check(form.version, against: position.updatedAt)
            let values = try await validate(form, existing: position, on: req.db)
            let before = position.auditSnapshot
            position.name = values.name
            position.code = values.code
            position.rank = values.rank
            let diff = auditDiff(before, position.auditSnapshot)
            let stamp = form.version
            try await req.write { db in
                try await VersionStamp.lockAndCheck(Position.schema, id: position.id, stamp: stamp, on: db)
                try await position.save(on: db)
                try await AuditLog.record(AuditEvent(action: "position.update", targetType: "position", targetID: position.id?.uuidString,
                                                     targetLabel: position.name, before: diff.before, after: diff.after), by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminPositions.path)
        } catch let error as AppError {
            return try await renderForm(req, position: position, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    private func find(_ req: Request) async throws -> Position {
        guard let position = try await Position.find(try req.idParameter("positionID"), on: req.db) else { throw AppError.notFound() }
        return position
    }

    struct Values {
        var name: String
        var code: String
        var rank: Int
    }

    private func validate(_ form: PositionForm, existing: Position?, on db: any Database) async throws -> Values {
        var errors: [String: String] = [:]
        let name = FieldRules.trimmed(form.name)
        let code = FieldRules.trimmed(form.code)
        if let problem = FieldRules.name(name) { errors["name"] = problem }
        if let problem = FieldRules.code(code) { errors["code"] = problem }
        let (rank, rankProblem) = FieldRules.sortOrder(form.rank)
        if let rankProblem { errors["rank"] = rankProblem }
        if errors["code"] == nil, let clash = try await Position.query(on: db).filter(\.$code == code).first(), clash.id != existing?.id {
            errors["code"] = Strings.Organization.codeTaken
        }
        if errors["name"] == nil, let clash = try await Position.query(on: db).filter(\.$name == name).first(), clash.id != existing?.id {
            errors["name"] = Strings.Organization.positionNameTaken
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Values(name: name, code: code, rank: rank)
    }

    private func renderForm(_ req: Request, position: Position?, form: PositionForm, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let page = FormPage(isNew: position == nil, action: position.map { SiteURL.adminPosition.link($0.id!) } ?? SiteURL.adminPositions.path,
                            form: form, errors: errors, error: error)
        return try await req.renderPage("admin/position-form", title: Strings.page[position == nil ? "position_new" : "position_edit"]!,
                                        section: .admin, page, status: status)
    }
}

import Fluent
import Vapor

/// 单位管理: create, edit, move, disable units within the administrator's scope.
struct UnitAdminController {
    struct UnitForm: Content, Sendable {
        var name: String?
        var shortName: String?
        var code: String?
        var kind: String?
        var parent: String?
        var sortOrder: String?
        var version: String?
    }

    struct FormPage: Encodable, Sendable {
        var isNew: Bool
        var action: String
        var form: UnitForm
        var errors: [String: String]
        var error: String?
        var kinds: [SelectOption]
        var parents: [SelectOption]
        var allowRoot: Bool
        var departmentsHref: String?
    }

    struct Row: Encodable, Sendable {
        var row: OutlineRow<UnitRowData>
        var editHref: String
        var departmentsHref: String
        var issuerCodesHref: String
        var receivingHref: String
        var noticeColumnsHref: String
        var reportSchemeHref: String
        var deskHref: String
        var messagesHref: String
        var statusHref: String
        var indent: Int
    }

    struct ListPage: Encodable, Sendable {
        var rows: [Row]
        var newHref: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminUnits, use: list)
        routes.get(SiteURL.adminUnitNew, use: newForm)
        routes.post(SiteURL.adminUnits, use: create)
        routes.get(SiteURL.adminUnit, use: editForm)
        routes.post(SiteURL.adminUnit, use: update)
        routes.post(SiteURL.adminUnitStatus, use: setStatus)
    }

    /// Units this administrator manages.
    static func managedUnits(_ access: Access, on db: any Database) async throws -> [Unit] {
        let query = Unit.query(on: db)
        if case .units(let ids) = access.scope(of: .organizationManage) { query.filter(\.$id ~~ Array(ids)) }
        return try await query.all()
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        try access.require(.organizationManage)
        let rows = try await UnitOutline.ordered(try await Self.managedUnits(access, on: req.db)).map { row in
            Row(row: row, editHref: SiteURL.adminUnit.link(row.id), departmentsHref: SiteURL.adminDepartments.link(row.id),
                issuerCodesHref: SiteURL.adminIssuerCodes.link(row.id), receivingHref: SiteURL.adminReceivingSettings.link(row.id),
                noticeColumnsHref: SiteURL.adminNoticeColumns.link(row.id), reportSchemeHref: SiteURL.reportScheme.link(row.id), deskHref: SiteURL.adminDesk.link(row.id), messagesHref: SiteURL.adminMessageLog.link(row.id), statusHref: SiteURL.adminUnitStatus.link(row.id), indent: row.depth)
        }
        return try await req.renderPage("admin/units", title: Strings.page["admin_units"]!, section: .admin,
                                        ListPage(rows: rows, newHref: SiteURL.adminUnitNew.path))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let access = try await req.access()
        try access.require(.organizationManage)
        let form = UnitForm(kind: Unit.Kind.bureau.rawValue, parent: req.queryValue("parent"), sortOrder: "0")
        return try await renderForm(req, access: access, unit: nil, form: form, errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        try access.require(.organizationManage)
        let form = try req.content.decode(UnitForm.self)
        let actor = req.auditActor()
        do {
            let values = try await validate(form, access: access, existing: nil, on: req.db)
            let unit = Unit(name: values.name, shortName: values.shortName, code: values.code, kind: values.kind,
                            parentID: values.parentID, sortOrder: values.sortOrder)
            try await req.write { db in
                try await unit.create(on: db)
                try await AuditLog.record(AuditEvent(action: "unit.create", targetType: "unit", targetID: unit.id?.uuidString,
                                                     targetLabel: unit.name, after: unit.auditSnapshot), by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminUnits.path)
        } catch let error as AppError {
            return try await renderForm(req, access: access, unit: nil, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try await managedUnit(req, access: access)
        let form = UnitForm(name: unit.name, shortName: unit.shortName, code: unit.code, kind: unit.kind.rawValue,
                            parent: unit.$parent.id?.uuidString, sortOrder: String(unit.sortOrder), version: VersionStamp.of(unit.updatedAt))
        return try await renderForm(req, access: access, unit: unit, form: form, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try await managedUnit(req, access: access)
        let form = try req.content.decode(UnitForm.self)
        let actor = req.auditActor()
        do {
            try VersionStamp.check(form.version, against: unit.updatedAt)
            let values = try await validate(form, access: access, existing: unit, on: req.db)
            let before = unit.auditSnapshot
            unit.name = values.name
            unit.shortName = values.shortName
            unit.code = values.code
            unit.kind = values.kind
            unit.$parent.id = values.parentID
            unit.sortOrder = values.sortOrder
            let diff = auditDiff(before, unit.auditSnapshot)
            let stamp = form.version
            try await req.write { db in
                try await VersionStamp.lockAndCheck(Unit.schema, id: unit.id, stamp: stamp, on: db)
                try await unit.save(on: db)
                try await AuditLog.record(AuditEvent(action: before["parent"] == unit.auditSnapshot["parent"] ? "unit.update" : "unit.move",
                                                     targetType: "unit", targetID: unit.id?.uuidString, targetLabel: unit.name,
                                                     before: diff.before, after: diff.after), by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminUnits.path)
        } catch let error as AppError {
            return try await renderForm(req, access: access, unit: unit, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func setStatus(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try await managedUnit(req, access: access)
        let disable = (try? req.content.get(String.self, at: "action")) == "disable"
        let actor = req.auditActor()
        try await req.write { db in
            unit.isDisabled = disable
            try await unit.save(on: db)
            try await AuditLog.record(AuditEvent(action: disable ? "unit.disable" : "unit.enable", targetType: "unit",
                                                 targetID: unit.id?.uuidString, targetLabel: unit.name,
                                                 before: ["disabled": String(!disable)], after: ["disabled": String(disable)]), by: actor, on: db)
        }
        req.flash(disable ? Strings.Organization.disabled : Strings.Organization.enabled)
        return req.redirect(to: SiteURL.adminUnits.path)
    }

    // MARK: - Helpers

    private func managedUnit(_ req: Request, access: Access) async throws -> Unit {
        guard let unit = try await Unit.find(try req.idParameter("unitID"), on: req.db) else { throw AppError.notFound() }
        try access.require(.organizationManage, unit: unit.requireID())
        return unit
    }

    struct Values {
        var name: String
        var shortName: String?
        var code: String
        var kind: Unit.Kind
        var parentID: UUID?
        var sortOrder: Int
    }

    private func validate(_ form: UnitForm, access: Access, existing: Unit?, on db: any Database) async throws -> Values {
        var errors: [String: String] = [:]
        let name = FieldRules.trimmed(form.name)
        let shortName = FieldRules.trimmed(form.shortName)
        let code = FieldRules.trimmed(form.code)
        if let problem = FieldRules.name(name) { errors["name"] = problem }
        if let problem = FieldRules.code(code) { errors["code"] = problem }
        let kind = Unit.Kind(rawValue: form.kind ?? "")
        if kind == nil { errors["kind"] = Strings.Organization.unitKindRequired }
        let (sortOrder, sortProblem) = FieldRules.sortOrder(form.sortOrder)
        if let sortProblem { errors["sortOrder"] = sortProblem }
        let parentID = FieldRules.uuid(form.parent)
        if let parentID {
            if try await Unit.find(parentID, on: db) == nil || !access.covers(.organizationManage, unit: parentID) {
                errors["parent"] = Strings.Organization.parentInvalid
            } else if let id = existing?.id, access.tree.isWithin(parentID, ancestor: id) {
                errors["parent"] = Strings.Organization.parentCycle
            }
        } else if access.scope(of: .organizationManage) != .all, existing?.$parent.id != nil || existing == nil {
            // Only a platform-wide administrator may create or move a top-level unit.
            errors["parent"] = Strings.Organization.parentInvalid
        }
        if errors["code"] == nil {
            let clash = try await Unit.query(on: db).filter(\.$code == code).first()
            if let clash, clash.id != existing?.id { errors["code"] = Strings.Organization.codeTaken }
        }
        guard errors.isEmpty, let kind else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Values(name: name, shortName: shortName.isEmpty ? nil : shortName, code: code, kind: kind, parentID: parentID, sortOrder: sortOrder)
    }

    private func renderForm(_ req: Request, access: Access, unit: Unit?, form: UnitForm, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let selfID = unit?.id
        let candidates = try await Self.managedUnits(access, on: req.db).filter { candidate in
            guard let selfID, let id = candidate.id else { return true }
            return !access.tree.isWithin(id, ancestor: selfID)
        }
        let parents = try await UnitOutline.ordered(candidates).map { SelectOption(value: $0.id, label: $0.label, selected: $0.id == form.parent) }
        let kinds = Unit.Kind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.kind) }
        let page = FormPage(isNew: unit == nil, action: unit.map { SiteURL.adminUnit.link($0.id!) } ?? SiteURL.adminUnits.path,
                            form: form, errors: errors, error: error, kinds: kinds, parents: parents,
                            allowRoot: access.scope(of: .organizationManage) == .all,
                            departmentsHref: unit.map { SiteURL.adminDepartments.link($0.id!) })
        return try await req.renderPage("admin/unit-form", title: Strings.page[unit == nil ? "unit_new" : "unit_edit"]!,
                                        section: .admin, page, status: status)
    }
}

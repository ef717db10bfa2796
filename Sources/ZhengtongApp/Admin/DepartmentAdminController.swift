import Fluent
import Vapor

/// 部门管理: the department tree inside one unit.
struct DepartmentAdminController {
    struct DepartmentForm: Content, Sendable {
        var name: String?
        var parent: String?
        var sortOrder: String?
        var version: String?
    }

    struct Row: Encodable, Sendable {
        var row: OutlineRow<DepartmentRowData>
        var members: Int
        var editHref: String
        var statusHref: String
    }

    struct ListPage: Encodable, Sendable {
        var unitName: String
        var rows: [Row]
        var newHref: String
        var unitsHref: String
    }

    struct FormPage: Encodable, Sendable {
        var isNew: Bool
        var unitName: String
        var action: String
        var backHref: String
        var form: DepartmentForm
        var errors: [String: String]
        var error: String?
        var parents: [SelectOption]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminDepartments, use: list)
        routes.get(SiteURL.adminDepartmentNew, use: newForm)
        routes.post(SiteURL.adminDepartments, use: create)
        routes.get(SiteURL.adminDepartment, use: editForm)
        routes.post(SiteURL.adminDepartment, use: update)
        routes.post(SiteURL.adminDepartmentStatus, use: setStatus)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (access, unit) = try await managedUnit(req)
        _ = access
        let departments = try await Department.query(on: req.db).filter(\.$unit.$id == unit.requireID()).all()
        let memberships = try await UserDepartment.query(on: req.db).filter(\.$department.$id ~~ departments.compactMap(\.id)).all()
        let counts = Dictionary(grouping: memberships, by: { $0.$department.id }).mapValues(\.count)
        let rows = try await DepartmentOutline.ordered(departments).map { row in
            Row(row: row, members: counts[row.item.id!] ?? 0, editHref: SiteURL.adminDepartment.link(row.id),
                statusHref: SiteURL.adminDepartmentStatus.link(row.id))
        }
        return try await req.renderPage("admin/departments", title: "\(unit.name) · \(Strings.page["admin_departments"]!)", section: .admin,
                                        ListPage(unitName: unit.name, rows: rows, newHref: SiteURL.adminDepartmentNew.link(unit.id!),
                                                 unitsHref: SiteURL.adminUnits.path))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (_, unit) = try await managedUnit(req)
        return try await renderForm(req, unit: unit, department: nil,
                                    form: DepartmentForm(parent: req.queryValue("parent"), sortOrder: "0"), errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (_, unit) = try await managedUnit(req)
        let form = try req.content.decode(DepartmentForm.self)
        let actor = req.auditActor()
        do {
            let values = try await validate(form, unit: unit, existing: nil, on: req.db)
            let department = Department(unitID: try unit.requireID(), parentID: values.parentID, name: values.name, sortOrder: values.sortOrder)
            try await req.write { db in
                try await department.create(on: db)
                try await AuditLog.record(AuditEvent(action: "department.create", targetType: "department", targetID: department.id?.uuidString,
                                                     targetLabel: "\(unit.name)/\(department.name)", after: department.auditSnapshot),
                                          by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminDepartments.link(unit.id!))
        } catch let error as AppError {
            return try await renderForm(req, unit: unit, department: nil, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let (department, unit) = try await managedDepartment(req)
        let form = DepartmentForm(name: department.name, parent: department.$parent.id?.uuidString,
                                  sortOrder: String(department.sortOrder), version: VersionStamp.of(department.updatedAt))
        return try await renderForm(req, unit: unit, department: department, form: form, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let (department, unit) = try await managedDepartment(req)
        let form = try req.content.decode(DepartmentForm.self)
        let actor = req.auditActor()
        do {
            try VersionStamp.check(form.version, against: department.updatedAt)
            let values = try await validate(form, unit: unit, existing: department, on: req.db)
            let before = department.auditSnapshot
            department.name = values.name
            department.$parent.id = values.parentID
            department.sortOrder = values.sortOrder
            let diff = auditDiff(before, department.auditSnapshot)
            let stamp = form.version
            try await req.write { db in
                try await VersionStamp.lockAndCheck(Department.schema, id: department.id, stamp: stamp, on: db)
                try await department.save(on: db)
                try await AuditLog.record(AuditEvent(action: diff.after["parent"] == nil ? "department.update" : "department.move",
                                                     targetType: "department", targetID: department.id?.uuidString,
                                                     targetLabel: "\(unit.name)/\(department.name)", before: diff.before, after: diff.after),
                                          by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminDepartments.link(unit.id!))
        } catch let error as AppError {
            return try await renderForm(req, unit: unit, department: department, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func setStatus(req: Request) async throws -> Response {
        let (department, unit) = try await managedDepartment(req)
        let disable = (try? req.content.get(String.self, at: "action")) == "disable"
        let actor = req.auditActor()
        try await req.write { db in
            department.isDisabled = disable
            try await department.save(on: db)
            try await AuditLog.record(AuditEvent(action: disable ? "department.disable" : "department.enable", targetType: "department",
                                                 targetID: department.id?.uuidString, targetLabel: "\(unit.name)/\(department.name)",
                                                 before: ["disabled": String(!disable)], after: ["disabled": String(disable)]), by: actor, on: db)
        }
        req.flash(disable ? Strings.Organization.disabled : Strings.Organization.enabled)
        return req.redirect(to: SiteURL.adminDepartments.link(unit.id!))
    }

    // MARK: - Helpers

    private func managedUnit(_ req: Request) async throws -> (Access, Unit) {
        let access = try await req.access()
        guard let unit = try await Unit.find(try req.idParameter("unitID"), on: req.db) else { throw AppError.notFound() }
        try access.require(.organizationManage, unit: unit.requireID())
        return (access, unit)
    }

    private func managedDepartment(_ req: Request) async throws -> (Department, Unit) {
        let access = try await req.access()
        guard let department = try await Department.query(on: req.db).filter(\.$id == req.idParameter("departmentID")).with(\.$unit).first()
        else { throw AppError.notFound() }
        try access.require(.organizationManage, unit: department.$unit.id)
        return (department, department.unit)
    }

    struct Values {
        var name: String
        var parentID: UUID?
        var sortOrder: Int
    }

    private func validate(_ form: DepartmentForm, unit: Unit, existing: Department?, on db: any Database) async throws -> Values {
        var errors: [String: String] = [:]
        let name = FieldRules.trimmed(form.name)
        if let problem = FieldRules.name(name) { errors["name"] = problem }
        let (sortOrder, sortProblem) = FieldRules.sortOrder(form.sortOrder)
        if let sortProblem { errors["sortOrder"] = sortProblem }
        let parentID = FieldRules.uuid(form.parent)
        if let parentID {
            let siblings = try await Department.query(on: db).filter(\.$unit.$id == unit.requireID()).all()
            if !siblings.contains(where: { $0.id == parentID }) {
                errors["parent"] = Strings.Organization.parentInvalid
            } else if let selfID = existing?.id {
                let tree = UnitTree(pairs: siblings.compactMap { d in d.id.map { ($0, d.$parent.id) } })
                if tree.isWithin(parentID, ancestor: selfID) { errors["parent"] = Strings.Organization.parentCycle }
            }
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Values(name: name, parentID: parentID, sortOrder: sortOrder)
    }

    private func renderForm(_ req: Request, unit: Unit, department: Department?, form: DepartmentForm, errors: [String: String],
                            error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let all = try await Department.query(on: req.db).filter(\.$unit.$id == unit.requireID()).all()
        let tree = UnitTree(pairs: all.compactMap { d in d.id.map { ($0, d.$parent.id) } })
        let candidates = all.filter { candidate in
            guard let selfID = department?.id, let id = candidate.id else { return true }
            return !tree.isWithin(id, ancestor: selfID)
        }
        let parents = try await DepartmentOutline.ordered(candidates)
            .map { SelectOption(value: $0.id, label: $0.label, selected: $0.id == form.parent) }
        let page = FormPage(isNew: department == nil, unitName: unit.name,
                            action: department.map { SiteURL.adminDepartment.link($0.id!) } ?? SiteURL.adminDepartments.link(unit.id!),
                            backHref: SiteURL.adminDepartments.link(unit.id!), form: form, errors: errors, error: error, parents: parents)
        return try await req.renderPage("admin/department-form", title: Strings.page[department == nil ? "department_new" : "department_edit"]!,
                                        section: .admin, page, status: status)
    }
}

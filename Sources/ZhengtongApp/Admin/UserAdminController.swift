import Fluent
import Vapor

/// 人员管理: accounts, their unit (move), departments, positions; disable instead of delete.
struct UserAdminController {
    struct UserForm: Content, Sendable {
        var unit: String?
        var username: String?
        var name: String?
        var phone: String?
        var email: String?
        var departments: [String]?
        var primaryDepartment: String?
        var positions: [String]?
        var sortOrder: String?
        var version: String?
    }


    struct FormPage: Encodable, Sendable {
        var isNew: Bool
        var action: String
        var reloadHref: String
        var form: UserForm
        var errors: [String: String]
        var error: String?
        var units: [SelectOption]
        var departments: [SelectOption]
        var primaryDepartments: [SelectOption]
        var positions: [SelectOption]
        var disabled: Bool
        var statusHref: String?
        var passwordHref: String?
        var rolesHref: String?
    }

    struct Row: Encodable, Sendable {
        var person: PersonDTO
        var editHref: String?
        var rolesHref: String?
    }

    struct ListPage: Encodable, Sendable {
        var q: String
        var includeDisabled: Bool
        var units: [SelectOption]
        var rows: [Row]
        var total: Int
        var pager: Pager
        var newHref: String?
    }

    struct PasswordIssuedPage: Encodable, Sendable {
        var message: String
        var backHref: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminUsers, use: list)
        routes.get(SiteURL.adminUserNew, use: newForm)
        routes.post(SiteURL.adminUsers, use: create)
        routes.get(SiteURL.adminUser, use: editForm)
        routes.post(SiteURL.adminUser, use: update)
        routes.post(SiteURL.adminUserStatus, use: setStatus)
        routes.post(SiteURL.adminUserPassword, use: resetPassword)
    }

    /// People administrators reach: the system administrator's (accounts) and the security administrator's (roles).
    private func administeredScope(_ access: Access) -> UnitScope {
        access.scope(of: .organizationManage).union(access.scope(of: .roleManage))
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.organizationManage) || access.has(.roleManage) else { throw AppError.forbidden() }
        let scope = administeredScope(access)
        var filter = try PeopleFilter.fromQuery(req, perPageLimit: 200)
        filter.includeDisabled = try PeopleFilter.flag(req, "includeDisabled")
        if let unitID = filter.unitID, !scope.contains(unitID) { throw AppError.forbidden() }
        let query = User.query(on: req.db)
        if case .units(let ids) = scope { query.filter(\.$unit.$id ~~ Array(ids)) }
        let (users, total) = try await filter.run(query)
        let rows = try await PersonDirectory.load(users, on: req.db).map { person in
            Row(person: person,
                editHref: access.canManageAccount(of: person) ? SiteURL.adminUser.link(person.id) : nil,
                rolesHref: access.covers(.roleManage, unit: person.unit.id) ? SiteURL.adminUserRoles.link(person.id) : nil)
        }
        let unitQuery = Unit.query(on: req.db)
        if case .units(let ids) = scope { unitQuery.filter(\.$id ~~ Array(ids)) }
        let units = try await UnitOutline.ordered(try await unitQuery.all())
            .map { SelectOption(value: $0.id, label: $0.label, selected: $0.id == filter.unitID?.uuidString) }
        let page = ListPage(q: filter.text ?? "", includeDisabled: filter.includeDisabled, units: units, rows: rows, total: total,
                            pager: Pager(page: filter.page, perPage: filter.perPage, total: total, request: req),
                            newHref: access.has(.organizationManage) ? SiteURL.adminUserNew.path : nil)
        return try await req.renderPage("admin/users", title: Strings.page["admin_users"]!, section: .admin, page)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let access = try await req.access()
        try access.require(.organizationManage)
        let form = UserForm(unit: req.queryValue("unit"), sortOrder: "0")
        return try await renderForm(req, access: access, user: nil, form: form, errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        try access.require(.organizationManage)
        let form = try req.content.decode(UserForm.self)
        let actor = req.auditActor()
        do {
            let values = try await validate(form, access: access, existing: nil, on: req.db)
            let password = PasswordPolicy.generate()
            let hash = try await req.password.async.hash(password)
            let user = User(unitID: values.unitID, username: values.username, name: values.name, phone: values.phone,
                            email: values.email, passwordHash: hash, mustChangePassword: true, sortOrder: values.sortOrder)
            try await req.write { db in
                try await user.create(on: db)
                try await PeopleService.setMembership(values.membership, for: user, on: db)
                try await AuditLog.record(AuditEvent(action: "user.create", targetType: "user", targetID: user.id?.uuidString,
                                                     targetLabel: user.username, after: PeopleService.snapshot(user, membership: values.membership)),
                                          by: actor, on: db)
            }
            return try await passwordIssued(req, username: user.username, password: password, back: SiteURL.adminUser.link(user.id!))
        } catch let error as AppError {
            return try await renderForm(req, access: access, user: nil, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await managedUser(req, access: access)
        let membership = try await PeopleService.currentMembership(of: user.requireID(), on: req.db)
        let form = UserForm(unit: user.$unit.id.uuidString, username: user.username, name: user.name, phone: user.phone, email: user.email,
                            departments: membership.departmentIDs.map(\.uuidString), primaryDepartment: membership.primaryDepartmentID?.uuidString,
                            positions: membership.positionIDs.map(\.uuidString), sortOrder: String(user.sortOrder),
                            version: VersionStamp.of(user.updatedAt))
        // `?unit=` lets the page reload its department list after the unit was changed (moving a person).
        var shown = form
        if let unit = req.queryValue("unit") { shown.unit = unit; shown.departments = []; shown.primaryDepartment = nil }
        return try await renderForm(req, access: access, user: user, form: shown, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await managedUser(req, access: access)
        let form = try req.content.decode(UserForm.self)
        let actor = req.auditActor()
        do {
            try VersionStamp.check(form.version, against: user.updatedAt)
            let values = try await validate(form, access: access, existing: user, on: req.db)
            let before = PeopleService.snapshot(user, membership: try await PeopleService.currentMembership(of: user.requireID(), on: req.db))
            user.$unit.id = values.unitID
            user.name = values.name
            user.phone = values.phone
            user.email = values.email
            user.sortOrder = values.sortOrder
            let diff = auditDiff(before, PeopleService.snapshot(user, membership: values.membership))
            let stamp = form.version
            try await req.write { db in
                try await VersionStamp.lockAndCheck(User.schema, id: user.id, stamp: stamp, on: db)
                try await user.save(on: db)
                try await PeopleService.setMembership(values.membership, for: user, on: db)
                try await AuditLog.record(AuditEvent(action: diff.after["unit"] == nil ? "user.update" : "user.move", targetType: "user",
                                                     targetID: user.id?.uuidString, targetLabel: user.username,
                                                     before: diff.before, after: diff.after), by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminUser.link(user.id!))
        } catch let error as AppError {
            return try await renderForm(req, access: access, user: user, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func setStatus(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await managedUser(req, access: access)
        let disable = (try? req.content.get(String.self, at: "action")) == "disable"
        if disable, user.id == access.userID { throw AppError.validation(Strings.Organization.cannotDisableSelf) }
        let actor = req.auditActor()
        try await req.write { db in
            user.isDisabled = disable
            try await user.save(on: db)
            if disable { try await APIToken.query(on: db).filter(\.$user.$id == user.requireID()).delete() }
            try await AuditLog.record(AuditEvent(action: disable ? "user.disable" : "user.enable", targetType: "user",
                                                 targetID: user.id?.uuidString, targetLabel: user.username,
                                                 before: ["disabled": String(!disable)], after: ["disabled": String(disable)]), by: actor, on: db)
        }
        req.flash(disable ? Strings.Organization.disabled : Strings.Organization.enabled)
        return req.redirect(to: SiteURL.adminUser.link(user.id!))
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await managedUser(req, access: access)
        let password = PasswordPolicy.generate()
        let hash = try await req.password.async.hash(password)
        let actor = req.auditActor()
        try await req.write { db in
            try await Credentials.replacePassword(of: user, hash: hash, mustChange: true, action: "user.password.reset", by: actor, on: db)
        }
        return try await passwordIssued(req, username: user.username, password: password, back: SiteURL.adminUser.link(user.id!))
    }

    // MARK: - Helpers

    /// Shown once, in the response itself: the password is never stored in a session or a log.
    private func passwordIssued(_ req: Request, username: String, password: String, back: String) async throws -> Response {
        try await req.renderPage("admin/password-issued", title: Strings.page["user_reset_password"]!, section: .admin,
                                 PasswordIssuedPage(message: Strings.Organization.passwordIssued(username, password), backHref: back))
    }

    private func managedUser(_ req: Request, access: Access) async throws -> User {
        guard let user = try await User.find(try req.idParameter("userID"), on: req.db) else { throw AppError.notFound() }
        try await access.requireAccountManagement(of: user, on: req.db)
        return user
    }

    struct Values {
        var unitID: UUID
        var username: String
        var name: String
        var phone: String?
        var email: String?
        var sortOrder: Int
        var membership: PeopleService.Membership
    }

    private func validate(_ form: UserForm, access: Access, existing: User?, on db: any Database) async throws -> Values {
        var errors: [String: String] = [:]
        let username = existing?.username ?? FieldRules.trimmed(form.username)
        let name = FieldRules.trimmed(form.name)
        let phone = FieldRules.trimmed(form.phone)
        let email = FieldRules.trimmed(form.email)
        if existing == nil, let problem = FieldRules.username(username) { errors["username"] = problem }
        if let problem = FieldRules.name(name, required: Strings.Organization.personNameRequired) { errors["name"] = problem }
        if let problem = FieldRules.phone(phone) { errors["phone"] = problem }
        if let problem = FieldRules.email(email) { errors["email"] = problem }
        let (sortOrder, sortProblem) = FieldRules.sortOrder(form.sortOrder)
        if let sortProblem { errors["sortOrder"] = sortProblem }
        let unitID = FieldRules.uuid(form.unit)
        if let unitID {
            if try await Unit.find(unitID, on: db) == nil || !access.covers(.organizationManage, unit: unitID) {
                errors["unit"] = Strings.Organization.parentInvalid
            }
        } else {
            errors["unit"] = Strings.Organization.unitRequired
        }
        let departmentIDs = (form.departments ?? []).compactMap { UUID(uuidString: $0) }
        if let unitID, errors["unit"] == nil, let problem = try await PeopleService.departmentProblem(departmentIDs, unitID: unitID, on: db) {
            errors["departments"] = problem
        }
        let positionIDs = (form.positions ?? []).compactMap { UUID(uuidString: $0) }
        if !positionIDs.isEmpty, try await Position.query(on: db).filter(\.$id ~~ positionIDs).count() != Set(positionIDs).count {
            errors["positions"] = Strings.Organization.positionUnknown
        }
        if existing == nil, errors["username"] == nil, try await User.query(on: db).filter(\.$username == username).first() != nil {
            errors["username"] = Strings.Organization.usernameTaken
        }
        if !phone.isEmpty, errors["phone"] == nil, let clash = try await User.query(on: db).filter(\.$phone == phone).first(), clash.id != existing?.id {
            errors["phone"] = Strings.Organization.phoneTaken
        }
        guard errors.isEmpty, let unitID else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Values(unitID: unitID, username: username, name: name, phone: phone.isEmpty ? nil : phone, email: email.isEmpty ? nil : email,
                      sortOrder: sortOrder,
                      membership: .init(departmentIDs: departmentIDs, primaryDepartmentID: FieldRules.uuid(form.primaryDepartment),
                                        positionIDs: positionIDs))
    }

    private func renderForm(_ req: Request, access: Access, user: User?, form: UserForm, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let unitQuery = Unit.query(on: req.db)
        if case .units(let ids) = access.scope(of: .organizationManage) { unitQuery.filter(\.$id ~~ Array(ids)) }
        let units = try await UnitOutline.ordered(try await unitQuery.all()).map { SelectOption(value: $0.id, label: $0.label, selected: $0.id == form.unit) }
        var departments: [SelectOption] = []
        var primaries: [SelectOption] = []
        if let unitID = FieldRules.uuid(form.unit), access.covers(.organizationManage, unit: unitID) {
            let rows = try await DepartmentOutline.ordered(try await Department.query(on: req.db).filter(\.$unit.$id == unitID).all())
            let chosen = Set(form.departments ?? [])
            departments = rows.map { SelectOption(value: $0.id, label: $0.label, selected: chosen.contains($0.id)) }
            primaries = rows.filter { chosen.contains($0.id) }.map { SelectOption(value: $0.id, label: $0.item.name, selected: $0.id == form.primaryDepartment) }
        }
        let chosenPositions = Set(form.positions ?? [])
        let positions = try await Position.query(on: req.db).sort(\.$rank, .descending).all()
            .map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: chosenPositions.contains($0.id!.uuidString)) }
        let page = FormPage(
            isNew: user == nil, action: user.map { SiteURL.adminUser.link($0.id!) } ?? SiteURL.adminUsers.path,
            reloadHref: user.map { SiteURL.adminUser.link($0.id!) } ?? SiteURL.adminUserNew.path,
            form: form, errors: errors, error: error, units: units, departments: departments, primaryDepartments: primaries,
            positions: positions, disabled: user?.isDisabled ?? false,
            statusHref: user.map { SiteURL.adminUserStatus.link($0.id!) }, passwordHref: user.map { SiteURL.adminUserPassword.link($0.id!) },
            rolesHref: user.flatMap { access.covers(.roleManage, unit: $0.$unit.id) ? SiteURL.adminUserRoles.link($0.id!) : nil })
        return try await req.renderPage("admin/user-form", title: Strings.page[user == nil ? "user_new" : "user_edit"]!,
                                        section: .admin, page, status: status)
    }
}

import Fluent
import Vapor

/// 角色与授权: roles and their permissions, and who holds which role over which units.
/// The security administrator's work only (三员分立).
struct RoleAdminController {
    struct RoleForm: Content, Sendable {
        var code: String?
        var name: String?
        var description: String?
        var permissions: [String]?
        var version: String?
    }

    struct RoleRow: Encodable, Sendable {
        var code: String
        var name: String
        var description: String
        var permissions: String
        var builtin: Bool
        var holders: Int
        var editHref: String
    }

    struct ListPage: Encodable, Sendable {
        var rows: [RoleRow]
        var newHref: String
    }

    struct FormPage: Encodable, Sendable {
        var isNew: Bool
        var builtin: Bool
        var action: String
        var form: RoleForm
        var errors: [String: String]
        var error: String?
        var permissions: [SelectOption]
    }

    struct GrantRow: Encodable, Sendable {
        var role: String
        var scope: String
        var revokeHref: String
    }

    struct GrantForm: Content, Sendable {
        var role: String?
        var scope: String?
    }

    struct GrantsPage: Encodable, Sendable {
        var person: PersonDTO
        var grants: [GrantRow]
        var roles: [SelectOption]
        var scopes: [SelectOption]
        var action: String
        var error: String?
        var isSelf: Bool
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminRoles, use: list)
        routes.get(SiteURL.adminRoleNew, use: newForm)
        routes.post(SiteURL.adminRoles, use: create)
        routes.get(SiteURL.adminRole, use: editForm)
        routes.post(SiteURL.adminRole, use: update)
        routes.get(SiteURL.adminUserRoles, use: grants)
        routes.post(SiteURL.adminUserRoles, use: grant)
        routes.post(SiteURL.adminUserRoleRevoke, use: revoke)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await req.access().require(.roleManage)
        let roles = try await Role.query(on: req.db).sort(\.$isBuiltin, .descending).sort(\.$name).all()
        let grants = try await UserRole.query(on: req.db).all()
        let holders = Dictionary(grouping: grants, by: { $0.$role.id }).mapValues { Set($0.map { $0.$user.id }).count }
        let rows = roles.map { role in
            RoleRow(code: role.code, name: role.name, description: role.description,
                    permissions: role.permissionSet.map(\.label).sorted().joined(separator: Strings.listSeparator),
                    builtin: role.isBuiltin, holders: holders[role.id!] ?? 0, editHref: SiteURL.adminRole.link(role.id!))
        }
        return try await req.renderPage("admin/roles", title: Strings.page["admin_roles"]!, section: .admin,
                                        ListPage(rows: rows, newHref: SiteURL.adminRoleNew.path))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try await req.access().require(.roleManage)
        return try await renderForm(req, role: nil, form: RoleForm(), errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.access().require(.roleManage)
        let form = try req.content.decode(RoleForm.self)
        let actor = req.auditActor()
        do {
            let values = try await validate(form, existing: nil, on: req.db)
            let role = Role(code: values.code, name: values.name, description: values.description, permissions: values.permissions, isBuiltin: false)
            try await req.write { db in
                try await role.create(on: db)
                try await AuditLog.record(AuditEvent(action: "role.create", targetType: "role", targetID: role.id?.uuidString,
                                                     targetLabel: role.name, after: role.auditSnapshot), by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminRoles.path)
        } catch let error as AppError {
            return try await renderForm(req, role: nil, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        try await req.access().require(.roleManage)
        let role = try await findRole(req)
        let form = RoleForm(code: role.code, name: role.name, description: role.description, permissions: role.permissions,
                            version: VersionStamp.of(role.updatedAt))
        return try await renderForm(req, role: role, form: form, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        try await req.access().require(.roleManage)
        let role = try await findRole(req)
        let form = try req.content.decode(RoleForm.self)
        let actor = req.auditActor()
        do {
            // Built-in roles carry the separation of duties; their permissions are fixed.
            guard !role.isBuiltin else { throw AppError.validation(Strings.Organization.builtinRoleFixed) }
            try VersionStamp.check(form.version, against: role.updatedAt)
            let values = try await validate(form, existing: role, on: req.db)
            let before = role.auditSnapshot
            role.name = values.name
            role.description = values.description
            role.permissions = values.permissions.map(\.rawValue)
            let diff = auditDiff(before, role.auditSnapshot)
            let stamp = form.version
            let roleID = try role.requireID()
            try await req.write { db in
                try await VersionStamp.lockAndCheck(Role.schema, id: role.id, stamp: stamp, on: db)
                // A role that comes to open documents may not stay with a 三员 account (三员分立).
                if !role.permissionSet.isDisjoint(with: Permission.business) {
                    let holders = try await UserRole.query(on: db).filter(\.$role.$id == roleID).all().map(\.$user.id)
                    let administrators = try await UserRole.query(on: db).filter(\.$user.$id ~~ holders).with(\.$role).all()
                        .filter { BuiltinRole(rawValue: $0.role.code).map(BuiltinRole.administrators.contains) ?? false }
                    if !administrators.isEmpty {
                        throw AppError.validation(Strings.Organization.adminWithoutBusiness, fields: ["permissions": Strings.Organization.adminWithoutBusiness])
                    }
                }
                try await role.save(on: db)
                try await AuditLog.record(AuditEvent(action: "role.update", targetType: "role", targetID: role.id?.uuidString,
                                                     targetLabel: role.name, before: diff.before, after: diff.after), by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminRoles.path)
        } catch let error as AppError {
            return try await renderForm(req, role: role, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func grants(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await grantee(req, access: access)
        return try await renderGrants(req, access: access, user: user, error: nil)
    }

    @Sendable func grant(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await grantee(req, access: access)
        let form = try req.content.decode(GrantForm.self)
        let actor = req.auditActor()
        do {
            guard user.id != access.userID else { throw AppError.validation(Strings.Organization.cannotChangeOwnRoles) }
            guard let roleID = FieldRules.uuid(form.role), let role = try await Role.find(roleID, on: req.db) else {
                throw AppError.validation(Strings.Organization.roleUnknown, fields: ["role": Strings.Organization.roleUnknown])
            }
            let scope = FieldRules.uuid(form.scope)
            // The grant may reach no further than the granter's own reach.
            let allowed = scope.map { access.covers(.roleManage, unit: $0) } ?? (access.scope(of: .roleManage) == .all)
            guard allowed else { throw AppError.validation(Strings.Organization.scopeOutside, fields: ["scope": Strings.Organization.scopeOutside]) }
            try await req.write { db in
                try await RoleGrants.grant(role, to: user, scope: scope, by: actor, on: db)
            }
            req.flash(Strings.Organization.saved)
            return req.redirect(to: SiteURL.adminUserRoles.link(user.id!))
        } catch let error as AppError {
            return try await renderGrants(req, access: access, user: user, error: error.message, status: error.status)
        }
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await grantee(req, access: access)
        guard user.id != access.userID else { throw AppError.validation(Strings.Organization.cannotChangeOwnRoles) }
        guard let grant = try await UserRole.query(on: req.db).filter(\.$id == req.idParameter("grantID"))
            .filter(\.$user.$id == user.requireID()).with(\.$role).first()
        else { throw AppError.notFound() }
        let actor = req.auditActor()
        try await req.write { db in
            try await grant.delete(on: db)
            try await AuditLog.record(AuditEvent(action: "role.revoke", targetType: "user", targetID: user.id?.uuidString, targetLabel: user.username,
                                                 before: ["role": grant.role.code, "scope": grant.$scopeUnit.id?.uuidString ?? "all"]),
                                      by: actor, on: db)
        }
        req.flash(Strings.Organization.saved)
        return req.redirect(to: SiteURL.adminUserRoles.link(user.id!))
    }

    // MARK: - Helpers

    private func findRole(_ req: Request) async throws -> Role {
        guard let role = try await Role.find(try req.idParameter("roleID"), on: req.db) else { throw AppError.notFound() }
        return role
    }

    private func grantee(_ req: Request, access: Access) async throws -> User {
        guard let user = try await User.find(try req.idParameter("userID"), on: req.db) else { throw AppError.notFound() }
        try access.require(.roleManage, unit: user.$unit.id)
        return user
    }

    struct Values {
        var code: String
        var name: String
        var description: String
        var permissions: [Permission]
    }

    private func validate(_ form: RoleForm, existing: Role?, on db: any Database) async throws -> Values {
        var errors: [String: String] = [:]
        let code = existing?.code ?? FieldRules.trimmed(form.code)
        let name = FieldRules.trimmed(form.name)
        let description = String(FieldRules.trimmed(form.description).prefix(200))
        if existing == nil, let problem = FieldRules.code(code) { errors["code"] = problem }
        if let problem = FieldRules.name(name) { errors["name"] = problem }
        let permissions = (form.permissions ?? []).compactMap(Permission.init(rawValue:))
        if permissions.count != (form.permissions ?? []).count { errors["permissions"] = Strings.Organization.permissionUnknown }
        if permissions.contains(where: Permission.administrative.contains) { errors["permissions"] = Strings.Organization.adminRoleNotGrantable }
        if existing == nil, errors["code"] == nil, try await Role.query(on: db).filter(\.$code == code).first() != nil {
            errors["code"] = Strings.Organization.codeTaken
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Values(code: code, name: name, description: description, permissions: permissions)
    }

    private func renderForm(_ req: Request, role: Role?, form: RoleForm, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let chosen = Set(form.permissions ?? [])
        let grantable = Permission.allCases.filter { !Permission.administrative.contains($0) || (role?.isBuiltin ?? false) }
        let page = FormPage(isNew: role == nil, builtin: role?.isBuiltin ?? false,
                            action: role.map { SiteURL.adminRole.link($0.id!) } ?? SiteURL.adminRoles.path,
                            form: form, errors: errors, error: error,
                            permissions: grantable.map { SelectOption(value: $0.rawValue, label: $0.label, selected: chosen.contains($0.rawValue)) })
        return try await req.renderPage("admin/role-form", title: Strings.page[role == nil ? "role_new" : "role_edit"]!,
                                        section: .admin, page, status: status)
    }

    private func renderGrants(_ req: Request, access: Access, user: User, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try await PersonDirectory.load([user], on: req.db)[0]
        let held = try await UserRole.query(on: req.db).filter(\.$user.$id == user.requireID()).with(\.$role).with(\.$scopeUnit).all()
        let rows = held.map { grant in
            GrantRow(role: grant.role.name, scope: grant.scopeUnit?.name ?? Strings.page["role_scope_all"]!,
                     revokeHref: SiteURL.adminUserRoleRevoke.link(user.id!, grant.id!))
        }
        let roles = try await Role.query(on: req.db).sort(\.$name).all().map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: false) }
        var scopes: [SelectOption] = []
        if access.scope(of: .roleManage) == .all {
            scopes.append(SelectOption(value: "", label: Strings.page["role_scope_all"]!, selected: false))
        }
        let unitQuery = Unit.query(on: req.db)
        if case .units(let ids) = access.scope(of: .roleManage) { unitQuery.filter(\.$id ~~ Array(ids)) }
        scopes += try await UnitOutline.ordered(try await unitQuery.all())
            .map { SelectOption(value: $0.id, label: $0.label, selected: $0.id == user.$unit.id.uuidString) }
        let page = GrantsPage(person: person, grants: rows, roles: roles, scopes: scopes, action: SiteURL.adminUserRoles.link(user.id!),
                              error: error, isSelf: user.id == access.userID)
        return try await req.renderPage("admin/user-roles", title: Strings.page["user_roles"]!, section: .admin, page, status: status)
    }
}

import Fluent

/// 三员分立 for process administration: 流程管理 (`workflow.manage`, which opens every document of the processes
/// in scope) leaves the system administrator's role and becomes the 流程管理员 role, which the security
/// administrator grants like any business role. Existing grants of the system administrator lose it.
struct M0020_SeparateProcessAdministration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        if try await Role.query(on: database).filter(\.$code == BuiltinRole.processAdmin.rawValue).first() == nil {
            let role = BuiltinRole.processAdmin
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
        try await setSystemAdministrator(BuiltinRole.sysAdmin.permissions.map(\.rawValue), description: BuiltinRole.sysAdmin.description, on: database)
    }

    func revert(on database: any Database) async throws {
        if let role = try await Role.query(on: database).filter(\.$code == BuiltinRole.processAdmin.rawValue).first() {
            try await UserRole.query(on: database).filter(\.$role.$id == role.requireID()).delete()
            try await role.delete(on: database)
        }
        try await setSystemAdministrator((BuiltinRole.sysAdmin.permissions + [.workflowManage]).map(\.rawValue),
                                         description: "管理单位、部门、职务和人员账户，部署和监控流程。", on: database)
    }

    private func setSystemAdministrator(_ permissions: [String], description: String, on database: any Database) async throws {
        guard let role = try await Role.query(on: database).filter(\.$code == BuiltinRole.sysAdmin.rawValue).first() else { return }
        role.permissions = permissions
        role.description = description
        try await role.save(on: database)
    }
}

import Fluent

/// The two roles of 信息报送 (信息员, 信息编辑), seeded on their own so 信息报送 and 刊物 can build their tables in
/// migrations of their own.
struct M0036_SeedReportRoles: AsyncMigration {
    private static let roles: [BuiltinRole] = [.reporter, .infoEditor]

    func prepare(on database: any Database) async throws {
        for role in Self.roles where try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Role.query(on: database).filter(\.$code ~~ Self.roles.map(\.rawValue)).delete()
    }
}

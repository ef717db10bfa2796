import Fluent

/// The built-in roles and the usual positions every installation starts with.
struct M0006_SeedCatalogue: AsyncMigration {
    static let defaultPositions: [(name: String, code: String, rank: Int)] = [
        ("主要领导", "principal", 100),
        ("分管领导", "deputyLeader", 90),
        ("主任", "director", 50),
        ("副主任", "deputyDirector", 40),
        ("科员", "staff", 10),
    ]

    func prepare(on database: any Database) async throws {
        for role in BuiltinRole.allCases {
            try await Role(code: role.rawValue, name: role.name, description: role.description,
                           permissions: role.permissions, isBuiltin: true).create(on: database)
        }
        for position in Self.defaultPositions {
            try await Position(name: position.name, code: position.code, rank: position.rank).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Position.query(on: database).filter(\.$code ~~ Self.defaultPositions.map(\.code)).delete()
        try await Role.query(on: database).filter(\.$isBuiltin == true).delete()
    }
}

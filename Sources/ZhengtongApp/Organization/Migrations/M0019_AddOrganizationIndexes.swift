import Fluent

/// Indexes for the organisation's lookups by person and by unit, found missing on the seeded city
/// (`benchmarks/explain_lists.py`: sequential scans of users, posts, grants and departments on every
/// request that loads a unit's members or a person's grants).
struct M0019_AddOrganizationIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("users_unit", User.schema, "unit_id, is_disabled"),
        ("user_positions_user", UserPosition.schema, "user_id"),
        ("user_roles_user", UserRole.schema, "user_id"),
        ("departments_unit", Department.schema, "unit_id"),
        ("user_departments_department", UserDepartment.schema, "department_id"),
    ]

    func prepare(on database: any Database) async throws {
        try await DatabaseIndexes.create(Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
    }
}

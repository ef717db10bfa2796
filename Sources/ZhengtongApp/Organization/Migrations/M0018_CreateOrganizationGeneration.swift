import Fluent
import SQLKit

/// `organization_generation`: one number the database itself raises (triggers) whenever something a request's
/// permissions or a task's assignment is computed from changes — units, departments, people, posts, roles, grants,
/// revoked tokens, the working calendar, 委托. ``OrganizationCache`` keeps what it computed while the number stays
/// the same, so a change made by any process, by any statement, is seen by the next request.
struct M0018_CreateOrganizationGeneration: AsyncMigration {
    /// Tables and the events that change what is cached. For `users`, only the columns that matter: a login
    /// writes `last_login_at`, and must not empty every cache at the 8:30 peak.
    static let watched: [(table: String, events: [String])] = [
        ("units", ["INSERT", "UPDATE", "DELETE"]),
        ("departments", ["INSERT", "UPDATE", "DELETE"]),
        ("users", ["INSERT", "UPDATE OF unit_id, username, name, password_hash, must_change_password, is_disabled", "DELETE"]),
        ("positions", ["INSERT", "UPDATE", "DELETE"]),
        ("user_positions", ["INSERT", "UPDATE", "DELETE"]),
        ("user_departments", ["INSERT", "UPDATE", "DELETE"]),
        ("roles", ["INSERT", "UPDATE", "DELETE"]),
        ("user_roles", ["INSERT", "UPDATE", "DELETE"]),
        ("api_tokens", ["UPDATE", "DELETE"]),
        ("calendar_days", ["INSERT", "UPDATE", "DELETE"]),
        ("workflow_delegations", ["INSERT", "UPDATE", "DELETE"]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        try await sql.raw("CREATE TABLE organization_generation (id INTEGER PRIMARY KEY, value BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO organization_generation (id, value) VALUES (1, 1)").run()
        if try sql.dialectKind == .postgres {
            try await sql.raw("""
                CREATE FUNCTION bump_organization_generation() RETURNS trigger AS $$
                BEGIN UPDATE organization_generation SET value = value + 1 WHERE id = 1; RETURN NULL; END
                $$ LANGUAGE plpgsql
                """).run()
            for (table, events) in Self.watched {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_generation AFTER \(unsafeRaw: events.joined(separator: " OR ")) ON \(ident: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_organization_generation()
                    """).run()
            }
        } else {
            for (table, events) in Self.watched {
                for (index, event) in events.enumerated() {
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: table)_generation_\(unsafeRaw: String(index)) AFTER \(unsafeRaw: event) ON \(ident: table)
                        BEGIN UPDATE organization_generation SET value = value + 1 WHERE id = 1; END
                        """).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        if try sql.dialectKind == .postgres {
            for (table, _) in Self.watched { try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_generation ON \(ident: table)").run() }
            try await sql.raw("DROP FUNCTION bump_organization_generation()").run()
        } else {
            for (table, events) in Self.watched {
                for index in events.indices { try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_generation_\(unsafeRaw: String(index))").run() }
            }
        }
        try await sql.raw("DROP TABLE organization_generation").run()
    }
}

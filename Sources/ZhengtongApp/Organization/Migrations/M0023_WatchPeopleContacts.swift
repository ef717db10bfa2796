import Fluent
import SQLKit

/// A person's phone, e-mail and order raise `organization_generation` too: since the signed-in person of a page
/// comes from ``OrganizationCache`` (as an API token's holder already did), every column a request reads from
/// them must be watched. `last_login_at` still is not: signing in must not empty every cache at the 8:30 peak.
struct M0023_WatchPeopleContacts: AsyncMigration {
    static let event = "UPDATE OF phone, email, sort_order"

    func prepare(on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        if try sql.dialectKind == .postgres {
            try await sql.raw("""
                CREATE TRIGGER users_contacts_generation AFTER \(unsafeRaw: Self.event) ON users
                FOR EACH STATEMENT EXECUTE FUNCTION bump_organization_generation()
                """).run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER users_contacts_generation AFTER \(unsafeRaw: Self.event) ON users
                BEGIN UPDATE organization_generation SET value = value + 1 WHERE id = 1; END
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        if try sql.dialectKind == .postgres {
            try await sql.raw("DROP TRIGGER users_contacts_generation ON users").run()
        } else {
            try await sql.raw("DROP TRIGGER users_contacts_generation").run()
        }
    }
}

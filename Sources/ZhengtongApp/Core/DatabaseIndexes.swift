import Fluent
import SQLKit

/// Secondary indexes, which Fluent's schema builder does not make: `(name, table, "column, column")`,
/// the same statement on SQLite and PostgreSQL.
enum DatabaseIndexes {
    static func create(_ indexes: [(name: String, table: String, columns: String)], on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        for index in indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(ident: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    static func drop(_ names: [String], on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        for name in names {
            try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
        }
    }
}

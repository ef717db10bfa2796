import Fluent
import Foundation
import SQLKit

/// The tables a full export (交接) holds and how each column is written, read from the database's own catalogue
/// (`sqlite_master` and `PRAGMA table_info`, or `pg_attribute`), so the export follows the schema the migrations
/// built without a list to keep in step. Both databases are described in one vocabulary (``ColumnType``): an export
/// of the same data from SQLite and from PostgreSQL is the same file by file, `schema.md` included.
struct ExportSchema: Sendable {
    /// A column's type as the export writes it (schema.md explains each).
    enum ColumnType: String, Sendable {
        case uuid, text, integer, real, datetime, blob, json
    }

    struct Column: Sendable {
        var name: String
        var type: ColumnType
        var nullable: Bool
        /// The database's own type (`boolean`, `text[]`, `REAL` …): how the value is read and bound.
        var native: String
    }

    struct Table: Sendable {
        var name: String
        /// In name order: the order of keys in every line and of rows in schema.md.
        var columns: [Column]
        var primaryKey: [String]
        /// Columns that reference another table (foreign keys), by column name.
        var references: [String: String]

        func column(_ name: String) -> Column? { columns.first { $0.name == name } }
    }

    /// In an order that satisfies the foreign keys: a table after every table it references.
    var tables: [Table]

    /// Tables that are the database's bookkeeping, not the platform's records: which migrations ran (the manifest
    /// names the last), the cache generation the triggers raise, and SQLite's full-text tables (rebuilt from
    /// `search_documents` on import; PostgreSQL's are generated columns).
    static func isBookkeeping(_ table: String) -> Bool {
        table == "_fluent_migrations" || table == "organization_generation"
    }

    /// Reads the catalogue of the database `sql` talks to.
    static func read(_ sql: any SQLDatabase, postgres: Bool) async throws -> ExportSchema {
        var tables: [Table] = []
        if postgres {
            for name in try await Backup.tables(sql, postgres: true) where !isBookkeeping(name) {
                tables.append(try await postgresTable(name, sql: sql))
            }
        } else {
            let rows = try await sql.raw("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
            let all = try rows.map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String?.self) ?? "") }
            // A virtual (FTS5) table keeps its index in shadow tables named after it.
            let virtual = all.filter { $0.1.uppercased().hasPrefix("CREATE VIRTUAL TABLE") }.map(\.0)
            for (name, _) in all where !isBookkeeping(name) && !virtual.contains(where: { name == $0 || name.hasPrefix($0 + "_") }) {
                tables.append(try await sqliteTable(name, sql: sql))
            }
        }
        return ExportSchema(tables: ordered(tables))
    }

    private static func sqliteTable(_ name: String, sql: any SQLDatabase) async throws -> Table {
        var columns: [Column] = []
        var key: [(Int, String)] = []
        for row in try await sql.raw("PRAGMA table_info(\(ident: name))").all() {
            let column = try row.decode(column: "name", as: String.self)
            let declared = try row.decode(column: "type", as: String.self)
            let position = try row.decode(column: "pk", as: Int.self)
            // SQLite lets a primary key column be NULL unless told; PostgreSQL never does, and neither does the app.
            columns.append(Column(name: column, type: sqliteType(declared),
                                  nullable: try row.decode(column: "notnull", as: Int.self) == 0 && position == 0, native: declared.uppercased()))
            if position > 0 { key.append((position, column)) }
        }
        var references: [String: String] = [:]
        for row in try await sql.raw("PRAGMA foreign_key_list(\(ident: name))").all() {
            references[try row.decode(column: "from", as: String.self)] = try row.decode(column: "table", as: String.self)
        }
        return Table(name: name, columns: columns.sorted { $0.name < $1.name }, primaryKey: key.sorted { $0.0 < $1.0 }.map(\.1), references: references)
    }

    private static func postgresTable(_ name: String, sql: any SQLDatabase) async throws -> Table {
        let columns = try await sql.raw("""
            SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull, a.attgenerated <> '' AS generated
            FROM pg_attribute a WHERE a.attrelid = to_regclass(quote_ident(\(bind: name))) AND a.attnum > 0 AND NOT a.attisdropped
            """).all().compactMap { row -> Column? in
            // Generated columns (the search index's tsvectors) are the database's to compute.
            guard try !row.decode(column: "generated", as: Bool.self) else { return nil }
            let native = try row.decode(column: "type", as: String.self)
            return Column(name: try row.decode(column: "name", as: String.self), type: postgresType(native),
                          nullable: !(try row.decode(column: "notnull", as: Bool.self)), native: native)
        }
        let key = try await sql.raw("""
            SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = to_regclass(quote_ident(\(bind: name))) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)
            """).all().map { try $0.decode(column: "name", as: String.self) }
        var references: [String: String] = [:]
        for row in try await sql.raw("""
            SELECT a.attname AS name, c.confrelid::regclass::text AS target FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.conrelid = to_regclass(quote_ident(\(bind: name)))
            """).all() {
            references[try row.decode(column: "name", as: String.self)] = try row.decode(column: "target", as: String.self)
        }
        return Table(name: name, columns: columns.sorted { $0.name < $1.name }, primaryKey: key, references: references)
    }

    /// Fluent's SQLite driver declares dates `REAL`, UUIDs `UUID`, yes/no and whole numbers `INTEGER`, arrays and
    /// dictionaries `JSON`.
    static func sqliteType(_ declared: String) -> ColumnType {
        switch declared.uppercased() {
        case "UUID": .uuid
        case "REAL", "TIMESTAMP", "DATETIME": .datetime
        case "INTEGER", "INT", "BIGINT", "SMALLINT", "BOOLEAN": .integer
        case "DOUBLE", "FLOAT": .real
        case "BLOB": .blob
        case "JSON": .json
        default: .text
        }
    }

    /// PostgreSQL's `boolean` is written as the integer SQLite keeps (0/1), so both databases give the same export.
    static func postgresType(_ native: String) -> ColumnType {
        switch native {
        case "uuid": .uuid
        case "bigint", "integer", "smallint", "boolean": .integer
        case "double precision", "real", "numeric": .real
        case "bytea": .blob
        case "json", "jsonb": .json
        case _ where native.hasPrefix("timestamp"): .datetime
        case _ where native.hasSuffix("[]"): .json
        default: .text
        }
    }

    /// Parents first (Kahn's order, ties by name); a table referring to itself is loaded parents-first by ``Import``.
    private static func ordered(_ tables: [Table]) -> [Table] {
        let names = Set(tables.map(\.name))
        var remaining = tables.sorted { $0.name < $1.name }
        var placed: Set<String> = []
        var result: [Table] = []
        while !remaining.isEmpty {
            let index = remaining.firstIndex { table in
                table.references.values.allSatisfy { $0 == table.name || placed.contains($0) || !names.contains($0) }
            } ?? 0 // a cycle between tables: take the next by name and let the database say what it thinks
            let table = remaining.remove(at: index)
            placed.insert(table.name)
            result.append(table)
        }
        return result
    }
}

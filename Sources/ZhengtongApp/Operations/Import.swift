import Fluent
import Foundation
import SQLKit
import Vapor

/// `zhengtong import DIR`: a full export (``Export``) put into a new, migrated database of either kind — the
/// platform recreated at a successor's, or moved between SQLite and PostgreSQL. Every file is checked against the
/// manifest first; the database must be at the export's last migration and hold no units, people or audit entries
/// (what migrations put in — the built-in roles and positions — is replaced by the export's rows). All rows go in
/// in one transaction, parents before children, in batches; afterwards SQLite's full-text tables are refilled,
/// PostgreSQL's sequences (if any) moved past the imported keys, the row counts compared and the audit chain walked.
enum Import {
    enum Failure: Error, CustomStringConvertible {
        case noManifest(String)
        case damaged(String)
        case otherSchema(export: String?, database: String?)
        case notEmpty
        case unknownTable(String)
        case badRow(String, line: Int)
        case countsDiffer([String])
        case auditBroken(Int)

        var description: String {
            switch self {
            case .noManifest(let path): Strings.Console.importNoManifest(path)
            case .damaged(let file): Strings.Console.importDamaged(file)
            case .otherSchema(let export, let database): Strings.Console.importOtherSchema(export: export ?? "—", database: database ?? "—")
            case .notEmpty: Strings.Console.importNotEmpty
            case .unknownTable(let table): Strings.Console.importUnknownTable(table)
            case .badRow(let file, let line): Strings.Console.importBadRow(file, line: line)
            case .countsDiffer(let tables): Strings.Console.restoreCountsDiffer(tables)
            case .auditBroken(let seq): Strings.Console.verifyAuditBroken(seq)
            }
        }
    }

    /// Values bound per statement stay well under SQLite's 32,766 and PostgreSQL's 65,535.
    static let bindsPerStatement = 30_000
    static let rowsPerStatement = 500
    static let fileRowsPerStatement = 10

    static func manifest(in directory: String) throws -> Export.Manifest {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("manifest.json").path
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure.noManifest(path) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Export.Manifest.self, from: data)
    }

    /// Every file the manifest lists is there with its size and SHA-256, and names no place outside the export.
    static func checkFiles(_ directory: String, manifest: Export.Manifest, app: Application) async throws {
        let root = URL(fileURLWithPath: directory)
        for file in manifest.files {
            let parts = file.name.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.name.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else { throw Failure.damaged(file.name) }
            let path = root.appendingPathComponent(file.name).path
            // Read in chunks: a city's table files are gigabytes.
            guard let actual = try? await app.threadPool.runIfActive({ try SHA256Hex.ofFile(atPath: path) }),
                  actual.bytes == file.bytes, actual.sha256 == file.sha256 else { throw Failure.damaged(file.name) }
        }
    }

    /// Imports `directory` into the application's database (migrated, empty); returns the row counts.
    @discardableResult
    static func run(_ directory: String, app: Application) async throws -> [String: Int] {
        let manifest = try manifest(in: directory)
        try await checkFiles(directory, manifest: manifest, app: app)
        let sql = try app.db.sqlDatabase()
        let postgres = app.isPostgres
        let last = try await Export.lastMigration(sql)
        guard last == manifest.lastMigration else { throw Failure.otherSchema(export: manifest.lastMigration, database: last) }
        for table in ["units", "users", "audit_entries"] {
            guard try await Backup.rowCounts(sql, tables: [table])[table] == 0 else { throw Failure.notEmpty }
        }
        let schema = try await ExportSchema.read(sql, postgres: postgres)
        for table in manifest.rowCounts.keys where !schema.tables.contains(where: { $0.name == table }) { throw Failure.unknownTable(table) }
        let listed = Set(manifest.files.map(\.name))
        let root = URL(fileURLWithPath: directory)
        try await app.write { db in
            let sql = try db.sqlDatabase()
            if postgres {
                try await sql.raw("SET CONSTRAINTS ALL DEFERRED").run()
            } else {
                try await sql.raw("PRAGMA defer_foreign_keys = ON").run()
            }
            // What the migrations seeded (built-in roles, positions) makes way for the export's own rows.
            for table in schema.tables.reversed() where manifest.rowCounts[table.name] != nil {
                try await sql.raw("DELETE FROM \(ident: table.name)").run()
            }
            for table in schema.tables where manifest.rowCounts[table.name] != nil {
                try await load(table, from: root, listed: listed, sql: sql, postgres: postgres, app: app)
            }
            try await SearchIndex.refillFullText(sql)
            if postgres { try await resetSequences(sql) }
        }
        let counts = try await Backup.rowCounts(sql, tables: manifest.rowCounts.keys.sorted())
        let differing = manifest.rowCounts.keys.sorted().filter { counts[$0] != manifest.rowCounts[$0] }
        guard differing.isEmpty else { throw Failure.countsDiffer(differing) }
        if let broken = try await AuditLog.verify(on: app.db).firstBroken { throw Failure.auditBroken(broken.seq) }
        return counts
    }

    // MARK: Rows

    private typealias Row = [String: Any]

    /// Rows parsed on the thread pool, handed back to the import (which alone uses them).
    private struct Parsed: @unchecked Sendable {
        var rows: [Row]
    }

    /// One table's lines, inserted in batches; a table referring to itself (units, departments) parents first.
    private static func load(_ table: ExportSchema.Table, from root: URL, listed: Set<String>, sql: any SQLDatabase, postgres: Bool,
                             app: Application) async throws {
        let path = "tables/\(table.name).jsonl"
        let holdsFiles = table.columns.contains { $0.type == .blob }
        let perStatement = max(1, min(holdsFiles ? fileRowsPerStatement : rowsPerStatement, bindsPerStatement / max(1, table.columns.count)))
        let selfReferences = table.references.filter { $0.value == table.name }.map(\.key)
        let reader = try LineReader(url: root.appendingPathComponent(path))
        var all: [Row] = []
        var number = 0
        while true {
            // Reading and parsing a batch is file and CPU work: on the thread pool.
            let first = number
            let parsed = try await app.threadPool.runIfActive { () -> Parsed in
                var rows: [Row] = []
                for offset in 0..<perStatement {
                    guard let line = try reader.next() else { break }
                    guard let row = try? JSONSerialization.jsonObject(with: line) as? Row else { throw Failure.badRow(path, line: first + offset + 1) }
                    rows.append(row)
                }
                return Parsed(rows: rows)
            }
            number += parsed.rows.count
            if parsed.rows.isEmpty { break }
            if selfReferences.isEmpty {
                try await insert(parsed.rows, into: table, root: root, listed: listed, sql: sql, postgres: postgres)
            } else {
                all += parsed.rows
            }
        }
        let batch = parentsFirst(all, key: table.primaryKey.first ?? "id", references: selfReferences)
        var start = 0
        while start < batch.count {
            let end = min(start + perStatement, batch.count)
            try await insert(Array(batch[start..<end]), into: table, root: root, listed: listed, sql: sql, postgres: postgres)
            start = end
        }
    }

    /// Rows ordered so that each comes after the row it names in `references` (a tree's parents before children).
    private static func parentsFirst(_ rows: [Row], key: String, references: [String]) -> [Row] {
        let keys = Set(rows.compactMap { $0[key] as? String })
        var placed: Set<String> = []
        var remaining = rows
        var ordered: [Row] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { row in
                references.allSatisfy { column in
                    guard let parent = row[column] as? String, keys.contains(parent) else { return true }
                    return placed.contains(parent)
                }
            }
            // A loop among rows cannot be ordered: take them as they are and let the database judge.
            let next = ready.isEmpty ? remaining : ready
            ordered += next
            for row in next { if let id = row[key] as? String { placed.insert(id) } }
            let taken = Set(next.compactMap { $0[key] as? String })
            remaining.removeAll { ($0[key] as? String).map(taken.contains) ?? true }
        }
        return ordered
    }

    private static func insert(_ rows: [Row], into table: ExportSchema.Table, root: URL, listed: Set<String>, sql: any SQLDatabase,
                               postgres: Bool) async throws {
        guard !rows.isEmpty else { return }
        let columns = table.columns
        var tuples: [SQLQueryString] = []
        for row in rows {
            var values: [SQLQueryString] = []
            for column in columns {
                values.append(try value(row[column.name], column, table: table.name, root: root, listed: listed, postgres: postgres))
            }
            tuples.append("(\(values.joined(separator: ", ")))")
        }
        try await sql.raw("INSERT INTO \(ident: table.name) (\(idents: columns.map(\.name), joinedBy: ", ")) VALUES \(tuples.joined(separator: ", "))").run()
    }

    /// One value as the target database takes it; PostgreSQL is handed text it parses itself where its binary form
    /// would round (dates) or has no Swift counterpart (arrays, JSON).
    private static func value(_ raw: Any?, _ column: ExportSchema.Column, table: String, root: URL, listed: Set<String>,
                              postgres: Bool) throws -> SQLQueryString {
        let bad = Failure.badRow("tables/\(table).jsonl", line: 0)
        guard let raw, !(raw is NSNull) else { return "NULL" }
        switch column.type {
        case .uuid:
            guard let text = raw as? String, let id = UUID(uuidString: text) else { throw bad }
            return "\(bind: id)"
        case .text:
            guard let text = raw as? String else { throw bad }
            return "\(bind: text)"
        case .integer:
            guard let number = raw as? NSNumber else { throw bad }
            return column.native == "boolean" ? "\(bind: number.int64Value != 0)" : "\(bind: number.int64Value)"
        case .real:
            guard let number = raw as? NSNumber else { throw bad }
            return "\(bind: number.doubleValue)"
        case .datetime:
            guard let text = raw as? String, let date = ExportEncoding.date(text) else { throw bad }
            return postgres ? "CAST(\(bind: text) AS \(unsafeRaw: column.native))" : "\(bind: date)"
        case .blob:
            guard let path = raw as? String, listed.contains(path) else { throw bad }
            return "\(bind: try Data(contentsOf: root.appendingPathComponent(path)))"
        case .json:
            let text = String(decoding: try JSONSerialization.data(withJSONObject: raw, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]),
                              as: UTF8.self)
            guard postgres else { return "\(bind: text)" }
            return column.native.hasSuffix("[]")
                ? "CAST(ARRAY(SELECT json_array_elements_text(CAST(\(bind: text) AS json))) AS \(unsafeRaw: column.native))"
                : "CAST(\(bind: text) AS \(unsafeRaw: column.native))"
        }
    }

    /// Identity and serial columns continue after the imported keys (the schema has none today; a later one may).
    private static func resetSequences(_ sql: any SQLDatabase) async throws {
        let columns = try await sql.raw("""
            SELECT c.relname AS tbl, a.attname AS col FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL
            """).all()
        for row in columns {
            let table = try row.decode(column: "tbl", as: String.self)
            let column = try row.decode(column: "col", as: String.self)
            try await sql.raw("""
                SELECT setval(pg_get_serial_sequence(\(bind: table), \(bind: column)), COALESCE(MAX(\(ident: column)), 0) + 1, false) FROM \(ident: table)
                """).run()
        }
    }
}

/// Lines of a file read a chunk at a time (a table's file may be larger than memory should hold).
final class LineReader: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer = Data()
    private var position = 0
    private var finished = false

    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    deinit { try? handle.close() }

    /// The next line without its newline; nil at the end.
    func next() throws -> Data? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(buffer[position..<newline])
                position = newline + 1
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                let line = Data(buffer[position...])
                position = buffer.count
                return line
            }
            // Keep only the unread part, once per chunk rather than once per line.
            buffer = Data(buffer[position...])
            position = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { finished = true } else { buffer.append(chunk) }
        }
    }
}

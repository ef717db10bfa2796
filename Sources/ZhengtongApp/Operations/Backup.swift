import Fluent
import Gongwen
import Foundation
import SQLKit
import Vapor

/// A consistent online backup of the database while the server runs and writes (issue 16), with a manifest a
/// restore and an auditor can check it against:
/// - SQLite: `VACUUM INTO` a new file — SQLite's own consistent copy, taken in one read transaction, so writers carry
///   on (WAL) and the copy is the database as of one moment, compacted;
/// - PostgreSQL: `pg_dump --format=custom` (the server's client tools, found on PATH; a clear message when missing),
///   itself one snapshot.
/// `manifest.json` holds the time, the database kind, the last migration, every file's SHA-256 and size, and the
/// row count of every table as counted in the same moment's copy (SQLite) or just before the dump (PostgreSQL, where
/// counts are the server's at that moment, not the snapshot's: a restore check compares them only on a quiet copy).
enum Backup {
    struct Manifest: Codable, Sendable, Equatable {
        struct File: Codable, Sendable, Equatable {
            var name: String
            var bytes: Int
            var sha256: String
        }

        var format = 1
        var createdAt: Date
        var database: String
        var lastMigration: String?
        var files: [File]
        var rowCounts: [String: Int]
    }

    enum Failure: Error, CustomStringConvertible {
        case toolMissing(String)
        case toolFailed(String, Int32, String)
        case unsupported
        case empty

        var description: String {
            switch self {
            case .toolMissing(let tool): Strings.Console.backupToolMissing(tool)
            case .toolFailed(let tool, let status, let output): Strings.Console.backupToolFailed(tool, status: status, output: output)
            case .unsupported: Strings.Console.backupUnsupported
            case .empty: Strings.Console.backupEmpty
            }
        }
    }

    /// Writes a backup into a new directory under `parent` (`zhengtong-YYYYMMDD-HHMMSS`) and returns its path and
    /// manifest. The directory is made first; on failure it is removed, so a half backup never looks whole.
    static func make(app: Application, under parent: String, at now: Date = Date()) async throws -> (directory: String, manifest: Manifest) {
        // A database no server has set up yet holds nothing to keep (and no record of its schema).
        if case .sqliteMemory = app.config.database { throw Failure.unsupported }
        guard try await tables(try app.db.sqlDatabase(), postgres: app.isPostgres).contains("_fluent_migrations") else { throw Failure.empty }
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        // A second backup in the same second gets its own directory (`…-2`), never another's files.
        var directory = URL(fileURLWithPath: parent).appendingPathComponent("zhengtong-\(Self.stamp(now))").path
        var attempt = 1
        while FileManager.default.fileExists(atPath: directory) {
            attempt += 1
            directory = URL(fileURLWithPath: parent).appendingPathComponent("zhengtong-\(Self.stamp(now))-\(attempt)").path
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        do {
            let sql = try app.db.sqlDatabase()
            var counts: [String: Int] = [:]
            let fileName: String
            switch app.config.database {
            case .sqlite:
                fileName = "zhengtong.sqlite"
                let target = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
                try await sql.raw("VACUUM INTO \(bind: target)").run()
                counts = try await rowCounts(ofSQLiteFile: target, app: app)
            case .postgres(let url):
                fileName = "zhengtong.dump"
                counts = try await rowCounts(sql, tables: try await tables(sql, postgres: true))
                let target = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
                try await app.threadPool.runIfActive { try pgDump(url: url, to: target) }
            case .sqliteMemory:
                throw Failure.unsupported
            }
            let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
            let (digest, bytes) = try await app.threadPool.runIfActive { try SHA256Hex.ofFile(atPath: path) }
            let last = try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY created_at DESC, name DESC LIMIT 1").first()?
                .decode(column: "name", as: String.self)
            let manifest = Manifest(createdAt: now, database: app.isPostgres ? "postgresql" : "sqlite", lastMigration: last,
                                    files: [.init(name: fileName, bytes: bytes, sha256: digest)], rowCounts: counts)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            try encoder.encode(manifest).write(to: URL(fileURLWithPath: directory).appendingPathComponent("manifest.json"))
            return (directory, manifest)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .beijing
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    /// The tables of the schema (Fluent's bookkeeping included: a restore needs it).
    static func tables(_ sql: any SQLDatabase, postgres: Bool) async throws -> [String] {
        let rows = try await sql.raw(postgres
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
        return try rows.map { try $0.decode(column: "name", as: String.self) }
    }

    static func rowCounts(_ sql: any SQLDatabase, tables: [String]) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    /// Row counts of the copied file itself, read through SQLite's `ATTACH` on the live connection.
    private static func rowCounts(ofSQLiteFile path: String, app: Application) async throws -> [String: Int] {
        try await app.db.withConnection { connection in
            let sql = try connection.sqlDatabase()
            try await sql.raw("ATTACH DATABASE \(bind: path) AS backup_copy").run()
            do {
                let names = try await sql.raw("SELECT name FROM backup_copy.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                    .all().map { try $0.decode(column: "name", as: String.self) }
                var counts: [String: Int] = [:]
                for name in names {
                    counts[name] = try await sql.raw("SELECT COUNT(*) AS n FROM backup_copy.\(ident: name)").first()?.decode(column: "n", as: Int.self) ?? 0
                }
                try await sql.raw("DETACH DATABASE backup_copy").run()
                return counts
            } catch {
                try? await sql.raw("DETACH DATABASE backup_copy").run()
                throw error
            }
        }
    }

    /// `pg_dump --format=custom` of the database at `url` into `target`.
    private static func pgDump(url: String, to target: String) throws {
        try runPostgresTool("pg_dump", url: url, arguments: ["--format=custom", "--no-owner", "--file", target])
    }

    /// `pg_restore` of the dump `file` into the database at `url` (`clean`: drop what the dump holds first).
    static func pgRestore(_ file: String, into url: String, clean: Bool) throws {
        try runPostgresTool("pg_restore", url: url, arguments: ["--no-owner", "--exit-on-error", "--single-transaction"]
            + (clean ? ["--clean", "--if-exists"] : []) + [file])
    }

    /// Runs a PostgreSQL client tool against the database at `url` (the password goes through `PGPASSWORD`, never
    /// the command line); its error output becomes the failure's message.
    private static func runPostgresTool(_ name: String, url: String, arguments: [String]) throws {
        guard let components = URLComponents(string: url), let database = components.path.split(separator: "/").first.map(String.init) else {
            throw Failure.unsupported
        }
        guard let tool = executable(name) else { throw Failure.toolMissing(name) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--host", components.host ?? "127.0.0.1", "--port", String(components.port ?? 5432),
                             "--username", components.user ?? "postgres", "--dbname", database] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let password = components.password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.toolFailed(name, process.terminationStatus, String(decoding: output.prefix(2000), as: UTF8.self))
        }
    }

    /// The first `name` on PATH that is executable.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

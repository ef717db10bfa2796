import Fluent
import Foundation
import SQLKit
import Vapor

/// `zhengtong restore BACKUP`: a backup (``Backup``) put back into the database the environment names — into an
/// empty one; a database with data is refused unless told (`--force`: on SQLite the old file is kept beside it as
/// `….before-restore-<time>`, on PostgreSQL `pg_restore --clean` replaces what the dump holds). The backup's file
/// must match its manifest's SHA-256 first; afterwards every table's row count is compared with the manifest.
enum Restore {
    enum Failure: Error, CustomStringConvertible {
        case noManifest(String)
        case damaged(String)
        case otherKind(backup: String, target: String)
        case notEmpty
        case countsDiffer([String])
        case auditBroken(Int)

        var description: String {
            switch self {
            case .noManifest(let path): Strings.Console.restoreNoManifest(path)
            case .damaged(let file): Strings.Console.restoreDamaged(file)
            case .otherKind(let backup, let target): Strings.Console.restoreOtherKind(backup: backup, target: target)
            case .notEmpty: Strings.Console.restoreNotEmpty
            case .countsDiffer(let tables): Strings.Console.restoreCountsDiffer(tables)
            case .auditBroken(let seq): Strings.Console.verifyAuditBroken(seq)
            }
        }
    }

    static func manifest(in directory: String) throws -> Backup.Manifest {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("manifest.json").path
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure.noManifest(path) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Backup.Manifest.self, from: data)
    }

    /// Checks the backup's file against its manifest (size and SHA-256); returns the manifest and the file's path.
    static func checked(_ directory: String, app: Application) async throws -> (Backup.Manifest, String) {
        let manifest = try manifest(in: directory)
        guard let file = manifest.files.first else { throw Failure.damaged("manifest.json") }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(file.name).path
        guard let actual = try? await app.threadPool.runIfActive({ try SHA256Hex.ofFile(atPath: path) }),
              actual.bytes == file.bytes, actual.sha256 == file.sha256 else {
            throw Failure.damaged(file.name)
        }
        return (manifest, path)
    }

    /// Restores `directory` into the application's database; returns the restored row counts.
    @discardableResult
    static func run(_ directory: String, app: Application, force: Bool, at now: Date = Date()) async throws -> [String: Int] {
        let (manifest, file) = try await checked(directory, app: app)
        let target = app.isPostgres ? "postgresql" : "sqlite"
        guard manifest.database == target else { throw Failure.otherKind(backup: manifest.database, target: target) }
        switch app.config.database {
        case .sqlite(let path):
            // The file is replaced before anything opens it, so no connection holds the old one.
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int {
                if size > 0 {
                    guard force else { throw Failure.notEmpty }
                    try FileManager.default.moveItem(atPath: path, toPath: path + ".before-restore-" + Backup.stamp(now))
                } else {
                    try FileManager.default.removeItem(atPath: path) // an empty file holds nothing
                }
            }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            try FileManager.default.copyItem(atPath: file, toPath: path)
        case .postgres(let url):
            let sql = try app.db.sqlDatabase()
            let existing = try await Backup.tables(sql, postgres: true)
            guard existing.isEmpty || force else { throw Failure.notEmpty }
            try await app.threadPool.runIfActive { try Backup.pgRestore(file, into: url, clean: !existing.isEmpty) }
        case .sqliteMemory:
            throw Backup.Failure.unsupported
        }
        let sql = try app.db.sqlDatabase()
        let counts = try await Backup.rowCounts(sql, tables: try await Backup.tables(sql, postgres: app.isPostgres))
        let differing = manifest.rowCounts.keys.sorted().filter { counts[$0] != manifest.rowCounts[$0] }
        guard differing.isEmpty else { throw Failure.countsDiffer(differing) }
        return counts
    }

    /// `backup verify`: restores the backup into a scratch database beside the configured one (a temporary SQLite file,
    /// or a new PostgreSQL database on the same server, dropped afterwards), compares the row counts with the manifest
    /// and walks the audit chain. Returns the number of tables and rows.
    static func verify(_ directory: String, app: Application) async throws -> (tables: Int, rows: Int) {
        let scratch: AppConfig.DatabaseTarget
        var dropDatabase: String?
        switch app.config.database {
        case .sqlite, .sqliteMemory:
            scratch = .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("zt-verify-\(UUID().uuidString).sqlite").path)
        case .postgres(let url):
            let name = "zt_verify_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await app.db.sqlDatabase().raw("CREATE DATABASE \(ident: name)").run()
            dropDatabase = name
            guard var components = URLComponents(string: url) else { throw Backup.Failure.unsupported }
            components.path = "/" + name
            scratch = .postgres(url: components.string ?? url)
        }
        let checker = try await Application.make(app.environment)
        checker.logger.logLevel = .error
        func cleanUp() async {
            try? await checker.asyncShutdown()
            if case .sqlite(let path) = scratch {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            if let dropDatabase { try? await app.db.sqlDatabase().raw("DROP DATABASE IF EXISTS \(ident: dropDatabase) WITH (FORCE)").run() }
        }
        do {
            try await configure(checker, config: AppConfig(database: scratch, dataDirectory: app.config.dataDirectory, fontDirectories: app.config.fontDirectories))
            let counts = try await run(directory, app: checker, force: false)
            if let broken = try await AuditLog.verify(on: checker.db).firstBroken { throw Failure.auditBroken(broken.seq) }
            await cleanUp()
            return (counts.count, counts.values.reduce(0, +))
        } catch {
            await cleanUp()
            throw error
        }
    }
}

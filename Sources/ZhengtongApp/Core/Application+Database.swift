import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

extension Application {
    /// Registers the database the configuration names as the default one.
    func useDatabase(_ target: AppConfig.DatabaseTarget) throws {
        switch target {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
            writeGate = WriteGate()
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
            writeGate = WriteGate()
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            // search_path goes in the startup message, not through `searchPath`: postgres-kit 2.17.0 sends that as a
            // `SET search_path` after connecting and, when it fails (PostgreSQL shutting down right then), drops the
            // connection without closing it (`PostgresConnectionSource.makeConnection`), which a debug build stops on
            // ("PostgresConnection deinitialized before being closed") — the node died during a PostgreSQL restart.
            configuration.coreConfiguration.options.additionalStartupParameters.append(("search_path", "public"))
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 8, sqlLogLevel: .trace), as: .psql)
        }
    }

    /// Migrates to the current schema and sets per-connection options.
    func prepareDatabase() async throws {
        // The data directory is made here, not at registration: commands that never touch the
        // database (workflow check) must not leave a ./data folder behind.
        if case .sqlite(let path) = config.database {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        }
        if try db.dialectKind() == .sqlite {
            let sql = try db.sqlDatabase()
            // WAL lets readers proceed while the single writer commits.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            // One connection per event loop: give each a page cache of 16 MB instead of 2 MB, so a city's lists
            // are read from memory rather than by a system call per page (a tenth of a 待办 request).
            for loop in eventLoopGroup.makeIterator() {
                if let connection = try databases.database(logger: logger, on: loop)?.sqlDatabase() {
                    try await connection.raw("PRAGMA cache_size = -16384").run()
                }
            }
        }
        try await autoMigrate()
    }

    /// `true` when the default database is PostgreSQL (for the few dialect-specific statements).
    var isPostgres: Bool {
        if case .postgres = config.database { true } else { false }
    }
}

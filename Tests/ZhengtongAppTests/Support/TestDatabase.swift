import Fluent
import FluentPostgresDriver
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOPosix
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

/// A fresh database for one test: a throwaway SQLite file, or (with `ZHENGTONG_TEST_DATABASE=postgres`)
/// a PostgreSQL database cloned from a template migrated once per run.
struct TestDatabase: Sendable {
    let target: AppConfig.DatabaseTarget
    let cleanup: @Sendable () async throws -> Void

    static var usesPostgres: Bool { ProcessInfo.processInfo.environment["ZHENGTONG_TEST_DATABASE"] == "postgres" }

    /// A database with no tables at all (on SQLite every fresh file is one; `make()`'s PostgreSQL ones are migrated).
    static func makeEmpty() async throws -> TestDatabase {
        if usesPostgres { return try await PostgresTestDatabases.shared.makeEmptyDatabase() }
        return try await make()
    }

    static func make() async throws -> TestDatabase {
        if usesPostgres { return try await PostgresTestDatabases.shared.makeDatabase() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zt-test-\(UUID().uuidString).sqlite").path
        return TestDatabase(target: .sqlite(path: path)) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}

/// Creates per-test PostgreSQL databases. CREATE/DROP DATABASE run on a connection to the
/// `postgres` database: nobody may be connected to a template while it is cloned.
actor PostgresTestDatabases {
    static let shared = PostgresTestDatabases()

    /// One migration for the whole run, however many tests ask at once (actors are reentrant).
    private var template: Task<String, any Error>?
    /// CREATE/DROP DATABASE one at a time: cloning needs the template to be otherwise unused.
    private let adminLock = TestSlots(limit: 1)
    private let logger = Logger(label: "test-postgres")

    private var baseURL: URL {
        get throws {
            guard let raw = ProcessInfo.processInfo.environment["ZHENGTONG_TEST_POSTGRES_URL"], let url = URL(string: raw) else {
                throw TestSetupError("ZHENGTONG_TEST_DATABASE=postgres needs ZHENGTONG_TEST_POSTGRES_URL (scripts/test sets both)")
            }
            return url
        }
    }

    func makeDatabase() async throws -> TestDatabase {
        let template = try await ensureTemplate()
        let name = "zt_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin("CREATE DATABASE \(name) TEMPLATE \(template)")
        let url = try Self.url(try baseURL, database: name)
        return TestDatabase(target: .postgres(url: url)) {
            try await PostgresTestDatabases.shared.drop(name)
        }
    }

    func makeEmptyDatabase() async throws -> TestDatabase {
        let name = "zt_e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin("CREATE DATABASE \(name)")
        let url = try Self.url(try baseURL, database: name)
        return TestDatabase(target: .postgres(url: url)) {
            try await PostgresTestDatabases.shared.drop(name)
        }
    }

    func drop(_ name: String) async throws {
        try await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Migrates a template database once per test process.
    private func ensureTemplate() async throws -> String {
        if let template { return try await template.value }
        let task = Task { try await self.migrateTemplate() }
        template = task
        return try await task.value
    }

    private func migrateTemplate() async throws -> String {
        let name = "zt_tpl_\(ProcessInfo.processInfo.processIdentifier)_\(Int(Date().timeIntervalSince1970))"
        try await admin("CREATE DATABASE \(name)")
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        do {
            try await configure(app, config: AppConfig(database: .postgres(url: try Self.url(try baseURL, database: name)), bcryptCost: 4))
            try await app.prepareDatabase()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return name
    }

    private func admin(_ sql: String) async throws {
        await adminLock.acquire()
        do {
            try await runAdmin(sql)
        } catch {
            await adminLock.release()
            throw TestSetupError("\(sql): \(String(reflecting: error))")
        }
        await adminLock.release()
    }

    private func runAdmin(_ sql: String) async throws {
        let url = try baseURL
        let configuration = PostgresConnection.Configuration(
            host: url.host ?? "127.0.0.1", port: url.port ?? 5432, username: url.user ?? "zhengtong",
            password: url.password, database: "postgres", tls: .disable)
        let connection = try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                                              configuration: configuration, id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    private static func url(_ base: URL, database: String) throws -> String {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else { throw TestSetupError("bad postgres URL") }
        components.path = "/" + database
        return components.string ?? ""
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

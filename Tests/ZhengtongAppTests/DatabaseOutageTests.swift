import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// A database that cannot be reached (PostgreSQL restarting, an SQLite file that cannot be opened) is an outage, not
/// a bug: pages and the API answer 503 with a message saying to try again, the API with the stable code
/// `database_unavailable` (issue 16). Real errors from real drivers: the app points at a port nobody listens on, or
/// at a file in a directory that does not exist.
@Suite("数据库不可用：503 与明确提示")
struct DatabaseOutageTests {
    /// An app configured (not migrated: there is nothing to reach) against `target`, shut down after `body`.
    func withUnreachable(_ target: AppConfig.DatabaseTarget, _ body: (Application) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        // The driver's own error log for each failed connection is expected here.
        app.logger.logLevel = .critical
        do {
            try await configure(app, config: AppConfig(database: target, bcryptCost: 4))
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    func expectOutage(_ app: Application) async throws {
        // when: a sign-in through the API, which must read the database
        let api = try await app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                                                      body: ByteBuffer(string: #"{"username": "zhaom", "password": "Zhengtong@2026"}"#))
        // then: 503 with the stable code and a hint when to retry
        #expect(api.status == .serviceUnavailable)
        #expect(api.errorCode == "database_unavailable")
        #expect(api.headers.first(name: .retryAfter) == "5")
        // when: a page with a session, whose lookup needs the database
        let page = try await app.testing().sendRequest(.GET, "/", headers: ["Cookie": "zhengtong_session=outage-test"])
        // then: 503 and the Chinese message, not 500's "内部错误"
        #expect(page.status == .serviceUnavailable)
        #expect(page.body.string.contains(Strings.Error.databaseUnavailable))
    }

    @Test("PostgreSQL 连不上：API 返回 503 database_unavailable，页面返回 503 和中文提示")
    func postgresUnreachable() async throws {
        // given: a PostgreSQL URL whose port nobody listens on
        let url = "postgres://zhengtong:zhengtong@127.0.0.1:\(freeLoopbackPort())/zhengtong_test"
        try await withUnreachable(.postgres(url: url)) { app in try await expectOutage(app) }
    }

    @Test("SQLite 文件打不开：同样是 503 和中文提示")
    func sqliteUnopenable() async throws {
        // given: an SQLite file in a directory that does not exist
        let path = "/nonexistent-\(UUID().uuidString)/zhengtong.sqlite"
        try await withUnreachable(.sqlite(path: path)) { app in try await expectOutage(app) }
    }

    @Test("PostgreSQL 断开全部连接（如重启）后，节点不需重启，下一个请求重新连接并成功", .enabled(if: TestDatabase.usesPostgres))
    func reconnectsAfterConnectionsEnd() async throws {
        try await withApp { app in
            // given: a node whose pool holds connections
            #expect(try await app.testing().sendRequest(.GET, "/readyz").status == .ok)
            // when: the server ends every connection to this database, the way a restart does (the statement ends its
            // own connection too, so it fails)
            let sql = try app.db.sqlDatabase()
            _ = try? await sql.raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()").run()
            try await Task.sleep(for: .milliseconds(300))
            // then: the pool drops the closed connections and opens new ones
            for _ in 0..<5 {
                #expect(try await app.testing().sendRequest(.GET, "/readyz").status == .ok)
            }
        }
    }

    @Test("其他错误不算数据库不可用：仍是 500")
    func otherErrorsStayInternal() {
        struct Broken: Error {}
        #expect(ErrorPresentation(Broken()).status == .internalServerError)
        #expect(!DatabaseUnavailable.matches(Broken()))
    }
}

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

    /// The request a PostgreSQL restart catches between two statements of its transaction (issue 16): postgres-nio drops
    /// a statement written to a connection whose handlers are gone, so without PostgresConnectionGuard the next
    /// statement, and Fluent's `ROLLBACK` after it, waited for ever — a request never answered, its pool connection
    /// never returned.
    @Test("事务中途 PostgreSQL 断开连接：写操作得到 503 类错误而不是永远等待，事务未生效，连接归还连接池", .enabled(if: TestDatabase.usesPostgres))
    func transactionOnClosedConnectionFails() async throws {
        try await withApp { app in
            let sql = try app.db.sqlDatabase()
            try await sql.raw("CREATE TABLE outage_probe (n integer)").run()
            // when: a write whose connection the server ends after its first statement
            let outcome = await answerOrHang {
                try await app.write { tx in
                    let own = try tx.sqlDatabase()
                    try await own.raw("INSERT INTO outage_probe VALUES (1)").run()
                    let pid = try await own.raw("SELECT pg_backend_pid() AS pid").first()?.decode(column: "pid", as: Int32.self)
                    _ = try await sql.raw("SELECT pg_terminate_backend(\(bind: pid ?? 0))").run()
                    // Let the driver see the end of the connection and tear its channel down, as between two statements
                    // of a request PostgreSQL restarts under.
                    try await Task.sleep(for: .milliseconds(300))
                    try await own.raw("INSERT INTO outage_probe VALUES (2)").run()
                }
            }
            // then: an answer, and the answer is an outage (503), not success
            switch outcome {
            case nil:
                Issue.record("the write never finished: a statement on the closed connection waited for ever")
            case .success:
                Issue.record("the write succeeded on a connection the server had ended")
            case .failure(let error):
                #expect(DatabaseUnavailable.matches(error), "\(String(reflecting: error))")
                #expect(ErrorPresentation(error).status == .serviceUnavailable)
            }
            // then: nothing of it was applied, and the node serves on (the connection went back to the pool)
            let rows = try await sql.raw("SELECT COUNT(*) AS n FROM outage_probe").first()?.decode(column: "n", as: Int.self)
            #expect(rows == 0)
            #expect(try await app.testing().sendRequest(.GET, "/readyz").status == .ok)
        }
    }

    /// `body`'s result, or `nil` when it has not finished after a minute — far longer than any answer takes, so `nil`
    /// means it hangs. The body runs in its own task, which is left behind when it hangs, so the test ends either way.
    func answerOrHang(_ body: @escaping @Sendable () async throws -> Void) async -> Result<Void, any Error>? {
        let stream = AsyncStream<Result<Void, any Error>?> { continuation in
            Task {
                do { try await body(); continuation.yield(.success(())) } catch { continuation.yield(.failure(error)) }
                continuation.finish()
            }
            Task {
                try? await Task.sleep(for: .seconds(60))
                continuation.yield(nil)
                continuation.finish()
            }
        }
        for await first in stream { return first }
        return nil
    }

    @Test("其他错误不算数据库不可用：仍是 500")
    func otherErrorsStayInternal() {
        struct Broken: Error {}
        #expect(ErrorPresentation(Broken()).status == .internalServerError)
        #expect(!DatabaseUnavailable.matches(Broken()))
    }
}

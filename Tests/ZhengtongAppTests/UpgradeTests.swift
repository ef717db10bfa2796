import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Upgrades (issue 16): databases made by an earlier release are kept as fixtures, and every later migration must
/// bring them to today's schema with their data intact. `Fixtures/upgrade/` holds the demo city as `zhengtong demo`
/// made it at migration M0025 (commit 12684d3), on SQLite and as a PostgreSQL dump; see its README.
@Suite("升级：早期版本的数据库迁移到当前结构，数据不丢")
struct UpgradeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/upgrade")

    @Test("M0025 时的示范城市升级到当前结构：每张表行数不变，审计链完整，人员能登录，公文、收文、通知都在，新权限给了系统管理员", .timeLimit(.minutes(5)))
    func upgradeFromM0025() async throws {
        let database = try await TestDatabase.makeEmpty()
        // given: the fixture loaded as it was made
        switch database.target {
        case .sqlite(let path):
            try run("/bin/sh", ["-c", "gunzip -c \"$0\" > \"$1\"", Self.fixtures.appendingPathComponent("m0025-demo.sqlite.gz").path, path])
        case .postgres(let url):
            let psql = try #require(Backup.executable("psql"), "psql is not on PATH")
            try run("/bin/sh", ["-c", "gunzip -c \"$0\" | \"$1\" --quiet --set ON_ERROR_STOP=1 --dbname \"$2\" >/dev/null",
                                Self.fixtures.appendingPathComponent("m0025-demo.postgres.sql.gz").path, psql, url])
        case .sqliteMemory:
            Issue.record("no fixture for an in-memory database")
            return
        }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        do {
            try await configure(app, config: AppConfig(database: database.target, bcryptCost: 4))
            let sql = try app.db.sqlDatabase()
            let tables = try await Backup.tables(sql, postgres: app.isPostgres)
            let before = try await Backup.rowCounts(sql, tables: tables)
            let last = try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY created_at DESC, name DESC LIMIT 1").first()?.decode(column: "name", as: String.self)
            #expect(last?.hasSuffix("M0025_CreateWorkflowEventTables") == true)
            #expect(before["outgoing_documents"] == 4 && before["users"] == 45)
            // when
            try await app.prepareDatabase()
            // then: every migration ran, and every table the fixture had has the rows it had
            #expect(try await app.migrator.previewPrepareBatch().get().isEmpty)
            let after = try await Backup.rowCounts(sql, tables: tables)
            for table in tables where table != "_fluent_migrations" && table != Role.schema {
                #expect(after[table] == before[table], "\(table)")
            }
            // Roles: the fixture's all kept, plus the built-in roles later modules brought (督查员 …).
            #expect((after[Role.schema] ?? 0) >= (before[Role.schema] ?? 0))
            let codes = Set(try await Role.query(on: app.db).all().map(\.code))
            #expect(BuiltinRole.allCases.allSatisfy { codes.contains($0.rawValue) })
            #expect((after["_fluent_migrations"] ?? 0) > (before["_fluent_migrations"] ?? 0))
            #expect(try await AuditLog.verify(on: app.db).firstBroken == nil)
            // The system administrator's role gained the duty the later migration added.
            let sysAdmin = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.sysAdmin.rawValue).first())
            #expect(sysAdmin.permissionSet.contains(.systemOperate) && sysAdmin.permissionSet.contains(.assessmentManage))
            // People sign in with the passwords they had, and find their work.
            let clerk = Browser(app)
            try await clerk.login("zhaom", password: "Zhengtong@2026")
            #expect(try await clerk.get("/").body.string.contains("您好，赵敏"))
            let titles = try await OutgoingDocument.query(on: app.db).all().map(\.title)
            #expect(titles.count == 4)
            let leader = try await APIClient.signIn(app, "zhangw", password: "Zhengtong@2026")
            let tasks = try await leader.get("/api/v1/tasks?status=open")
            #expect(tasks.status == .ok)
            #expect(titles.contains { tasks.body.string.contains($0) }, "his 待办 name the fixture's 发文")
            #expect(try tasks.content.get(Int.self, at: "total") == 3)
            let county = try await APIClient.signIn(app, "guoyn", password: "Zhengtong@2026")
            #expect(try await county.get("/api/v1/notices").status == .ok)
        } catch {
            try? await app.asyncShutdown()
            try? await database.cleanup()
            throw error
        }
        try await app.asyncShutdown()
        try await database.cleanup()
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments)")
    }
}

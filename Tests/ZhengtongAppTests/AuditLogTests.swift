import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import SQLKit
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("审计日志：哈希链与查询")
struct AuditLogTests {
    func appendThree(_ app: Application) async throws {
        for label in ["甲", "乙", "丙"] {
            try await app.write { db in
                try await AuditLog.record(AuditEvent(action: "unit.update", targetType: "unit", targetLabel: label,
                                                     before: ["name": "旧"], after: ["name": label]), by: .system("test"), on: db)
            }
        }
    }

    @Test("完整的链校验通过；序号连续")
    func intactChain() async throws {
        try await withApp { app in
            try await appendThree(app)
            let result = try await AuditLog.verify(on: app.db)
            #expect(result.checked == 3)
            #expect(result.firstBroken == nil)
            #expect(try await AuditEntry.query(on: app.db).sort(\.$id).all().map { $0.id ?? 0 } == [1, 2, 3])
        }
    }

    @Test("改动任一行的内容，校验报告该行")
    func tamperedRow() async throws {
        try await withApp { app in
            try await appendThree(app)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE audit_entries SET target_label = '篡改' WHERE seq = 2").run()
            let result = try await AuditLog.verify(on: app.db)
            #expect(result.firstBroken?.seq == 2)
            #expect(result.firstBroken?.problem.contains("篡改") == true)
            #expect(result.checked == 1)
        }
    }

    @Test("删除一行，校验报告缺失的序号")
    func deletedRow() async throws {
        try await withApp { app in
            try await appendThree(app)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM audit_entries WHERE seq = 2").run()
            let result = try await AuditLog.verify(on: app.db)
            #expect(result.firstBroken?.seq == 2)
            #expect(result.firstBroken?.problem.contains("缺少") == true)
        }
    }

    @Test("并发写入不会产生重复序号或断链")
    func concurrentAppends() async throws {
        try await withApp { app in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await app.write { db in
                            try await AuditLog.record(AuditEvent(action: "test", targetType: "x", targetLabel: "\(index)"), by: .system(), on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let result = try await AuditLog.verify(on: app.db)
            #expect(result.checked == 20)
            #expect(result.firstBroken == nil)
        }
    }

    @Test("审计管理员按操作人、操作、日期查询，并可在页面上校验哈希链")
    func searchPage() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            try await makeUser(on: app, unit: city, username: "auditadmin", roles: [.auditAdmin], scope: .platform)
            try await makeUser(on: app, unit: city, username: "zhaom")
            try await Browser(app).login("zhaom")
            try await Browser(app).post("/login", [("username", "zhaom"), ("password", "Wrong#pass1")])
            let browser = Browser(app)
            try await browser.login("auditadmin")
            let failed = try await browser.get("/admin/audit?actor=zhaom&action=auth.login")
            #expect(failed.status == .ok)
            #expect(failed.body.string.contains("失败"))
            #expect(failed.body.string.contains("共 2 条"))
            let today = DisplayFormat.dateTime(Date()).prefix(10)
            #expect(try await browser.get("/admin/audit?from=\(today)&to=\(today)").body.string.contains("共 3 条"))
            #expect(try await browser.get("/admin/audit?from=2020-1-1&to=2020-01-02").body.string.contains("共 0 条"))
            #expect(try await browser.get("/admin/audit?from=yesterday").body.string.contains("起始日期格式"))
            let verified = try await browser.get("/admin/audit?verify=1")
            #expect(verified.body.string.contains("哈希链完整：已校验 3 条记录"))
        }
    }
}

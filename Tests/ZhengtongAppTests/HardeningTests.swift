import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("安全加固：错误页、三员账户、会话、锁定、并发")
struct HardeningTests {
    @Test("错误页面与 JSON 错误同样带安全响应头")
    func headersOnErrors() async throws {
        try await withApp { app in
            let page = try await Browser(app).get("/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.headers.first(name: "Content-Security-Policy") != nil)
            let api = try await APIClient(app: app).get("/api/v1/me")
            #expect(api.status == .unauthorized)
            #expect(api.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }

    @Test("登录后访问不存在的页面：404 页面保留导航")
    func signedInNotFound() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let browser = Browser(app)
            try await browser.login("zhaom")
            let page = try await browser.get("/no/such/page")
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("通讯录"))
            #expect(page.body.string.contains("返回工作台"))
        }
    }

    @Test("系统管理员不能重置、停用或修改安全管理员和审计管理员的账户")
    func administratorsProtected() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            try await makeUser(on: app, unit: city, username: "admin", roles: [.sysAdmin], scope: .platform)
            let sec = try await makeUser(on: app, unit: city, username: "secadmin", roles: [.secAdmin], scope: .platform)
            let auditor = try await makeUser(on: app, unit: city, username: "auditadmin", roles: [.auditAdmin], scope: .platform)
            let browser = Browser(app)
            try await browser.login("admin")
            for target in [sec, auditor] {
                let path = "/admin/users/\(try target.requireID())"
                let reset = try await browser.post(path + "/password")
                #expect(reset.status == .forbidden)
                #expect(reset.body.string.contains("三员分立"))
                #expect(try await browser.post(path + "/status", [("action", "disable")]).status == .forbidden)
                #expect(try await browser.get(path).status == .forbidden)
            }
            #expect(try await User.find(sec.id, on: app.db)?.passwordHash == testPasswordHash)
            let list = try await browser.get("/admin/users")
            #expect(list.body.string.contains("secadmin"))
            #expect(!list.body.string.contains("/admin/users/\(try sec.requireID())\""))
        }
    }

    @Test("管理员重置密码后，该人员已登录的会话失效；本人改密后当前会话继续、其他会话失效")
    func sessionsEndWithPassword() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            try await makeUser(on: app, unit: city, username: "admin", roles: [.sysAdmin], scope: .platform)
            let person = try await makeUser(on: app, unit: city, username: "zhaom")
            let phone = Browser(app)
            let desk = Browser(app)
            try await phone.login("zhaom")
            try await desk.login("zhaom")
            try await desk.get("/account/password")
            #expect(try await desk.post("/account/password", [("current", testPassword), ("new", "Spring#2027"), ("confirm", "Spring#2027")]).status == .seeOther)
            #expect(try await desk.get("/").status == .ok)
            #expect(try await phone.get("/").status == .seeOther)

            let admin = Browser(app)
            try await admin.login("admin")
            try await admin.post("/admin/users/\(try person.requireID())/password")
            #expect(try await desk.get("/").status == .seeOther)
        }
    }

    @Test("会话在服务器端 12 小时后过期，与 Cookie 无关")
    func sessionLifetime() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            try await makeUser(on: app, unit: city, username: "zhaom")
            let browser = Browser(app)
            try await browser.login("zhaom")
            #expect(try await browser.get("/").status == .ok)
            for record in try await SessionRecord.query(on: app.db).all() {
                var data = record.data
                data[SessionAuthenticator.signedInKey] = String(Int64((Date().timeIntervalSince1970 - 13 * 3600) * 1000))
                record.data = data
                try await record.save(on: app.db)
            }
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("用用户名和手机号交替猜测同一账户，仍在 5 次后锁定")
    func lockoutAcrossNames() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", phone: "13800000008")
            for index in 0..<5 {
                let browser = Browser(app)
                try await browser.post("/login", [("username", index.isMultiple(of: 2) ? "zhaom" : "13800000008"), ("password", "Wrong#pass1")])
            }
            #expect(try await Browser(app).login("zhaom").status == .tooManyRequests)
        }
    }

    @Test("被锁定的人员经管理员重置密码后，可用新密码登录")
    func resetUnlocks() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            try await makeUser(on: app, unit: city, username: "admin", roles: [.sysAdmin], scope: .platform)
            let person = try await makeUser(on: app, unit: city, username: "zhaom")
            for _ in 0..<5 { try await Browser(app).post("/login", [("username", "zhaom"), ("password", "Wrong#pass1")]) }
            #expect(try await Browser(app).login("zhaom").status == .tooManyRequests)
            let admin = Browser(app)
            try await admin.login("admin")
            let page = try await admin.post("/admin/users/\(try person.requireID())/password").body.string
            let marker = try #require(page.range(of: "初始密码为："))
            let password = String(page[marker.upperBound...].prefix { $0 != "（" })
            #expect(try await Browser(app).login("zhaom", password: password).location == "/account/password")
        }
    }

    @Test("县级系统管理员不能修改全平台共用的职务目录")
    func positionsNeedPlatformScope() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府", kind: .government)
            let county = try await makeUnit(on: app, name: "清河县人民政府", kind: .government, parent: city)
            try await makeUser(on: app, unit: county, username: "qhadmin", roles: [.sysAdmin])
            let browser = Browser(app)
            try await browser.login("qhadmin")
            #expect(try await browser.get("/admin/positions").status == .ok)
            let denied = try await browser.post("/admin/positions", [("name", "县长助理"), ("code", "assistant"), ("rank", "60")])
            #expect(denied.status == .forbidden)
            #expect(denied.body.string.contains("全平台共用"))
        }
    }

    @Test("无效的是/否参数被拒绝（422），而不是被忽略")
    func flagsValidated() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let client = try await APIClient.signIn(app, "zhaom")
            #expect(try await client.get("/api/v1/units?includeDisabled=maybe").status == .unprocessableEntity)
            #expect(try await client.get("/api/v1/users?includeDisabled=true").status == .ok)
        }
    }

    @Test("导入时单位编码与已有单位冲突，报告行号，不导入")
    func importUnitCodeClash() async throws {
        try await withApp { app in
            try await makeUnit(on: app, name: "江北市财政局", code: "jb-czj")
            let csv = "单位,单位编码\n江北市人民政府/江北市教育局,jb-czj\n江北市人民政府/江北市卫健委,jb-wjw\n江北市人民政府/江北市民政局,jb-wjw\n"
            let outcome = try await OrgImport(app: app).run(data: Data(csv.utf8), initialPassword: nil)
            guard case .rejected(let problems) = outcome else { Issue.record("accepted"); return }
            let text = problems.map(\.description)
            #expect(text.contains { $0.hasPrefix("第 2 行") && $0.contains("已被“江北市财政局”使用") })
            #expect(text.contains { $0.hasPrefix("第 4 行") && $0.contains("在第 3 行已用于") })
            #expect(try await ZhengtongApp.Unit.query(on: app.db).count() == 1)
        }
    }

    @Test("两人同时保存同一人员：恰好一人成功，另一人得到 409")
    func simultaneousSaves() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            try await makeUser(on: app, unit: city, username: "admin", roles: [.sysAdmin], scope: .platform)
            try await makeUser(on: app, unit: city, username: "admin2", roles: [.sysAdmin], scope: .platform)
            let person = try await makeUser(on: app, unit: city, username: "lina", name: "李娜")
            let path = "/admin/users/\(try person.requireID())"
            let first = Browser(app), second = Browser(app)
            try await first.login("admin")
            try await second.login("admin2")
            let version = try #require(OrganizationAdminTests.hidden("version", in: try await first.get(path).body.string))
            try await second.get(path)
            let unitID = try city.requireID().uuidString
            async let a = first.post(path, [("unit", unitID), ("name", "李娜甲"), ("version", version)])
            async let b = second.post(path, [("unit", unitID), ("name", "李娜乙"), ("version", version)])
            let statuses = [try await a.status, try await b.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 1)
            let saved = try #require(try await User.find(person.id, on: app.db))
            #expect(["李娜甲", "李娜乙"].contains(saved.name))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "user.update").count() == 1)
        }
    }
}

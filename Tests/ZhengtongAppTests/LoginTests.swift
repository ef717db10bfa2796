import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("登录、退出与会话")
struct LoginTests {
    @Test("登录页显示表单，错误密码保留用户名并给出中文提示")
    func wrongPasswordKeepsUsername() async throws {
        try await withApp { app in
            // given
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            let browser = Browser(app)
            // when
            let page = try await browser.get("/login")
            let response = try await browser.post("/login", [("username", "zhaom"), ("password", "wrong-Password1")])
            // then
            #expect(page.status == .ok)
            #expect(page.body.string.contains("用户登录"))
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("用户名或密码不正确"))
            #expect(response.body.string.contains("value=\"zhaom\""))
            #expect(!response.body.string.contains("wrong-Password1"))
        }
    }

    @Test("正确登录后进入工作台，看到本人姓名与单位；手机号也可登录")
    func loginReachesHome() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏", phone: "13800000008")
            let browser = Browser(app)
            let login = try await browser.post("/login", [("username", "13800000008"), ("password", testPassword)])
            #expect(login.status == .seeOther)
            #expect(login.location == "/")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("您好，赵敏"))
            #expect(home.body.string.contains("市政府办公室"))
            #expect(home.body.string.contains("待办"))
        }
    }

    @Test("未登录访问页面会被带到登录页，登录后回到原页面；外站地址不被采用")
    func redirectsToLoginAndBack() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let browser = Browser(app)
            let first = try await browser.get("/directory")
            #expect(first.status == .seeOther)
            #expect(first.location == "/login?next=%2Fdirectory")
            try await browser.get("/login?next=%2Fdirectory")
            let login = try await browser.post("/login", [("username", "zhaom"), ("password", testPassword), ("next", "/directory")])
            #expect(login.location == "/directory")

            let other = Browser(app)
            let evil = try await other.post("/login", [("username", "zhaom"), ("password", testPassword), ("next", "//evil.example.com/")])
            #expect(evil.location == "/")
        }
    }

    @Test("登录时会话编号更换，旧编号作废")
    func sessionIsRotatedAtLogin() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let browser = Browser(app)
            try await browser.get("/login")
            let before = try #require(browser.cookies["zhengtong_session"])
            try await browser.post("/login", [("username", "zhaom"), ("password", testPassword)])
            let after = try #require(browser.cookies["zhengtong_session"])
            #expect(before != after)
            let attacker = Browser(app)
            attacker.cookies["zhengtong_session"] = before
            #expect(try await attacker.get("/").status == .seeOther)
        }
    }

    @Test("会话 Cookie 为 HttpOnly、SameSite=Lax；配置 https 地址时带 Secure")
    func cookieFlags() async throws {
        try await withApp { app in
            let response = try await Browser(app).get("/login")
            let cookie = try #require(response.headers[.setCookie].first)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
        }
        try await withApp(configure: { $0.publicURL = URL(string: "https://oa.example.gov.cn") }) { app in
            let response = try await Browser(app).get("/login")
            #expect(response.headers[.setCookie].first?.contains("Secure") == true)
            #expect(response.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test("同一账户连续 5 次输错后锁定，此时正确密码也不能登录")
    func accountLockout() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let browser = Browser(app)
            for _ in 1...5 {
                #expect(try await browser.post("/login", [("username", "zhaom"), ("password", "Wrong#pass1")]).status == .unauthorized)
            }
            let locked = try await browser.post("/login", [("username", "zhaom"), ("password", testPassword)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains("账户已暂时锁定"))
            // Another account from another address is unaffected.
            try await makeUser(on: app, unit: unit, username: "lina")
            #expect(try await Browser(app).login("lina").status == .seeOther)
        }
    }

    @Test("同一地址对多个账户猜测 20 次后，该地址被暂时禁止登录")
    func addressLockout() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let browser = Browser(app, address: "10.9.9.9")
            for index in 1...20 {
                try await browser.post("/login", [("username", "guess\(index)"), ("password", "Wrong#pass1")])
            }
            let blocked = try await browser.post("/login", [("username", "zhaom"), ("password", testPassword)])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.body.string.contains("来自您所在地址"))
            #expect(try await Browser(app, address: "10.9.9.10").login("zhaom").status == .seeOther)
        }
    }

    @Test("停用的账户不能登录，已登录的会话随即失效")
    func disabledAccount() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            let user = try await makeUser(on: app, unit: unit, username: "zhaom")
            let session = Browser(app)
            try await session.login("zhaom")
            user.isDisabled = true
            try await user.save(on: app.db)
            let response = try await Browser(app).login("zhaom")
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("该账户已停用"))
            #expect(try await session.get("/").status == .seeOther)
        }
    }

    @Test("退出后会话失效，并记入审计日志")
    func logout() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let browser = Browser(app)
            try await browser.login("zhaom")
            try await browser.get("/")
            let out = try await browser.post("/logout")
            #expect(out.location == "/login?loggedOut=1")
            #expect(try await browser.get("/login?loggedOut=1").body.string.contains("您已安全退出"))
            #expect(try await browser.get("/").status == .seeOther)
            let actions = try await AuditEntry.query(on: app.db).sort(\.$id).all().map(\.action)
            #expect(actions == ["auth.login", "auth.logout"])
        }
    }

    @Test("表单缺少或带错 CSRF 令牌时拒绝（403）")
    func csrfRequired() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let browser = Browser(app)
            try await browser.login("zhaom")
            let missing = try await browser.post("/logout", includeToken: false)
            #expect(missing.status == .forbidden)
            #expect(missing.body.string.contains("页面已过期"))
            let wrong = try await browser.post("/logout", csrf: "forged-token")
            #expect(wrong.status == .forbidden)
            #expect(try await browser.get("/").status == .ok)
        }
    }

    @Test("登录失败与成功都记入审计日志，含地址")
    func loginAudited() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let browser = Browser(app, address: "10.1.2.3")
            try await browser.post("/login", [("username", "zhaom"), ("password", "Wrong#pass1")])
            try await browser.login("zhaom")
            let entries = try await AuditEntry.query(on: app.db).sort(\.$id).all()
            #expect(entries.map(\.succeeded) == [false, true])
            #expect(entries.allSatisfy { $0.action == "auth.login" && $0.clientAddress == "10.1.2.3" })
        }
    }
}

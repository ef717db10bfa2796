import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// The cache of grants, tokens and members must never outlive a change: every change to what it holds, by any
/// statement (here raw SQL, as another process or a query-builder delete would do), shows on the next request.
@Suite("组织缓存：任何修改在下一次请求即生效")
struct OrganizationCacheTests {
    @Test("角色授予与撤销、令牌删除、账户停用、调动单位都在下一次请求生效")
    func changesShowAtOnce() async throws {
        try await withApp { app in
            // given a clerk with a token whose grants and token are cached by a first request
            let unit = try await makeUnit(on: app, name: "缓存测试局", kind: .bureau)
            let other = try await makeUnit(on: app, name: "另一局", kind: .bureau)
            let person = try await makeUser(on: app, unit: unit, username: "cachep")
            let client = try await APIClient.signIn(app, "cachep")
            #expect(try await client.get("/api/v1/exchange/inbox").status == .forbidden)
            #expect(try await client.get("/api/v1/me").status == .ok)
            let sql = try #require(app.db as? any SQLDatabase)
            let clerk = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.clerk.rawValue).first())

            // when a grant is written behind the application's back, then the next request has it
            try await sql.raw("""
                INSERT INTO user_roles (id, user_id, role_id, scope_unit_id) VALUES (\(bind: UUID()), \(bind: person.requireID()), \(bind: clerk.requireID()), \(bind: unit.requireID()))
                """).run()
            #expect(try await client.get("/api/v1/exchange/inbox").status == .ok)
            // and removed again, the next request has lost it
            try await sql.raw("DELETE FROM user_roles WHERE user_id = \(bind: person.requireID())").run()
            #expect(try await client.get("/api/v1/exchange/inbox").status == .forbidden)

            // a move to another unit shows in the person's own details at once
            try await sql.raw("UPDATE users SET unit_id = \(bind: other.requireID()) WHERE id = \(bind: person.requireID())").run()
            #expect(try await client.get("/api/v1/me").content.get(String.self, at: "unit", "name") == "另一局")

            // a disabled account's token stops working on the next request
            try await sql.raw("UPDATE users SET is_disabled = \(bind: true) WHERE id = \(bind: person.requireID())").run()
            #expect(try await client.get("/api/v1/me").status == .unauthorized)
            try await sql.raw("UPDATE users SET is_disabled = \(bind: false) WHERE id = \(bind: person.requireID())").run()
            #expect(try await client.get("/api/v1/me").status == .ok)

            // a deleted token stops working on the next request
            try await sql.raw("DELETE FROM api_tokens").run()
            #expect(try await client.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test("页面会话里的本人也来自缓存：改名、调动单位、改电话、停用在下一个页面就生效")
    func sessionPersonFollowsChanges() async throws {
        try await withApp { app in
            // given a person signed in on the pages, whose first page cached them
            let unit = try await makeUnit(on: app, name: "缓存测试局", kind: .bureau)
            let other = try await makeUnit(on: app, name: "另一局", kind: .bureau)
            let person = try await makeUser(on: app, unit: unit, username: "caches", name: "旧名字")
            let browser = Browser(app)
            try await browser.login("caches")
            #expect(try await browser.get("/").body.string.contains("旧名字"))
            let sql = try #require(app.db as? any SQLDatabase)
            let id = try person.requireID()

            // when the name and unit change behind the application's back, the page header shows them at once
            try await sql.raw("UPDATE users SET name = '新名字', unit_id = \(bind: other.requireID()) WHERE id = \(bind: id)").run()
            let page = try await browser.get("/").body.string
            #expect(page.contains("新名字") && page.contains("另一局"))
            // a phone change raises the generation as well (nothing read from the signed-in person may go stale)
            let before = try await app.organizationCache.synchronize(on: app.db)
            try await sql.raw("UPDATE users SET phone = '13900000000' WHERE id = \(bind: id)").run()
            #expect(try await app.organizationCache.synchronize(on: app.db) > before)
            // a disabled account's session ends on the next page
            try await sql.raw("UPDATE users SET is_disabled = \(bind: true) WHERE id = \(bind: id)").run()
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("登录只写最后登录时间，不清空缓存；修改姓名则清空")
    func loginKeepsTheGeneration() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "缓存测试局", kind: .bureau)
            let person = try await makeUser(on: app, unit: unit, username: "cachel")
            let before = try await app.organizationCache.synchronize(on: app.db)
            _ = try await APIClient.signIn(app, "cachel")
            #expect(try await app.organizationCache.synchronize(on: app.db) == before)
            person.name = "新名字"
            try await person.update(on: app.db)
            #expect(try await app.organizationCache.synchronize(on: app.db) > before)
        }
    }
}

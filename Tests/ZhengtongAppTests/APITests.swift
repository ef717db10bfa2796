import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("JSON API：令牌、本人、单位、人员")
struct APITests {
    @Test("签发令牌返回 token、expiresAt 和用户；凭令牌读取 /me")
    func tokenAndMe() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            let department = try await makeDepartment(on: app, unit: unit, name: "文电科")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏", roles: [.clerk], departments: [department])
            let response = try await APIClient(app: app).request(.POST, "/api/v1/auth/token", json: ["username": "zhaom", "password": testPassword])
            #expect(response.status == .created)
            #expect(try response.content.get(String.self, at: "token").count >= 40)
            #expect(try response.content.get(String.self, at: "expiresAt").hasPrefix("20"))
            #expect(try response.content.get(String.self, at: "user", "name") == "赵敏")
            let client = try await APIClient.signIn(app, "zhaom")
            let me = try await client.get("/api/v1/me")
            #expect(me.status == .ok)
            #expect(try me.content.get(String.self, at: "username") == "zhaom")
            #expect(try me.content.get(String.self, at: "unit", "name") == "市政府办公室")
            #expect(try me.content.get([String].self, at: "roles") == ["clerk"])
            #expect(try me.content.get(String.self, at: "departments", "0", "name") == "文电科")
        }
    }

    @Test("错误凭据、缺少令牌、伪造令牌：JSON 错误带稳定代码")
    func errors() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            let bad = try await APIClient(app: app).request(.POST, "/api/v1/auth/token", json: ["username": "zhaom", "password": "Wrong#pass1"])
            #expect(bad.status == .unauthorized)
            #expect(bad.errorCode == "bad_credentials")
            #expect(try bad.content.get(String.self, at: "error", "message") == "用户名或密码不正确。")
            let empty = try await APIClient(app: app).request(.POST, "/api/v1/auth/token", json: ["username": ""])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.errorCode == "validation_failed")
            let none = try await APIClient(app: app).get("/api/v1/me")
            #expect(none.status == .unauthorized)
            #expect(none.errorCode == "unauthorized")
            let forged = try await APIClient(app: app, token: "not-a-real-token").get("/api/v1/me")
            #expect(forged.status == .unauthorized)
            let malformed = try await APIClient(app: app).send(.POST, "/api/v1/auth/token", body: "{not json")
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "bad_request")
        }
    }

    @Test("停用账户的令牌立即失效；撤销令牌后不能再用")
    func tokenStops() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            let user = try await makeUser(on: app, unit: unit, username: "zhaom")
            let client = try await APIClient.signIn(app, "zhaom")
            #expect(try await client.get("/api/v1/me").status == .ok)
            user.isDisabled = true
            try await user.save(on: app.db)
            #expect(try await client.get("/api/v1/me").status == .unauthorized)
            user.isDisabled = false
            try await user.save(on: app.db)
            let second = try await APIClient.signIn(app, "zhaom")
            #expect(try await second.request(.DELETE, "/api/v1/auth/token").status == .noContent)
            #expect(try await second.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test("单位列表：所有登录者可见整棵单位树")
    func units() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府", kind: .government)
            let county = try await makeUnit(on: app, name: "清河县人民政府", kind: .government, parent: city)
            let closed = try await makeUnit(on: app, name: "已撤销单位", parent: county)
            closed.isDisabled = true
            try await closed.save(on: app.db)
            try await makeUser(on: app, unit: county, username: "guoyn")
            let client = try await APIClient.signIn(app, "guoyn")
            let response = try await client.get("/api/v1/units")
            #expect(response.status == .ok)
            let names = try response.content.decode([OrganizationAPIController.UnitDTO].self).map(\.name)
            #expect(names.contains("江北市人民政府") && names.contains("清河县人民政府"))
            #expect(!names.contains("已撤销单位"))
            let all = try await client.get("/api/v1/units?includeDisabled=true")
            #expect(try all.content.decode([OrganizationAPIController.UnitDTO].self).count == 3)
        }
    }

    @Test("人员列表只含本人可见的单位；要求查看其他单位时 403；系统管理员可见全部")
    func usersScoped() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            let county = try await makeUnit(on: app, name: "清河县人民政府办公室", kind: .office, parent: city)
            try await makeUser(on: app, unit: city, username: "zhaom", name: "赵敏")
            try await makeUser(on: app, unit: county, username: "guoyn", name: "郭亚楠")
            try await makeUser(on: app, unit: city, username: "admin", name: "吴涛", roles: [.sysAdmin], scope: .platform)

            let clerk = try await APIClient.signIn(app, "guoyn")
            let mine = try await clerk.get("/api/v1/users")
            #expect(mine.status == .ok)
            let page = try mine.content.decode(OrganizationAPIController.PeoplePage.self)
            #expect(page.items.map(\.username) == ["guoyn"])
            #expect(page.total == 1)

            let other = try await clerk.get("/api/v1/users?unit=\(try city.requireID())")
            #expect(other.status == .forbidden)
            #expect(other.errorCode == "forbidden")

            let malformed = try await clerk.get("/api/v1/users?unit=abc")
            #expect(malformed.status == .unprocessableEntity)
            #expect(try await clerk.get("/api/v1/users?perPage=1000").status == .unprocessableEntity)

            let admin = try await APIClient.signIn(app, "admin")
            let everyone = try await admin.get("/api/v1/users?q=%E9%83%AD")  // 郭
            #expect(try everyone.content.decode(OrganizationAPIController.PeoplePage.self).items.map(\.name) == ["郭亚楠"])
            let all = try await admin.get("/api/v1/users")
            #expect(try all.content.decode(OrganizationAPIController.PeoplePage.self).total == 3)
            let admins = try all.content.decode(OrganizationAPIController.PeoplePage.self).items.filter { $0.roles.contains("sysAdmin") }
            #expect(admins.map(\.username) == ["admin"])
        }
    }

    @Test("未知的 API 路径返回 JSON 404；超大请求体返回 413")
    func notFoundAndTooLarge() async throws {
        try await withApp(configure: { $0.maxBodySize = 1024 }) { app in
            let missing = try await APIClient(app: app).get("/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            let huge = "{\"username\":\"" + String(repeating: "x", count: 4096) + "\"}"
            // A real server on loopback: in-memory requests arrive already collected, so the limit would not apply.
            let tooLarge = try await APIClient(app: app, server: .running(hostname: "127.0.0.1", port: freeLoopbackPort()))
                .send(.POST, "/api/v1/auth/token", body: huge)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.errorCode == "payload_too_large")
        }
    }
}

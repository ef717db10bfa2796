import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("首次启动与演示城市")
struct BootstrapTests {
    @Test("空库首次启动：创建三员账户（三人不同），admin 用配置的密码，其余生成并须修改")
    func administrators() async throws {
        try await withApp(configure: { $0.adminPassword = "Zt#2026-Boot" }) { app in
            let issued = try await AdministratorBootstrap.ensure(app: app)
            #expect(Set(issued.map(\.username)) == ["secadmin", "auditadmin"])
            let users = try await User.query(on: app.db).all()
            #expect(Set(users.map(\.username)) == ["admin", "secadmin", "auditadmin"])
            #expect(users.first { $0.username == "admin" }?.mustChangePassword == false)
            #expect(users.first { $0.username == "secadmin" }?.mustChangePassword == true)
            #expect(try await Browser(app).login("admin", password: "Zt#2026-Boot").location == "/")
            let secPassword = try #require(issued.first { $0.username == "secadmin" }?.password)
            #expect(try await Browser(app).login("secadmin", password: secPassword).location == "/account/password")
            // Running again changes nothing.
            #expect(try await AdministratorBootstrap.ensure(app: app).isEmpty)
            #expect(try await User.query(on: app.db).count() == 3)
        }
    }

    @Test("不符合规则的 ZHENGTONG_ADMIN_PASSWORD 使启动失败并说明原因")
    func weakAdminPassword() async throws {
        try await withApp(configure: { $0.adminPassword = "admin" }) { app in
            let error = await #expect(throws: ConfigurationError.self) { try await AdministratorBootstrap.ensure(app: app) }
            #expect(error?.description.contains("ZHENGTONG_ADMIN_PASSWORD") == true)
            let count = try await User.query(on: app.db).count()
            #expect(count == 0)
        }
    }

    @Test("演示城市：市政府办公室、三个县区各有办公室和两个局、两个乡镇、约 40 人、三员为三人")
    func demoCity() async throws {
        try await withApp { app in
            #expect(try await DemoCity.seedIfEmpty(app: app, password: DemoCity.defaultPassword))
            #expect(try await DemoCity.seedIfEmpty(app: app, password: DemoCity.defaultPassword) == false)
            let units = try await ZhengtongApp.Unit.query(on: app.db).all()
            #expect(units.filter { $0.kind == .government }.count == 4)
            #expect(units.filter { $0.kind == .office }.count == 4)
            #expect(units.filter { $0.kind == .bureau }.count == 6)
            #expect(units.filter { $0.kind == .township }.count == 2)
            let people = try await User.query(on: app.db).count()
            #expect((35...50).contains(people))
            let grants = try await UserRole.query(on: app.db).with(\.$role).with(\.$user).all()
            let holders = { (code: String) in Set(grants.filter { $0.role.code == code }.map(\.user.username)) }
            #expect(holders("sysAdmin") == ["admin"])
            #expect(holders("secAdmin") == ["secadmin"])
            #expect(holders("auditAdmin") == ["auditadmin"])
            #expect(holders("clerk").count >= 10)
            #expect(try await Browser(app).login("zhaom", password: DemoCity.defaultPassword).location == "/")
            #expect(try await AuditLog.verify(on: app.db).firstBroken == nil)
        }
    }
}

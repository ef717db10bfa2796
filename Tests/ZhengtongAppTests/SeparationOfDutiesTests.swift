import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("三员分立：系统、安全、审计管理员各司其职")
struct SeparationOfDutiesTests {
    func threeAdministrators(_ app: Application) async throws -> ZhengtongApp.Unit {
        let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
        try await makeUser(on: app, unit: city, username: "admin", roles: [.sysAdmin], scope: .platform)
        try await makeUser(on: app, unit: city, username: "secadmin", roles: [.secAdmin], scope: .platform)
        try await makeUser(on: app, unit: city, username: "auditadmin", roles: [.auditAdmin], scope: .platform)
        return city
    }

    @Test("系统管理员不能管理角色、不能查看审计日志")
    func systemAdministrator() async throws {
        try await withApp { app in
            _ = try await threeAdministrators(app)
            let browser = Browser(app)
            try await browser.login("admin")
            #expect(try await browser.get("/admin/roles").status == .forbidden)
            #expect(try await browser.get("/admin/audit").status == .forbidden)
            let index = try await browser.get("/admin")
            #expect(index.body.string.contains("单位管理"))
            #expect(!index.body.string.contains("审计日志"))
        }
    }

    @Test("安全管理员不能新建人员或单位，不能查看审计日志")
    func securityAdministrator() async throws {
        try await withApp { app in
            let city = try await threeAdministrators(app)
            let browser = Browser(app)
            try await browser.login("secadmin")
            #expect(try await browser.get("/admin/users/new").status == .forbidden)
            #expect(try await browser.post("/admin/users", [("unit", try city.requireID().uuidString), ("username", "x1"), ("name", "某")]).status == .forbidden)
            #expect(try await browser.get("/admin/units").status == .forbidden)
            #expect(try await browser.get("/admin/audit").status == .forbidden)
            #expect(try await browser.get("/admin/roles").status == .ok)
            #expect(try await User.query(on: app.db).count() == 3)
        }
    }

    @Test("审计管理员只能查阅审计日志")
    func auditAdministrator() async throws {
        try await withApp { app in
            _ = try await threeAdministrators(app)
            let browser = Browser(app)
            try await browser.login("auditadmin")
            #expect(try await browser.get("/admin/users").status == .forbidden)
            #expect(try await browser.get("/admin/roles").status == .forbidden)
            let audit = try await browser.get("/admin/audit")
            #expect(audit.status == .ok)
            #expect(audit.body.string.contains("auth.login"))
        }
    }

    @Test("同一账户不能兼任两种三员角色；授予其他角色并可收回，全程留痕")
    func grantRules() async throws {
        try await withApp { app in
            let city = try await threeAdministrators(app)
            let person = try await makeUser(on: app, unit: city, username: "zhaom", name: "赵敏")
            let admin = try #require(try await User.query(on: app.db).filter(\.$username == "admin").first())
            let roles = try await Role.query(on: app.db).all()
            let auditRole = try #require(roles.first { $0.code == "auditAdmin" })
            let clerk = try #require(roles.first { $0.code == "clerk" })
            let browser = Browser(app)
            try await browser.login("secadmin")

            let page = try await browser.get("/admin/users/\(try admin.requireID())/roles")
            #expect(page.body.string.contains("系统管理员"))
            let twoRoles = try await browser.post("/admin/users/\(try admin.requireID())/roles", [("role", try auditRole.requireID().uuidString), ("scope", "")])
            #expect(twoRoles.status == .unprocessableEntity)
            #expect(twoRoles.body.string.contains("三员分立"))

            let grant = try await browser.post("/admin/users/\(try person.requireID())/roles", [("role", try clerk.requireID().uuidString), ("scope", try city.requireID().uuidString)])
            #expect(grant.status == .seeOther)
            let grants = try await UserRole.query(on: app.db).filter(\.$user.$id == person.requireID()).all()
            #expect(grants.count == 1)
            #expect(grants.first?.$scopeUnit.id == city.id)
            let revoke = try await browser.post("/admin/users/\(try person.requireID())/roles/\(try grants[0].requireID())/revoke")
            #expect(revoke.status == .seeOther)
            #expect(try await UserRole.query(on: app.db).filter(\.$user.$id == person.requireID()).count() == 0)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["role.grant", "role.revoke"]).all().map(\.action)
            #expect(actions.sorted() == ["role.grant", "role.revoke"])
        }
    }

    @Test("安全管理员不能修改自己的角色")
    func cannotChangeOwnRoles() async throws {
        try await withApp { app in
            _ = try await threeAdministrators(app)
            let me = try #require(try await User.query(on: app.db).filter(\.$username == "secadmin").first())
            let clerk = try #require(try await Role.query(on: app.db).filter(\.$code == "clerk").first())
            let browser = Browser(app)
            try await browser.login("secadmin")
            let response = try await browser.post("/admin/users/\(try me.requireID())/roles", [("role", try clerk.requireID().uuidString), ("scope", "")])
            #expect(response.body.string.contains("不能修改自己的角色"))
            #expect(try await UserRole.query(on: app.db).filter(\.$user.$id == me.requireID()).count() == 1)
        }
    }

    @Test("自定义角色不能包含三员权限；内置角色权限不可修改")
    func customRoles() async throws {
        try await withApp { app in
            _ = try await threeAdministrators(app)
            let browser = Browser(app)
            try await browser.login("secadmin")
            try await browser.get("/admin/roles/new")
            let smuggled = try await browser.post("/admin/roles", [("code", "superclerk"), ("name", "超级收发员"),
                                                                   ("permissions[]", "document.register"), ("permissions[]", "audit.read")])
            #expect(smuggled.status == .unprocessableEntity)
            #expect(smuggled.body.string.contains("不能包含三员"))
            let ok = try await browser.post("/admin/roles", [("code", "reader"), ("name", "通讯录查看"), ("permissions[]", "directory.view")])
            #expect(ok.status == .seeOther)
            #expect(try await browser.get("/admin/roles").body.string.contains("通讯录查看"))
            let builtin = try #require(try await Role.query(on: app.db).filter(\.$code == "clerk").first())
            let edit = try await browser.get("/admin/roles/\(try builtin.requireID())")
            #expect(edit.body.string.contains("其权限不可修改"))
            let changed = try await browser.post("/admin/roles/\(try builtin.requireID())", [("name", "收发员"), ("permissions[]", "seal.use"),
                ("version", try #require(OrganizationAdminTests.hidden("version", in: edit.body.string)))])
            #expect(changed.status == .unprocessableEntity)
            #expect(try await Role.find(builtin.id, on: app.db)?.permissions == ["document.register"])
        }
    }

    @Test("普通人员看不到管理入口，访问管理页面得到中文 403 页面")
    func ordinaryPerson() async throws {
        try await withApp { app in
            let city = try await threeAdministrators(app)
            try await makeUser(on: app, unit: city, username: "zhaom", roles: [.clerk])
            let browser = Browser(app)
            try await browser.login("zhaom")
            #expect(!(try await browser.get("/").body.string.contains("href=\"/admin\"")))
            let denied = try await browser.get("/admin")
            #expect(denied.status == .forbidden)
            #expect(denied.body.string.contains("没有管理权限"))
            #expect(denied.body.string.contains("<header class=\"topbar\">"))
        }
    }

    @Test("系统管理员管理账户但看不到公文：发文、收文、流程、查找都拒绝；流程管理员角色不能授予三员")
    func systemAdministratorReadsNoDocuments() async throws {
        try await withApp { app in
            // given: the demo city with its dispatched notice and 清河县's copy signed for
            try await CityFixture.make(on: app)
            let (incoming, instance) = try await IncomingTests.accepted(app)
            let notice = try await CityFixture.dispatched(on: app)
            // when: the platform-wide system administrator tries to read them
            let admin = try await APIClient.signIn(app, "admin")
            // then: nothing of them opens
            #expect(try await admin.get("/api/v1/outgoing/\(try notice.requireID())").status == .notFound)
            #expect(try await admin.get("/api/v1/incoming/\(try incoming.requireID())").status == .notFound)
            #expect(try await admin.get("/api/v1/workflow/instances/\(instance)").status == .notFound)
            let pages = try await CityFixture.signedIn("admin", app)
            #expect(try await pages.get("/outgoing/\(try notice.requireID())").status == .notFound)
            #expect(try await pages.get("/admin/workflow").status == .forbidden)
            #expect(!(try await pages.get("/admin").body.string.contains("/admin/workflow")))
            // The 流程管理员 of the demo deploys processes and may steer the instances.
            let liu = try await CityFixture.signedIn("liuy", app)
            #expect(try await liu.get("/admin/workflow").status == .ok)

            // The security administrator cannot make the system administrator a 流程管理员 or a 收发员, nor the
            // 流程管理员 a system administrator.
            let sec = try await CityFixture.signedIn("secadmin", app)
            let adminUser = try await CityFixture.user("admin", on: app), liuUser = try await CityFixture.user("liuy", on: app)
            for (user, code) in [(adminUser, BuiltinRole.processAdmin), (adminUser, .clerk), (liuUser, .sysAdmin)] {
                let role = try #require(try await Role.query(on: app.db).filter(\.$code == code.rawValue).first())
                let refused = try await sec.post("/admin/users/\(try user.requireID())/roles", [("role", try role.requireID().uuidString), ("scope", "")])
                #expect(refused.status == .unprocessableEntity, "\(code)")
                #expect(refused.body.string.contains("不能同时担任"), "\(code)")
            }
            #expect(try await UserRole.query(on: app.db).filter(\.$user.$id == adminUser.requireID()).count() == 1)
        }
    }
}

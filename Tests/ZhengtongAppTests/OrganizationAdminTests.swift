import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("组织机构管理：单位、部门、人员、职务")
struct OrganizationAdminTests {
    /// A city with a county below it and a platform-wide system administrator signed in.
    struct City {
        let city: ZhengtongApp.Unit
        let county: ZhengtongApp.Unit
        let browser: Browser
    }

    func signedInAdmin(_ app: Application) async throws -> City {
        let city = try await makeUnit(on: app, name: "江北市人民政府", code: "jb", kind: .government)
        let county = try await makeUnit(on: app, name: "清河县人民政府", code: "qh", kind: .government, parent: city)
        try await makeUser(on: app, unit: city, username: "admin", name: "吴涛", roles: [.sysAdmin], scope: .platform)
        let browser = Browser(app)
        try await browser.login("admin")
        return City(city: city, county: county, browser: browser)
    }

    @Test("新建单位：成功后出现在单位树中，审计日志记下新值")
    func createUnit() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            let form = try await setup.browser.get("/admin/units/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("新建单位"))
            let created = try await setup.browser.post("/admin/units", [
                ("name", "清河县财政局"), ("code", "qh-czj"), ("kind", "bureau"), ("parent", try setup.county.requireID().uuidString), ("sortOrder", "3"),
            ])
            #expect(created.location == "/admin/units")
            let list = try await setup.browser.get("/admin/units")
            #expect(list.body.string.contains("清河县财政局"))
            #expect(list.body.string.contains("已保存"))
            let unit = try #require(try await ZhengtongApp.Unit.query(on: app.db).filter(\.$code == "qh-czj").first())
            #expect(unit.$parent.id == setup.county.id)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "unit.create").first())
            #expect(AuditLog.decodeFields(entry.after)["name"] == "清河县财政局")
            #expect(entry.actorName == "admin")
        }
    }

    @Test("表单校验失败：返回 422、逐项中文提示，已填内容保留")
    func validationKeepsInput() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            try await setup.browser.get("/admin/units/new")
            let response = try await setup.browser.post("/admin/units", [
                ("name", "东山县教育局"), ("code", "bad code!"), ("kind", "bureau"), ("parent", try setup.county.requireID().uuidString), ("sortOrder", "x"),
            ])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("表单有误"))
            #expect(html.contains("编码只能由字母、数字"))
            #expect(html.contains("排序号应为整数"))
            #expect(html.contains("value=\"东山县教育局\""))
            #expect(html.contains("value=\"bad code!\""))
            #expect(try await ZhengtongApp.Unit.query(on: app.db).count() == 2)
        }
    }

    @Test("编码重复被拒绝；单位不能移到自己的下级之下")
    func codeTakenAndCycle() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            try await setup.browser.get("/admin/units/new")
            let duplicate = try await setup.browser.post("/admin/units", [("name", "重复"), ("code", "qh"), ("kind", "bureau"), ("parent", try setup.city.requireID().uuidString)])
            #expect(duplicate.body.string.contains("该编码已被使用"))

            let edit = try await setup.browser.get("/admin/units/\(try setup.city.requireID())")
            let version = try #require(Self.hidden("version", in: edit.body.string))
            let cycle = try await setup.browser.post("/admin/units/\(try setup.city.requireID())", [
                ("name", "江北市人民政府"), ("code", "jb"), ("kind", "government"), ("parent", try setup.county.requireID().uuidString), ("version", version),
            ])
            #expect(cycle.status == .unprocessableEntity)
            #expect(cycle.body.string.contains("上级不存在") || cycle.body.string.contains("不能把单位或部门移到它自己"))
            let city = try #require(try await ZhengtongApp.Unit.find(setup.city.id, on: app.db))
            #expect(city.$parent.id == nil)
        }
    }

    @Test("两人同时修改同一单位：后保存者得到 409，先保存的内容不被覆盖，表单保留所填")
    func concurrentEditConflict() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            try await makeUser(on: app, unit: setup.city, username: "admin2", roles: [.sysAdmin], scope: .platform)
            let other = Browser(app)
            try await other.login("admin2")
            let path = "/admin/units/\(try setup.county.requireID())"
            let first = try #require(Self.hidden("version", in: try await setup.browser.get(path).body.string))
            let second = try #require(Self.hidden("version", in: try await other.get(path).body.string))
            let parent = try setup.city.requireID().uuidString
            let won = try await setup.browser.post(path, [("name", "清河县人民政府（改）"), ("code", "qh"), ("kind", "government"), ("parent", parent), ("version", first)])
            let lost = try await other.post(path, [("name", "清河县政府"), ("code", "qh"), ("kind", "government"), ("parent", parent), ("version", second)])
            #expect(won.status == .seeOther)
            #expect(lost.status == .conflict)
            #expect(lost.body.string.contains("已被他人修改"))
            #expect(lost.body.string.contains("value=\"清河县政府\""))
            #expect(try await ZhengtongApp.Unit.find(setup.county.id, on: app.db)?.name == "清河县人民政府（改）")
        }
    }

    @Test("县级系统管理员只能管理本县，访问市级单位得到 403")
    func scopedAdministrator() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府", kind: .government)
            let county = try await makeUnit(on: app, name: "清河县人民政府", kind: .government, parent: city)
            let bureau = try await makeUnit(on: app, name: "清河县财政局", parent: county)
            try await makeUser(on: app, unit: county, username: "qhadmin", roles: [.sysAdmin], scope: .ownUnit)
            let cityPerson = try await makeUser(on: app, unit: city, username: "zhaom")
            let browser = Browser(app)
            try await browser.login("qhadmin")
            #expect(try await browser.get("/admin/units/\(try city.requireID())").status == .forbidden)
            #expect(try await browser.get("/admin/units/\(try bureau.requireID())").status == .ok)
            #expect(try await browser.get("/admin/users/\(try cityPerson.requireID())").status == .forbidden)
            let list = try await browser.get("/admin/units")
            #expect(list.body.string.contains("清河县财政局"))
            #expect(!list.body.string.contains("江北市人民政府"))
            try await browser.get("/admin/units/new")
            let topLevel = try await browser.post("/admin/units", [("name", "新单位"), ("code", "new1"), ("kind", "bureau"), ("parent", "")])
            #expect(topLevel.status == .unprocessableEntity)
            let users = try await browser.get("/admin/users")
            #expect(!users.body.string.contains("zhaom"))
        }
    }

    @Test("部门：新建、移动到另一部门下、停用")
    func departments() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            let countyID = try setup.county.requireID()
            #expect(try await setup.browser.get("/admin/units/\(countyID)/departments").status == .ok)
            try await setup.browser.get("/admin/units/\(countyID)/departments/new")
            #expect(try await setup.browser.post("/admin/units/\(countyID)/departments", [("name", "办公室"), ("sortOrder", "1")]).status == .seeOther)
            #expect(try await setup.browser.post("/admin/units/\(countyID)/departments", [("name", "综合股")]).status == .seeOther)
            let office = try #require(try await Department.query(on: app.db).filter(\.$name == "办公室").first())
            let general = try #require(try await Department.query(on: app.db).filter(\.$name == "综合股").first())
            let edit = try await setup.browser.get("/admin/departments/\(try general.requireID())")
            let version = try #require(Self.hidden("version", in: edit.body.string))
            let moved = try await setup.browser.post("/admin/departments/\(try general.requireID())", [
                ("name", "综合股"), ("parent", try office.requireID().uuidString), ("version", version)])
            #expect(moved.status == .seeOther)
            #expect(try await Department.find(general.id, on: app.db)?.$parent.id == office.id)
            let foreign = try await makeDepartment(on: app, unit: setup.city, name: "秘书科")
            let edit2 = try await setup.browser.get("/admin/departments/\(try office.requireID())")
            let bad = try await setup.browser.post("/admin/departments/\(try office.requireID())", [
                ("name", "办公室"), ("parent", try foreign.requireID().uuidString), ("version", try #require(Self.hidden("version", in: edit2.body.string)))])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await setup.browser.post("/admin/departments/\(try office.requireID())/status", [("action", "disable")]).status == .seeOther)
            #expect(try await Department.find(office.id, on: app.db)?.isDisabled == true)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "department.move").count() == 1)
        }
    }

    @Test("新建人员：初始密码只显示一次，首次登录须修改；部门必须属于所选单位")
    func createPerson() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            let office = try await makeDepartment(on: app, unit: setup.county, name: "办公室")
            let foreign = try await makeDepartment(on: app, unit: setup.city, name: "秘书科")
            let director = try #require(try await Position.query(on: app.db).filter(\.$code == "director").first())
            try await setup.browser.get("/admin/users/new?unit=\(try setup.county.requireID())")
            let wrong = try await setup.browser.post("/admin/users", [
                ("unit", try setup.county.requireID().uuidString), ("username", "hux"), ("name", "胡晓"),
                ("departments[]", try foreign.requireID().uuidString)])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("部门不属于所选单位"))
            #expect(wrong.body.string.contains("value=\"胡晓\""))
            let created = try await setup.browser.post("/admin/users", [
                ("unit", try setup.county.requireID().uuidString), ("username", "hux"), ("name", "胡晓"), ("phone", "13900000001"),
                ("departments[]", try office.requireID().uuidString), ("positions[]", try director.requireID().uuidString)])
            #expect(created.status == .ok)
            let text = created.body.string
            let marker = try #require(text.range(of: "初始密码为："))
            let password = String(text[marker.upperBound...].prefix { $0 != "（" })
            #expect(PasswordPolicy.problem(with: password, username: "hux") == nil)
            let person = try #require(try await User.query(on: app.db).filter(\.$username == "hux").first())
            #expect(person.mustChangePassword)
            let people = try await PersonDirectory.load([person], on: app.db)
            #expect(people[0].departments.map(\.name) == ["办公室"])
            #expect(people[0].positions.map(\.name) == ["主任"])
            #expect(try await Browser(app).login("hux", password: password).location == "/account/password")
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "user.create").first())
            #expect(!audit.after.contains(password))
        }
    }

    @Test("人员调动到另一单位、停用（不删除）、重置密码")
    func moveDisableReset() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            let person = try await makeUser(on: app, unit: setup.city, username: "lina", name: "李娜")
            let path = "/admin/users/\(try person.requireID())"
            let edit = try await setup.browser.get(path)
            #expect(edit.body.string.contains("编辑人员"))
            let reload = try await setup.browser.get(path + "?unit=\(try setup.county.requireID())")
            #expect(reload.status == .ok)
            let version = try #require(Self.hidden("version", in: edit.body.string))
            let moved = try await setup.browser.post(path, [("unit", try setup.county.requireID().uuidString), ("name", "李娜"), ("version", version)])
            #expect(moved.location == path)
            #expect(try await User.find(person.id, on: app.db)?.$unit.id == setup.county.id)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "user.move").count() == 1)

            #expect(try await setup.browser.post(path + "/status", [("action", "disable")]).location == path)
            #expect(try await User.find(person.id, on: app.db)?.isDisabled == true)
            #expect(try await Browser(app).login("lina").status == .forbidden)
            #expect(try await setup.browser.post(path + "/status", [("action", "enable")]).status == .seeOther)

            let reset = try await setup.browser.post(path + "/password")
            #expect(reset.body.string.contains("初始密码为"))
            #expect(try await User.find(person.id, on: app.db)?.mustChangePassword == true)
            #expect(try await Browser(app).login("lina").status == .unauthorized)
        }
    }

    @Test("不能停用自己的账户")
    func cannotDisableSelf() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            let me = try #require(try await User.query(on: app.db).filter(\.$username == "admin").first())
            let response = try await setup.browser.post("/admin/users/\(try me.requireID())/status", [("action", "disable")])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("不能停用自己的账户"))
        }
    }

    @Test("职务：列表、新建、名称重复被拒绝、编辑")
    func positions() async throws {
        try await withApp { app in
            let setup = try await signedInAdmin(app)
            let list = try await setup.browser.get("/admin/positions")
            #expect(list.body.string.contains("分管领导"))
            try await setup.browser.get("/admin/positions/new")
            #expect(try await setup.browser.post("/admin/positions", [("name", "调研员"), ("code", "researcher"), ("rank", "30")]).status == .seeOther)
            let duplicate = try await setup.browser.post("/admin/positions", [("name", "主任"), ("code", "director2"), ("rank", "30")])
            #expect(duplicate.body.string.contains("该职务名称已存在"))
            let position = try #require(try await Position.query(on: app.db).filter(\.$code == "researcher").first())
            let edit = try await setup.browser.get("/admin/positions/\(try position.requireID())")
            let saved = try await setup.browser.post("/admin/positions/\(try position.requireID())", [
                ("name", "一级调研员"), ("code", "researcher"), ("rank", "35"), ("version", try #require(Self.hidden("version", in: edit.body.string)))])
            #expect(saved.status == .seeOther)
            #expect(try await Position.find(position.id, on: app.db)?.name == "一级调研员")
        }
    }

    /// The value of a hidden form field in a page.
    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

@Suite("组织机构管理：停用单位、修改自定义角色")
struct OrganizationStatusAndRoleTests {
    @Test("停用单位后在列表中显示为已停用，可再启用，均记入审计日志")
    func disableUnit() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府", kind: .government)
            let bureau = try await makeUnit(on: app, name: "江北市统计局", parent: city)
            try await makeUser(on: app, unit: city, username: "admin", roles: [.sysAdmin], scope: .platform)
            let browser = Browser(app)
            try await browser.login("admin")
            let path = "/admin/units/\(try bureau.requireID())/status"
            #expect(try await browser.post(path, [("action", "disable")]).location == "/admin/units")
            let list = try await browser.get("/admin/units")
            #expect(list.body.string.contains("已停用"))
            #expect(try await ZhengtongApp.Unit.find(bureau.id, on: app.db)?.isDisabled == true)
            #expect(try await browser.post(path, [("action", "enable")]).status == .seeOther)
            #expect(try await ZhengtongApp.Unit.find(bureau.id, on: app.db)?.isDisabled == false)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$targetType == "unit").all().map(\.action)
            #expect(actions == ["unit.disable", "unit.enable"])
        }
    }

    @Test("安全管理员修改自定义角色的名称与权限，过期的表单得到 409")
    func updateCustomRole() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            try await makeUser(on: app, unit: city, username: "secadmin", roles: [.secAdmin], scope: .platform)
            let role = Role(code: "reader", name: "通讯录查看", description: "", permissions: [.directoryView], isBuiltin: false)
            try await role.create(on: app.db)
            let browser = Browser(app)
            try await browser.login("secadmin")
            let path = "/admin/roles/\(try role.requireID())"
            let version = try #require(OrganizationAdminTests.hidden("version", in: try await browser.get(path).body.string))
            let saved = try await browser.post(path, [("name", "收发与查看"), ("permissions[]", "directory.view"),
                                                     ("permissions[]", "document.register"), ("version", version)])
            #expect(saved.location == "/admin/roles")
            let updated = try #require(try await Role.find(role.id, on: app.db))
            #expect(updated.name == "收发与查看")
            #expect(Set(updated.permissions) == ["directory.view", "document.register"])
            let stale = try await browser.post(path, [("name", "旧名称"), ("version", version)])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("value=\"旧名称\""))
        }
    }
}

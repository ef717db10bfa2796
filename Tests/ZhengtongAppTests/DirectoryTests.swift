import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("通讯录")
struct DirectoryTests {
    @Test("按姓名、手机号查找；只显示本单位和授权范围内的人")
    func searchAndScope() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            let county = try await makeUnit(on: app, name: "清河县人民政府办公室", kind: .office, parent: city)
            let office = try await makeDepartment(on: app, unit: city, name: "文电科")
            try await makeUser(on: app, unit: city, username: "zhaom", name: "赵敏", phone: "13800000008", departments: [office])
            try await makeUser(on: app, unit: city, username: "zhangw", name: "张伟", phone: "13800000005")
            try await makeUser(on: app, unit: county, username: "guoyn", name: "郭亚楠", phone: "13800000104")
            let browser = Browser(app)
            try await browser.login("zhaom")
            let all = try await browser.get("/directory")
            #expect(all.status == .ok)
            #expect(all.body.string.contains("张伟") && all.body.string.contains("文电科"))
            #expect(!all.body.string.contains("郭亚楠"))
            let byPhone = try await browser.get("/directory?q=13800000005")
            #expect(byPhone.body.string.contains("张伟") && !byPhone.body.string.contains("赵敏</td>"))
            let byName = try await browser.get("/directory?q=%E8%B5%B5")  // 赵
            #expect(byName.body.string.contains("赵敏") && !byName.body.string.contains("张伟"))
            let otherUnit = try await browser.get("/directory?unit=\(try county.requireID())")
            #expect(otherUnit.status == .forbidden)

            // A role with directory.view over the city covers the county too.
            try await makeUser(on: app, unit: city, username: "admin", roles: [.sysAdmin], scope: .platform)
            let admin = Browser(app)
            try await admin.login("admin")
            let county2 = try await admin.get("/directory?unit=\(try county.requireID())")
            #expect(county2.body.string.contains("郭亚楠"))
        }
    }

    @Test("页面上的姓名经过转义，不会执行脚本")
    func escapesNames() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市<b>办公室</b>", kind: .office)
            try await makeUser(on: app, unit: city, username: "zhaom", name: "<script>alert(1)</script>")
            let browser = Browser(app)
            try await browser.login("zhaom")
            let html = try await browser.get("/directory").body.string
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<b>办公室</b>"))
        }
    }
}

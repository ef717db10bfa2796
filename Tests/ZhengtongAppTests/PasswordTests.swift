import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("密码规则与修改密码")
struct PasswordTests {
    @Test("密码规则：长度、字符类别、不含用户名")
    func policy() {
        #expect(PasswordPolicy.problem(with: "Ab1#", username: "zhaom") == "密码长度至少 8 位。")
        #expect(PasswordPolicy.problem(with: "abcdefgh1", username: "zhaom") == Strings.Password.classes)
        #expect(PasswordPolicy.problem(with: "Zhaom#2026x", username: "zhaom") == "密码不能包含用户名。")
        #expect(PasswordPolicy.problem(with: "Spring#2026", username: "zhaom") == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "Aa1#", count: 17), username: "x") == "密码长度不能超过 64 位。")
    }

    @Test("生成的密码总是符合规则且互不相同")
    func generated() {
        let passwords = (0..<200).map { _ in PasswordPolicy.generate() }
        #expect(passwords.allSatisfy { PasswordPolicy.problem(with: $0, username: "admin") == nil })
        #expect(Set(passwords).count == passwords.count)
    }

    @Test("首次登录须修改密码：其他页面都转到修改密码页，API 也拒绝签发令牌")
    func forcedChange() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", mustChangePassword: true)
            let browser = Browser(app)
            let login = try await browser.login("zhaom")
            #expect(login.location == "/account/password")
            #expect(try await browser.get("/directory").location == "/account/password")
            #expect(try await browser.get("/account/password").body.string.contains("首次登录或密码已被重置"))
            let api = try await APIClient(app: app).request(.POST, "/api/v1/auth/token", json: ["username": "zhaom", "password": testPassword])
            #expect(api.status == .forbidden)
            #expect(api.errorCode == "password_change_required")
        }
    }

    @Test("修改密码：逐项校验，给出中文提示；成功后须用新密码登录")
    func changePassword() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", mustChangePassword: true)
            let browser = Browser(app)
            try await browser.login("zhaom")
            try await browser.get("/account/password")
            let wrongCurrent = try await browser.post("/account/password", [("current", "nope"), ("new", "Spring#2027"), ("confirm", "Spring#2027")])
            #expect(wrongCurrent.status == .unprocessableEntity)
            #expect(wrongCurrent.body.string.contains("当前密码不正确"))
            let weak = try await browser.post("/account/password", [("current", testPassword), ("new", "short"), ("confirm", "short")])
            #expect(weak.body.string.contains("密码长度至少 8 位"))
            let differ = try await browser.post("/account/password", [("current", testPassword), ("new", "Spring#2027"), ("confirm", "Spring#2028")])
            #expect(differ.body.string.contains("两次输入的新密码不一致"))
            let ok = try await browser.post("/account/password", [("current", testPassword), ("new", "Spring#2027"), ("confirm", "Spring#2027")])
            #expect(ok.location == "/")
            #expect(try await browser.get("/").body.string.contains("密码已修改"))
            #expect(try await Browser(app).login("zhaom").status == .unauthorized)
            #expect(try await Browser(app).login("zhaom", password: "Spring#2027").location == "/")
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "zhaom").first())
            #expect(user.mustChangePassword == false)
        }
    }
}

import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("组织机构导入（CSV）")
struct OrgImportTests {
    static let goodCSV = """
    单位,单位编码,单位类型,部门,姓名,用户名,手机,职务,角色
    江北市人民政府,jb,人民政府,,,,,,
    江北市人民政府/江北市人民政府办公室,jb-zfb,,秘书一科,张伟,zhangw,13800000005,主任,
    江北市人民政府/江北市人民政府办公室,,,文电科,赵敏,zhaom,13800000008,科员,收发员
    江北市人民政府/清河县人民政府/清河县财政局,,,办公室/预算股,高原,gaoy,,科员、主任,收发员
    """

    @Test("UTF-8 文件：建立单位树、部门树、人员、职务与角色；每人须修改初始密码")
    func importsOrganisation() async throws {
        try await withApp { app in
            let outcome = try await OrgImport(app: app).run(data: Data(Self.goodCSV.utf8), initialPassword: nil)
            guard case .imported(let summary) = outcome else { Issue.record("rejected: \(outcome)"); return }
            #expect(summary.units == 4)
            #expect(summary.people == 3)
            #expect(summary.departments == 4)
            #expect(summary.passwords.count == 3)
            let bureau = try #require(try await ZhengtongApp.Unit.query(on: app.db).filter(\.$name == "清河县财政局").first())
            #expect(bureau.kind == .bureau)
            let county = try #require(try await ZhengtongApp.Unit.find(bureau.$parent.id, on: app.db))
            #expect(county.name == "清河县人民政府" && county.kind == .government)
            let gaoy = try #require(try await User.query(on: app.db).filter(\.$username == "gaoy").first())
            #expect(gaoy.mustChangePassword)
            let person = try await PersonDirectory.load([gaoy], on: app.db)[0]
            #expect(person.departments.map(\.name) == ["预算股"])
            #expect(Set(person.positions.map(\.name)) == ["科员", "主任"])
            #expect(person.roles == ["clerk"])
            let budget = try #require(try await Department.query(on: app.db).filter(\.$name == "预算股").first())
            #expect(try await Department.find(budget.$parent.id, on: app.db)?.name == "办公室")
            let password = try #require(summary.passwords.first { $0.username == "zhaom" }?.password)
            #expect(try await Browser(app).login("zhaom", password: password).location == "/account/password")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "user.create").count() == 3)
        }
    }

    @Test("GBK 编码（中文 Excel 导出）同样可以导入")
    func importsGBK() async throws {
        // 单位,部门,姓名,用户名 / 江北市人民政府/江北市财政局,办公室,钱多多,qianduo — encoded as GBK.
        let bytes: [UInt8] = [0xB5, 0xA5, 0xCE, 0xBB, 0x2C, 0xB2, 0xBF, 0xC3, 0xC5, 0x2C, 0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xD3, 0xC3, 0xBB, 0xA7, 0xC3,
                              0xFB, 0x0A, 0xBD, 0xAD, 0xB1, 0xB1, 0xCA, 0xD0, 0xC8, 0xCB, 0xC3, 0xF1, 0xD5, 0xFE, 0xB8, 0xAE, 0x2F, 0xBD, 0xAD, 0xB1,
                              0xB1, 0xCA, 0xD0, 0xB2, 0xC6, 0xD5, 0xFE, 0xBE, 0xD6, 0x2C, 0xB0, 0xEC, 0xB9, 0xAB, 0xCA, 0xD2, 0x2C, 0xC7, 0xAE, 0xB6,
                              0xE0, 0xB6, 0xE0, 0x2C, 0x71, 0x69, 0x61, 0x6E, 0x64, 0x75, 0x6F, 0x0A]
        try await withApp { app in
            let outcome = try await OrgImport(app: app).run(data: Data(bytes), initialPassword: "Welcome#2026")
            guard case .imported(let summary) = outcome else { Issue.record("rejected: \(outcome)"); return }
            #expect(summary.people == 1)
            let person = try #require(try await User.query(on: app.db).filter(\.$username == "qianduo").first())
            #expect(person.name == "钱多多")
            #expect(try await ZhengtongApp.Unit.query(on: app.db).filter(\.$name == "江北市财政局").count() == 1)
            #expect(try await Browser(app).login("qianduo", password: "Welcome#2026").location == "/account/password")
        }
    }

    @Test("有错误的行逐一报告行号，整批不导入")
    func rejectsBadRowsWithLineNumbers() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "已有单位")
            try await makeUser(on: app, unit: city, username: "zhangw")
            let csv = """
            单位,姓名,用户名,手机,职务,角色
            江北市人民政府,王五,wangwu,13800000001,科员,
            江北市人民政府,张伟,zhangw,,,
            江北市人民政府,李四,1abc,12345,,
            江北市人民政府,赵六,zhaoliu,,处长,
            江北市人民政府,孙七,wangwu,,,系统管理员
            ,无单位,nounit,,,
            """
            let outcome = try await OrgImport(app: app).run(data: Data(csv.utf8), initialPassword: nil)
            guard case .rejected(let problems) = outcome else { Issue.record("accepted"); return }
            let text = problems.map(\.description)
            #expect(text.contains { $0.hasPrefix("第 3 行") && $0.contains("已存在") })
            #expect(text.contains { $0.hasPrefix("第 4 行") && $0.contains("用户名须为") })
            #expect(text.contains { $0.hasPrefix("第 4 行") && $0.contains("手机号须为") })
            #expect(text.contains { $0.hasPrefix("第 5 行") && $0.contains("未知的职务“处长”") })
            #expect(text.contains { $0.hasPrefix("第 6 行") && $0.contains("与第 2 行重复") })
            #expect(text.contains { $0.hasPrefix("第 6 行") && $0.contains("三员角色") })
            #expect(text.contains { $0.hasPrefix("第 7 行") && $0.contains("“单位”为空") })
            #expect(try await ZhengtongApp.Unit.query(on: app.db).count() == 1)
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test("无法识别的列与不是文本的文件给出清楚的错误")
    func badFiles() async throws {
        try await withApp { app in
            let unknown = try await OrgImport(app: app).run(data: Data("单位,绰号\n某单位,阿三\n".utf8), initialPassword: nil)
            guard case .rejected(let problems) = unknown else { Issue.record("accepted"); return }
            #expect(problems.map(\.description).contains("第 1 行：无法识别的列“绰号”。"))
            let binary = try await OrgImport(app: app).run(data: Data([0xFF, 0xFE, 0x00, 0x81, 0x00]), initialPassword: nil)
            guard case .rejected(let binaryProblems) = binary else { Issue.record("accepted"); return }
            #expect(binaryProblems.first?.description.contains("UTF-8") == true)
            let weak = try await OrgImport(app: app).run(data: Data(Self.goodCSV.utf8), initialPassword: "123")
            guard case .rejected = weak else { Issue.record("weak password accepted"); return }
        }
    }
}

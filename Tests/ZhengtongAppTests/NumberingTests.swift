import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("编号：机关代字、连续编号、作废、发文登记簿")
struct NumberingTests {
    static func setUp(_ app: Application) async throws -> (ZhengtongApp.Unit, IssuerCode, User) {
        let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
        let clerk = try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏", roles: [.clerk])
        let code = IssuerCode(unitID: try unit.requireID(), code: "江政办发", style: "file", issuerMark: "江北市人民政府办公室文件")
        try await code.create(on: app.db)
        return (unit, code, clerk)
    }

    @Test("二十个编号同时进行：得到 1 到 20，不重不漏；下一年从 1 开始")
    func concurrentNumbers() async throws {
        try await withApp { app in
            let (unit, code, clerk) = try await Self.setUp(app)
            let unitID = try unit.requireID()
            let clerkID = try clerk.requireID()
            let sequences = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await app.write { db in
                            try await DocumentNumbering.assign(unit: unitID, code: code, year: 2026, documentID: nil, title: "文件\(index)", by: clerkID, on: db).sequence
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(sequences.sorted() == Array(1...20))
            let next = try await app.write { db in
                try await DocumentNumbering.assign(unit: unitID, code: code, year: 2027, documentID: nil, title: "新年第一件", by: clerkID, on: db)
            }
            #expect(next.number == "江政办发〔2027〕1号")
        }
    }

    @Test("作废的文号留在登记簿中（缺号可见），不再使用；登记簿筛选与 CSV 导出")
    func voidAndRegister() async throws {
        try await withApp { app in
            let (unit, code, clerk) = try await Self.setUp(app)
            let unitID = try unit.requireID()
            let clerkID = try clerk.requireID()
            for title in ["关于甲的通知", "关于乙的通知"] {
                _ = try await app.write { db in try await DocumentNumbering.assign(unit: unitID, code: code, year: 2026, documentID: nil, title: title, by: clerkID, on: db) }
            }
            let browser = Browser(app)
            try await browser.login("zhaom")
            let page = try await browser.get("/outgoing/register?year=2026")
            #expect(page.body.string.contains("江政办发〔2026〕2号"))
            let first = try #require(try await NumberRegistration.query(on: app.db).filter(\.$sequence == 1).first())
            let noReason = try await browser.post("/outgoing/register/\(try first.requireID())/void", [("reason", " ")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await browser.post("/outgoing/register/\(try first.requireID())/void", [("reason", "标题有误，重新编号")]).status == .seeOther)
            #expect(try await browser.post("/outgoing/register/\(try first.requireID())/void", [("reason", "再次")]).status == .conflict)
            let third = try await app.write { db in try await DocumentNumbering.assign(unit: unitID, code: code, year: 2026, documentID: nil, title: "关于丙的通知", by: clerkID, on: db) }
            #expect(third.sequence == 3)
            let voided = try await browser.get("/outgoing/register?year=2026&status=voided")
            #expect(voided.body.string.contains("标题有误，重新编号"))
            #expect(!voided.body.string.contains("关于乙的通知"))
            let csv = try await browser.get("/outgoing/register.csv?year=2026")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.string.contains("\"江政办发〔2026〕1号\",\"关于甲的通知\",\"已作废\""))
            #expect(csv.body.string.components(separatedBy: "\r\n").count == 5)
            #expect(try await browser.get("/outgoing/register?year=26").status == .unprocessableEntity)
            // Someone who is not a clerk of the unit does not see the register.
            try await makeUser(on: app, unit: unit, username: "huangl")
            let other = Browser(app)
            try await other.login("huangl")
            #expect(try await other.get("/outgoing/register").status == .forbidden)
        }
    }

    @Test("机关代字由单位管理员维护：格式检查、同单位不重复、已用于编号的代字不能改名")
    func issuerCodeAdministration() async throws {
        try await withApp { app in
            let (unit, code, clerk) = try await Self.setUp(app)
            try await makeUser(on: app, unit: unit, username: "admin2", roles: [.sysAdmin])
            let admin = Browser(app)
            try await admin.login("admin2")
            let path = "/admin/units/\(try unit.requireID())/issuer-codes"
            #expect(try await admin.get(path).body.string.contains("江政办发"))
            let bad = try await admin.post(path, [("code", "江政办发2026"), ("style", "file"), ("issuerMark", "江北市人民政府办公室文件")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("江政办发2026"))
            let clash = try await admin.post(path, [("code", "江政办发"), ("style", "file"), ("issuerMark", "江北市人民政府办公室文件")])
            #expect(clash.status == .unprocessableEntity)
            #expect(try await admin.post(path, [("code", "江政办函"), ("style", "letter"), ("issuerMark", "江北市人民政府办公室")]).status == .seeOther)
            #expect(try await IssuerCode.query(on: app.db).filter(\.$code == "江政办函").first()?.style == "letter")
            _ = try await app.write { db in
                try await DocumentNumbering.assign(unit: try unit.requireID(), code: code, year: 2026, documentID: nil, title: "甲", by: try clerk.requireID(), on: db)
            }
            let editForm = try await admin.get("\(path)/\(try code.requireID())")
            #expect(editForm.body.string.contains(#"value="江政办发""#))
            let rename = try await admin.post("\(path)/\(try code.requireID())", [("code", "江政办"), ("style", "file"), ("issuerMark", "江北市人民政府办公室文件"), ("enabled", "on")])
            #expect(rename.status == .unprocessableEntity)
            #expect(try await admin.post("\(path)/\(try code.requireID())", [("code", "江政办发"), ("style", "file"), ("issuerMark", "江北市人民政府办公室文件")]).status == .seeOther)
            #expect(try await IssuerCode.find(code.id, on: app.db)?.isEnabled == false)
            // A retired code gives no more numbers.
            await #expect(throws: AppError.self) {
                let retired = try #require(try await IssuerCode.find(code.id, on: app.db))
                _ = try await app.write { db in
                    try await DocumentNumbering.assign(unit: try unit.requireID(), code: retired, year: 2026, documentID: nil, title: "乙", by: try clerk.requireID(), on: db)
                }
            }
            let staff = Browser(app)
            try await staff.login("zhaom")
            #expect(try await staff.get(path).status == .forbidden)
            // The unit's seals: the page links to 印章管理, where the administrator (only) makes one; then it is shown here.
            #expect(try await admin.get(path).body.string.contains("/seals\""))
            let sealPath = "/admin/units/\(try unit.requireID())/seals"
            #expect(try await staff.post(sealPath, [("name", "单位印章")]).status == .forbidden)
            #expect(try await admin.post(sealPath, [("name", unit.name)]).status == .seeOther)
            #expect(try await UnitSeal.query(on: app.db).count() == 1)
            let withSeal = try await admin.get(path)
            #expect(withSeal.body.string.contains("<svg"))
            #expect(withSeal.body.string.contains("/seals\""))
        }
    }
}

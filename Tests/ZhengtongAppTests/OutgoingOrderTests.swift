import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 命令（令）in the app: a 命令式 代字 numbers 令号 `第N号` on across years, the 令 needs no seal, and its print view
/// has the 令 head.
@Suite("发文：命令（令）")
struct OutgoingOrderTests {
    @Test("命令式代字：编号为“第N号”并连续编号；用印环节不盖章即可办结；打印稿是令的版头和签发人")
    func order() async throws {
        try await withApp { app in
            // given: the office with a 命令式 代字
            let people = try await OutgoingProcessTests.office(app)
            try await IssuerCode(unitID: try people.unit.requireID(), code: "江北市人民政府令", style: "order", issuerMark: "江北市人民政府令").create(on: app.db)
            let drafter = try await APIClient.signIn(app, "huangl")
            func draft(_ title: String) async throws -> UUID {
                let id = try await drafter.send(.POST, "/api/v1/outgoing", body: #"{"kind":"order","issuerCode":"江北市人民政府令"}"#).content.get(UUID.self, at: "id")
                let patch = #"{"version":1,"document":{"kind":"order","style":"order","title":""# + title + #"","body":"《江北市城市供水管理办法》已经市人民政府常务会议通过，现予公布，自2027年3月1日起施行。","signers":["王建国"],"signatureName":"市长","printedBy":"江北市人民政府办公室"}}"#
                let saved = try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch)
                #expect(saved.status == .ok, "\(saved.body.string)")
                return id
            }
            let first = try await draft("江北市人民政府令")
            // when: numbered twice
            let clerk = try await APIClient.signIn(app, "zhaom")
            for (id, expected) in [(first, "第1号"), (try await draft("江北市人民政府令"), "第2号")] {
                let code = try #require(try await IssuerCode.query(on: app.db).filter(\.$code == "江北市人民政府令").first())
                let assigned = try await DocumentNumbering.assign(unit: try people.unit.requireID(), code: code, year: DocumentDate(Date()).year, documentID: id,
                                                                  title: "令", by: try #require(try await User.query(on: app.db).filter(\.$username == "zhaom").first()?.id),
                                                                  on: app.db)
                // then
                #expect(assigned.number == expected)
            }
            #expect(try await clerk.get("/api/v1/issuer-codes").body.string.contains(#""style":"order""#))
            // The 用印 step of a 令 is done without a seal.
            var content = try #require(try await OutgoingDocument.find(first, on: app.db)).document()
            content.number = "第1号"
            content.date = DocumentDate(Date())
            #expect(DocumentRules.problems(in: content, stage: .dispatch) == [])
            let print = try await drafter.get("/api/v1/outgoing/\(first)/print").body.string
            #expect(print.contains(">江北市人民政府令<"))
            #expect(print.contains(">王建国<") && print.contains(">市长<"))
            #expect(!print.contains("gw-seal"))
        }
    }

    @Test("单位管理员在机关代字页设命令式代字，版式列出“命令式”")
    func adminOffersOrderStyle() async throws {
        try await withApp { app in
            let people = try await OutgoingProcessTests.office(app)
            try await makeUser(on: app, unit: people.unit, username: "admin2", roles: [.sysAdmin])
            let admin = Browser(app)
            try await admin.login("admin2")
            let path = "/admin/units/\(try people.unit.requireID())/issuer-codes"
            #expect(try await admin.get(path).body.string.contains(#"value="order""#))
            #expect(try await admin.post(path, [("code", "江政令"), ("style", "order"), ("issuerMark", "江北市人民政府令")]).status == .seeOther)
            #expect(try await IssuerCode.query(on: app.db).filter(\.$code == "江政令").first()?.style == "order")
            #expect(try await admin.get(path).body.string.contains("命令式"))
        }
    }
}

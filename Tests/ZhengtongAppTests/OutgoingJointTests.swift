import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

/// 联合行文 in the app: the drafter names the co-issuers, the print view shows their names in the head and a
/// 署名 for each, and the co-issuers that are units of the platform countersign through their principal leaders.
@Suite("发文：联合行文")
struct OutgoingJointTests {
    @Test("文稿页填写联合发文机关：打印稿版头依次排列各机关名称，每个机关署名；本平台上的联合发文单位由主要领导会签，平台外的不影响流程")
    func jointDocument() async throws {
        try await withApp { app in
            // given: the office, and 江北市财政局 on the platform with its principal leader
            _ = try await OutgoingProcessTests.office(app)
            let finance = try await makeUnit(on: app, name: "江北市财政局")
            let treasurer = try await makeUser(on: app, unit: finance, username: "caizj", name: "蔡志坚")
            let principalPosition = try #require(try await Position.query(on: app.db).filter(\.$code == "principal").first()?.id)
            try await PeopleService.setMembership(.init(departmentIDs: [], primaryDepartmentID: nil, positionIDs: [principalPosition]), for: treasurer, on: app.db)
            let drafter = Browser(app)
            try await drafter.login("huangl")
            let form = try await drafter.get("/outgoing/new")
            let code = try #require(form.body.string.firstMatch(of: /option value="([0-9A-F-]{36})"/)?.1)
            let created = try await drafter.post("/outgoing", [("kind", "notice"), ("code", String(code))])
            let path = String(try #require(created.location).dropLast("/edit".count))
            // when: the drafting form names two co-issuers, one of them not on the platform
            var fields = OutgoingDraftingTests.fields(1, title: "关于做好防汛物资储备工作的通知", body: "正文。")
            fields.append(("coIssuers", "江北市财政局\n江北军分区"))
            #expect(try await drafter.post(path, fields).status == .seeOther)
            // then: kept, and the print view stacks the names with 文件 to their right and signs for each
            let edit = try await drafter.get(path + "/edit")
            #expect(edit.body.string.contains("江北市财政局\n江北军分区"))
            let print = try await drafter.get(path + "/print").body.string
            for name in ["江北市人民政府办公室", "江北市财政局", "江北军分区", "文件"] { #expect(print.contains(">\(name)<"), "\(name) not printed alone") }
            // when: submitted and approved at 核稿 with nothing chosen
            #expect(try await drafter.post(path + "/submit").location == path)
            let id = try #require(UUID(uuidString: String(path.split(separator: "/").last!)))
            let director = Browser(app)
            try await director.login("zhangw")
            #expect(try await OutgoingProcessTests.complete(director, app: app, document: id, node: "Review").status == .seeOther)
            // then: 江北市财政局's principal countersigns (after 办公室审核 names the signer)
            let principal = try #require(try await User.query(on: app.db).filter(\.$username == "wangjg").first())
            let reviewer = Browser(app)
            try await reviewer.login("sunl")
            #expect(try await OutgoingProcessTests.complete(reviewer, app: app, document: id, node: "OfficeReview",
                                                            fields: [("nextAssignee", principal.id!.uuidString)]).status == .seeOther)
            let instance = try #require(try await OutgoingDocument.find(id, on: app.db)?.instanceID)
            let open = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").all()
            #expect(open.map(\.node) == ["Countersign"])
            #expect(open.first?.assigneeID == (try treasurer.requireID()))
        }
    }

    @Test("联合发文机关超过 8 个：提示错误，输入保留；API 读写 coIssuers")
    func limitsAndAPI() async throws {
        try await withApp { app in
            _ = try await OutgoingProcessTests.office(app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let id = try await drafter.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"江政办发"}"#).content.get(UUID.self, at: "id")
            let patch = #"{"version":1,"document":{"kind":"notice","title":"关于乙的通知","mainRecipients":["各局"],"body":"正文。","coIssuers":["江北市财政局","江北市应急管理局"]}}"#
            let saved = try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch)
            #expect(saved.status == .ok)
            #expect(try saved.content.get([String].self, at: "document", "coIssuers") == ["江北市财政局", "江北市应急管理局"])
            let many = (1...9).map { "\"第\($0)局\"" }.joined(separator: ",")
            let refused = try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)",
                                                 body: #"{"version":2,"document":{"kind":"notice","title":"关于乙的通知","body":"正文。","coIssuers":["# + many + "]}}")
            #expect(refused.status == .unprocessableEntity)
            #expect(try await drafter.get("/api/v1/outgoing/\(id)").content.get([String].self, at: "document", "coIssuers").count == 2)
        }
    }
}

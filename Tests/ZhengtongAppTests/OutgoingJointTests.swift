import Fluent
import Foundation
import Gongwen
import NIOFoundationCompat
import OFDCheck
import Testing
import Vapor
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

/// 联合行文 in the app: the drafter names the co-issuers, the print view shows their names in the head and a
/// 署名 for each, and the co-issuers that are units of the platform countersign through their principal leaders.
@Suite("发文：联合行文")
struct OutgoingJointTests {
    /// 江北市财政局 with 蔡志坚 (`caizj`), its principal leader.
    static func finance(_ app: Application) async throws -> (ZhengtongApp.Unit, User) {
        let finance = try await makeUnit(on: app, name: "江北市财政局")
        let treasurer = try await makeUser(on: app, unit: finance, username: "caizj", name: "蔡志坚")
        let principalPosition = try #require(try await Position.query(on: app.db).filter(\.$code == "principal").first()?.id)
        try await PeopleService.setMembership(.init(departmentIDs: [], primaryDepartmentID: nil, positionIDs: [principalPosition]), for: treasurer, on: app.db)
        return (finance, treasurer)
    }

    @Test("文稿页填写联合发文机关：打印稿版头依次排列各机关名称，每个机关署名；本平台上的联合发文单位由主要领导会签，平台外的不影响流程")
    func jointDocument() async throws {
        try await withApp { app in
            // given: the office, and 江北市财政局 on the platform with its principal leader
            _ = try await OutgoingProcessTests.office(app)
            let (_, treasurer) = try await Self.finance(app)
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
            // A value the format does not know (here the 文种) is a 422 naming the field, not a server error.
            let unknown = try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)", body: #"{"version":2,"document":{"kind":"","title":"关于乙的通知","body":"正文。"}}"#)
            #expect(unknown.status == .unprocessableEntity)
            #expect(try unknown.content.get(String.self, at: "error", "code") == "validation_failed")
            #expect(try unknown.content.get(String.self, at: "error", "fields", "kind").contains("kind"))
        }
    }

    @Test("主办机关用印后，联合发文单位的印章管理员收到消息、能看到文稿并加盖本单位印章；全部用印后才能封发；打印稿和 OFD 上两枚印章")
    func coIssuerSeals() async throws {
        try await withApp { app in
            // given: a joint notice through 签发, 编号, 校对 and the office's 用印
            _ = try await OutgoingProcessTests.office(app)
            let (finance, _) = try await Self.finance(app)
            _ = try await makeUser(on: app, unit: finance, username: "caiyz", name: "蔡印章", roles: [.sealKeeper])
            let outsider = try await makeUnit(on: app, name: "江北市水利局")
            _ = try await makeUser(on: app, unit: outsider, username: "shuiyz", name: "水印章", roles: [.sealKeeper])
            let drafter = try await APIClient.signIn(app, "huangl")
            let id = try await drafter.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"江政办发"}"#).content.get(UUID.self, at: "id")
            let patch = #"{"version":1,"document":{"kind":"notice","title":"关于做好防汛物资储备工作的通知","mainRecipients":["各县（区）人民政府"],"body":"正文。","signatureName":"江北市人民政府办公室","printedBy":"江北市人民政府办公室","coIssuers":["江北市财政局"]}}"#
            #expect(try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch).status == .ok)
            #expect(try await drafter.request(.POST, "/api/v1/outgoing/\(id)/submit").status == .ok)
            func browser(_ username: String) async throws -> Browser {
                let browser = Browser(app)
                try await browser.login(username)
                return browser
            }
            let principal = try #require(try await User.query(on: app.db).filter(\.$username == "wangjg").first())
            #expect(try await OutgoingProcessTests.complete(try await browser("zhangw"), app: app, document: id, node: "Review").status == .seeOther)
            let office = try await browser("sunl")
            #expect(try await OutgoingProcessTests.complete(office, app: app, document: id, node: "OfficeReview",
                                                            fields: [("nextAssignee", principal.id!.uuidString)]).status == .seeOther)
            #expect(try await OutgoingProcessTests.complete(try await browser("caizj"), app: app, document: id, node: "Countersign").status == .seeOther)
            #expect(try await OutgoingProcessTests.complete(try await browser("wangjg"), app: app, document: id, node: "Sign").status == .seeOther)
            let clerk = try await browser("zhaom")
            let code = try #require(try await IssuerCode.query(on: app.db).first())
            _ = try await clerk.post("/outgoing/\(id)/number", [("code", code.id!.uuidString)])
            #expect(try await OutgoingProcessTests.complete(clerk, app: app, document: id, node: "Register").status == .seeOther)
            #expect(try await OutgoingProcessTests.complete(try await browser("huangl"), app: app, document: id, node: "Proofread").status == .seeOther)
            let financeKeeper = try await browser("caiyz")
            // Before the office seals, the co-issuer's seal keeper does not see the document.
            #expect(try await financeKeeper.get("/outgoing/\(id)").status == .notFound)
            #expect(try await office.post("/outgoing/\(id)/seal").status == .seeOther)
            #expect(try await OutgoingProcessTests.complete(office, app: app, document: id, node: "Seal").status == .seeOther)

            // then: 封发 waits for 江北市财政局's seal
            let early = try await OutgoingProcessTests.complete(clerk, app: app, document: id, node: "Dispatch")
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("联合发文单位尚未用印：江北市财政局"))
            // 江北市财政局's seal keeper is told, sees the document with its button; another unit's does not
            let keeperID = try #require(try await User.query(on: app.db).filter(\.$username == "caiyz").first()?.id)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == keeperID).filter(\.$kind == "coSeal").count() == 1)
            let page = try await financeKeeper.get("/outgoing/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("/outgoing/\(id)/co-seal"))
            #expect(page.body.string.contains("待用印"))
            #expect(try await (try await browser("shuiyz")).get("/outgoing/\(id)").status == .notFound)
            #expect(try await office.post("/outgoing/\(id)/co-seal").status == .seeOther) // refused: back to the page with a message
            let keeperAPI = try await APIClient.signIn(app, "caiyz")
            // The API tells the same: 江北市财政局's seal is due.
            struct CoIssuer: Decodable, Equatable { var name: String; var seal: String }
            #expect(try await keeperAPI.get("/api/v1/outgoing/\(id)").content.get([CoIssuer].self, at: "coIssuers")
                    == [CoIssuer(name: "江北市财政局", seal: "unsealed")])
            let sealed = try await keeperAPI.request(.POST, "/api/v1/outgoing/\(id)/co-seal")
            #expect(sealed.status == .ok)
            #expect(try sealed.content.get([CoIssuer].self, at: "coIssuers") == [CoIssuer(name: "江北市财政局", seal: "sealed")])
            #expect(try await keeperAPI.request(.POST, "/api/v1/outgoing/\(id)/co-seal").status == .conflict)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "outgoing.co_seal").count() == 1)
            // Both seals on the print view and in the OFD, each signed with its unit's key.
            let print = try await drafter.get("/api/v1/outgoing/\(id)/print")
            #expect(print.body.string.components(separatedBy: "class=\"gw-seal\"").count - 1 == 2)
            let ofd = try await drafter.get("/api/v1/outgoing/\(id)/ofd")
            #expect(OFDStructureCheck.problems(in: Data(buffer: ofd.body)).map(\.description) == [])
            let signatures = try OFDPackage(Data(buffer: ofd.body)).xml("Doc_0/Signs/Signatures.xml").all("Signature")
            #expect(signatures.count == 2)
            // and 封发 goes through
            #expect(try await clerk.post("/outgoing/\(id)/distribution", [("paperOnly", "on")]).status == .seeOther)
            #expect(try await OutgoingProcessTests.complete(clerk, app: app, document: id, node: "Dispatch").status == .seeOther)
            #expect(try await OutgoingDocument.find(id, on: app.db)?.status == "dispatched")
        }
    }
}

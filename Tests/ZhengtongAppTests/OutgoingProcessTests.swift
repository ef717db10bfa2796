import Fluent
import Foundation
import Gongwen
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

@Suite("发文流程：送审、核稿、办公室审核、签发、编号登记、校对、用印、封发")
struct OutgoingProcessTests {
    struct People {
        var unit: ZhengtongApp.Unit
        var department: Department
    }

    /// 市政府办公室 with 秘书一科 (黄磊 drafts, 张伟 heads it), 文电科 (孙丽 heads it, reviews and keeps the
    /// seal; 赵敏 is the clerk) and 王建国 (主要领导); the bundled 发文 process deployed.
    static func office(_ app: Application) async throws -> People {
        let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
        let secretariat = try await makeDepartment(on: app, unit: unit, name: "秘书一科")
        let documents = try await makeDepartment(on: app, unit: unit, name: "文电科")
        try await IssuerCode(unitID: try unit.requireID(), code: "江政办发", style: "file", issuerMark: "江北市人民政府办公室文件").create(on: app.db)
        func position(_ code: String) async throws -> UUID { try #require(try await Position.query(on: app.db).filter(\.$code == code).first()?.id) }
        func person(_ username: String, _ name: String, _ department: Department, _ code: String, roles: [BuiltinRole] = []) async throws {
            let user = try await makeUser(on: app, unit: unit, username: username, name: name, roles: roles, departments: [department])
            try await PeopleService.setMembership(.init(departmentIDs: [try department.requireID()], primaryDepartmentID: department.id,
                                                        positionIDs: [try await position(code)]), for: user, on: app.db)
        }
        try await person("huangl", "黄磊", secretariat, "staff")
        try await person("zhangw", "张伟", secretariat, "director")
        try await person("sunl", "孙丽", documents, "director", roles: [.officeReviewer, .sealKeeper])
        try await person("zhaom", "赵敏", documents, "staff", roles: [.clerk])
        try await person("wangjg", "王建国", secretariat, "principal")
        let bpmn = try Data(contentsOf: URL(fileURLWithPath: BundledResources.processesDirectory).appendingPathComponent("outgoing.bpmn"))
        let upload = try await BPMNUpload.read(bpmn, on: app.threadPool)
        _ = try await app.write { db in try await WorkflowDefinitions.deploy(upload, hooks: WorkflowHooks(), by: .system("test"), on: db) }
        return People(unit: unit, department: documents)
    }

    /// Completes the signed-in person's open task of the document through the task page.
    static func complete(_ browser: Browser, app: Application, document: UUID, node: String, fields: [(String, String)] = []) async throws -> TestingHTTPResponse {
        let instance = try #require(try await OutgoingDocument.find(document, on: app.db)?.instanceID)
        let task = try #require(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == node)
            .filter(\.$state == "open").first(), "no open task at \(node)")
        let page = try await browser.get("/tasks/\(try task.requireID())")
        #expect(page.status == .ok)
        return try await browser.post("/tasks/\(try task.requireID())/complete", [("outcome", "approve")] + fields)
    }

    @Test("一份通知从拟稿到封发：每一步由对应的人完成，文号、成文日期、印章、印发日期依次写入，印章验证有效，改动后显示被改")
    func wholeProcess() async throws {
        try await withApp { app in
            let people = try await Self.office(app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let created = try await drafter.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"江政办发"}"#)
            let id = try created.content.get(UUID.self, at: "id")
            // Submitting an incomplete draft lists what is missing.
            let incomplete = try await drafter.request(.POST, "/api/v1/outgoing/\(id)/submit")
            #expect(incomplete.status == .unprocessableEntity)
            #expect(try incomplete.content.get(String.self, at: "error", "message").contains("请填写标题"))
            let patch = #"{"version":1,"document":{"kind":"notice","title":"江北市人民政府办公室关于做好冬季安全生产工作的通知","mainRecipients":["各县（区）人民政府","市政府各部门"],"body":"为切实做好冬季安全生产工作，现就有关事项通知如下。\n\n一、压实责任\n\n各地各部门要落实属地管理责任。","signatureName":"江北市人民政府办公室","printedBy":"江北市人民政府办公室"}}"#
            #expect(try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch).status == .ok)
            let submitted = try await drafter.request(.POST, "/api/v1/outgoing/\(id)/submit")
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            #expect(try submitted.content.get(String.self, at: "status") == "approving")

            let director = Browser(app)
            try await director.login("zhangw")
            // 核稿 may edit the text: the change is a version attributed to 核稿.
            let document = try #require(try await OutgoingDocument.find(id, on: app.db))
            let editPage = try await director.get("/outgoing/\(id)/edit")
            #expect(editPage.status == .ok)
            #expect(editPage.body.string.contains("核稿"))
            var fields = OutgoingDraftingTests.fields(document.version, title: "江北市人民政府办公室关于做好冬季安全生产工作的通知",
                                                      body: "为切实做好冬季安全生产工作，现就有关事项通知如下。\n\n一、压实责任\n\n各地各部门要严格落实属地管理责任。")
            fields.removeAll { $0.0 == "mainRecipients" }
            fields.append(("mainRecipients", "各县（区）人民政府、市政府各部门"))
            #expect(try await director.post("/outgoing/\(id)", fields).status == .seeOther)
            #expect(try await OutgoingVersion.query(on: app.db).filter(\.$document.$id == id).sort(\.$version, .descending).first()?.step == "核稿")
            // The 花脸稿 starts from the draft as submitted: only 张伟's edit is marked.
            let marked = try await director.get("/outgoing/\(id)/versions?mode=all").body.string
            #expect(marked.contains("张伟（核稿）"))
            #expect(!marked.contains(#"<ins title="黄磊（拟稿）""#))
            // 核稿 leads to 办公室审核 (a role): no next person to choose here; 办公室审核 leads to 签发 (chosen).
            let reviewTask = try #require(try await WorkflowTaskRecord.query(on: app.db).filter(\.$node == "Review").first())
            let reviewPage = try await director.get("/tasks/\(try reviewTask.requireID())")
            #expect(!reviewPage.body.string.contains(#"name="nextAssignee""#))
            #expect(reviewPage.body.string.contains("countersignDepartments"))
            #expect(reviewPage.body.string.contains(">文电科</option>"))
            #expect(!reviewPage.body.string.contains(">秘书一科</option>"))
            #expect(try await Self.complete(director, app: app, document: id, node: "Review").status == .seeOther)
            let drafterPage = Browser(app)
            try await drafterPage.login("huangl")
            #expect(try await drafterPage.get("/outgoing").body.string.contains("审批中 · 办公室审核"))
            let officeTask = try #require(try await WorkflowTaskRecord.query(on: app.db).filter(\.$node == "OfficeReview").first())
            let sunl = Browser(app)
            try await sunl.login("sunl")
            #expect(try await sunl.get("/tasks/\(try officeTask.requireID())").body.string.contains(#"name="nextAssignee""#))

            let reviewer = Browser(app)
            try await reviewer.login("sunl")
            let principal = try #require(try await User.query(on: app.db).filter(\.$username == "wangjg").first())
            #expect(try await Self.complete(reviewer, app: app, document: id, node: "OfficeReview",
                                            fields: [("nextAssignee", principal.id!.uuidString)]).status == .seeOther)

            let leader = Browser(app)
            try await leader.login("wangjg")
            let signTask = try #require(try await WorkflowTaskRecord.query(on: app.db).filter(\.$node == "Sign").filter(\.$state == "open").first())
            #expect(try await leader.get("/tasks/\(try signTask.requireID())").body.string.contains(#"value="circled""#))
            // 圈阅 counts as consent.
            let circled = try await leader.post("/tasks/\(try signTask.requireID())/complete", [("outcome", "circled"), ("opinion", "同意。")])
            #expect(circled.status == .seeOther)
            let signed = try #require(try await OutgoingDocument.find(id, on: app.db)).document()
            #expect(signed.date == DocumentDate(Date()))

            let clerk = Browser(app)
            try await clerk.login("zhaom")
            let refused = try await Self.complete(clerk, app: app, document: id, node: "Register")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("须先取得发文字号"))
            let code = try #require(try await IssuerCode.query(on: app.db).first())
            let instance = try #require(try await OutgoingDocument.find(id, on: app.db)?.instanceID)
            let registerTask = try #require(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == "Register").first())
            let taskPage = try await clerk.get("/tasks/\(try registerTask.requireID())")
            #expect(taskPage.body.string.contains("/outgoing/\(id)/number"))
            #expect(try await clerk.post("/outgoing/\(id)/number", [("code", code.id!.uuidString), ("returnTo", "/tasks/\(try registerTask.requireID())")]).location
                    == "/tasks/\(try registerTask.requireID())")
            let year = DocumentDate(Date()).year
            #expect(try await OutgoingDocument.find(id, on: app.db)?.number == "江政办发〔\(year)〕1号")
            // Only the step's holder numbers: a second attempt by someone else is refused.
            #expect(try await director.post("/outgoing/\(id)/number", [("code", code.id!.uuidString)]).status == .seeOther)
            #expect(try await NumberRegistration.query(on: app.db).count() == 1)
            #expect(try await Self.complete(clerk, app: app, document: id, node: "Register").status == .seeOther)

            let proofreader = Browser(app)
            try await proofreader.login("huangl")
            #expect(try await Self.complete(proofreader, app: app, document: id, node: "Proofread").status == .seeOther)

            let keeper = Browser(app)
            try await keeper.login("sunl")
            #expect(try await Self.complete(keeper, app: app, document: id, node: "Seal").status == .unprocessableEntity)
            #expect(try await keeper.post("/outgoing/\(id)/seal").status == .seeOther)
            #expect(try await Self.complete(keeper, app: app, document: id, node: "Seal").status == .seeOther)

            // 封发 waits for the 分发范围: refused without it, then paper only.
            let undistributed = try await Self.complete(clerk, app: app, document: id, node: "Dispatch")
            #expect(undistributed.status == .unprocessableEntity)
            #expect(undistributed.body.string.contains("封发前须选定分发范围"))
            #expect(try await clerk.post("/outgoing/\(id)/distribution", [("paperOnly", "on")]).status == .seeOther)
            #expect(try await Self.complete(clerk, app: app, document: id, node: "Dispatch").status == .seeOther)
            let final = try #require(try await OutgoingDocument.find(id, on: app.db))
            #expect(final.status == "dispatched")
            let content = try final.document()
            #expect(content.sealed)
            #expect(content.printedDate == DocumentDate(Date()))
            #expect(DocumentRules.problems(in: content, stage: .dispatch).isEmpty)
            let check = try await drafter.get("/api/v1/outgoing/\(id)/seal")
            #expect(try check.content.get(String.self, at: "result") == "valid")
            #expect(try check.content.get(Bool.self, at: "matchesUnitKey"))
            #expect(try await keeper.get("/outgoing/\(id)/seal").body.string.contains("<svg"))
            // The 发文稿纸 shows each step's opinion with name and time.
            let form = try await proofreader.get("/outgoing/\(id)/form")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("江北市人民政府办公室发文稿纸"))
            #expect(form.body.string.contains("同意。"))
            #expect(form.body.string.contains("圈阅"))
            #expect(form.body.string.contains("王建国"))
            // The print view and the OFD carry the number and the seal.
            let print = try await drafter.get("/api/v1/outgoing/\(id)/print")
            #expect(print.headers.contentType == .html)
            #expect(print.body.string.contains("江政办发〔\(year)〕1号"))
            #expect(print.body.string.contains("/css/print.css"))
            #expect(try await clerk.get("/outgoing/\(id)/print").body.string.contains("<svg"))
            #expect(try await app.testing().sendRequest(.GET, "/css/print.css").body.string.contains("@page"))
            let ofd = try await clerk.get("/outgoing/\(id)/ofd")
            #expect(ofd.headers.contentType?.subType == "ofd")
            let ofdBytes = Data(buffer: ofd.body)
            #expect(ofdBytes.starts(with: [0x50, 0x4B]))
            let apiOFD = try await drafter.get("/api/v1/outgoing/\(id)/ofd")
            #expect(apiOFD.status == .ok)
            // Someone changes the stored text behind the system's back: the seal says so.
            var altered = content
            altered.body += "\n\n（擅自增加的内容）"
            final.content = try OutgoingContent.encode(altered)
            try await final.update(on: app.db)
            #expect(try await drafter.get("/api/v1/outgoing/\(id)/seal").content.get(String.self, at: "result") == "documentAltered")
            _ = people
        }
    }

    @Test("签发后改了正文：退回签发人重新签发；只改附注等不退回")
    func editAfterSigning() async throws {
        try await withApp { app in
            _ = try await Self.office(app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let id = try await drafter.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"江政办发"}"#).content.get(UUID.self, at: "id")
            let patch = #"{"version":1,"document":{"kind":"notice","title":"关于甲的通知","mainRecipients":["各局"],"body":"原来的正文。"}}"#
            #expect(try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch).status == .ok)
            #expect(try await drafter.request(.POST, "/api/v1/outgoing/\(id)/submit").status == .ok)
            let principal = try #require(try await User.query(on: app.db).filter(\.$username == "wangjg").first())
            for (username, node, fields) in [("zhangw", "Review", [(String, String)]()), ("sunl", "OfficeReview", [("nextAssignee", principal.id!.uuidString)]),
                                             ("wangjg", "Sign", [])] {
                let browser = Browser(app)
                try await browser.login(username)
                #expect(try await Self.complete(browser, app: app, document: id, node: node, fields: fields).status == .seeOther)
            }
            let clerk = try await APIClient.signIn(app, "zhaom")
            let current = try await clerk.get("/api/v1/outgoing/\(id)")
            let version = try current.content.get(Int.self, at: "version")
            // A note is not what the leader signed: no return.
            let noteOnly = #"{"version":\#(version),"document":{"kind":"notice","title":"关于甲的通知","mainRecipients":["各局"],"body":"原来的正文。","note":"此件公开发布"}}"#
            #expect(try await clerk.send(.PATCH, "/api/v1/outgoing/\(id)", body: noteOnly).status == .ok)
            let instance = try #require(try await OutgoingDocument.find(id, on: app.db)?.instanceID)
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == "Register").first()?.state == "open")
            let bodyChange = #"{"version":\#(version + 1),"document":{"kind":"notice","title":"关于甲的通知","mainRecipients":["各局"],"body":"改过的正文。","note":"此件公开发布"}}"#
            #expect(try await clerk.send(.PATCH, "/api/v1/outgoing/\(id)", body: bodyChange).status == .ok)
            let open = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").all()
            #expect(open.map(\.node) == ["Sign"])
            #expect(open.first?.assigneeID == principal.id)
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == "Register").first()?.state == "returned")
        }
    }

    @Test("会签：核稿时选定部门和会签单位，由部门负责人和该单位主要领导会签后才到签发；会签人不能改文稿")
    func countersign() async throws {
        try await withApp { app in
            let people = try await Self.office(app)
            let finance = try await makeUnit(on: app, name: "江北市财政局")
            let treasurer = try await makeUser(on: app, unit: finance, username: "caizj", name: "蔡志坚")
            let principalPosition = try #require(try await Position.query(on: app.db).filter(\.$code == "principal").first()?.id)
            try await PeopleService.setMembership(.init(departmentIDs: [], primaryDepartmentID: nil, positionIDs: [principalPosition]), for: treasurer, on: app.db)
            let drafter = try await APIClient.signIn(app, "huangl")
            let id = try await drafter.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"江政办发"}"#).content.get(UUID.self, at: "id")
            let patch = #"{"version":1,"document":{"kind":"notice","title":"关于乙的通知","mainRecipients":["各局"],"body":"正文。"}}"#
            #expect(try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch).status == .ok)
            #expect(try await drafter.request(.POST, "/api/v1/outgoing/\(id)/submit").status == .ok)
            let director = Browser(app)
            try await director.login("zhangw")
            #expect(try await Self.complete(director, app: app, document: id, node: "Review",
                                            fields: [("countersignDepartments[]", people.department.id!.uuidString),
                                                     ("countersignUnits[]", finance.id!.uuidString)]).status == .seeOther)
            let principal = try #require(try await User.query(on: app.db).filter(\.$username == "wangjg").first())
            let reviewer = Browser(app)
            try await reviewer.login("sunl")
            #expect(try await Self.complete(reviewer, app: app, document: id, node: "OfficeReview",
                                            fields: [("nextAssignee", principal.id!.uuidString)]).status == .seeOther)
            let instance = try #require(try await OutgoingDocument.find(id, on: app.db)?.instanceID)
            let open = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").all()
            #expect(open.map(\.node) == ["Countersign", "Countersign"])
            let sunl = try #require(try await User.query(on: app.db).filter(\.$username == "sunl").first())
            #expect(Set(open.compactMap(\.assigneeID)) == [try sunl.requireID(), try treasurer.requireID()])
            #expect(try await Self.complete(reviewer, app: app, document: id, node: "Countersign", fields: [("opinion", "文电科无意见。")]).status == .seeOther)
            let financeBrowser = Browser(app)
            try await financeBrowser.login("caizj")
            // A countersigner from another unit sees the document but does not edit it.
            #expect(try await financeBrowser.get("/outgoing/\(id)").status == .ok)
            #expect(try await financeBrowser.get("/outgoing/\(id)/edit").status == .forbidden)
            #expect(try await Self.complete(financeBrowser, app: app, document: id, node: "Countersign", fields: [("opinion", "同意。")]).status == .seeOther)
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").first()?.node == "Sign")
        }
    }

    @Test("页面送审：有问题时回到文稿页并说明，不启动流程；改好后送审成功")
    func submitFromPage() async throws {
        try await withApp { app in
            _ = try await Self.office(app)
            let (browser, path) = try await { () async throws -> (Browser, String) in
                let browser = Browser(app)
                try await browser.login("huangl")
                let form = try await browser.get("/outgoing/new")
                let code = try #require(form.body.string.firstMatch(of: /option value="([0-9A-F-]{36})"/)?.1)
                let created = try await browser.post("/outgoing", [("kind", "notice"), ("code", String(code))])
                return (browser, String(try #require(created.location).dropLast("/edit".count)))
            }()
            let refused = try await browser.post(path + "/submit")
            #expect(refused.location == path)
            #expect(try await browser.get(path).body.string.contains("文稿还有问题"))
            #expect(try await WorkflowInstanceRecord.query(on: app.db).count() == 0)
            #expect(try await browser.post(path, OutgoingDraftingTests.fields(1, title: "关于丙的通知", body: "正文。")).status == .seeOther)
            #expect(try await browser.post(path + "/submit").location == path)
            #expect(try await browser.get(path).body.string.contains("审批中"))
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$node == "Review").filter(\.$state == "open").count() == 1)
        }
    }
}

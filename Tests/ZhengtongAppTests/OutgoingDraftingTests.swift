import Fluent
import Foundation
import Gongwen
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("拟稿：新建、保存为版本、并发修改、自动保存、附件、检查意见")
struct OutgoingDraftingTests {
    /// A unit with a 代字 and a drafter signed in; returns the new draft's path.
    static func draft(_ app: Application) async throws -> (Browser, String, ZhengtongApp.Unit) {
        let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
        try await IssuerCode(unitID: try unit.requireID(), code: "江政办发", style: "file", issuerMark: "江北市人民政府办公室文件").create(on: app.db)
        try await makeUser(on: app, unit: unit, username: "huangl", name: "黄磊")
        let browser = Browser(app)
        try await browser.login("huangl")
        let form = try await browser.get("/outgoing/new")
        let code = try #require(form.body.string.firstMatch(of: /option value="([0-9A-F-]{36})"/)?.1)
        let created = try await browser.post("/outgoing", [("kind", "notice"), ("code", String(code))])
        #expect(created.status == .seeOther)
        let edit = try #require(created.location)
        #expect(edit.hasSuffix("/edit"))
        return (browser, String(edit.dropLast("/edit".count)), unit)
    }

    static func fields(_ version: Int, title: String, body: String) -> [(String, String)] {
        [("version", String(version)), ("kind", "notice"), ("title", title), ("mainRecipients", "各县（区）人民政府、市政府各部门"),
         ("body", body), ("signatureName", "江北市人民政府办公室"), ("printedBy", "江北市人民政府办公室")]
    }

    @Test("新建通知后编辑保存：每次保存一个版本，署名来自单位；没改内容不增加版本")
    func saveVersions() async throws {
        try await withApp { app in
            let (browser, path, _) = try await Self.draft(app)
            let editPage = try await browser.get(path + "/edit")
            #expect(editPage.body.string.contains("江北市人民政府办公室"))
            #expect(editPage.body.string.contains(#"data-autosave="\#(path)/autosave""#))
            let saved = try await browser.post(path, Self.fields(1, title: "关于做好安全生产工作的通知", body: "一、提高认识\n\n各地要高度重视。"))
            #expect(saved.location == path)
            let again = try await browser.post(path, Self.fields(2, title: "关于做好安全生产工作的通知", body: "一、提高认识\n\n各地要高度重视。"))
            #expect(again.status == .seeOther)
            let document = try #require(try await OutgoingDocument.query(on: app.db).first())
            #expect(document.version == 2)
            #expect(try await OutgoingVersion.query(on: app.db).count() == 2)
            let show = try await browser.get(path)
            #expect(show.body.string.contains(#"<p class="level-1">一、提高认识</p>"#))
            #expect(show.body.string.contains("拟稿"))
            #expect(try await browser.get("/outgoing").body.string.contains("关于做好安全生产工作的通知"))
        }
    }

    @Test("两人基于同一版本保存：后保存的得到 409，输入的内容留在页面上")
    func staleSave() async throws {
        try await withApp { app in
            let (browser, path, _) = try await Self.draft(app)
            #expect(try await browser.post(path, Self.fields(1, title: "关于甲的通知", body: "甲")).status == .seeOther)
            let stale = try await browser.post(path, Self.fields(1, title: "关于乙的通知", body: "我在另一个窗口写的正文"))
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("我在另一个窗口写的正文"))
            #expect(try await OutgoingDocument.query(on: app.db).first()?.title == "关于甲的通知")
        }
    }

    @Test("纪要：出席、请假、列席名单在表单里逐行填写，保存后打印稿列出；通知填了名单列为检查意见；名单有误时输入留在页面上")
    func minutesLists() async throws {
        try await withApp { app in
            let (browser, path, _) = try await Self.draft(app)
            let blank = try await browser.get(path + "/edit").body.string
            #expect(blank.contains(#"name="attendees""#) && blank.contains(#"name="onLeave""#) && blank.contains(#"name="observers""#))
            #expect(!blank.contains(#"<details class="field" open>"#), "a notice's form keeps the lists folded")
            // when the drafter makes it a 纪要 and types the lists, one entry a line
            let saved = try await browser.post(path, [("version", "1"), ("kind", "minutes"), ("title", ""), ("body", "会议研究了春节期间安全生产工作。"),
                                                      ("printedBy", "江北市人民政府办公室"), ("attendees", "市政府 王××\n市财政局 周××"),
                                                      ("onLeave", "市政府 钱××（出差）"), ("observers", "")])
            #expect(saved.status == .seeOther)
            // then they are kept, printed under the body, and shown again in the open form
            let document = try #require(try await OutgoingDocument.query(on: app.db).first()).document()
            #expect(document.attendees == ["市政府 王××", "市财政局 周××"] && document.onLeave == ["市政府 钱××（出差）"] && document.observers.isEmpty)
            let print = try await browser.get(path + "/print").body.string
            // (the space between unit and name is set as the layout sets spaces; the names and the 、 between them are as typed)
            #expect(print.contains(">出席：<") && print.contains("王××、市财政局") && print.contains(">请假：<") && print.contains("钱××（出差）"))
            #expect(!print.contains("列席："))
            let reopened = try await browser.get(path + "/edit").body.string
            #expect(reopened.contains(#"<details class="field" open>"#) && reopened.contains("市政府 王××\n市财政局 周××"))
            // an entry too long is refused with what was typed still on the page
            let long = String(repeating: "长", count: 101)
            let refused = try await browser.post(path, [("version", "2"), ("kind", "minutes"), ("title", ""), ("body", "会议研究了春节期间安全生产工作。"),
                                                        ("attendees", long + "\n市政府 王××")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(long))
            // a notice with lists is told they belong to 纪要
            let notice = try await browser.post(path, [("version", "2"), ("kind", "notice"), ("title", "关于甲的通知"), ("mainRecipients", "各县（区）人民政府"),
                                                       ("body", "甲"), ("attendees", "市政府 王××")])
            #expect(notice.status == .seeOther)
            #expect(try await browser.get(path + "/edit").body.string.contains("只有纪要标注出席、请假和列席人员。"))
        }
    }

    @Test("自动保存返回新版本号；失败时返回 JSON 错误")
    func autosave() async throws {
        try await withApp { app in
            let (browser, path, _) = try await Self.draft(app)
            let ok = try await browser.post(path + "/autosave", Self.fields(1, title: "关于甲的通知", body: "甲"))
            #expect(ok.status == .ok)
            #expect(try ok.content.get(Int.self, at: "version") == 2)
            #expect(try ok.content.get(Bool.self, at: "saved"))
            let stale = try await browser.post(path + "/autosave", Self.fields(1, title: "关于乙的通知", body: "乙"))
            #expect(stale.status == .conflict)
            #expect(try stale.content.get(String.self, at: "error", "code") == "conflict")
        }
    }

    @Test("检查意见：标题不以文种结尾、缺主送机关时列出；他人看不到文稿")
    func problemsAndScope() async throws {
        try await withApp { app in
            let (browser, path, unit) = try await Self.draft(app)
            #expect(try await browser.post(path, [("version", "1"), ("kind", "notice"), ("title", "关于安全生产"), ("body", "正文")]).status == .seeOther)
            let show = try await browser.get(path)
            #expect(show.body.string.contains("标题应以文种"))
            #expect(show.body.string.contains("请填写主送机关"))
            try await makeUser(on: app, unit: unit, username: "lina")
            let other = Browser(app)
            try await other.login("lina")
            #expect(try await other.get(path).status == .notFound)
            #expect(try await other.post(path, Self.fields(2, title: "关于X的通知", body: "x")).status == .notFound)
        }
    }

    @Test("附件：按文件内容检查类型，上传后附件说明随之更新（新版本），可下载、删除")
    func attachments() async throws {
        try await withApp { app in
            let (browser, path, _) = try await Self.draft(app)
            try await browser.get(path)
            let fake = try await browser.upload(path + "/attachments", field: "file", filename: "名单.pdf", content: "not a pdf")
            #expect(fake.status == .unprocessableEntity)
            let pdf = try await browser.upload(path + "/attachments", field: "file", filename: "安全检查名单.pdf", content: "%PDF-1.4\n%test\n")
            #expect(pdf.status == .seeOther)
            let document = try #require(try await OutgoingDocument.query(on: app.db).first())
            #expect(try document.document().attachments == ["安全检查名单"])
            #expect(document.version == 2)
            let attachment = try #require(try await OutgoingAttachment.query(on: app.db).first())
            let download = try await browser.get("\(path)/attachments/\(try attachment.requireID())")
            #expect(download.body.string.hasPrefix("%PDF"))
            #expect(download.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
            #expect(try await browser.post("\(path)/attachments/\(try attachment.requireID())/delete").status == .seeOther)
            #expect(try await OutgoingDocument.query(on: app.db).first()?.document().attachments == [])
        }
    }

    @Test("附件另页印出：文本附件排成正文格式，其他文件注明随文发送；打印稿和 OFD 相同")
    func attachmentPages() async throws {
        try await withApp { app in
            let (browser, path, _) = try await Self.draft(app)
            try await browser.get(path)
            #expect(try await browser.upload(path + "/attachments", field: "file", filename: "检查要点.txt", content: "一、检查范围\n\n全市生产经营单位。").status == .seeOther)
            #expect(try await browser.upload(path + "/attachments", field: "file", filename: "名单.pdf", content: "%PDF-1.4\n%test\n").status == .seeOther)
            let print = try await browser.get(path + "/print").body.string
            // Three pages of text and attachments; the 版记 on the fourth, the back of the second sheet.
            #expect(print.contains("第4页，共4页"))
            for text in ["附件1", "检查要点", "一、检查范围", "全市生产经营单位。", "附件2", "名单.pdf", "随公文一并发送"] {
                #expect(print.contains(text), "\(text)")
            }
            let ofd = try await browser.get(path + "/ofd")
            #expect(ofd.status == .ok)
            // The ZIP's directory names every page's content file.
            let package = Data(ofd.body.readableBytesView)
            #expect(package.range(of: Data("Doc_0/Pages/Page_3/Content.xml".utf8)) != nil)
            #expect(package.range(of: Data("Doc_0/Pages/Page_4/Content.xml".utf8)) == nil)
        }
    }
}

@Suite("发文 API：新建、读取、修改、版本")
struct OutgoingAPITests {
    @Test("用 API 新建通知、按版本修改（过时版本 409）、读取检查意见和全部版本；他人 404")
    func draftThroughAPI() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
            try await IssuerCode(unitID: try unit.requireID(), code: "江政办发", style: "file", issuerMark: "江北市人民政府办公室文件").create(on: app.db)
            try await makeUser(on: app, unit: unit, username: "huangl", name: "黄磊")
            try await makeUser(on: app, unit: unit, username: "lina")
            let client = try await APIClient.signIn(app, "huangl")
            #expect(try await client.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"不存在"}"#).status == .unprocessableEntity)
            let created = try await client.send(.POST, "/api/v1/outgoing", body: #"{"kind":"通知","issuerCode":"江政办发"}"#)
            #expect(created.status == .created)
            let id = try created.content.get(UUID.self, at: "id")
            #expect(try created.content.get(String.self, at: "document", "issuerMark") == "江北市人民政府办公室文件")
            let patch = #"{"version":1,"document":{"kind":"notice","title":"关于做好防汛工作的通知","mainRecipients":["各县（区）人民政府"],"body":"一、压实责任\n\n各地要落实。","number":"伪造〔2026〕1号"}}"#
            let saved = try await client.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch)
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.content.get(Int.self, at: "version") == 2)
            // The number is set by 编号登记, never by an edit.
            #expect((try? saved.content.get(String.self, at: "document", "number")) == nil)
            #expect(try await client.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch).status == .conflict)
            let versions = try await client.get("/api/v1/outgoing/\(id)/versions")
            #expect(try versions.content.get(String.self, at: "1", "document", "title") == "关于做好防汛工作的通知")
            #expect(try versions.content.get(String.self, at: "1", "step") == "拟稿")
            let other = try await APIClient.signIn(app, "lina")
            #expect(try await other.get("/api/v1/outgoing/\(id)").status == .notFound)
        }
    }
}

@Suite("痕迹对比：修改痕迹、左右对照、花脸稿、清稿")
struct OutgoingRevisionTests {
    @Test("两个版本的增删标出；花脸稿标明谁在哪一环节改的；清稿只有最后的文字")
    func revisionViews() async throws {
        try await withApp { app in
            let (browser, path, _) = try await OutgoingDraftingTests.draft(app)
            #expect(try await browser.post(path, OutgoingDraftingTests.fields(1, title: "关于报送材料的通知", body: "请各单位于5月10日前报送。")).status == .seeOther)
            #expect(try await browser.post(path, OutgoingDraftingTests.fields(2, title: "关于报送材料的通知", body: "请各县（区）于5月15日前报送。")).status == .seeOther)
            let inline = try await browser.get(path + "/versions?from=2&to=3")
            #expect(inline.status == .ok)
            #expect(inline.body.string.contains("<del>10</del>") || inline.body.string.contains("<del>单位"))
            #expect(inline.body.string.contains("<ins>15</ins>") || inline.body.string.contains("<ins>县（区）"))
            let side = try await browser.get(path + "/versions?from=2&to=3&mode=side")
            #expect(side.body.string.contains("side-by-side"))
            let all = try await browser.get(path + "/versions?mode=all")
            #expect(all.body.string.contains("黄磊（拟稿）"))
            let clean = try await browser.get(path + "/versions?mode=clean")
            #expect(clean.body.string.contains("<p>请各县（区）于5月15日前报送。</p>"))
            #expect(!clean.body.string.contains("<del>"))
        }
    }
}

@Suite("涉密：非涉密部署拒绝，涉密部署允许")
struct ClassifiedDeploymentTests {
    static let classifiedPatch = #"{"version":1,"document":{"kind":"notice","title":"关于甲的通知","mainRecipients":["各局"],"body":"正文。","classification":"secret","classificationPeriod":"1年","copyNumber":"000001"}}"#

    @Test("非涉密部署：标有密级的文稿列出问题、不能送审；ZHENGTONG_CLASSIFIED=1 时可以")
    func classified() async throws {
        for allowed in [false, true] {
            try await withApp(configure: { $0.allowsClassified = allowed }) { app in
                let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
                try await IssuerCode(unitID: try unit.requireID(), code: "江政办发", style: "file", issuerMark: "江北市人民政府办公室文件").create(on: app.db)
                try await makeUser(on: app, unit: unit, username: "huangl")
                let client = try await APIClient.signIn(app, "huangl")
                let id = try await client.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"江政办发"}"#).content.get(UUID.self, at: "id")
                let saved = try await client.send(.PATCH, "/api/v1/outgoing/\(id)", body: Self.classifiedPatch)
                let fields = try saved.content.get([[String: String]].self, at: "problems").compactMap { $0["field"] }
                #expect(fields.contains("classification") == !allowed)
            }
        }
        #expect(try AppConfig.fromEnvironment(["ZHENGTONG_CLASSIFIED": "1"]).allowsClassified)
        #expect(try AppConfig.fromEnvironment([:]).allowsClassified == false)
        #expect(throws: ConfigurationError.self) { try AppConfig.fromEnvironment(["ZHENGTONG_CLASSIFIED": "yes"]) }
    }
}

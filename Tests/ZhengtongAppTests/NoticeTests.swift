import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 通知公告 from the column to the reader: publishing within reach, the review, the boards, read receipts and 回执,
/// 催阅, editing after publishing, 撤回, files, search and who may see what — through pages and the API.
@Suite("通知公告：栏目、审核发布、阅读回执、催阅、修改与撤回、权限", .serialized)
struct NoticeTests {
    /// The demo city with a 通知公告 column of 清河县政府办 (published by its clerks, reviewed by its office).
    static func county(_ app: Application) async throws -> NoticeColumn {
        try await CityFixture.make(on: app)
        let office = try await CityFixture.unit("清河县人民政府办公室", on: app)
        let column = NoticeColumn()
        column.unitID = try office.requireID()
        column.name = "通知公告"
        column.isPublic = false
        column.publisherRole = BuiltinRole.clerk.rawValue
        column.processKey = NoticeProcesses.internalReview
        column.sortOrder = 1
        column.isDisabled = false
        column.updatedAt = Date()
        try await column.create(on: app.db)
        return column
    }

    /// 郭亚楠's notice to every 局 and 乡镇 of 清河县, with a 回执, through the API; sent for review.
    static func drafted(_ app: Application, column: NoticeColumn, important: Bool = true, extra: String = "") async throws -> (APIClient, UUID) {
        let guo = try await APIClient.signIn(app, "guoyn")
        let units = try await ["清河县财政局", "清河县教育局", "城关镇人民政府", "石桥镇人民政府"].asyncMap { try await CityFixture.unit($0, on: app).requireID() }
        let body: [String: Any] = [
            "column": try column.requireID().uuidString, "title": "关于报送冬季安全检查联系人的通知",
            "body": "请各单位报送联系人。\n# 一、报送时间\n- 本周五前\n**逾期不报的予以通报。**" + extra,
            "audience": ["units": units.map { ["unit": $0.uuidString, "withSubunits": false] }], "important": important,
            "replyFields": ["attendance", "count", "contact"],
        ]
        let created = try await guo.send(.POST, "/api/v1/notices", body: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
        #expect(created.status == .created, "\(created.body.string)")
        let id = try created.content.get(UUID.self, at: "id")
        return (guo, id)
    }

    static func submitAndApprove(_ app: Application, _ guo: APIClient, _ id: UUID) async throws {
        #expect(try await guo.request(.POST, "/api/v1/notices/\(id)/submit").status == .ok)
        let notice = try #require(try await Notice.find(id, on: app.db))
        let task = try await CityFixture.openTask("UnitReview", in: try #require(notice.instanceID), on: app)
        let hu = try await APIClient.signIn(app, "hux")
        let approved = try await hu.send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: #"{"outcome":"approve","opinion":"同意发布。"}"#)
        #expect(approved.status == .ok, "\(approved.body.string)")
    }

    @Test("县政府办收发员发布带回执的重要通知：办公室审核后发布，局和乡镇的人收到，短信排队，读后记入已读，回执、催阅、导出表格")
    func publishReadReply() async throws {
        try await withApp { app in
            let column = try await Self.county(app)
            let (guo, id) = try await Self.drafted(app, column: column)
            // The reviewer has it in 待办 with the notice on the task page.
            try await Self.submitAndApprove(app, guo, id)
            let notice = try #require(try await Notice.find(id, on: app.db))
            #expect(notice.statusValue == .published)
            let recipients = try await NoticeRecipient.query(on: app.db).filter(\.$noticeID == id).all()
            let gao = try await CityFixture.user("gaoy", on: app), qiu = try await CityFixture.user("qiuy", on: app)
            #expect(recipients.contains { $0.userID == gao.id } && !recipients.contains { $0.userID == qiu.id })
            let author = try await CityFixture.user("guoyn", on: app).requireID()
            #expect(!recipients.contains { $0.userID == author })
            // 重要: each recipient with a phone has an SMS waiting.
            #expect(try await OutboxMessage.query(on: app.db).count() >= recipients.count)

            // 高原 (县财政局) sees it first on his board, opens it: read.
            let gaoPage = try await CityFixture.signedIn("gaoy", app)
            let board = try await gaoPage.get("/notices").body.string
            #expect(board.contains("关于报送冬季安全检查联系人的通知") && board.contains("待回执"))
            let page = try await gaoPage.get("/notices/\(id)").body.string
            #expect(page.contains("<h3>一、报送时间</h3>") && page.contains("<strong>逾期不报的予以通报。</strong>"))
            #expect(try await NoticeRecipient.query(on: app.db).filter(\.$noticeID == id).filter(\.$userID == gao.requireID()).first()?.readAt != nil)

            // 回执: a missing field is refused with what was typed kept; then accepted.
            let incomplete = try await gaoPage.post("/notices/\(id)/reply", [("count", "3"), ("contact", "高原 13800000107")])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.string.contains("请选择参加或不参加") && incomplete.body.string.contains("高原 13800000107"))
            #expect(try await gaoPage.post("/notices/\(id)/reply", [("attending", "yes"), ("count", "3"), ("contact", "高原 13800000107")]).status == .seeOther)

            // The publisher: 已读/未读 per unit and person, 催阅 to the unread, the table as CSV.
            let receipts = try await guo.get("/api/v1/notices/\(id)/receipts")
            #expect(try receipts.content.get(Int.self, at: "read") == 1)
            let publisher = try await CityFixture.signedIn("guoyn", app)
            let table = try await publisher.get("/notices/\(id)/receipts").body.string
            #expect(table.contains("清河县财政局") && table.contains("高原") && table.contains("参加"))
            let reminded = try await guo.request(.POST, "/api/v1/notices/\(id)/remind")
            #expect(try reminded.content.get(Int.self, at: "reminded") == recipients.count - 1)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == NotificationKind.noticeReminder.rawValue).count() == recipients.count - 1)
            let csv = try await guo.get("/api/v1/notices/\(id)/receipts?format=csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.string.contains("高原") && csv.body.string.contains("13800000107"))
        }
    }

    @Test("发布范围之外的人看不到、搜不到、打不开（404）；发布范围不能超出本单位及下级")
    func outsidersSeeNothing() async throws {
        try await withApp { app in
            let column = try await Self.county(app)
            let (guo, id) = try await Self.drafted(app, column: column, extra: "\n防寒专项")
            try await Self.submitAndApprove(app, guo, id)
            try await SearchIndex.runPending(app: app)
            // 柳林区's clerk and 清河县's own 邱岩 of 东山? — no: people outside 清河县's 局 and 乡镇.
            for outsider in ["caij", "qiuy", "zhaom"] {
                let client = try await APIClient.signIn(app, outsider)
                #expect(try await client.get("/api/v1/notices/\(id)").status == .notFound, "\(outsider)")
                #expect(try await CityFixture.signedIn(outsider, app).get("/notices/\(id)").status == .notFound, "\(outsider)")
                let found = try await client.get("/api/v1/search?q=%E9%98%B2%E5%AF%92%E4%B8%93%E9%A1%B9")
                #expect(!found.body.string.contains(id.uuidString), "\(outsider) found it")
            }
            // A reader finds it.
            let gao = try await APIClient.signIn(app, "gaoy")
            #expect(try await gao.get("/api/v1/search?q=%E9%98%B2%E5%AF%92%E4%B8%93%E9%A1%B9").body.string.contains(id.uuidString))
            // Reach: 清河县政府办 publishes within 清河县, not to 柳林区.
            let ll = try await CityFixture.unit("柳林区人民政府", on: app)
            let outside = #"{"column":"\#(try column.requireID())","title":"越界","body":"正文","audience":{"units":[{"unit":"\#(try ll.requireID())","withSubunits":true}]}}"#
            let refused = try await guo.send(.POST, "/api/v1/notices", body: outside)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.errorCode == "audience_invalid")
            // Someone who may not publish in the column.
            let hu = try await APIClient.signIn(app, "hux")
            #expect(try await hu.send(.POST, "/api/v1/notices", body: outside.replacingOccurrences(of: "越界", with: "无权")).status == .unprocessableEntity)
        }
    }

    @Test("审核不同意须写理由，退回起草人修改后再送审；两位审核人同时认领只有一人成功")
    func reviewReturnsAndRaces() async throws {
        try await withApp { app in
            let column = try await Self.county(app)
            // A second 公文审核员 makes the review a claimable task.
            let office = try await CityFixture.unit("清河县人民政府办公室", on: app)
            try await makeUser(on: app, unit: office, username: "wangl", name: "王莉", roles: [.officeReviewer])
            let (guo, id) = try await Self.drafted(app, column: column, important: false)
            #expect(try await guo.request(.POST, "/api/v1/notices/\(id)/submit").status == .ok)
            let instance = try #require(try await Notice.find(id, on: app.db)?.instanceID)
            let task = try #require(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").first())
            let hu = try await APIClient.signIn(app, "hux"), wang = try await APIClient.signIn(app, "wangl")
            // The author sees the review (it is her notice) but is no candidate: she cannot claim it to approve herself.
            let own = try await guo.send(.POST, "/api/v1/tasks/\(try task.requireID())/claim", body: "{}")
            #expect(own.status == .forbidden && own.errorCode == "not_assignee")
            async let first = hu.send(.POST, "/api/v1/tasks/\(try task.requireID())/claim", body: "{}")
            async let second = wang.send(.POST, "/api/v1/tasks/\(try task.requireID())/claim", body: "{}")
            let statuses = [try await first.status, try await second.status].map(\.code).sorted()
            #expect(statuses == [200, 409])
            let holder = try #require(try await WorkflowTaskRecord.find(task.id, on: app.db)?.assigneeID)
            let reviewer = holder == (try await CityFixture.user("hux", on: app).id) ? hu : wang
            let silent = try await reviewer.send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: #"{"outcome":"reject"}"#)
            #expect(silent.status == .unprocessableEntity)
            #expect(try await reviewer.send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: #"{"outcome":"reject","opinion":"请补充报送方式。"}"#).status == .ok)
            let back = try #require(try await Notice.find(id, on: app.db))
            #expect(back.statusValue == .drafting && back.returnedReason == "请补充报送方式。")
            #expect(try await CityFixture.signedIn("guoyn", app).get("/notices/\(id)").body.string.contains("请补充报送方式。"))
            // The author changes it and sends it again.
            let finance = try await CityFixture.unit("清河县财政局", on: app).requireID()
            let patch = #"{"version":\#(back.version),"title":"关于报送冬季安全检查联系人的通知","body":"请各单位通过系统回执报送联系人。","audience":{"units":[{"unit":"\#(finance)","withSubunits":false}]}}"#
            #expect(try await guo.send(.PATCH, "/api/v1/notices/\(id)", body: patch).status == .ok)
            #expect(try await guo.request(.POST, "/api/v1/notices/\(id)/submit").status == .ok)
            #expect(try await Notice.find(id, on: app.db)?.statusValue == .reviewing)
        }
    }

    @Test("发布后修改保留旧版本、已读的人看到“已更新”并收到消息；撤回须写原因，撤回后接收人打不开")
    func editAndWithdraw() async throws {
        try await withApp { app in
            let column = try await Self.county(app)
            let (guo, id) = try await Self.drafted(app, column: column, important: false)
            try await Self.submitAndApprove(app, guo, id)
            let gao = try await CityFixture.signedIn("gaoy", app)
            _ = try await gao.get("/notices/\(id)")
            let version = try #require(try await Notice.find(id, on: app.db)).version
            let patch = #"{"version":\#(version),"title":"关于报送冬季安全检查联系人的通知（更正）","body":"请于下周一前报送。"}"#
            #expect(try await guo.send(.PATCH, "/api/v1/notices/\(id)", body: patch).status == .ok)
            #expect(try await NoticeVersion.query(on: app.db).filter(\.$noticeID == id).first()?.title == "关于报送冬季安全检查联系人的通知")
            #expect(try await gao.get("/notices").body.string.contains("已更新"))
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == NotificationKind.noticeChanged.rawValue).count() == 1)
            let noReason = try await guo.send(.POST, "/api/v1/notices/\(id)/withdraw", body: "{}")
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await guo.send(.POST, "/api/v1/notices/\(id)/withdraw", body: #"{"reason":"内容有误，另行通知。"}"#).status == .ok)
            #expect(try await gao.get("/notices/\(id)").status == .notFound)
            #expect(!(try await gao.get("/notices").body.string.contains("关于报送冬季安全检查联系人的通知")))
            #expect(try await CityFixture.signedIn("guoyn", app).get("/notices/\(id)").body.string.contains("内容有误，另行通知。"))
        }
    }

    @Test("每个字段写入脚本或 HTML 都原样显示为文字；javascript: 链接不成为链接")
    func hostileText() async throws {
        try await withApp { app in
            let column = try await Self.county(app)
            let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"
            let guo = try await CityFixture.signedIn("guoyn", app)
            let unit = try await CityFixture.unit("清河县财政局", on: app).requireID().uuidString
            let created = try await guo.post("/notices", [("column", try column.requireID().uuidString), ("title", hostile),
                                                         ("body", "\(hostile)\n# \(hostile)\n- \(hostile)\n**\(hostile)**\n[点我](javascript:alert(1)) [官网](https://www.example.gov.cn)"),
                                                         ("units[]", unit)])
            #expect(created.status == .seeOther)
            let id = try #require(created.location?.split(separator: "/").last.flatMap { UUID(uuidString: String($0)) })
            for path in ["/notices/\(id)", "/notices/mine", "/notices/\(id)/edit"] {
                let html = try await guo.get(path).body.string
                #expect(!html.contains("<script>alert") && !html.contains("<img src=x"), "\(path)")
                #expect(!html.contains("href=\"javascript"), "\(path)")
            }
            let page = try await guo.get("/notices/\(id)").body.string
            #expect(page.contains("&lt;script&gt;") && page.contains(#"href="https://www.example.gov.cn""#))
            // Uploaded file names are cleaned and shown escaped.
            let notice = try #require(try await Notice.find(id, on: app.db))
            let file = try await NoticeService.addAttachment(id, name: "..\\<b>名单</b>.txt", data: Data("名单".utf8),
                                                            access: try await Access.load(for: try await CityFixture.user("guoyn", on: app), on: app.db),
                                                            actor: .system(), app: app)
            #expect(file.name == "<b>名单<\u{2F}b>.txt" || !file.name.contains("\\"))
            #expect(!(try await guo.get("/notices/\(id)").body.string.contains("<b>名单")))
            _ = notice
        }
    }

    @Test("栏目：单位管理员新增、改名；非管理员 403；同名 422；页面和 API 都列出可发布的栏目")
    func columns() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let office = try await CityFixture.unit("清河县人民政府办公室", on: app)
            try await makeUser(on: app, unit: office, username: "qhadmin", roles: [.sysAdmin])
            let admin = try await CityFixture.signedIn("qhadmin", app)
            let path = "/admin/units/\(try office.requireID())/notice-columns"
            #expect(try await admin.post(path, [("name", "工作动态"), ("publisherRole", "clerk")]).status == .seeOther)
            #expect(try await admin.post(path, [("name", "工作动态"), ("publisherRole", "clerk")]).status == .unprocessableEntity)
            #expect(try await CityFixture.signedIn("guoyn", app).get(path).status == .forbidden)
            let guo = try await APIClient.signIn(app, "guoyn")
            #expect(try await guo.get("/api/v1/notice-columns").body.string.contains("工作动态"))
            #expect(try await CityFixture.signedIn("guoyn", app).get("/notices/new").body.string.contains("工作动态"))
            #expect(try await CityFixture.signedIn("gaoy", app).get("/notices/new").status == .forbidden)
        }
    }

    @Test("演示城市：市政府办公室的通知（置顶）、重要通知（待回执）、对外公开的工作动态、清河县待审核的通知")
    func demoNotices() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await DemoCity.seedNotices(app: app)
            #expect(try await Notice.query(on: app.db).filter(\.$status == "published").count() == 3)
            let gao = try await CityFixture.signedIn("gaoy", app).get("/notices").body.string
            #expect(gao.contains("关于2027年元旦放假安排的通知") && gao.contains("置顶") && gao.contains("待回执"))
            let hu = try await APIClient.signIn(app, "hux")
            let tasks = try await hu.get("/api/v1/tasks").content.get([TaskSummary].self, at: "items")
            #expect(tasks.contains { $0.business?.type == "notice" && $0.title == "关于报送2026年度工作总结的通知" })
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

@Suite("通知公告：对外公开栏目的订阅源（Atom）")
struct NoticeFeedTests {
    @Test("对外公开栏目的订阅源列出经三级审核发布的信息，标题中的标记被转义；内部栏目 404")
    func feed() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await DemoCity.seedNotices(app: app)
            let columns = try await NoticeColumn.query(on: app.db).all()
            let news = try #require(columns.first { $0.isPublic })
            let inner = try #require(columns.first { !$0.isPublic })
            let feed = try await app.testing().sendRequest(.GET, "/feeds/notices/\(try news.requireID())")
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.subType == "atom+xml")
            #expect(feed.body.string.contains("<title>市政府召开全市安全生产工作会议</title>"))
            #expect(!feed.body.string.contains("元旦放假"))
            #expect(try await app.testing().sendRequest(.GET, "/feeds/notices/\(try inner.requireID())").status == .notFound)
            // A title with markup stays text in the XML.
            let escaped = NoticeFeed.atom(columnID: UUID(), column: "工作动态", unit: "江北市", entries: [
                .init(id: UUID(), title: "<b>A & B</b>", text: "x", published: Date(), updated: Date())])
            #expect(escaped.contains("&lt;b&gt;A &amp; B&lt;/b&gt;") && !escaped.contains("<b>"))
        }
    }
}

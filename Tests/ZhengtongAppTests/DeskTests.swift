import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// The 工作台: each person's blocks by role (待签收 for clerks, 逾期事项 for those who look after a unit), what each
/// holds, the person's own choice, the unit administrator's blocks per role, and `GET/PUT /api/v1/desk`.
@Suite("工作台：按角色的板块、内容、个人设置、单位按角色设置、接口", .serialized)
struct DeskTests {
    /// The blocks of a page, in the order drawn.
    static func blocks(_ html: String) -> [String] {
        html.components(separatedBy: #"class="desk-block" data-block=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The HTML of one block.
    static func block(_ name: String, in html: String) -> String {
        guard let start = html.range(of: #"data-block="\#(name)""#) else { return "" }
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
    }

    @Test("收发员有待签收；普通科员没有待签收和逾期事项；默认顺序待办在前")
    func blocksByRole() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // 郭亚楠 signs for 清河县政府 (whose office she works in): the city's 值班 notice waits for her.
            let clerk = try await CityFixture.signedIn("guoyn", app).get("/").body.string
            #expect(Self.blocks(clerk) == ["todo", "schedule", "notices", "unread", "inbox", "overdue", "recent"])
            #expect(Self.block("inbox", in: clerk).contains(CityFixture.dispatchedTitle))
            #expect(Self.block("inbox", in: clerk).contains(#"href="/exchange""#))
            #expect(clerk.contains("您好，郭亚楠"))
            // 李娜, a 科 deputy director with no role: the blocks everyone has.
            let staff = try await CityFixture.signedIn("lina", app).get("/").body.string
            #expect(Self.blocks(staff) == ["todo", "schedule", "notices", "unread", "recent"])
            #expect(Self.block("todo", in: staff).contains("没有待办事项。"))
            // 邓华, 清河县's 督查员: 督办事项 besides, empty while nothing is given to his county.
            let liaison = try await CityFixture.signedIn("dengh", app).get("/").body.string
            #expect(Self.blocks(liaison) == ["todo", "schedule", "notices", "unread", "supervision", "recent"])
            #expect(Self.block("supervision", in: liaison).contains("没有待办的督办事项。"))
            // 赵敏 drafted the city's sample documents: they are her 最近公文.
            let drafter = try await CityFixture.signedIn("zhaom", app).get("/").body.string
            #expect(Self.block("recent", in: drafter).contains("/outgoing/"))
        }
    }

    @Test("通知公告板块：未读、重要、待回执标出，打开后不再是未读；标题中的脚本原样显示；审核人的待办里有送审的通知")
    func noticesAndTasks() async throws {
        try await withApp { app in
            let column = try await NoticeTests.county(app)
            let (guo, id) = try await NoticeTests.drafted(app, column: column)
            #expect(try await guo.request(.POST, "/api/v1/notices/\(id)/submit").status == .ok)
            // 胡晓 reviews it: it is in his 待办, with its step.
            let hu = try await CityFixture.signedIn("hux", app)
            let review = Self.block("todo", in: try await hu.get("/").body.string)
            #expect(review.contains("关于报送冬季安全检查联系人的通知") && review.contains(#"href="/tasks/"#))
            let notice = try #require(try await Notice.find(id, on: app.db))
            let task = try await CityFixture.openTask("UnitReview", in: try #require(notice.instanceID), on: app)
            #expect(try await APIClient.signIn(app, "hux").send(.POST, "/api/v1/tasks/\(try task.requireID())/complete",
                                                                 body: #"{"outcome":"approve","opinion":"同意发布。"}"#).status == .ok)
            // A hostile title is shown as text.
            let published = try #require(try await Notice.find(id, on: app.db))
            published.title = "<script>alert(1)</script>冬季安全检查"
            try await published.save(on: app.db)

            let gao = try await CityFixture.signedIn("gaoy", app)
            let before = Self.block("notices", in: try await gao.get("/").body.string)
            #expect(before.contains("&lt;script&gt;alert(1)&lt;/script&gt;冬季安全检查") && !before.contains("<script>alert(1)"))
            #expect(before.contains("未读") && before.contains("重要") && before.contains("待回执"))
            #expect(before.contains(#"data-count="1""#))
            _ = try await gao.get("/notices/\(id)")
            let after = Self.block("notices", in: try await gao.get("/").body.string)
            #expect(!after.contains("未读") && after.contains("待回执") && !after.contains("data-count"))
            // Someone outside the audience has nothing.
            #expect(Self.block("notices", in: try await CityFixture.signedIn("qiuy", app).get("/").body.string).contains("没有通知公告。"))
        }
    }

    @Test("逾期事项：本单位领导看到本单位逾期的待办和逾期时长，别的单位的领导看不到")
    func overdueForLeaders() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // 胡晓's 拟办 of the city's notice, registered in 清河县: made late by two days.
            let delivery = try await CityFixture.delivery(to: "清河县人民政府", on: app)
            let clerk = try await APIClient.signIn(app, "guoyn")
            let accepted = try await clerk.request(.POST, "/api/v1/exchange/\(try delivery.requireID())/accept")
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            let task = try #require(try await WorkflowTaskRecord.query(on: app.db).filter(\.$state == "open").sort(\.$createdAt, .descending).first())
            task.dueAt = Date().addingTimeInterval(-2 * 86_400)
            try await task.save(on: app.db)
            let instance = try #require(try await WorkflowInstanceRecord.find(task.$instance.id, on: app.db))

            let leader = Self.block("overdue", in: try await CityFixture.signedIn("xuhm", app).get("/").body.string)
            #expect(leader.contains(instance.title) && leader.contains("逾期"), "\(leader)")
            #expect(Self.block("overdue", in: try await CityFixture.signedIn("dengl", app).get("/").body.string).contains("没有逾期事项。"))
        }
    }

    @Test("个人设置：隐藏、排序后工作台随之改变并记入审计；恢复默认；没有令牌的表单被拒绝")
    func ownChoice() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let guo = try await CityFixture.signedIn("guoyn", app)
            let form = try await guo.get("/desk/settings")
            #expect(form.status == .ok && form.body.string.contains("待签收") && form.body.string.contains(#"name="order[inbox]""#))
            let forged = try await guo.post("/desk/settings", [("show[]", "todo")], includeToken: false)
            #expect(forged.status == .forbidden)
            let saved = try await guo.post("/desk/settings", [("show[]", "todo"), ("show[]", "inbox"), ("order[todo]", "2"), ("order[inbox]", "1"),
                                                              ("order[notices]", "3")])
            #expect(saved.status == .seeOther && saved.location == "/")
            let home = try await guo.get("/").body.string
            #expect(Self.blocks(home) == ["inbox", "todo"])
            #expect(home.contains("工作台设置已保存。"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "desk.preference").count() == 1)
            #expect(try await guo.post("/desk/settings", [("reset", "on")]).status == .seeOther)
            #expect(Self.blocks(try await guo.get("/").body.string).first == "todo")
            #expect(Self.blocks(try await guo.get("/").body.string).count == 7)
        }
    }

    @Test("单位管理员按角色设置默认板块：该角色的人看到，设置过的个人不变，非管理员打不开")
    func unitLayoutPerRole() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let office = try await CityFixture.unit("清河县人民政府办公室", on: app).requireID()
            let admin = try await CityFixture.signedIn("admin", app)
            let page = try await admin.get("/admin/units/\(office)/desk?role=clerk")
            #expect(page.status == .ok && page.body.string.contains("逾期事项") && page.body.string.contains("清河县人民政府办公室"))
            #expect(try await admin.get("/admin/units").body.string.contains("/admin/units/\(office)/desk"))
            let saved = try await admin.post("/admin/units/\(office)/desk?role=clerk", [("show[]", "notices"), ("show[]", "inbox"), ("order[notices]", "1"),
                                                                                     ("order[inbox]", "2")])
            #expect(saved.status == .seeOther)
            #expect(Self.blocks(try await CityFixture.signedIn("guoyn", app).get("/").body.string) == ["notices", "inbox"])
            // 胡晓 holds no clerk role: the standard desk.
            #expect(Self.blocks(try await CityFixture.signedIn("hux", app).get("/").body.string).first == "todo")
            // A role that does not exist is refused; a clerk may not set the unit's desk.
            #expect(try await admin.post("/admin/units/\(office)/desk?role=nosuch", [("show[]", "todo")]).status == .unprocessableEntity)
            let clerk = try await CityFixture.signedIn("guoyn", app)
            #expect(try await clerk.get("/admin/units/\(office)/desk").status == .forbidden)
            #expect(try await clerk.post("/admin/units/\(office)/desk?role=clerk", [("show[]", "todo")]).status == .forbidden)
        }
    }

    @Test("接口：GET /api/v1/desk 给出与网页相同的板块；PUT 设置个人板块，不属于自己的板块略去，不认识的板块 400")
    func api() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let guo = try await APIClient.signIn(app, "guoyn")
            let desk = try await guo.get("/api/v1/desk")
            #expect(desk.status == .ok)
            let blocks = try desk.content.get([DeskBlockData].self, at: "blocks")
            #expect(blocks.map(\.block) == [.todo, .schedule, .notices, .unread, .inbox, .overdue, .recent])
            let inbox = try #require(blocks.first { $0.block == .inbox })
            #expect(inbox.count >= 1 && inbox.items.first?.url?.hasPrefix("/api/v1/exchange/") == true)
            let chosen = try await guo.send(.PUT, "/api/v1/desk", body: #"{"blocks":["notices","inbox","notices"]}"#)
            #expect(chosen.status == .ok)
            #expect(try chosen.content.get([DeskBlockData].self, at: "blocks").map(\.block) == [.notices, .inbox])
            let unknown = try await guo.send(.PUT, "/api/v1/desk", body: #"{"blocks":["calendar"]}"#)
            #expect(unknown.status == .badRequest)
            // 胡晓 is no clerk: 待签收 is left out of his desk even when he asks for it.
            let hu = try await APIClient.signIn(app, "hux")
            let his = try await hu.send(.PUT, "/api/v1/desk", body: #"{"blocks":["inbox","todo"]}"#)
            #expect(try his.content.get([DeskBlockData].self, at: "blocks").map(\.block) == [.todo])
            #expect(try await APIClient(app: app).get("/api/v1/desk").status == .unauthorized)
        }
    }
}

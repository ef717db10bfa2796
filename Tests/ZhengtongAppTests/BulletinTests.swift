import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 刊物 and 信息专供: composing, approval with 期号 taken at publishing, readers, 批示 (text and handwriting), 转督办, the
/// reading list — through the API as a phone client does it and through the pages.
@Suite("刊物与信息专供：组稿、审批发布编期号、阅读范围、批示（含手写）、转督办、信息专供", .serialized)
struct BulletinTests {
    static func json(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    /// 黄磊 of 市政府办公室 as 信息编辑 (over the city, as its office serves it) and 督查员.
    static func editor(_ app: Application, _ username: String = "huangl") async throws {
        let user = try await CityFixture.user(username, on: app)
        let city = try await CityFixture.unit("江北市人民政府", on: app).requireID()
        for code in [BuiltinRole.infoEditor, .supervisor] {
            let role = try #require(try await Role.query(on: app.db).filter(\.$code == code.rawValue).first())
            try await app.write { db in try await RoleGrants.grant(role, to: user, scope: city, by: .system("test"), on: db) }
        }
    }

    static func service(_ username: String, _ app: Application) async throws -> (Access, WorkflowService.Actor) {
        let user = try await CityFixture.user(username, on: app)
        let audit = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "test")
        return (try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: audit))
    }

    /// A draft with one typed item, read by 陈志强.
    static func draft(_ bulletin: UUID, _ app: Application, title: String = "城区供暖保障平稳有序") async throws -> BulletinIssue {
        let (access, actor) = try await service("huangl", app)
        let chen = try await CityFixture.user("chenzq", on: app).requireID()
        let issue = try await BulletinService.newIssue(of: bulletin, .init(readerPeople: [chen], reportTo: "市委、市人大、市政协"), access: access, actor: actor, app: app)
        _ = try await BulletinService.addItem(to: try issue.requireID(), .init(title: title, body: "第一段。\n第二段。", sourceUnitName: "市住房城乡建设局"),
                                              expectedVersion: issue.version, access: access, actor: actor, app: app)
        return try #require(try await BulletinIssue.find(issue.id, on: app.db))
    }

    @Test("手机端：建刊物、新建一期、手工稿件、过期版本 409、未采用的信息 422、排序、按语、送审、审批发布编期号；未选中的人 404；领导阅读、文字加手写批示、乱笔画 422；通知编辑；转督办（再转 409）；OFD；信息专供")
    func phoneClient() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await Self.editor(app)
            let huang = try await APIClient.signIn(app, "huangl")
            let made = try await huang.send(.POST, "/api/v1/bulletins", body: try Self.json(["name": "江北政务信息", "kind": "briefing"]))
            #expect(made.status == .created, "\(made.body.string)")
            let bulletinID = try made.content.get(UUID.self, at: "id")
            #expect(try await huang.send(.POST, "/api/v1/bulletins", body: try Self.json(["name": "江北政务信息", "kind": "briefing"])).status == .unprocessableEntity)
            #expect(try await huang.send(.POST, "/api/v1/bulletins", body: try Self.json(["name": "x", "kind": "weekly"])).status == .unprocessableEntity)
            // Not an editor: 403 creating, 404 for the 刊物 itself.
            let zhao = try await APIClient.signIn(app, "zhaom")
            #expect(try await zhao.send(.POST, "/api/v1/bulletins", body: try Self.json(["name": "别的刊物", "kind": "special"])).status == .forbidden)
            #expect(try await zhao.get("/api/v1/bulletins/\(bulletinID)").status == .notFound)
            #expect(try await zhao.get("/api/v1/bulletins").body.string.contains("江北政务信息") == false)

            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            let created = try await huang.send(.POST, "/api/v1/bulletins/\(bulletinID)/issues", body: try Self.json([
                "readerPeople": [chen.uuidString], "readerUnits": [qh.uuidString], "reportTo": "市委、市人大、市政协", "sendTo": "各县区人民政府", "copies": 60]))
            #expect(created.status == .created, "\(created.body.string)")
            let issueID = try created.content.get(UUID.self, at: "id")
            #expect(try created.content.get(String.self, at: "status") == "draft")
            var version = try created.content.get(Int.self, at: "version")

            let first = try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items", body: try Self.json([
                "title": "城区供暖保障平稳有序", "body": "入冬以来，全市供暖运行平稳。\n各供热企业加强巡检。", "sourceUnitName": "市住房城乡建设局", "version": version]))
            #expect(first.status == .created, "\(first.body.string)")
            version = try first.content.get(Int.self, at: "version")
            let second = try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items", body: try Self.json([
                "title": "清河县推进河道综合治理", "body": "清河县完成河道清淤十二公里。", "sourceUnitName": "清河县人民政府", "version": version]))
            version = try second.content.get(Int.self, at: "version")
            // A stale version, an empty body, a report that was never adopted.
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items", body: try Self.json(["title": "迟到的稿件", "body": "正文", "version": version - 1])).status == .conflict)
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items", body: try Self.json(["title": "无正文", "body": " ", "version": version])).status == .unprocessableEntity)
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items", body: try Self.json(["reportId": UUID().uuidString, "version": version])).status == .unprocessableEntity)
            #expect(try await huang.get("/api/v1/adopted-reports").status == .ok)
            #expect(try await zhao.get("/api/v1/adopted-reports").status == .forbidden)

            // Order: the county's item first; 按语 on it.
            let items = try second.content.get([BulletinIssueView.Item].self, at: "items")
            #expect(items.map(\.position) == [1, 2])
            let ordered = try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/order", body: try Self.json(["version": version, "itemIds": [items[1].id.uuidString, items[0].id.uuidString]]))
            #expect(ordered.status == .ok)
            version = try ordered.content.get(Int.self, at: "version")
            #expect(try ordered.content.get([BulletinIssueView.Item].self, at: "items").first?.title == "清河县推进河道综合治理")
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/order", body: try Self.json(["version": version, "itemIds": [items[1].id.uuidString]])).status == .unprocessableEntity)
            let noted = try await huang.send(.PATCH, "/api/v1/bulletin-issues/\(issueID)/items/\(items[1].id)", body: try Self.json([
                "title": "清河县推进河道综合治理", "body": "清河县完成河道清淤十二公里。", "sourceUnitName": "清河县人民政府", "note": "清河县的做法值得各地借鉴。", "version": version]))
            #expect(noted.status == .ok, "\(noted.body.string)")
            version = try noted.content.get(Int.self, at: "version")
            let extra = try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items", body: try Self.json(["title": "临时稿件", "body": "将被移出。", "version": version]))
            version = try extra.content.get(Int.self, at: "version")
            let extraID = try #require(try extra.content.get([BulletinIssueView.Item].self, at: "items").first { $0.title == "临时稿件" }).id
            let removed = try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items/\(extraID)/remove", body: try Self.json(["version": version]))
            #expect(try removed.status == .ok && (try removed.content.get([BulletinIssueView.Item].self, at: "items")).map(\.position) == [1, 2])
            version = try removed.content.get(Int.self, at: "version")
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items/\(extraID)/remove", body: try Self.json(["version": version])).status == .notFound)
            version = try await huang.get("/api/v1/bulletin-issues/\(issueID)").content.get(Int.self, at: "version")
            let patched = try await huang.send(.PATCH, "/api/v1/bulletin-issues/\(issueID)", body: try Self.json([
                "readerPeople": [chen.uuidString], "readerUnits": [qh.uuidString], "reportTo": "市委、市人大、市政协", "sendTo": "各县区人民政府", "distributeTo": "市政府各部门", "version": version]))
            #expect(patched.status == .ok)
            version = try patched.content.get(Int.self, at: "version")
            // Nobody but its editors and approvers sees a draft; the chosen leader neither.
            let chenAPI = try await APIClient.signIn(app, "chenzq")
            #expect(try await chenAPI.get("/api/v1/bulletin-issues/\(issueID)").status == .notFound)

            // 送审 → 王建国 (the office's principal) approves → published as 第1期.
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/submit", body: try Self.json(["version": version - 1])).status == .conflict)
            let submitted = try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/submit", body: try Self.json(["version": version]))
            #expect(try submitted.status == .ok && (try submitted.content.get(String.self, at: "status")) == "reviewing")
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(issueID)/items", body: try Self.json(["title": "再加一篇", "body": "正文", "version": version + 1])).status == .conflict)
            let issue = try #require(try await BulletinIssue.find(issueID, on: app.db))
            let task = try await CityFixture.openTask("Approval", in: try #require(issue.instanceID), on: app)
            let wang = try await APIClient.signIn(app, "wangjg")
            #expect(try await wang.get("/api/v1/bulletin-issues/\(issueID)").status == .ok)
            let approved = try await wang.send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: #"{"outcome":"approve","opinion":"同意"}"#)
            #expect(approved.status == .ok, "\(approved.body.string)")
            let published = try await huang.get("/api/v1/bulletin-issues/\(issueID)")
            let year = DocumentDate(Date()).year
            #expect(try published.content.get(String.self, at: "status") == "published")
            #expect(try published.content.get(String.self, at: "numberText") == "\(year)年第1期（总第1期）")
            #expect(try published.content.get([BulletinIssueView.Reader].self, at: "readers").map(\.name).sorted() == ["杨帆", "陈志强"].sorted())

            // Readers: 陈志强 chosen, 杨帆 as 清河县's leader; 刘文华 was not chosen.
            let liu = try await APIClient.signIn(app, "liuwh")
            #expect(try await liu.get("/api/v1/bulletin-issues/\(issueID)").status == .notFound)
            #expect(try await liu.get("/api/v1/bulletins/\(bulletinID)").status == .notFound)
            #expect(try await liu.get("/api/v1/bulletin-issues/\(issueID)/ofd").status == .notFound)
            let shown = try await chenAPI.get("/api/v1/bulletin-issues/\(issueID)")
            #expect(shown.status == .ok && shown.body.string.contains("清河县的做法值得各地借鉴"))
            #expect(try shown.content.get(Bool.self, at: "actions", "instruct") == true)
            #expect(try await chenAPI.get("/api/v1/bulletins").body.string.contains("江北政务信息"))
            let list = try await chenAPI.get("/api/v1/reading-list")
            #expect(try list.content.get([ReadingList.Line].self, at: "items").first?.readAt == nil)
            #expect(try await chenAPI.request(.POST, "/api/v1/bulletin-issues/\(issueID)/read").status == .ok)
            #expect(try await chenAPI.get("/api/v1/reading-list").content.get([ReadingList.Line].self, at: "items").first?.readAt != nil)

            // 批示: text and handwriting; garbage strokes refused; the editor may not write one.
            let itemID = items[1].id
            let strokes: [[[Double]]] = [[[10, 10], [50, 40], [90.5, 80]], [[120, 30]]]
            let instructed = try await chenAPI.send(.POST, "/api/v1/bulletin-items/\(itemID)/instructions",
                                                    body: try Self.json(["text": "请督查室跟踪落实。", "strokes": strokes]))
            #expect(instructed.status == .created, "\(instructed.body.string)")
            let svg = try instructed.content.get(String.self, at: "handwritingSVG")
            #expect(svg.contains("M10 10 L50 40 L90.5 80 M120 30"))
            for garbage in [#"{"strokes":[[["1","2"]]]}"#, #"{"strokes":[[[700,10]]]}"#, #"{"strokes":"<script>"}"#, #"{"strokes":[[[1,2,3]]]}"#, #"{"text":"","strokes":[]}"#] {
                #expect(try await chenAPI.send(.POST, "/api/v1/bulletin-items/\(itemID)/instructions", body: garbage).status == .unprocessableEntity, "\(garbage)")
            }
            #expect(try await huang.send(.POST, "/api/v1/bulletin-items/\(itemID)/instructions", body: try Self.json(["text": "编辑不能批示"])).status == .forbidden)
            #expect(try await liu.send(.POST, "/api/v1/bulletin-items/\(itemID)/instructions", body: try Self.json(["text": "看不到"])).status == .notFound)
            let huangID = try await CityFixture.user("huangl", on: app).requireID()
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == huangID).filter(\.$kind == NotificationKind.bulletinInstruction.rawValue).count() == 1)

            // 转督办 in one call; a second time 409.
            let instructionID = try instructed.content.get(UUID.self, at: "id")
            let supervised = try await huang.send(.POST, "/api/v1/bulletin-instructions/\(instructionID)/supervise", body: try Self.json(["leadUnitIds": [qh.uuidString]]))
            #expect(supervised.status == .created, "\(supervised.body.string)")
            let supervisionID = try supervised.content.get(UUID.self, at: "supervisionItemId")
            let opened = try #require(try await SupervisionItem.find(supervisionID, on: app.db))
            #expect(opened.category == SupervisionItem.Category.leaderInstruction.rawValue && opened.leaderID == chen)
            #expect(try await huang.send(.POST, "/api/v1/bulletin-instructions/\(instructionID)/supervise", body: "{}").status == .conflict)
            #expect(try await chenAPI.send(.POST, "/api/v1/bulletin-instructions/\(instructionID)/supervise", body: "{}").status == .notFound)

            // The OFD.
            let ofd = try await chenAPI.get("/api/v1/bulletin-issues/\(issueID)/ofd")
            #expect(ofd.status == .ok && ofd.body.readableBytesView.starts(with: [0x50, 0x4B]))

            // 信息专供: the editor puts the item on 刘文华's list; he may then read the issue.
            let liuID = try await CityFixture.user("liuwh", on: app).requireID()
            let added = try await huang.send(.POST, "/api/v1/reading-list", body: try Self.json(["leaderId": liuID.uuidString, "kind": "item", "targetId": itemID.uuidString, "note": "请阅"]))
            #expect(added.status == .created, "\(added.body.string)")
            let entryID = try added.content.get(UUID.self, at: "id")
            #expect(try await liu.get("/api/v1/bulletin-issues/\(issueID)").status == .ok)
            let liuList = try await liu.get("/api/v1/reading-list").content.get([ReadingList.Line].self, at: "items")
            #expect(liuList.contains { $0.kind == .item && $0.note == "请阅" && $0.readAt == nil })
            #expect(try await liu.request(.POST, "/api/v1/reading-list/\(entryID)/read").status == .ok)
            #expect(try await chenAPI.request(.POST, "/api/v1/reading-list/\(entryID)/read").status == .notFound)
            #expect(try await zhao.send(.POST, "/api/v1/reading-list", body: try Self.json(["leaderId": liuID.uuidString, "kind": "issue", "targetId": issueID.uuidString])).status == .notFound)
            #expect(try await huang.send(.POST, "/api/v1/reading-list", body: try Self.json(["leaderId": huangID.uuidString, "kind": "issue", "targetId": issueID.uuidString])).status == .unprocessableEntity)
        }
    }

    @Test("两位编辑同时修改同一期：一人成功，另一人 409，稿件不会多出")
    func racingEditors() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await Self.editor(app)
            try await Self.editor(app, "lina")
            let (access, actor) = try await Self.service("huangl", app)
            let bulletin = try await BulletinService.createBulletin(name: "江北政务信息", kind: "briefing", access: access, actor: actor, app: app)
            let issue = try await Self.draft(try bulletin.requireID(), app)
            let id = try issue.requireID()
            let huang = try await APIClient.signIn(app, "huangl")
            let lina = try await APIClient.signIn(app, "lina")
            async let a = huang.send(.POST, "/api/v1/bulletin-issues/\(id)/items", body: try Self.json(["title": "甲稿", "body": "正文甲", "version": issue.version]))
            async let b = lina.send(.POST, "/api/v1/bulletin-issues/\(id)/items", body: try Self.json(["title": "乙稿", "body": "正文乙", "version": issue.version]))
            let statuses = [try await a.status, try await b.status].map(\.code).sorted()
            #expect(statuses == [201, 409])
            #expect(try await BulletinItem.query(on: app.db).filter(\.$issueID == id).count() == 2)
            #expect(try await BulletinIssue.find(id, on: app.db)?.version == issue.version + 1)
        }
    }

    @Test("期号按刊物按年连续：并发发布不重号不跳号，回滚的发布把号退回，另一刊物自成序列")
    func numbersUnderConcurrency() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await Self.editor(app)
            let (access, actor) = try await Self.service("huangl", app)
            let briefing = try await BulletinService.createBulletin(name: "江北政务信息", kind: "briefing", access: access, actor: actor, app: app).requireID()
            let special = try await BulletinService.createBulletin(name: "江北信息专报", kind: "special", access: access, actor: actor, app: app).requireID()
            var drafts: [UUID] = []
            for index in 0..<6 { drafts.append(try await Self.draft(briefing, app, title: "稿件\(index)").requireID()) }
            let issues = drafts
            let other = try await Self.draft(special, app).requireID()
            // A publish that fails after taking its number gives it back.
            struct Abandoned: Error {}
            await #expect(throws: Abandoned.self) {
                try await app.write { db in
                    let issue = try #require(try await BulletinIssue.find(issues[0], on: db))
                    try await BulletinService.publish(issue, at: Date(), on: db)
                    throw Abandoned()
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in issues + [other] {
                    group.addTask {
                        try await app.write { db in
                            let issue = try #require(try await BulletinIssue.find(id, on: db))
                            try await BulletinService.publish(issue, at: Date(), on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let numbers = try await BulletinIssue.query(on: app.db).filter(\.$bulletinID == briefing).all().compactMap(\.number).sorted()
            #expect(numbers == Array(1...6))
            let totals = try await BulletinIssue.query(on: app.db).filter(\.$bulletinID == briefing).all().compactMap(\.totalNumber).sorted()
            #expect(totals == Array(1...6))
            #expect(try await BulletinIssue.find(other, on: app.db)?.number == 1)
        }
    }

    @Test("审批不同意须写理由；退回后为草稿，编辑收到理由，可修改后再送审；期号不被占用")
    func returned() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await Self.editor(app)
            let (access, actor) = try await Self.service("huangl", app)
            let bulletin = try await BulletinService.createBulletin(name: "江北政务信息", kind: "briefing", access: access, actor: actor, app: app)
            let issue = try await Self.draft(try bulletin.requireID(), app)
            let id = try issue.requireID()
            let huang = try await APIClient.signIn(app, "huangl")
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(id)/submit", body: try Self.json(["version": issue.version])).status == .ok)
            let instance = try #require(try await BulletinIssue.find(id, on: app.db)?.instanceID)
            let task = try await CityFixture.openTask("Approval", in: instance, on: app)
            let wang = try await APIClient.signIn(app, "wangjg")
            #expect(try await wang.send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: #"{"outcome":"reject"}"#).status == .unprocessableEntity)
            #expect(try await wang.send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: #"{"outcome":"reject","opinion":"第二段数据请核实。"}"#).status == .ok)
            let back = try await huang.get("/api/v1/bulletin-issues/\(id)")
            #expect(try back.content.get(String.self, at: "status") == "draft" && (try back.content.get(String.self, at: "returnedReason")) == "第二段数据请核实。")
            #expect((try? back.content.get(Int.self, at: "number")) == nil)
            let huangID = try await CityFixture.user("huangl", on: app).requireID()
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == huangID).filter(\.$kind == NotificationKind.bulletinReturned.rawValue).count() == 1)
            // Sent again and approved: 第1期, the returned round took no number.
            let version = try back.content.get(Int.self, at: "version")
            #expect(try await huang.send(.POST, "/api/v1/bulletin-issues/\(id)/submit", body: try Self.json(["version": version])).status == .ok)
            let again = try #require(try await BulletinIssue.find(id, on: app.db)?.instanceID)
            let second = try await CityFixture.openTask("Approval", in: again, on: app)
            #expect(try await wang.send(.POST, "/api/v1/tasks/\(try second.requireID())/complete", body: #"{"outcome":"approve"}"#).status == .ok)
            #expect(try await BulletinIssue.find(id, on: app.db)?.number == 1)
        }
    }

    @Test("信息专供中的公文：文书可把领导本可查看的发文加入其信息专供；领导看不到的公文不能加入（不扩大阅读范围）")
    func documentsOnReadingList() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let document = try await CityFixture.dispatched(on: app)
            let zhao = try await APIClient.signIn(app, "zhaom")
            var allowed = 0, refused = 0
            for username in ["wangjg", "chenzq", "liuwh", "zhouq"] {
                let leader = try await CityFixture.user(username, on: app)
                let sees = try await (try await Access.load(for: leader, on: app.db)).canView(document, on: app.db)
                let response = try await zhao.send(.POST, "/api/v1/reading-list", body: try Self.json(["leaderId": try leader.requireID().uuidString, "kind": "outgoing",
                                                                                                       "targetId": try document.requireID().uuidString, "note": "请阅"]))
                #expect(response.status == (sees ? .created : .unprocessableEntity), "\(username): \(response.body.string)")
                if sees {
                    allowed += 1
                    let list = try await (try await APIClient.signIn(app, username)).get("/api/v1/reading-list")
                    #expect(try list.content.get([ReadingList.Line].self, at: "items").contains { $0.kind == .outgoing && $0.title == document.title })
                } else {
                    refused += 1
                    #expect(try await ReadingListEntry.query(on: app.db).filter(\.$leaderID == leader.requireID()).count() == 0)
                }
            }
            #expect(allowed > 0 && refused > 0)
            // The 发文 page links 加入信息专供 for the clerk who keeps reading lists, not for its drafter, who keeps none.
            let link = "/reading/add?kind=outgoing&amp;target=" + (try document.requireID().uuidString)
            #expect(try await CityFixture.signedIn("zhaom", app).get("/outgoing/\(try document.requireID())").body.string.contains(link))
            let drafterPage = try await CityFixture.signedIn("huangl", app).get("/outgoing/\(try document.requireID())")
            #expect(drafterPage.status == .ok && !drafterPage.body.string.contains("/reading/add?"))
        }
    }

    @Test("手写笔画：只收数字点列，数量与坐标有界；存为 JSON，显示为只含数字的 SVG 路径")
    func strokes() throws {
        let parsed = try #require(try BulletinStrokes.parse("[[[0,0],[600,300]],[[12.34,5]]]"))
        #expect(parsed.json == "[[[0,0],[600,300]],[[12.3,5]]]")
        #expect(parsed.pathData == "M0 0 L600 300 M12.3 5 l0.1 0")
        #expect(parsed.svg.hasPrefix("<svg class=\"handwriting\"") && !parsed.svg.contains("<script"))
        #expect(try BulletinStrokes.parse("") == nil && (try BulletinStrokes.parse("[]")) == nil)
        for bad in ["{", "[[[\"1\",2]]]", "[[[1]]]", "[[[-1,2]]]", "[[[601,2]]]", "[[]]", "[[[1e400,2]]]", "\"<svg onload=alert(1)>\"", "[[{\"x\":1,\"y\":2}]]"] {
            #expect(throws: AppError.self, "\(bad)") { try BulletinStrokes.parse(bad) }
        }
        let tooMany = "[" + Array(repeating: "[[1,1]]", count: 201).joined(separator: ",") + "]"
        #expect(throws: AppError.self) { try BulletinStrokes.parse(tooMany) }
        let tooLong = "[[" + Array(repeating: "[1,1]", count: 5001).joined(separator: ",") + "]]"
        #expect(throws: AppError.self) { try BulletinStrokes.parse(tooLong) }
        #expect(BulletinStrokes.stored("not json") == nil)
    }

    @Test("阅读对象：信息编辑的授权只到市政府办公室时，也能选办公室所服务的市政府的领导")
    func readersOfTheServedGovernment() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let user = try await CityFixture.user("huangl", on: app)
            let office = try await CityFixture.unit("江北市人民政府办公室", on: app).requireID()
            let role = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.infoEditor.rawValue).first())
            try await app.write { db in try await RoleGrants.grant(role, to: user, scope: office, by: .system("test"), on: db) }
            let huang = try await CityFixture.signedIn("huangl", app)
            #expect(try await huang.post("/bulletins", [("name", "江北政务信息"), ("kind", "briefing")]).status == .seeOther)
            let bulletin = try #require(try await Bulletin.query(on: app.db).filter(\.$name == "江北政务信息").first())
            #expect(try await huang.post("/bulletins/\(try bulletin.requireID())/issues").status == .seeOther)
            let issue = try #require(try await BulletinIssue.query(on: app.db).filter(\.$bulletinID == bulletin.requireID()).first())
            let page = try await huang.get("/bulletin-issues/\(try issue.requireID())").body.string
            #expect(page.contains("陈志强（江北市人民政府"), "the city's leaders are offered as readers")
        }
    }

    @Test("页面：建刊物（空名 422 保留所填）、新建一期、手工添稿、修改按语、上下移、移出、阅读对象、送审、审批发布；版式预览与 OFD；领导信息专供、手机批示（手写）与乱笔画 422；转督办；加入信息专供；未选中的领导 404")
    func pages() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await Self.editor(app)
            let huang = try await CityFixture.signedIn("huangl", app)
            #expect(try await huang.get("/bulletins").status == .ok)
            let empty = try await huang.post("/bulletins", [("name", " "), ("kind", "special")])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("请填写刊物名称"))
            #expect(try await huang.post("/bulletins", [("name", "江北政务信息"), ("kind", "briefing")]).status == .seeOther)
            let bulletin = try #require(try await Bulletin.query(on: app.db).filter(\.$name == "江北政务信息").first())
            #expect(try await huang.post("/bulletins/\(try bulletin.requireID())/issues").status == .seeOther)
            let issue = try #require(try await BulletinIssue.query(on: app.db).filter(\.$bulletinID == bulletin.requireID()).first())
            let id = try issue.requireID()
            let page = try await huang.get("/bulletin-issues/\(id)")
            #expect(page.status == .ok && page.body.string.contains("readerPeople"))
            let missing = try await huang.post("/bulletin-issues/\(id)/items", [("version", "1"), ("title", "只有标题"), ("body", "")])
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("只有标题"))
            #expect(try await huang.post("/bulletin-issues/\(id)/items", [("version", "1"), ("title", "第一篇"), ("body", "正文一。"), ("sourceUnitName", "市财政局")]).status == .seeOther)
            #expect(try await huang.post("/bulletin-issues/\(id)/items", [("version", "2"), ("title", "第二篇"), ("body", "正文二。")]).status == .seeOther)
            let stale = try await huang.post("/bulletin-issues/\(id)/items", [("version", "2"), ("title", "迟到"), ("body", "正文。")])
            #expect(stale.status == .conflict && stale.body.string.contains("迟到"))
            let items = try await BulletinItem.query(on: app.db).filter(\.$issueID == id).sort(\.$position).all()
            let secondID = try items[1].requireID()
            #expect(try await huang.post("/bulletin-issues/\(id)/items/\(secondID)", [("version", "3"), ("title", "第二篇"), ("body", "正文二。"), ("note", "此文值得一读。")]).status == .seeOther)
            #expect(try await huang.post("/bulletin-issues/\(id)/items/\(secondID)/move", [("version", "4"), ("direction", "up")]).status == .seeOther)
            #expect(try await BulletinItem.find(secondID, on: app.db)?.position == 1)
            #expect(try await huang.post("/bulletin-issues/\(id)/items", [("version", "5"), ("title", "第三篇"), ("body", "正文三。")]).status == .seeOther)
            let third = try #require(try await BulletinItem.query(on: app.db).filter(\.$issueID == id).filter(\.$title == "第三篇").first())
            #expect(try await huang.post("/bulletin-issues/\(id)/items/\(try third.requireID())/remove", [("version", "6")]).status == .seeOther)
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            #expect(try await huang.post("/bulletin-issues/\(id)", [("version", "7"), ("readerPeople[]", chen.uuidString), ("reportTo", "市委"), ("copies", "0")]).status == .unprocessableEntity)
            #expect(try await huang.post("/bulletin-issues/\(id)", [("version", "7"), ("readerPeople[]", chen.uuidString), ("reportTo", "市委"), ("copies", "40")]).status == .seeOther)
            #expect(try await huang.post("/bulletin-issues/\(id)/submit", [("version", "8")]).status == .seeOther)
            let instance = try #require(try await BulletinIssue.find(id, on: app.db)?.instanceID)
            let wang = try await CityFixture.signedIn("wangjg", app)
            let taskPage = try await wang.get("/tasks/\(try await CityFixture.openTask("Approval", in: instance, on: app).requireID())")
            #expect(taskPage.status == .ok && taskPage.body.string.contains("此文值得一读"))
            #expect(try await IncomingTests.complete("wangjg", "Approval", instance: instance, fields: [("outcome", "approve")], app: app).status == .seeOther)
            #expect(try await BulletinIssue.find(id, on: app.db)?.number == 1)

            let print = try await huang.get("/bulletin-issues/\(id)/print")
            #expect(print.status == .ok && print.body.string.contains("江北政务信息") && print.body.string.contains("此文值得一读"))
            #expect(try await huang.get("/bulletin-issues/\(id)/ofd").status == .ok)
            #expect(try await huang.get("/bulletin-issues/\(id)").body.string.contains("未读"))

            // The leader: 信息专供, the issue, a 批示 by hand.
            let chenPages = try await CityFixture.signedIn("chenzq", app)
            let reading = try await chenPages.get("/reading")
            #expect(reading.status == .ok && reading.body.string.contains("江北政务信息") && reading.body.string.contains("tag-new"))
            // The 工作台 of a leader has the 信息专供 block (unread counted); a clerk's has none.
            let desk = try await (try await APIClient.signIn(app, "chenzq")).get("/api/v1/desk")
            let block = try #require(try desk.content.get([DeskBlockData].self, at: "blocks").first { $0.block == .reading })
            #expect(block.count == 1 && block.items.first?.href == "/bulletin-issues/\(id)")
            #expect(try await chenPages.get("/").body.string.contains("data-block=\"reading\""))
            #expect(try await (try await APIClient.signIn(app, "zhaom")).get("/api/v1/desk").content.get([DeskBlockData].self, at: "blocks").contains { $0.block == .reading } == false)
            #expect(try await chenPages.get("/bulletin-issues/\(id)").status == .ok)
            #expect(try await chenPages.get("/reading").body.string.contains("tag-new") == false)
            let form = try await chenPages.get("/bulletin-items/\(secondID)/instruct")
            #expect(form.status == .ok && form.body.string.contains("data-handwriting=\"strokes\""))
            let garbage = try await chenPages.post("/bulletin-items/\(secondID)/instruct", [("text", "保留的文字"), ("strokes", "[[[\"<script>\",1]]]")])
            #expect(garbage.status == .unprocessableEntity && garbage.body.string.contains("保留的文字"))
            #expect(try await chenPages.post("/bulletin-items/\(secondID)/instruct", [("text", ""), ("strokes", "[[[10,10],[40,60]]]")]).status == .seeOther)
            let shown = try await chenPages.get("/bulletin-issues/\(id)")
            #expect(shown.body.string.contains("<path d=\"M10 10 L40 60\""))
            let instruction = try #require(try await BulletinInstruction.query(on: app.db).filter(\.$itemID == secondID).first())
            let liu = try await CityFixture.signedIn("liuwh", app)
            #expect(try await liu.get("/bulletin-issues/\(id)").status == .notFound)
            #expect(try await liu.get("/bulletin-items/\(secondID)/instruct").status == .notFound)
            #expect(try await liu.get("/bulletin-issues/\(id)/print").status == .notFound)

            // 转督办 from the page; 加入信息专供 for 刘文华, who then opens it from his list.
            #expect(try await huang.get("/bulletin-issues/\(id)").status == .ok)
            let deadline = BeijingTime.day(BeijingTime.adding(days: 10, to: Date()))
            let noUnit = try await huang.post("/bulletin-instructions/\(try instruction.requireID())/supervise", [("deadline", deadline)])
            #expect(noUnit.status == .unprocessableEntity && noUnit.body.string.contains("error-box"))
            let ds = try await CityFixture.unit("东山县人民政府", on: app).requireID()
            #expect(try await huang.post("/bulletin-instructions/\(try instruction.requireID())/supervise", [("deadline", deadline), ("leadUnits[]", ds.uuidString)]).status == .seeOther)
            #expect(try await BulletinInstruction.find(instruction.id, on: app.db)?.supervisionItemID != nil)
            #expect(try await huang.get("/reading/add?kind=item&target=\(secondID)").body.string.contains("第二篇"))
            let liuID = try await CityFixture.user("liuwh", on: app).requireID()
            #expect(try await huang.post("/reading/add", [("kind", "item"), ("target", secondID.uuidString), ("leader", UUID().uuidString)]).status == .unprocessableEntity)
            #expect(try await huang.post("/reading/add", [("kind", "item"), ("target", secondID.uuidString), ("leader", liuID.uuidString), ("note", "请刘市长阅")]).status == .seeOther)
            let entry = try #require(try await ReadingListEntry.query(on: app.db).filter(\.$leaderID == liuID).first())
            #expect(try await liu.get("/reading").body.string.contains("请刘市长阅"))
            let opened = try await liu.get("/reading/\(try entry.requireID())")
            #expect(opened.status == .seeOther && opened.headers.first(name: .location)?.contains("/bulletin-issues/\(id)") == true)
            #expect(try await chenPages.get("/reading/\(try entry.requireID())").status == .notFound)
        }
    }
}

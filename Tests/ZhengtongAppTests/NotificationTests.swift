import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

@Suite("消息、催办与逾期", .serialized)
struct NotificationTests {
    @Test("催办带留言：办理人收到消息（铃铛计数、消息页、接口），任务页显示催办记录；点开即已读并转到任务")
    func reminderWithMessage() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            fixture.director.phone = "13900000001"
            try await fixture.director.update(on: app.db)
            let instance = try await fixture.startAtReview(on: app)
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            let taskPath = SiteURL.task.link(try review.requireID())

            let drafter = Browser(app)
            try await drafter.login("huangl")
            #expect(try await drafter.get(taskPath).body.string.contains("催办留言"))
            let sent = try await drafter.post(taskPath + "/remind", [("message", "请今天下班前核稿")])
            #expect(sent.status == .seeOther)

            let director = Browser(app)
            try await director.login("zhangw")
            let home = try await director.get("/").body.string
            #expect(home.contains("<span class=\"badge\">1</span>"))
            let list = try await director.get(SiteURL.notifications.path).body.string
            #expect(list.contains("催办：请尽快办理“核稿”——关于加强安全生产的通知"))
            #expect(list.contains("黄磊催办：请今天下班前核稿"))
            let task = try await director.get(taskPath).body.string
            #expect(task.contains("催办记录") && task.contains("请今天下班前核稿"))

            // The outbox holds one SMS for the director's phone.
            let outbox = try await OutboxMessage.query(on: app.db).all()
            #expect(outbox.map(\.address) == ["13900000001"])
            #expect(outbox.first?.text.hasPrefix("【政通】催办") == true)

            let api = try await APIClient.signIn(app, "zhangw")
            let items = try await api.get("/api/v1/notifications?unread=true")
            #expect(items.status == .ok)
            let json = try items.content.decode(NotificationsController.List.self)
            #expect(json.unread == 1 && json.items.first?.kind == "reminder" && json.items.first?.link == taskPath)
            #expect(json.items.first?.apiURL == "/api/v1" + taskPath)
            let id = try #require(json.items.first?.id)

            // Someone else cannot open or read it.
            let other = Browser(app)
            try await other.login("lina")
            #expect(try await other.post(SiteURL.notificationOpen.link(id)).status == .notFound)
            #expect(try await APIClient.signIn(app, "lina").send(.POST, "/api/v1/notifications/\(id)/read", body: "{}").status == .notFound)

            let opened = try await director.post(SiteURL.notificationOpen.link(id))
            #expect(opened.status == .seeOther && opened.location == taskPath)
            #expect(try await Notifier.unreadCount(of: fixture.director.requireID(), on: app.db) == 0)
            #expect(!(try await director.get("/").body.string.contains("<span class=\"badge\">")))
        }
    }

    @Test("只有上游环节、发起人和流程管理员可以催办；留言过长被拒绝并说明")
    func whoMayChase() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.startAtReview(on: app)
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            let taskPath = SiteURL.task.link(try review.requireID())
            let colleague = Browser(app)
            try await colleague.login("lina")
            #expect(try await colleague.post(taskPath + "/remind", [("message", "x")]).status == .notFound)
            let drafter = Browser(app)
            try await drafter.login("huangl")
            try await drafter.get(taskPath)
            let long = try await drafter.post(taskPath + "/remind", [("message", String(repeating: "催", count: 201))])
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.string.contains("催办留言不能超过 200 字"))
            #expect(try await WorkflowReminderRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("即将到期提醒一次；逾期后办理人和其领导各收到一次消息；逾期事项页列出，普通人员不能查看")
    func deadlines() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            try await makeUser(on: app, unit: fixture.unit, username: "zhaom", name: "赵敏", roles: [.clerk])
            // Started ten days ago, so the 核稿's two working days are past by the real clock the page reads.
            let instance = try await fixture.startAtReview(on: app, at: Date().addingTimeInterval(-10 * 24 * 3600))
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            let due = try #require(review.dueAt)

            try await DeadlineWatch.scan(app: app, at: due.addingTimeInterval(-2 * 24 * 3600))
            #expect(try await NotificationRecord.query(on: app.db).count() == 0)
            for _ in 0..<2 { try await DeadlineWatch.scan(app: app, at: due.addingTimeInterval(-3600)) }
            let soon = try await NotificationRecord.query(on: app.db).all()
            #expect(soon.map(\.kind) == ["dueSoon"] && soon.first?.userID == fixture.director.id)

            for _ in 0..<2 { try await DeadlineWatch.scan(app: app, at: due.addingTimeInterval(26 * 3600)) }
            let overdue = try await NotificationRecord.query(on: app.db).filter(\.$kind == "overdue").all()
            #expect(Set(overdue.compactMap { $0.userID }) == Set([fixture.director.id, fixture.principal.id].compactMap { $0 }))
            #expect(overdue.count == 2)
            #expect(overdue.contains { $0.title == "张伟的“核稿”已逾期——关于加强安全生产的通知" })

            let clerkBrowser = Browser(app)
            try await clerkBrowser.login("zhaom")
            let page = try await clerkBrowser.get(SiteURL.overdue.path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("关于加强安全生产的通知") && page.body.string.contains("张伟") && page.body.string.contains("核稿"))
            #expect(try await clerkBrowser.get(SiteURL.tasks.path).body.string.contains(SiteURL.overdue.path))

            let colleague = Browser(app)
            try await colleague.login("lina")
            #expect(try await colleague.get(SiteURL.overdue.path).status == .forbidden)
            #expect(!(try await colleague.get(SiteURL.tasks.path).body.string.contains(SiteURL.overdue.path)))
        }
    }

    @Test("同一事件对同一人只记一条消息，并发写入也如此")
    func dedupe() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "测试单位")
            let user = try await makeUser(on: app, unit: unit, username: "a", phone: "13900000002")
            let draft = NotificationDraft(kind: .delivery, title: "来文", body: nil, link: "/x", key: "delivery:1")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { try await app.write { db in try await Notifier.send(draft, to: [user.requireID()], on: db) } } }
                try await group.waitForAll()
            }
            #expect(try await NotificationRecord.query(on: app.db).count() == 1)
            #expect(try await OutboxMessage.query(on: app.db).count() == 1)
        }
    }
}

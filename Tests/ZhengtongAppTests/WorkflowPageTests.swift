import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

@Suite("流程页面：工作台计数、待办已办待阅已阅、办理页、流程详情、发起、委托、流程管理")
struct WorkflowPageTests {
    @Test("发起流程后工作台显示待办数；办理页提交意见后进入已办，核稿人看到拟稿意见")
    func startHandleAndLists() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let drafter = Browser(app)
            try await drafter.login("huangl")
            let form = try await drafter.get("/workflow/start")
            #expect(form.body.string.contains("测试审批"))
            let blank = try await drafter.post("/workflow/start", [("process", "testApproval"), ("title", " "), ("note", "保留的说明")])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains(Strings.Workflow.titleRequired))
            #expect(blank.body.string.contains("保留的说明"))
            let started = try await drafter.post("/workflow/start", [("process", "testApproval"), ("title", "关于<年终>考核的请示")])
            #expect(started.status == .seeOther)
            let instancePath = try #require(started.location)
            let instancePage = try await drafter.get(instancePath)
            #expect(instancePage.body.string.contains("关于&lt;年终&gt;考核的请示"))
            #expect(instancePage.body.string.contains("diagram.svg"))

            let home = try await drafter.get("/")
            let todo = DeskTests.block("todo", in: home.body.string)
            #expect(todo.contains(#"data-count="1""#) && todo.contains("关于&lt;年终&gt;考核的请示"))
            let list = try await drafter.get("/tasks")
            #expect(list.body.string.contains("关于&lt;年终&gt;考核的请示"))
            let draft = try await fixture.openTask(of: fixture.drafter, in: try #require(UUID(uuidString: String(instancePath.split(separator: "/").last!))), on: app)
            let taskPage = try await drafter.get("/tasks/\(try draft.requireID())")
            #expect(taskPage.status == .ok)
            #expect(taskPage.body.string.contains(#"action="/tasks/\#(try draft.requireID())/complete""#))
            #expect(!taskPage.body.string.contains("/withdraw\""))
            let tooLong = String(repeating: "长", count: 2001)
            let refused = try await drafter.post("/tasks/\(try draft.requireID())/complete", [("outcome", "approve"), ("opinion", tooLong)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(Strings.Workflow.opinionTooLong))
            let done = try await drafter.post("/tasks/\(try draft.requireID())/complete", [("outcome", "approve"), ("opinion", "请审核")])
            #expect(done.location == "/tasks")
            let doneList = try await drafter.get("/tasks?tab=done")
            #expect(doneList.body.string.contains("请审核"))

            let director = Browser(app)
            try await director.login("zhangw")
            let review = try await fixture.openTask(of: fixture.director, in: draft.$instance.id, on: app)
            let reviewPage = try await director.get("/tasks/\(try review.requireID())")
            #expect(reviewPage.body.string.contains("请审核"))
            #expect(reviewPage.body.string.contains(#"/return""#))
            // The drafter, looking again, can no longer withdraw: the director has opened it.
            let after = try await drafter.get("/tasks/\(try draft.requireID())")
            #expect(!after.body.string.contains("/withdraw\""))
        }
    }

    @Test("页面上的退回要理由，失败时保留输入；并发提交的落后者看到谁已办理")
    func returnAndConflictOnPages() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.startAtReview(on: app)
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            let director = Browser(app)
            try await director.login("zhangw")
            let page = try await director.get("/tasks/\(try review.requireID())")
            let version = try #require(page.body.string.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            let noReason = try await director.post("/tasks/\(try review.requireID())/return", [("to", "Draft"), ("reason", ""), ("version", String(version))])
            #expect(noReason.status == .unprocessableEntity)
            // Someone acts in between (the same director on the phone): the stale page's submission gets 409 and says so.
            _ = try await app.workflow.perform(.complete(task: review.engineID, outcome: nil, opinion: "手机上已同意", variables: [:]), on: instance,
                                               by: fixture.actor(fixture.director))
            let stale = try await director.post("/tasks/\(try review.requireID())/complete", [("opinion", "我的意见"), ("version", String(version))])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("张伟"))
            #expect(stale.body.string.contains("我的意见"))
        }
    }

    @Test("传阅：办理人传阅，阅件人在待阅里看到并标记已阅，进入已阅")
    func circulation() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let draft = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            let drafter = Browser(app)
            try await drafter.login("huangl")
            try await drafter.get("/tasks/\(try draft.requireID())")
            let sent = try await drafter.post("/tasks/\(try draft.requireID())/circulate", [("readers[]", fixture.colleague.id!.uuidString), ("note", "请阅知")])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            let reader = Browser(app)
            try await reader.login("lina")
            let home = try await reader.get("/")
            #expect(home.body.string.contains("unread"))
            let unread = try await reader.get("/tasks?tab=unread")
            #expect(unread.body.string.contains("请阅知"))
            let item = try #require(try await WorkflowCirculationRecord.query(on: app.db).filter(\.$readerID == fixture.colleague.id!).first())
            #expect(try await reader.get("/circulations/\(try item.requireID())").status == .ok)
            #expect(try await reader.post("/circulations/\(try item.requireID())/read", [("comment", "已阅，同意")]).status == .seeOther)
            let read = try await reader.get("/tasks?tab=read")
            #expect(read.body.string.contains("已阅，同意"))
            // The reader may now see the instance; someone else may not.
            #expect(try await reader.get("/workflow/instances/\(instance)").status == .ok)
            let stranger = Browser(app)
            try await makeUser(on: app, unit: fixture.unit, username: "other")
            try await stranger.login("other")
            #expect(try await stranger.get("/workflow/instances/\(instance)").status == .notFound)
            #expect(try await stranger.get("/tasks/\(try draft.requireID())").status == .notFound)
        }
    }

    @Test("委托：设置后新任务交给受托人并注明委托人；结束后恢复")
    func delegation() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let director = Browser(app)
            try await director.login("zhangw")
            let bad = try await director.post("/workflow/delegations", [("deputy", fixture.colleague.id!.uuidString), ("startsAt", "2026-12-02T09:00"),
                                                                        ("endsAt", "2026-12-01T09:00")])
            #expect(bad.status == .unprocessableEntity)
            let now = Date()
            func text(_ date: Date) -> String {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = DisplayFormat.timeZone
                formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
                return formatter.string(from: date)
            }
            let set = try await director.post("/workflow/delegations", [("deputy", fixture.colleague.id!.uuidString),
                                                                        ("startsAt", text(now.addingTimeInterval(-3600))), ("endsAt", text(now.addingTimeInterval(86400)))])
            #expect(set.status == .seeOther)
            let instance = try await fixture.startAtReview(on: app)
            let deputyTask = try await fixture.openTask(of: fixture.colleague, in: instance, on: app)
            #expect(deputyTask.node == "Review")
            #expect(deputyTask.delegatedFrom == fixture.director.id)
            let deputy = Browser(app)
            try await deputy.login("lina")
            #expect(try await deputy.get("/tasks").body.string.contains("张伟"))
            // The person who delegated still sees the instance.
            #expect(try await director.get("/workflow/instances/\(instance)").status == .ok)
            let page = try await director.get("/workflow/delegations")
            let end = try #require(page.body.string.firstMatch(of: /action="(\/workflow\/delegations\/[^"]+\/end)"/)?.1)
            #expect(try await director.post(String(end)).status == .seeOther)
            #expect(try await DelegationRecord.query(on: app.db).filter(\.$endsAt > Date()).count() == 0)
        }
    }

    @Test("流程管理：上传预览、部署、版本、导出、停用；节假日；非管理员 403")
    func administration() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app, deploy: false)
            try await makeUser(on: app, unit: fixture.unit, username: "admin2", roles: [.processAdmin])
            let staff = Browser(app)
            try await staff.login("huangl")
            #expect(try await staff.get("/admin/workflow").status == .forbidden)
            let admin = Browser(app)
            try await admin.login("admin2")
            #expect(try await admin.get("/admin").body.string.contains("/admin/workflow"))
            let preview = try await admin.upload("/admin/workflow/preview", field: "file", filename: "approval.bpmn", content: WorkflowFixture.approval)
            #expect(preview.status == .ok, "\(preview.body.string)")
            #expect(preview.body.string.contains("<svg"))
            #expect(preview.body.string.contains("v1"))
            let broken = try await admin.upload("/admin/workflow/preview", field: "file", filename: "x.bpmn", content: "<definitions/>")
            #expect(broken.status == .unprocessableEntity)
            let deployed = try await admin.post("/admin/workflow/deploy", [("bpmn", WorkflowFixture.approval)])
            #expect(deployed.location == "/admin/workflow")
            let record = try #require(try await WorkflowDefinitionRecord.query(on: app.db).first())
            let detail = try await admin.get("/admin/workflow/definitions/\(try record.requireID())")
            #expect(detail.body.string.contains("测试审批"))
            let exported = try await admin.get("/admin/workflow/definitions/\(try record.requireID())/export")
            #expect(exported.headers.first(name: .contentDisposition)?.contains("testApproval-v1.bpmn") == true)
            #expect(BPMNImport.parse(Data(exported.body.string.utf8)).processes.first?.id == "testApproval")
            #expect(try await admin.get("/admin/workflow/definitions/\(try record.requireID())/diagram.svg").body.string.contains("<svg"))
            #expect(try await admin.post("/admin/workflow/definitions/\(try record.requireID())/status").status == .seeOther)
            #expect(try await WorkflowDefinitionRecord.find(record.id, on: app.db)?.isEnabled == false)
            let blankStart = try await staff.get("/workflow/start")
            #expect(!blankStart.body.string.contains("testApproval"))

            let badDay = try await admin.post("/admin/workflow/calendar", [("day", "2026-13-01"), ("kind", "holiday"), ("name", "国庆节")])
            #expect(badDay.status == .unprocessableEntity)
            #expect(badDay.body.string.contains("国庆节"))
            #expect(try await admin.post("/admin/workflow/calendar", [("day", "2026-10-01"), ("kind", "holiday"), ("name", "国庆节")]).status == .seeOther)
            let calendar = try await WorkingDays.calendar(on: app.db)
            #expect(calendar.holidays.contains(try #require(CalendarDay("2026-10-01"))))
        }
    }
}

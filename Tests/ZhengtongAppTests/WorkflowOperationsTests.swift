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

@Suite("流程操作：认领、转办、加签、催办、收回、挂起与终止、转阅、节假日与死信")
struct WorkflowOperationsTests {
    /// A task any 科员 of the unit may claim (`candidateGroups` from another modeler), then the end.
    static let claimable = """
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="urn:t">
      <process id="pool" name="科员认领" isExecutable="true">
        <startEvent id="S"/><userTask id="Pick" name="办理" camunda:candidateGroups="staff"/><endEvent id="E"/>
        <sequenceFlow id="a" sourceRef="S" targetRef="Pick"/><sequenceFlow id="b" sourceRef="Pick" targetRef="E"/>
      </process>
    </definitions>
    """

    @Test("候选任务：两名科员都能看到，一人认领后另一人看不到；放弃认领后可由页面认领")
    func claimAndUnclaim() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let upload = try await BPMNUpload.read(Data(Self.claimable.utf8), on: app.threadPool)
            _ = try await app.write { db in try await WorkflowDefinitions.deploy(upload, hooks: WorkflowHooks(), by: .system("test"), on: db) }
            let started = try await app.workflow.start(processKey: "pool", title: "认领测试", by: fixture.actor(fixture.director))
            let drafter = try await APIClient.signIn(app, "huangl")
            let colleague = try await APIClient.signIn(app, "lina")
            #expect(try await drafter.get("/api/v1/tasks").content.get(Int.self, at: "total") == 1)
            let task = try await colleague.get("/api/v1/tasks").content.get(UUID.self, at: "items", "0", "id")
            #expect(try await colleague.get("/api/v1/tasks/\(task)").content.get([String].self, at: "actions") == ["claim"])
            #expect(try await colleague.send(.POST, "/api/v1/tasks/\(task)/claim", body: "{}").status == .ok)
            #expect(try await drafter.get("/api/v1/tasks").content.get(Int.self, at: "total") == 0)
            // The other candidate lost the race: 409 naming who holds it now.
            let late = try await drafter.send(.POST, "/api/v1/tasks/\(task)/claim", body: "{}")
            #expect(late.status == .conflict && late.errorCode == "task_claimed")
            #expect(try await colleague.send(.POST, "/api/v1/tasks/\(task)/unclaim", body: "{}").status == .ok)
            let browser = Browser(app)
            try await browser.login("huangl")
            let page = try await browser.get("/tasks/\(task)")
            #expect(page.body.string.contains("/claim\""))
            #expect(try await browser.post("/tasks/\(task)/claim").location == "/tasks/\(task)")
            #expect(try await browser.post("/tasks/\(task)/complete", [("outcome", "approve")]).location == "/tasks")
            #expect(try await WorkflowInstanceRecord.find(started.instanceID, on: app.db)?.status == "completed")
        }
    }

    @Test("页面上的转办、后加签、催办、收回")
    func pageOperations() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let draft = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            let drafter = Browser(app)
            try await drafter.login("huangl")
            try await drafter.get("/tasks/\(try draft.requireID())")
            // 后加签: 李娜 signs after 黄磊, then the step moves on.
            #expect(try await drafter.post("/tasks/\(try draft.requireID())/add-signer", [("signer", fixture.colleague.id!.uuidString), ("position", "after")]).status == .seeOther)
            #expect(try await drafter.post("/tasks/\(try draft.requireID())/complete", [("outcome", "approve")]).status == .seeOther)
            let added = try await fixture.openTask(of: fixture.colleague, in: instance, on: app)
            #expect(added.node == "Draft")
            let colleague = Browser(app)
            try await colleague.login("lina")
            // 转办 to the drafter and back is refused for oneself; to 张伟 it works.
            try await colleague.get("/tasks/\(try added.requireID())")
            let toSelf = try await colleague.post("/tasks/\(try added.requireID())/transfer", [("to", fixture.colleague.id!.uuidString)])
            #expect(toSelf.status == .unprocessableEntity)
            #expect(try await colleague.post("/tasks/\(try added.requireID())/transfer", [("to", fixture.drafter.id!.uuidString)]).status == .seeOther)
            let back = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            #expect(back.id == added.id)
            #expect(try await drafter.post("/tasks/\(try back.requireID())/complete", [("outcome", "approve")]).status == .seeOther)
            // 核稿 waits for 张伟; the initiator reminds him; someone else may not.
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            let reviewPage = try await drafter.get("/tasks/\(try review.requireID())")
            #expect(reviewPage.body.string.contains("/remind\""))
            #expect(try await drafter.post("/tasks/\(try review.requireID())/remind").status == .seeOther)
            #expect(try TaskView.engineTask(try #require(try await WorkflowTaskRecord.find(review.id, on: app.db))).reminders == 1)
            // 李娜 handed her task on: she is no longer involved, and the instance is not hers to see.
            #expect(try await colleague.post("/tasks/\(try review.requireID())/remind").status == .notFound)
            // 收回 from the page while 张伟 has not opened it.
            let withdrawPage = try await drafter.get("/tasks/\(try back.requireID())")
            #expect(withdrawPage.body.string.contains("/withdraw\""))
            #expect(try await drafter.post("/tasks/\(try back.requireID())/withdraw").status == .seeOther)
            #expect(try await fixture.openTask(of: fixture.drafter, in: instance, on: app).node == "Draft")
        }
    }

    @Test("挂起后不能办理（409），恢复后可以；终止后任务取消；旁人不能挂起")
    func suspendResumeTerminate() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let draft = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            let drafter = Browser(app)
            try await drafter.login("huangl")
            let page = try await drafter.get("/workflow/instances/\(instance)")
            #expect(page.body.string.contains("/suspend\""))
            #expect(try await drafter.get("/workflow/instances/\(instance)/diagram.svg").body.string.contains("<svg"))
            #expect(try await drafter.post("/workflow/instances/\(instance)/suspend").status == .seeOther)
            #expect(try await WorkflowInstanceRecord.find(instance, on: app.db)?.status == "suspended")
            let api = try await APIClient.signIn(app, "huangl")
            let refused = try await api.send(.POST, "/api/v1/tasks/\(try draft.requireID())/complete", body: "{}")
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "instance_not_running")
            #expect(try refused.content.get(String.self, at: "error", "message").contains("/ the") == false)
            #expect(try await drafter.post("/workflow/instances/\(instance)/resume").status == .seeOther)
            #expect(try await api.send(.POST, "/api/v1/tasks/\(try draft.requireID())/complete", body: "{}").status == .ok)
            let director = Browser(app)
            try await director.login("zhangw")
            // 张伟 holds a task and sees the instance, but may not steer it.
            #expect(try await director.get("/workflow/instances/\(instance)").status == .ok)
            #expect(try await director.post("/workflow/instances/\(instance)/terminate").status == .forbidden)
            #expect(try await drafter.post("/workflow/instances/\(instance)/terminate").status == .seeOther)
            #expect(try await WorkflowInstanceRecord.find(instance, on: app.db)?.status == "terminated")
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").count() == 0)
            #expect(try await director.get("/tasks").body.string.contains("关于加强安全生产的通知") == false)
        }
    }

    @Test("API 传阅与阅件：列表分页、标记已阅；页面转给他人阅")
    func circulationAPIAndPassOn() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let draft = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let empty = try await drafter.send(.POST, "/api/v1/tasks/\(try draft.requireID())/circulate", body: #"{"readers":[]}"#)
            #expect(empty.status == .unprocessableEntity)
            let body = #"{"readers":["\#(fixture.colleague.id!.uuidString)","\#(fixture.director.id!.uuidString)"],"ordered":true,"note":"请阅"}"#
            #expect(try await drafter.send(.POST, "/api/v1/tasks/\(try draft.requireID())/circulate", body: body).status == .ok)
            let colleague = try await APIClient.signIn(app, "lina")
            let director = try await APIClient.signIn(app, "zhangw")
            // Ordered: 张伟 gets it only after 李娜 has read it.
            #expect(try await director.get("/api/v1/circulations").content.get(Int.self, at: "total") == 0)
            let unread = try await colleague.get("/api/v1/circulations?status=unread")
            #expect(try unread.content.get(String.self, at: "items", "0", "note") == "请阅")
            let item = try unread.content.get(UUID.self, at: "items", "0", "id")
            #expect(try await colleague.send(.POST, "/api/v1/circulations/\(item)/read", body: #"{"comment":"阅"}"#).status == .ok)
            #expect(try await colleague.get("/api/v1/circulations?status=read").content.get(String.self, at: "items", "0", "comment") == "阅")
            #expect(try await colleague.get("/api/v1/circulations?status=later").errorCode == "validation_failed")
            #expect(try await director.get("/api/v1/circulations").content.get(Int.self, at: "total") == 1)
            // 张伟 passes it on to 王建国 from the page.
            let page = Browser(app)
            try await page.login("zhangw")
            let next = try await director.get("/api/v1/circulations").content.get(UUID.self, at: "items", "0", "id")
            #expect(try await page.get("/circulations/\(next)").body.string.contains("/pass-on\""))
            #expect(try await page.post("/circulations/\(next)/pass-on", [("to", fixture.principal.id!.uuidString)]).status == .seeOther)
            let principal = try await APIClient.signIn(app, "wangjg")
            #expect(try await principal.get("/api/v1/circulations").content.get(Int.self, at: "total") == 1)
            // A non-holder may not circulate.
            #expect(try await colleague.send(.POST, "/api/v1/tasks/\(try draft.requireID())/circulate", body: body).status == .forbidden)
        }
    }

    @Test("管理页：删除节假日；重试死信任务")
    func calendarAndDeadJobs() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app, deploy: false)
            try await makeUser(on: app, unit: fixture.unit, username: "admin2", roles: [.processAdmin])
            let admin = Browser(app)
            try await admin.login("admin2")
            #expect(try await admin.post("/admin/workflow/calendar", [("day", "2026-10-10"), ("kind", "workday"), ("name", "国庆调休")]).status == .seeOther)
            let day = try #require(try await CalendarDayRecord.query(on: app.db).first())
            #expect(try await WorkingDays.calendar(on: app.db).adjustedWorkingDays.contains(try #require(CalendarDay("2026-10-10"))))
            let page = try await admin.get("/admin/workflow")
            #expect(page.body.string.contains("国庆调休"))
            #expect(try await admin.post("/admin/workflow/calendar/\(try day.requireID())/delete").status == .seeOther)
            #expect(try await CalendarDayRecord.query(on: app.db).count() == 0)

            let now = Date()
            try await app.write { db in try await JobQueue.schedule(kind: "nonexistent", key: "dead-one", payload: "", at: now, maxAttempts: 1, on: db) }
            #expect(try await JobWorker(app: app, name: "test").runDue(at: now) == 1)
            let job = try #require(try await JobRecord.query(on: app.db).filter(\.$key == "dead-one").first())
            #expect(job.state == "dead")
            #expect(try await admin.get("/admin/workflow").body.string.contains("dead-one"))
            #expect(try await admin.post("/admin/workflow/jobs/\(try job.requireID())/retry").status == .seeOther)
            #expect(try await JobRecord.find(job.id, on: app.db)?.state == "pending")
        }
    }
}

@Suite("流程 API：挂起、恢复、终止")
struct WorkflowSteeringAPITests {
    @Test("发起人可挂起、恢复、终止；办理人不能（403）；旁人看不到（404）")
    func steerThroughAPI() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.startAtReview(on: app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let director = try await APIClient.signIn(app, "zhangw")
            let stranger = try await APIClient.signIn(app, "wangjg")
            #expect(try await director.send(.POST, "/api/v1/workflow/instances/\(instance)/suspend", body: "{}").status == .forbidden)
            #expect(try await stranger.send(.POST, "/api/v1/workflow/instances/\(instance)/suspend", body: "{}").status == .notFound)
            let suspended = try await drafter.send(.POST, "/api/v1/workflow/instances/\(instance)/suspend", body: "{}")
            #expect(try suspended.content.get(String.self, at: "status") == "suspended")
            #expect(try await drafter.send(.POST, "/api/v1/workflow/instances/\(instance)/suspend", body: "{}").errorCode == "instance_not_running")
            #expect(try await drafter.send(.POST, "/api/v1/workflow/instances/\(instance)/resume", body: "{}").content.get(String.self, at: "status") == "running")
            #expect(try await drafter.send(.POST, "/api/v1/workflow/instances/\(instance)/terminate", body: "{}").content.get(String.self, at: "status") == "terminated")
            #expect(try await director.get("/api/v1/tasks").content.get(Int.self, at: "total") == 0)
        }
    }
}

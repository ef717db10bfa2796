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

@Suite("流程 API：待办、办理、并发、幂等、退回、收回、定时器")
struct WorkflowAPITests {
    @Test("发起后拟稿人有待办；提交后核稿人收到带期限的待办，拟稿人的已办里有它")
    func startAndComplete() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let open = try await drafter.get("/api/v1/tasks?status=open")
            #expect(open.status == .ok)
            #expect(try open.content.get(Int.self, at: "total") == 1)
            #expect(try open.content.get(String.self, at: "items", "0", "name") == "拟稿")
            #expect(try open.content.get(String.self, at: "items", "0", "title") == "关于加强安全生产的通知")
            let taskID = try open.content.get(UUID.self, at: "items", "0", "id")
            let detail = try await drafter.get("/api/v1/tasks/\(taskID)")
            #expect(try detail.content.get([String].self, at: "actions").contains("complete"))

            let done = try await drafter.send(.POST, "/api/v1/tasks/\(taskID)/complete", body: #"{"opinion":"请核稿"}"#)
            #expect(done.status == .ok, "\(done.body.string)")
            #expect(try done.content.get(String.self, at: "status") == "running")
            let director = try await APIClient.signIn(app, "zhangw")
            let review = try await director.get("/api/v1/tasks?status=open")
            #expect(try review.content.get(String.self, at: "items", "0", "name") == "核稿")
            #expect(try review.content.get(String.self, at: "items", "0", "initiator", "name") == "黄磊")
            #expect((try? review.content.get(String.self, at: "items", "0", "dueAt")) != nil)
            let history = try await drafter.get("/api/v1/tasks?status=done")
            #expect(try history.content.get(String.self, at: "items", "0", "opinion") == "请核稿")
            #expect(try await drafter.get("/api/v1/tasks?status=open").content.get(Int.self, at: "total") == 0)
            #expect(try await drafter.get("/api/v1/tasks?status=later").errorCode == "validation_failed")
            _ = instance
        }
    }

    @Test("两人同时提交同一任务：一个成功，另一个得到 409 和当前状态；只生成一个签发任务")
    func concurrentCompletion() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.startAtReview(on: app)
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            let first = try await APIClient.signIn(app, "zhangw")
            let second = try await APIClient.signIn(app, "zhangw")
            async let a = first.send(.POST, "/api/v1/tasks/\(review.requireID())/complete", body: #"{"opinion":"同意"}"#)
            async let b = second.send(.POST, "/api/v1/tasks/\(review.requireID())/complete", body: #"{"opinion":"同意。"}"#)
            let statuses = try await [a.status, b.status]
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            let loser = try await [a, b].first { $0.status == .conflict }
            #expect(loser?.errorCode == "conflict")
            #expect((try? loser?.content.get(String.self, at: "error", "fields", "task_state")) == "completed")
            let signs = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == "Sign").count()
            #expect(signs == 1)
        }
    }

    @Test("同一请求编号重试：返回第一次的结果，不重复办理")
    func idempotentRetry() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let draft = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            let client = try await APIClient.signIn(app, "huangl")
            let headers: HTTPHeaders = ["Idempotency-Key": "retry-1"]
            let first = try await client.send(.POST, "/api/v1/tasks/\(draft.requireID())/complete", body: "{}", headers: headers)
            let again = try await client.send(.POST, "/api/v1/tasks/\(draft.requireID())/complete", body: "{}", headers: headers)
            #expect(first.status == .ok)
            #expect(again.status == .ok)
            #expect(try again.content.get(Bool.self, at: "replayed") == true)
            #expect(try again.content.get([UUID].self, at: "createdTasks") == first.content.get([UUID].self, at: "createdTasks"))
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$node == "Review").count() == 1)
            // Without the key, a second completion is refused: the task is done.
            let late = try await client.send(.POST, "/api/v1/tasks/\(draft.requireID())/complete", body: "{}")
            #expect(late.status == .conflict)
            // A stale version is refused before anything runs.
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            let director = try await APIClient.signIn(app, "zhangw")
            let stale = try await director.send(.POST, "/api/v1/tasks/\(review.requireID())/complete", body: #"{"version":1}"#)
            #expect(stale.status == .conflict)
        }
    }

    @Test("退回须有理由，回到上一步的原办理人；收回只在下一步未打开前")
    func returnAndWithdraw() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let director = try await APIClient.signIn(app, "zhangw")
            let draft = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            #expect(try await drafter.send(.POST, "/api/v1/tasks/\(draft.requireID())/complete", body: "{}").status == .ok)
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            let noReason = try await director.send(.POST, "/api/v1/tasks/\(review.requireID())/return", body: #"{"reason":"  "}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.errorCode == "validation_failed")
            let returned = try await director.send(.POST, "/api/v1/tasks/\(review.requireID())/return", body: #"{"reason":"请补充依据"}"#)
            #expect(returned.status == .ok, "\(returned.body.string)")
            let again = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            #expect(again.node == "Draft")
            #expect(try await WorkflowTaskRecord.find(review.id, on: app.db)?.state == "returned")

            // The drafter sends it on again and takes it back before the director opens it.
            #expect(try await drafter.send(.POST, "/api/v1/tasks/\(again.requireID())/complete", body: "{}").status == .ok)
            let withdrawn = try await drafter.send(.POST, "/api/v1/tasks/\(again.requireID())/withdraw", body: "{}")
            #expect(withdrawn.status == .ok, "\(withdrawn.body.string)")
            let third = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            #expect(try await drafter.send(.POST, "/api/v1/tasks/\(third.requireID())/complete", body: "{}").status == .ok)
            // Once the director has opened the task, it can no longer be withdrawn.
            let opened = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            #expect(try await director.get("/api/v1/tasks/\(opened.requireID())").status == .ok)
            let refused = try await drafter.send(.POST, "/api/v1/tasks/\(third.requireID())/withdraw", body: "{}")
            #expect(refused.errorCode == "withdraw_not_allowed")
        }
    }

    @Test("转办、加签（之前）；旁人看不到也办不了别人的任务")
    func transferAddSignerAndScope() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let colleague = try await APIClient.signIn(app, "lina")
            let draft = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            #expect(try await colleague.get("/api/v1/tasks/\(draft.requireID())").status == .notFound)
            #expect(try await colleague.send(.POST, "/api/v1/tasks/\(draft.requireID())/complete", body: "{}").status == .notFound)
            #expect(try await colleague.get("/api/v1/workflow/instances/\(instance)").status == .notFound)

            let added = try await drafter.send(.POST, "/api/v1/tasks/\(draft.requireID())/add-signer",
                                               body: #"{"signer":"\#(fixture.colleague.id!.uuidString)","position":"before"}"#)
            #expect(added.status == .ok, "\(added.body.string)")
            let held = try await drafter.get("/api/v1/tasks/\(draft.requireID())")
            #expect(try held.content.get([String].self, at: "actions").contains("complete") == false)
            let signerTask = try await fixture.openTask(of: fixture.colleague, in: instance, on: app)
            #expect(try await colleague.send(.POST, "/api/v1/tasks/\(signerTask.requireID())/complete", body: #"{"opinion":"已看"}"#).status == .ok)
            let transfer = try await drafter.send(.POST, "/api/v1/tasks/\(draft.requireID())/transfer",
                                                  body: #"{"to":"\#(fixture.colleague.id!.uuidString)"}"#)
            #expect(transfer.status == .ok, "\(transfer.body.string)")
            #expect(try await fixture.openTask(of: fixture.colleague, in: instance, on: app).node == "Draft")
            let unknown = try await colleague.send(.POST, "/api/v1/tasks/\(draft.requireID())/transfer", body: #"{"to":"\#(UUID().uuidString)"}"#)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.errorCode == "person_not_allowed")
        }
    }

    @Test("核稿超过两个工作日自动催办：周五收到，周日不催，周二催办")
    func workingDayReminder() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            // Friday 2026-11-20 10:00 Beijing time.
            let friday = try #require(ISO8601DateFormatter().date(from: "2026-11-20T02:00:00Z"))
            let instance = try await fixture.startAtReview(on: app, at: friday)
            let job = try #require(try await JobRecord.query(on: app.db).filter(\.$key == WorkflowTimers.key(instance)).first())
            #expect(abs(job.runAt.timeIntervalSince(friday) - 4 * 86400) < 0.01)
            let worker = JobWorker(app: app, name: "test")
            #expect(try await worker.runDue(at: friday.addingTimeInterval(2 * 86400)) == 0)
            #expect(try await worker.runDue(at: friday.addingTimeInterval(4 * 86400)) == 1)
            let review = try await fixture.openTask(of: fixture.director, in: instance, on: app)
            #expect(try TaskView.engineTask(review).reminders == 1)
            #expect(try await JobRecord.query(on: app.db).filter(\.$key == WorkflowTimers.key(instance)).first() == nil)
        }
    }

    @Test("失败的后台任务按退避重试，超过次数成为死信")
    func deadLetter() async throws {
        try await withApp { app in
            let now = Date()
            try await app.write { db in
                try await JobQueue.schedule(kind: "nonexistent", key: "broken", payload: "", at: now, maxAttempts: 2, on: db)
            }
            let worker = JobWorker(app: app, name: "test")
            #expect(try await worker.runDue(at: now) == 1)
            var job = try #require(try await JobRecord.query(on: app.db).filter(\.$key == "broken").first())
            #expect(job.state == "pending")
            #expect(abs(job.runAt.timeIntervalSince(now) - 30) < 0.01)
            #expect(try await worker.runDue(at: now.addingTimeInterval(10)) == 0)
            #expect(try await worker.runDue(at: now.addingTimeInterval(31)) == 1)
            job = try #require(try await JobRecord.query(on: app.db).filter(\.$key == "broken").first())
            #expect(job.state == "dead")
            #expect(job.lastError?.contains("nonexistent") == true)
        }
    }

    @Test("流程实例 API：状态、历史、流程图链接；部署需流程管理权限，错误模型列出问题")
    func instanceAndDeploy() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            let instance = try await fixture.start(on: app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let detail = try await drafter.get("/api/v1/workflow/instances/\(instance)")
            #expect(detail.status == .ok)
            #expect(try detail.content.get([String].self, at: "currentSteps") == ["Draft"])
            #expect(try detail.content.get(String.self, at: "history", "0", "event", "event") == "processStarted")
            let svg = try await drafter.get(try detail.content.get(String.self, at: "diagramURL"))
            #expect(svg.headers.contentType?.subType == "svg+xml")
            #expect(svg.body.string.contains("核稿"))

            let refused = try await drafter.send(.POST, "/api/v1/workflow/definitions", body: WorkflowFixture.approval, contentType: .xml)
            #expect(refused.status == .forbidden)
            try await makeUser(on: app, unit: fixture.unit, username: "admin2", roles: [.processAdmin])
            let admin = try await APIClient.signIn(app, "admin2")
            let same = try await admin.send(.POST, "/api/v1/workflow/definitions", body: WorkflowFixture.approval, contentType: .xml)
            #expect(same.status == .ok)
            #expect(try same.content.get([String].self, at: "deployed").isEmpty)
            let changed = WorkflowFixture.approval.replacingOccurrences(of: "测试审批", with: "测试审批（二）")
            let second = try await admin.send(.POST, "/api/v1/workflow/definitions", body: changed, contentType: .xml)
            #expect(second.status == .created)
            #expect(try second.content.get(Int.self, at: "deployed", "0", "version") == 2)
            let script = WorkflowFixture.approval.replacingOccurrences(of: "<serviceTask id=\"Remind\" name=\"催办\" zt:hook=\"remind\"/>",
                                                                      with: "<scriptTask id=\"Remind\"/>")
            let bad = try await admin.send(.POST, "/api/v1/workflow/definitions", body: script, contentType: .xml)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.errorCode == "model_invalid")
            #expect(try bad.content.get(String.self, at: "error", "message").contains("Remind"))
            // The running instance keeps version 1.
            #expect(try await drafter.get("/api/v1/workflow/instances/\(instance)").content.get(Int.self, at: "definitionVersion") == 1)
        }
    }
}

import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

/// Models for the events tests: a 请示 opened by a 立项 message that waits for its 批复 by case number, and a
/// 转报 that sends the 批复 on from a send task.
enum EventModels {
    static let reply = """
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zt="urn:zhengtong:bpmn:1" id="D" targetNamespace="urn:t">
      <message id="M_Open" name="立项"/>
      <message id="M_Reply" name="批复"/>
      <message id="M_Forward" name="转报"/>
      <process id="caseReply" name="请示待批复" isExecutable="true">
        <startEvent id="Start" zt:correlationKey="caseNo"><messageEventDefinition messageRef="M_Open"/></startEvent>
        <userTask id="Ask" name="报送请示" zt:assign="initiator"/>
        <receiveTask id="Wait" name="等待批复" messageRef="M_Reply" zt:correlationKey="caseNo"/>
        <userTask id="Handle" name="落实批复" zt:assign="initiator"/>
        <endEvent id="End"/>
        <sequenceFlow id="f1" sourceRef="Start" targetRef="Ask"/>
        <sequenceFlow id="f2" sourceRef="Ask" targetRef="Wait"/>
        <sequenceFlow id="f3" sourceRef="Wait" targetRef="Handle"/>
        <sequenceFlow id="f4" sourceRef="Handle" targetRef="End"/>
      </process>
      <process id="caseForward" name="转报批复" isExecutable="true">
        <startEvent id="FStart" zt:correlationKey="caseNo"><messageEventDefinition messageRef="M_Forward"/></startEvent>
        <sendTask id="Send" name="转发批复" messageRef="M_Reply" zt:correlationKey="caseNo" zt:payload="opinion"/>
        <endEvent id="FEnd"/>
        <sequenceFlow id="g1" sourceRef="FStart" targetRef="Send"/>
        <sequenceFlow id="g2" sourceRef="Send" targetRef="FEnd"/>
      </process>
    </definitions>
    """

    /// Started by hand, waits (with no key) for any 收文登记, then 跟踪.
    static let incomingWatch = """
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zt="urn:zhengtong:bpmn:1" id="D" targetNamespace="urn:t">
      <message id="M_Registered" name="收文登记"/>
      <process id="incomingWatch" name="来文跟踪" isExecutable="true">
        <startEvent id="Start"/>
        <intermediateCatchEvent id="Registered" name="来文登记"><messageEventDefinition messageRef="M_Registered"/></intermediateCatchEvent>
        <userTask id="Follow" name="跟踪办理" zt:assign="initiator"/>
        <endEvent id="End"/>
        <sequenceFlow id="f1" sourceRef="Start" targetRef="Registered"/>
        <sequenceFlow id="f2" sourceRef="Registered" targetRef="Follow"/>
        <sequenceFlow id="f3" sourceRef="Follow" targetRef="End"/>
      </process>
    </definitions>
    """

    /// Deploys `model` as `user` (nil: the system), returning the versions added.
    @discardableResult
    static func deploy(_ model: String, by user: User?, on app: Application) async throws -> [WorkflowDefinitionRecord] {
        let upload = try await BPMNUpload.read(Data(model.utf8), on: app.threadPool)
        let actor = user.map { AuditActor(userID: $0.id, username: $0.username, unitID: $0.$unit.id, clientAddress: "test") } ?? .system("test")
        return try await app.write { db in try await WorkflowDefinitions.deploy(upload, hooks: WorkflowHooks(), by: actor, on: db) }
    }

    static func instances(of process: String, on app: Application) async throws -> [WorkflowInstanceRecord] {
        try await WorkflowInstanceRecord.query(on: app.db).filter(\.$processKey == process).sort(\.$startedAt).all()
    }

    static func history(_ instance: UUID, on app: Application) async throws -> [String] {
        try await WorkflowHistoryRecord.query(on: app.db).filter(\.$instance.$id == instance).sort(\.$seq).all().map(\.event)
    }
}

@Suite("流程消息：按名称和关联键送达等待的流程、由消息发起、转发、收文登记")
struct WorkflowMessageTests {
    @Test("立项消息发起请示；批复按关联键送达等待的实例，流程继续，内容成为流程数据；错误的关联键 404，版本不符 409，重试只办一次")
    func deliverThroughAPI() async throws {
        try await withApp { app in
            // given
            let fixture = try await WorkflowFixture.make(on: app)
            try await EventModels.deploy(EventModels.reply, by: nil, on: app)
            let drafter = try await APIClient.signIn(app, "huangl")
            let stranger = try await APIClient.signIn(app, "wangjg")

            // when: 立项 starts the 请示 for the caller
            let opened = try await drafter.send(.POST, "/api/v1/workflow/messages", body: #"{"name":"立项","correlationKey":"Q-1"}"#)
            #expect(opened.status == .created, "\(opened.body.string)")
            #expect(try opened.content.get(String.self, at: "command") == "start-by-message")
            let instance = try opened.content.get(UUID.self, at: "instanceID")
            let ask = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            #expect(ask.node == "Ask")
            // nothing waits for a 批复 before the 请示 is sent
            let early = try await drafter.send(.POST, "/api/v1/workflow/messages", body: #"{"name":"批复","correlationKey":"Q-1"}"#)
            #expect(early.status == .notFound && early.errorCode == "message_no_receiver")
            _ = try await app.workflow.perform(.complete(task: ask.engineID, outcome: nil, opinion: nil, variables: [:]), on: instance,
                                               by: fixture.actor(fixture.drafter))
            let waiting = try await WorkflowMessageSubscriptionRecord.query(on: app.db).all()
            #expect(waiting.map(\.correlationKey) == ["Q-1"] && waiting.map(\.message) == ["批复"])
            let version = try #require(try await WorkflowInstanceRecord.find(instance, on: app.db)).version

            // then: a wrong key, someone who cannot see it, a stale version are refused, and nothing moved
            let wrongKey = try await drafter.send(.POST, "/api/v1/workflow/messages", body: #"{"name":"批复","correlationKey":"Q-2"}"#)
            #expect(wrongKey.status == .notFound && wrongKey.errorCode == "message_no_receiver")
            #expect(try await stranger.send(.POST, "/api/v1/workflow/messages", body: #"{"name":"批复","correlationKey":"Q-1"}"#).status == .notFound)
            let stale = try await drafter.send(.POST, "/api/v1/workflow/messages",
                                               body: #"{"name":"批复","correlationKey":"Q-1","expectedVersion":\#(version - 1)}"#)
            #expect(stale.status == .conflict && stale.errorCode == "conflict")
            let bad = try await drafter.send(.POST, "/api/v1/workflow/messages", body: #"{"name":"批复","correlationKey":"Q-1","payload":{"x":[1]}}"#)
            #expect(bad.status == .badRequest || bad.status == .unprocessableEntity)
            #expect(try await WorkflowInstanceRecord.find(instance, on: app.db)?.version == version)

            // when: the 批复 with its key
            let body = #"{"name":"批复","correlationKey":"Q-1","payload":{"批复意见":"同意"},"messageId":"pf-1","expectedVersion":\#(version)}"#
            let key: HTTPHeaders = ["Idempotency-Key": "reply-1"]
            let delivered = try await drafter.send(.POST, "/api/v1/workflow/messages", body: body, headers: key)
            #expect(delivered.status == .ok, "\(delivered.body.string)")
            #expect(try delivered.content.get(UUID.self, at: "instanceID") == instance)
            #expect(try delivered.content.get(Int.self, at: "version") == version + 1)
            let replay = try await drafter.send(.POST, "/api/v1/workflow/messages", body: body, headers: key)
            #expect(try replay.content.get(Bool.self, at: "replayed") && replay.content.get(Int.self, at: "version") == version + 1)

            // then: the 请示 goes on to 落实批复 with the opinion, waits for nothing, and the delivery is audited
            #expect(try await fixture.openTask(of: fixture.drafter, in: instance, on: app).node == "Handle")
            let detail = try await drafter.get("/api/v1/workflow/instances/\(instance)")
            #expect(try detail.content.get(String.self, at: "variables", "批复意见") == "同意")
            #expect(try detail.content.get(String.self, at: "variables", "caseNo") == "Q-1")
            #expect(try await WorkflowMessageSubscriptionRecord.query(on: app.db).count() == 0)
            #expect(try await WorkflowInstanceRecord.find(instance, on: app.db)?.version == version + 1)
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "workflow.deliver-message").first())
            #expect(audit.targetID == instance.uuidString && audit.after.contains("批复"))
            let page = try await CityBrowser.signedIn("huangl", app).get("/workflow/instances/\(instance)")
            #expect(page.body.string.contains("「等待批复」 收到消息「批复」（关联键 Q-1）"))
            // a second 批复 finds nobody
            let again = try await drafter.send(.POST, "/api/v1/workflow/messages", body: #"{"name":"批复","correlationKey":"Q-1"}"#)
            #expect(again.status == .notFound)
        }
    }

    @Test("只有能推进实例的人可以送达：发起人和流程管理员可以，看得到但不办理的人 403")
    func whoMayDeliver() async throws {
        try await withApp { app in
            // given: a 请示 waiting for its 批复, whose 报送请示 the colleague was sent to read
            let fixture = try await WorkflowFixture.make(on: app)
            try await EventModels.deploy(EventModels.reply, by: nil, on: app)
            let started = try await app.workflow.deliver(WorkflowMessage(name: "立项", correlationKey: "Q-5"), by: fixture.actor(fixture.drafter),
                                                         access: nil)
            let instance = started.instanceID
            let ask = try await fixture.openTask(of: fixture.drafter, in: instance, on: app)
            _ = try await app.workflow.perform(.circulate(readers: [try fixture.colleague.requireID().uuidString], ordered: false, fromTask: ask.engineID,
                                                          note: nil), on: instance, by: fixture.actor(fixture.drafter))
            _ = try await app.workflow.perform(.complete(task: ask.engineID, outcome: nil, opinion: nil, variables: [:]), on: instance,
                                               by: fixture.actor(fixture.drafter))
            try await makeUser(on: app, unit: fixture.unit, username: "liuy", roles: [.processAdmin])
            let body = #"{"name":"批复","correlationKey":"Q-5"}"#

            // when / then: the reader sees the 请示 but may not answer for it
            let reader = try await APIClient.signIn(app, "lina")
            #expect(try await reader.get("/api/v1/workflow/instances/\(instance)").status == .ok)
            let refused = try await reader.send(.POST, "/api/v1/workflow/messages", body: body)
            #expect(refused.status == .forbidden, "\(refused.body.string)")
            // the unit's process administrator may
            let admin = try await APIClient.signIn(app, "liuy")
            let delivered = try await admin.send(.POST, "/api/v1/workflow/messages", body: body)
            #expect(delivered.status == .ok, "\(delivered.body.string)")
            #expect(try await fixture.openTask(of: fixture.drafter, in: instance, on: app).node == "Handle")
        }
    }

    @Test("发送任务的消息在同一事务中送达等待的实例；无人等待时记入发送实例的历史，不会悄悄丢失")
    func sentMessagesAreRelayed() async throws {
        try await withApp { app in
            // given: a 请示 waiting for the 批复 of Q-7
            let fixture = try await WorkflowFixture.make(on: app)
            try await EventModels.deploy(EventModels.reply, by: nil, on: app)
            let drafter = fixture.actor(fixture.drafter)
            let waiting = try await app.workflow.deliver(WorkflowMessage(name: "立项", correlationKey: "Q-7"), by: drafter, access: nil).instanceID
            let ask = try await fixture.openTask(of: fixture.drafter, in: waiting, on: app)
            _ = try await app.workflow.perform(.complete(task: ask.engineID, outcome: nil, opinion: nil, variables: [:]), on: waiting, by: drafter)

            // when: 转报 for Q-7 and for Q-8, which nobody waits for
            let forward = try await app.workflow.deliver(WorkflowMessage(name: "转报", correlationKey: "Q-7", payload: ["opinion": "原则同意"]),
                                                         by: drafter, access: nil)
            let lost = try await app.workflow.deliver(WorkflowMessage(name: "转报", correlationKey: "Q-8", payload: ["opinion": "同意"]),
                                                      by: drafter, access: nil)

            // then: the 请示 has its 批复 with the opinion; the sender's history says where it went, or that nobody waited
            #expect(try await fixture.openTask(of: fixture.drafter, in: waiting, on: app).node == "Handle")
            let state = try WorkflowState.decode(try #require(try await WorkflowInstanceRecord.find(waiting, on: app.db)).state)
            #expect(state.variables["opinion"] == .string("原则同意"))
            #expect(try await EventModels.history(forward.instanceID, on: app).contains("messageDelivered"))
            #expect(try await EventModels.history(lost.instanceID, on: app).contains("messageUndelivered"))
            #expect(try await WorkflowInstanceRecord.find(lost.instanceID, on: app.db)?.status == "completed")
            let detail = try await APIClient.signIn(app, "huangl").get("/api/v1/workflow/instances/\(lost.instanceID)")
            let events = try detail.content.get([WorkflowAPIController.InstanceDetail.Event].self, at: "history").map { $0.event }
            #expect(events.contains { $0["event"] == "messageUndelivered" && $0["correlationKey"] == "Q-8" })
            let page = try await CityBrowser.signedIn("huangl", app).get("/workflow/instances/\(lost.instanceID)")
            #expect(page.body.string.contains("「转发批复」 发出消息「批复」（关联键 Q-8）"))
            #expect(page.body.string.contains("消息「批复」（关联键 Q-8） 无人等待，未送达"))
            let delivered = try await CityBrowser.signedIn("huangl", app).get("/workflow/instances/\(forward.instanceID)")
            #expect(delivered.body.string.contains("消息「批复」已送达「请示待批复」"))
        }
    }

    @Test("收文登记时向等待它的流程送达「收文登记」消息；没有流程等待时登记照常")
    func incomingRegistrationDelivers() async throws {
        try await withApp { app in
            // given: the city, and a registration while nothing waits
            try await CityFixture.make(on: app)
            let clerk = try await CityFixture.user("guoyn", on: app)
            let api = try await APIClient.signIn(app, "guoyn")
            let first = try await api.send(.POST, "/api/v1/incoming", body: #"{"senderName":"县气象局","title":"关于寒潮天气的情况通报","source":"mail"}"#)
            #expect(first.status == .created, "\(first.body.string)")
            try await EventModels.deploy(EventModels.incomingWatch, by: clerk, on: app)
            let actor = WorkflowService.Actor(userID: clerk.id, audit: .system("test"))
            let watch = try await app.workflow.start(processKey: "incomingWatch", title: "跟踪来文", by: actor).instanceID
            #expect(try await WorkflowMessageSubscriptionRecord.query(on: app.db).filter(\.$instance.$id == watch).count() == 1)

            // when
            let second = try await api.send(.POST, "/api/v1/incoming", body: #"{"senderName":"县水利局","title":"关于汛期值班的通知","source":"mail"}"#)

            // then: the registration stands, and the waiting instance moved on with the document's id and number
            #expect(second.status == .created, "\(second.body.string)")
            let document = try #require(try await IncomingDocument.query(on: app.db).filter(\.$title == "关于汛期值班的通知").first())
            let state = try WorkflowState.decode(try #require(try await WorkflowInstanceRecord.find(watch, on: app.db)).state)
            #expect(state.variables["incomingId"] == .string(try document.requireID().uuidString))
            #expect(state.variables["registrationNumber"] == .string(document.registrationNumber))
            #expect(try await CityFixture.openTask("Follow", in: watch, on: app).assigneeID == clerk.id)
        }
    }

    @Test("workflow simulate --message：名称、关联键和 JSON 内容；写错时不接受")
    func simulateMessageOption() {
        #expect(WorkflowSimulateCommand.message(#"批复:42={"批复意见":"同意","n":1}"#)
                == WorkflowMessage(name: "批复", correlationKey: "42", payload: ["批复意见": "同意", "n": 1]))
        #expect(WorkflowSimulateCommand.message("立项") == WorkflowMessage(name: "立项"))
        #expect(WorkflowSimulateCommand.message("批复:a:b") == WorkflowMessage(name: "批复", correlationKey: "a:b"))
        #expect(WorkflowSimulateCommand.message("批复=[1]") == nil)
        #expect(WorkflowSimulateCommand.message(":42") == nil)
    }

    @Test("EventError 映射为稳定的错误码和中文说明，不是 500")
    func eventErrorsMapped() {
        let notWaiting = AppError(EventError.notWaiting(message: "批复"))
        #expect(notWaiting.status == .conflict && notWaiting.code == "message_not_waiting" && notWaiting.message.contains("批复"))
        let mismatch = AppError(EventError.correlationMismatch(message: "批复", key: "1", expected: ["2"]))
        #expect(mismatch.status == .conflict && mismatch.code == "correlation_mismatch" && !mismatch.message.contains("/"))
        #expect(AppError(EventError.noMessageStart(message: "x", process: "p")).status == .unprocessableEntity)
        #expect(AppError(EventError.correlationKeyFailed(activity: "a", message: "m")).code == "workflow_error")
        #expect(AppError(EventError.notATimerStart(node: "n", process: "p")).status == .unprocessableEntity)
    }
}

/// A signed-in page client for the instance pages.
enum CityBrowser {
    static func signedIn(_ username: String, _ app: Application) async throws -> Browser {
        let browser = Browser(app)
        try await browser.login(username)
        return browser
    }
}

@Suite("迁移 M0025：可回退")
struct WorkflowEventMigrationTests {
    @Test("M0025 回退后表不存在，再执行后可用")
    func revertAndRedo() async throws {
        try await withApp { app in
            let migration = M0025_CreateWorkflowEventTables()
            try await migration.revert(on: app.db)
            await #expect(throws: (any Error).self) { _ = try await WorkflowMessageSubscriptionRecord.query(on: app.db).count() }
            await #expect(throws: (any Error).self) { _ = try await WorkflowTimerStartRecord.query(on: app.db).count() }
            try await migration.prepare(on: app.db)
            #expect(try await WorkflowMessageSubscriptionRecord.query(on: app.db).count() == 0)
            #expect(try await WorkflowTimerStartRecord.query(on: app.db).count() == 0)
        }
    }
}

import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

extension EventModels {
    /// Checked every hour from its deployment (R/PT1H); the check goes to whoever deployed it.
    static let hourly = """
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zt="urn:zhengtong:bpmn:1" id="D" targetNamespace="urn:t">
      <process id="hourlyCheck" name="值班巡查" isExecutable="true">
        <startEvent id="Hourly"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></startEvent>
        <userTask id="Check" name="巡查" zt:assign="initiator"/>
        <endEvent id="End"/>
        <sequenceFlow id="f1" sourceRef="Hourly" targetRef="Check"/>
        <sequenceFlow id="f2" sourceRef="Check" targetRef="End"/>
      </process>
    </definitions>
    """
}

@Suite("定时启动：到点按部署人发起，每次只发起一个")
struct WorkflowTimerStartTests {
    @Test("R/PT1H：部署一小时后后台任务以部署人为发起人发起，出现在其待办；同一时刻重复运行不重复发起；停机后补发")
    func hourlyStarts() async throws {
        try await withApp { app in
            // given: 值班巡查 deployed by the process administrator
            let fixture = try await WorkflowFixture.make(on: app, deploy: false)
            let admin = try await makeUser(on: app, unit: fixture.unit, username: "liuy", roles: [.processAdmin])
            let record = try #require(try await EventModels.deploy(EventModels.hourly, by: admin, on: app).first)
            let deployed = try #require(record.createdAt)
            try await WorkflowTimerStarts.ensureScheduled(app: app, at: deployed)
            let worker = JobWorker(app: app, name: "test")

            // when: the job runs before the hour, then after it
            #expect(try await worker.runDue(at: deployed.addingTimeInterval(30 * 60)) == 1)
            #expect(try await EventModels.instances(of: "hourlyCheck", on: app).isEmpty)
            #expect(try await worker.runDue(at: deployed.addingTimeInterval(61 * 60)) == 1)

            // then: one instance, started by the deployer, whose 巡查 is in their 待办
            let started = try await EventModels.instances(of: "hourlyCheck", on: app)
            #expect(started.count == 1)
            #expect(started.first?.$initiator.id == admin.id)
            let tasks = try await APIClient.signIn(app, "liuy").get("/api/v1/tasks?status=open")
            #expect(try tasks.content.get(Int.self, at: "total") == 1)
            #expect(try tasks.content.get(String.self, at: "items", "0", "name") == "巡查")
            #expect(try tasks.content.get(String.self, at: "items", "0", "title").contains("值班巡查"))

            // when: two servers run it at the same moment
            async let one = WorkflowTimerStarts.startDue(app: app, at: deployed.addingTimeInterval(62 * 60))
            async let two = WorkflowTimerStarts.startDue(app: app, at: deployed.addingTimeInterval(62 * 60))
            _ = try await (one, two)
            #expect(try await EventModels.instances(of: "hourlyCheck", on: app).count == 1)

            // when: down for two hours, the job catches up the occurrences it missed, once each
            let caught = try await WorkflowTimerStarts.startDue(app: app, at: deployed.addingTimeInterval(3 * 3600 + 60))
            #expect(caught.count == 2)
            let occurrences = try await WorkflowTimerStartRecord.query(on: app.db).sort(\.$occurrence).all()
            #expect(occurrences.map(\.occurrence) == [1, 2, 3])
            #expect(try await EventModels.instances(of: "hourlyCheck", on: app).count == 3)
            // when: down for a month, it looks back one day only, and starts at most 20 in a run
            let month = deployed.addingTimeInterval(30 * 86400 + 1800)
            #expect(try await WorkflowTimerStarts.startDue(app: app, at: month).count == 20)
            let recent = try await WorkflowTimerStartRecord.query(on: app.db).filter(\.$occurrence > 3).all()
            #expect(recent.count == 20 && recent.allSatisfy { $0.dueAt > month.addingTimeInterval(-86400) })
            let history = try await EventModels.history(try #require(started.first?.id), on: app)
            #expect(history.prefix(2) == ["processStarted", "timerFired"])
        }
    }

    @Test("同一版本、同一开始事件、同一次只能记录一次（数据库唯一约束）")
    func occurrenceIsUnique() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app, deploy: false)
            let admin = try await makeUser(on: app, unit: fixture.unit, username: "liuy", roles: [.processAdmin])
            let record = try #require(try await EventModels.deploy(EventModels.hourly, by: admin, on: app).first)
            func row() throws -> WorkflowTimerStartRecord {
                let row = WorkflowTimerStartRecord()
                row.$definition.id = try record.requireID()
                row.startEvent = "Hourly"
                row.occurrence = 1
                row.dueAt = Date()
                row.createdAt = Date()
                return row
            }
            try await row().create(on: app.db)
            await #expect(throws: (any Error).self) { try await row().create(on: app.db) }
        }
    }

    @Test("系统部署的版本没有发起人：记录原因，不发起，也不每分钟重试")
    func noDeployerNoStart() async throws {
        try await withApp { app in
            _ = try await WorkflowFixture.make(on: app, deploy: false)
            let record = try #require(try await EventModels.deploy(EventModels.hourly, by: nil, on: app).first)
            let deployed = try #require(record.createdAt)
            #expect(try await WorkflowTimerStarts.startDue(app: app, at: deployed.addingTimeInterval(61 * 60)).isEmpty)
            #expect(try await WorkflowTimerStarts.startDue(app: app, at: deployed.addingTimeInterval(62 * 60)).isEmpty)
            let rows = try await WorkflowTimerStartRecord.query(on: app.db).all()
            #expect(rows.count == 1 && rows.first?.instanceID == nil && rows.first?.error == Strings.Workflow.timerStartNoDeployer)
            #expect(try await EventModels.instances(of: "hourlyCheck", on: app).isEmpty)
        }
    }
}

import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengtongApp

/// A unit with a drafter, their department director, a second staff member and the unit's principal,
/// and the test approval process deployed: 拟稿 → 核稿 (director, may return to 拟稿, reminded after
/// two working days) → 签发 (principal) → end.
struct WorkflowFixture {
    var unit: ZhengtongApp.Unit
    var drafter: User
    var director: User
    var colleague: User
    var principal: User

    static let approval = """
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zt="urn:zhengtong:bpmn:1" id="D" targetNamespace="urn:t">
      <process id="testApproval" name="测试审批" isExecutable="true">
        <startEvent id="Start"/>
        <userTask id="Draft" name="拟稿" zt:assign="initiator"/>
        <userTask id="Review" name="核稿" zt:assign="position:director@department" zt:returnTo="Draft" zt:dueIn="P2D"/>
        <boundaryEvent id="Late" attachedToRef="Review" cancelActivity="false" zt:calendar="workdays">
          <timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition>
        </boundaryEvent>
        <serviceTask id="Remind" name="催办" zt:hook="remind"/>
        <endEvent id="RemindEnd"/>
        <userTask id="Sign" name="签发" zt:assign="position:principal@unit" zt:returnTo="Draft,Review"/>
        <endEvent id="End"/>
        <sequenceFlow id="f1" sourceRef="Start" targetRef="Draft"/>
        <sequenceFlow id="f2" sourceRef="Draft" targetRef="Review"/>
        <sequenceFlow id="f3" sourceRef="Review" targetRef="Sign"/>
        <sequenceFlow id="f4" sourceRef="Sign" targetRef="End"/>
        <sequenceFlow id="f5" sourceRef="Late" targetRef="Remind"/>
        <sequenceFlow id="f6" sourceRef="Remind" targetRef="RemindEnd"/>
      </process>
    </definitions>
    """

    static func make(on app: Application, deploy: Bool = true) async throws -> WorkflowFixture {
        let unit = try await makeUnit(on: app, name: "市政府办公室")
        let department = try await makeDepartment(on: app, unit: unit, name: "秘书一科")
        func position(_ code: String) async throws -> UUID {
            try #require(try await Position.query(on: app.db).filter(\.$code == code).first()?.id)
        }
        func person(_ username: String, _ name: String, _ code: String, inDepartment: Bool) async throws -> User {
            let user = try await makeUser(on: app, unit: unit, username: username, name: name, departments: [department])
            try await PeopleService.setMembership(.init(departmentIDs: [try department.requireID()], primaryDepartmentID: department.id,
                                                        positionIDs: [try await position(code)]), for: user, on: app.db)
            return user
        }
        let fixture = WorkflowFixture(
            unit: unit,
            drafter: try await person("huangl", "黄磊", "staff", inDepartment: true),
            director: try await person("zhangw", "张伟", "director", inDepartment: true),
            colleague: try await person("lina", "李娜", "staff", inDepartment: true),
            principal: try await person("wangjg", "王建国", "principal", inDepartment: false))
        if deploy {
            let upload = try await BPMNUpload.read(Data(approval.utf8), on: app.threadPool)
            _ = try await app.write { db in try await WorkflowDefinitions.deploy(upload, hooks: WorkflowHooks(), by: .system("test"), on: db) }
        }
        return fixture
    }

    func actor(_ user: User) -> WorkflowService.Actor {
        WorkflowService.Actor(userID: user.id, audit: AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "test"))
    }

    /// Starts the approval as the drafter.
    func start(on app: Application, title: String = "关于加强安全生产的通知", at now: Date = Date()) async throws -> UUID {
        try await app.workflow.start(processKey: "testApproval", title: title, by: actor(drafter), at: now).instanceID
    }

    /// Starts the approval and completes the drafter's 拟稿, so 核稿 waits for the director.
    func startAtReview(on app: Application, title: String = "关于加强安全生产的通知", at now: Date = Date()) async throws -> UUID {
        let instance = try await start(on: app, title: title, at: now)
        let draft = try await openTask(of: drafter, in: instance, on: app)
        _ = try await app.workflow.perform(.complete(task: draft.engineID, outcome: nil, opinion: nil, variables: [:]), on: instance,
                                           by: actor(drafter), at: now)
        return instance
    }

    /// The open task row of `user` in the instance.
    func openTask(of user: User, in instance: UUID, on app: Application) async throws -> WorkflowTaskRecord {
        try #require(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$assigneeID == user.id)
            .filter(\.$state == "open").first())
    }
}
